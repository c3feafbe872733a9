using System.CommandLine;

namespace EcsPolicy.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        // Console.Out flushes at every line: a report of tens of thousands of lines would be as many write calls.
        // Standard output is buffered instead and flushed once at the end.
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        try
        {
            return Run(args, stdout, Console.Error);
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and directories to check (default: the current directory). Directories are walked (bin, obj, node_modules and .git are skipped; in a CDK cdk.out, only the templates are read).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: " + string.Join(", ", Runner.Formats.Select(f => f.Name)) + ".",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong([.. Runner.Formats.Select(f => f.Name)]);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failLevel = new Option<string>("--fail-level")
        {
            Description = "Exit with 1 when a finding has this severity or higher: error, warning, note or none.",
            DefaultValueFactory = _ => "error",
        };
        failLevel.AcceptOnlyFromAmong("error", "warning", "note", "none");

        var config = new Option<string?>("--config")
        {
            Description = "An .editorconfig-format file of rule severities (dotnet_diagnostic.ECS6007.severity = none), over the .editorconfig and .globalconfig files found beside the inputs.",
        };

        var reportUnused = new Option<bool>("--report-unused-suppressions") { Description = "Report in-file suppressions that cover no finding (ECS0008)." };
        var includeSuppressed = new Option<bool>("--include-suppressed")
        {
            Description = "Write suppressed findings to SARIF with their suppression (GitHub code scanning shows them as open, so they are left out by default).",
        };
        var baseline = new Option<string?>("--baseline") { Description = "Report only the findings that are not in this baseline file (see --write-baseline)." };
        var showBaselined = new Option<bool>("--show-baselined") { Description = "With --baseline, also write the baselined findings to SARIF, marked baselineState: unchanged." };
        var writeBaseline = new Option<string?>("--write-baseline")
        {
            Description = "Record this run's findings in a baseline file, keyed by rule, file and place in the model (not by line).",
        };

        var msbuild = new Option<bool>("--msbuild")
        {
            Description = "Open C# projects and solutions with MSBuild for full semantics. This EVALUATES the project files, which runs code from them and their imports: use it only on repositories you trust. By default C# is read without MSBuild and runs nothing.",
        };
        var showNotes = new Option<bool>("--show-notes")
        {
            Description = "List every note (hardening advice) in the text report. By default it lists errors and warnings and sums notes up one line per rule; other formats always hold every finding.",
        };
        var fix = new Option<bool>("--fix")
        {
            Description = "Apply the safe fixes (as ruff --fix does) to the JSON and YAML inputs: set a value where the file writes it, or add a missing one after its siblings, keeping comments and layout. Prints each change, then reports what remains. A file with a finding that cannot be fixed safely is left as it is, with the reason. C# files are never edited (the analyzer's code fixes do that in the IDE).",
        };
        var unsafeFixes = new Option<bool>("--unsafe-fixes")
        {
            Description = "With --fix, also apply the fixes that may change what a task does (as ruff --unsafe-fixes), e.g. a read-only root filesystem for a container that may write to it. Without it they are only shown.",
        };
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "Exit 0 when no ECS input is found under the paths (by default that is exit 2: a gate that checked nothing must not pass)." };
        var policiesOption = new Option<string?>("--policies") { Description = "A directory of your own policies (YAML files, see docs/custom-policies.md), run with the built-in rules." };

        var check = new Command("check", "Lint ECS task definitions.") { paths, format, output, failLevel, showNotes, config, reportUnused, includeSuppressed, baseline, showBaselined, writeBaseline, policiesOption, msbuild, fix, unsafeFixes, allowEmpty };
        check.SetAction(result =>
        {
            var level = SeverityNames.TryParse(result.GetValue(failLevel), out var parsedLevel) ? parsedLevel : Severity.Error;
            return Runner.Run(
                new CheckSettings
                {
                    Paths = result.GetValue(paths) is { Length: > 0 } given ? given : ["."],
                    AllowEmpty = result.GetValue(allowEmpty),
                    Format = result.GetValue(format) ?? "text",
                    OutputFile = result.GetValue(output),
                    FailLevel = level,
                    ShowNotes = result.GetValue(showNotes),
                    ConfigFile = result.GetValue(config),
                    ReportUnusedSuppressions = result.GetValue(reportUnused),
                    IncludeSuppressed = result.GetValue(includeSuppressed),
                    BaselineFile = result.GetValue(baseline),
                    ShowBaselined = result.GetValue(showBaselined),
                    WriteBaselineFile = result.GetValue(writeBaseline),
                    PoliciesDirectory = result.GetValue(policiesOption),
                    UseMsBuild = result.GetValue(msbuild),
                    Fix = result.GetValue(fix),
                    UnsafeFixes = result.GetValue(unsafeFixes),
                    Progress = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? stderr : null,
                },
                stdout,
                stderr);
        });

        var rules = RuleCommands.Rules(stdout, stderr);
        var explain = RuleCommands.Explain(stdout, stderr);

        var version = new Command("version", "Show the version (as --version does).");
        version.SetAction(_ =>
        {
            stdout.WriteLine(VersionAction.InformationalVersion);
            return Runner.ExitOk;
        });

        var root = new RootCommand("ecs-policy: a linter and policy analyzer for Amazon ECS task definitions.") { check, rules, explain, version };
        VersionAction.Attach(root);
        var parsed = root.Parse(args);
        var errors = parsed.Errors.Select(e => e.Message).ToList();
        if (errors.Count == 0 && parsed.CommandResult.Command == check)
        {
            // An option the parser does not know lands among the paths; a path that really starts with '-' is written ./-x.
            // (Read from the tokens: with --help there may be no path, and the value of a missing argument throws.)
            errors.AddRange((parsed.GetResult(paths)?.Tokens.Select(t => t.Value) ?? []).Where(p => p.StartsWith('-')).Select(p => $"Unrecognized option '{p}'."));
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("ecs-policy: " + error);
            }

            stderr.WriteLine("Run 'ecs-policy --help' for usage.");
            return Runner.ExitUsageOrUnreadable;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
