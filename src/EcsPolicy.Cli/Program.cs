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
            return Run(args, stdout, Console.Error, !Console.IsOutputRedirected);
        }
        finally
        {
            stdout.Flush();
        }
    }

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    /// <param name="stdoutIsTerminal">Whether <paramref name="stdout"/> is a terminal (colour and source lines with <c>--color auto</c>).</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal = false)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and directories to check (default: the current directory), or - for standard input (see --stdin-filename). Directories are walked, leaving out bin, obj, node_modules, .git and what --exclude or .ecs-policy.yaml excludes; in a CDK cdk.out, only the templates are read.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string[]>("--format", "-f")
        {
            Description = "A report to write, repeatable: FORMAT, or FORMAT:FILE to write it to a file. Formats: " + string.Join(", ", Runner.Formats.Select(f => f.Name)) + ". The one format without a file goes to standard output (or --output); e.g. --format text --format sarif:results.sarif. When standard output is not the text report, the summary line goes to standard error. Default: text.",
            HelpName = "FORMAT[:FILE]",
        };
        var output = new Option<string?>("--output", "-o") { HelpName = "FILE", Description = "Write the report of the format given without a file to this file instead of standard output." };
        var failLevel = new Option<string?>("--fail-level")
        {
            Description = "Exit with 1 when a reported finding has this severity or higher: error (default), warning, note or none.",
        };
        failLevel.AcceptOnlyFromAmong("error", "warning", "note", "none");
        var severity = new Option<string?>("--severity")
        {
            Description = "The lowest severity reported: note, warning or error. Findings below it are left out of every report and of the exit code, and counted in one line of the text report. Without it, every format holds every finding and the text report lists errors and warnings, with a count of the notes.",
        };
        severity.AcceptOnlyFromAmong("note", "warning", "error");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the summary line of the text report." };
        var color = new Option<string>("--color")
        {
            Description = "Colour the text report and show each finding's source line: auto (on a terminal, unless NO_COLOR is set), always or never.",
            DefaultValueFactory = _ => "auto",
        };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        var select = new Option<string[]>("--select")
        {
            Description = "Report only these rules: IDs or ID prefixes, comma-separated and repeatable (ECS1,ECS2001; ALL for every rule). Replaces the select of .ecs-policy.yaml.",
            HelpName = "CODES",
        };
        var ignore = new Option<string[]>("--ignore")
        {
            Description = "Do not report these rules: IDs or ID prefixes, comma-separated and repeatable (ECS6,ECS5001). Added to the ignore of .ecs-policy.yaml. ECS0001 and ECS0009 (a file not checked) cannot be ignored.",
            HelpName = "CODES",
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Leave out the files and folders matching this glob (relative to the current directory; repeatable), e.g. 'legacy/**' or '**/*.generated.json'. Added to the exclude of .ecs-policy.yaml; bin, obj, node_modules and .git are always left out.",
            HelpName = "GLOB",
        };
        var stdinFilename = new Option<string?>("--stdin-filename")
        {
            Description = "With the path '-' (the input read from standard input): the file name that decides its format and is reported, e.g. deploy/task.json; its folder's .ecs-policy.yaml and .editorconfig apply.",
            HelpName = "NAME",
        };
        var configFile = new Option<string?>("--config-file")
        {
            Description = "The .ecs-policy.yaml project configuration to use, instead of the one found from each checked path upward to the repository root.",
            HelpName = "FILE",
        };
        var noConfig = new Option<bool>("--no-config") { Description = "Use no .ecs-policy.yaml project configuration (the command line only)." };

        var config = new Option<string?>("--config")
        {
            HelpName = "FILE",
            Description = "An .editorconfig-format file of rule severities (dotnet_diagnostic.ECS6007.severity = none), over the .editorconfig and .globalconfig files found beside the inputs.",
        };

        var reportUnused = new Option<bool>("--report-unused-suppressions") { Description = "Report in-file suppressions that cover no finding (ECS0008)." };
        var includeSuppressed = new Option<bool>("--include-suppressed")
        {
            Description = "Write suppressed findings to SARIF with their suppression (GitHub code scanning shows them as open, so they are left out by default).",
        };
        var baseline = new Option<string?>("--baseline") { HelpName = "FILE", Description = "Report only the findings that are not in this baseline file (see --write-baseline)." };
        var showBaselined = new Option<bool>("--show-baselined") { Description = "With --baseline, also write the baselined findings to SARIF, marked baselineState: unchanged." };
        var writeBaseline = new Option<string?>("--write-baseline")
        {
            HelpName = "FILE",
            Description = "Record this run's findings in a baseline file, keyed by rule, file and place in the model (not by line).",
        };

        var msbuild = new Option<bool>("--msbuild")
        {
            Description = "Open C# projects and solutions with MSBuild for full semantics. This EVALUATES the project files, which runs code from them and their imports: use it only on repositories you trust. By default C# is read without MSBuild and runs nothing.",
        };
        var showNotes = new Option<bool>("--show-notes")
        {
            Description = "List every note (hardening advice) in the text report, as --severity note does without leaving notes out of the other formats.",
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
        var policiesOption = new Option<string?>("--policies") { HelpName = "DIR", Description = "A directory of your own policies (YAML files, see docs/custom-policies.md), run with the built-in rules." };

        var check = new Command("check", "Lint ECS task definitions.") { paths, format, output, failLevel, severity, quiet, color, showNotes, select, ignore, exclude, stdinFilename, configFile, noConfig, config, reportUnused, includeSuppressed, baseline, showBaselined, writeBaseline, policiesOption, msbuild, fix, unsafeFixes, allowEmpty };
        check.SetAction(result =>
        {
            return Runner.Run(
                new CheckSettings
                {
                    // /dev/stdin is a pipe, which is never read as a file: it means standard input, as '-' does.
                    Paths = result.GetValue(paths) is { Length: > 0 } given ? [.. given.Select(p => p == "/dev/stdin" ? "-" : p)] : ["."],
                    AllowEmpty = result.GetValue(allowEmpty),
                    Formats = result.GetValue(format) is { Length: > 0 } formats ? formats : null,
                    OutputFile = result.GetValue(output),
                    FailLevel = SeverityNames.TryParse(result.GetValue(failLevel), out var level) ? level : null,
                    MinimumSeverity = SeverityNames.TryParse(result.GetValue(severity), out var minimum) ? minimum : null,
                    Quiet = result.GetValue(quiet),
                    Color = result.GetValue(color) ?? "auto",
                    StdoutIsTerminal = stdoutIsTerminal,
                    ShowNotes = result.GetValue(showNotes),
                    Select = result.GetValue(select) is { Length: > 0 } selected ? selected : null,
                    Ignore = result.GetValue(ignore) ?? [],
                    Exclude = result.GetValue(exclude) ?? [],
                    StdinFileName = result.GetValue(stdinFilename),
                    ProjectConfigFile = result.GetValue(configFile),
                    NoProjectConfig = result.GetValue(noConfig),
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
            // An option the parser does not know lands among the paths; a path that really starts with '-' is written ./-x ('-' alone is standard input).
            // (Read from the tokens: with --help there may be no path, and the value of a missing argument throws.)
            errors.AddRange((parsed.GetResult(paths)?.Tokens.Select(t => t.Value) ?? []).Where(p => p.StartsWith('-') && p != "-").Select(p => $"Unrecognized option '{p}'."));
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
