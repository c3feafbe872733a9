using System.CommandLine;
using EcsPolicy.Catalog;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Rules;

namespace EcsPolicy.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs a command line; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and directories to check. Directories are walked (bin, obj, node_modules and .git are skipped; in a CDK cdk.out, only the templates are read).",
            Arity = ArgumentArity.OneOrMore,
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

        var check = new Command("check", "Lint ECS task definitions.") { paths, format, output, failLevel };
        check.SetAction(result =>
        {
            var level = SeverityNames.TryParse(result.GetValue(failLevel), out var parsedLevel) ? parsedLevel : Severity.Error;
            return Runner.Run(
                new CheckSettings
                {
                    Paths = result.GetValue(paths) ?? [],
                    Format = result.GetValue(format) ?? "text",
                    OutputFile = result.GetValue(output),
                    FailLevel = level,
                    Progress = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected ? stderr : null,
                },
                stdout,
                stderr);
        });

        var rules = new Command("rules", "List the rules with their default severity.");
        rules.SetAction(_ =>
        {
            foreach (var rule in RuleCatalog.All)
            {
                stdout.WriteLine($"{rule.Id}  {rule.DefaultSeverity.ToName(),-7}  {rule.Category,-10}  {rule.Title}");
            }

            return Runner.ExitOk;
        });

        var ruleId = new Argument<string>("rule-id") { Description = "A rule ID such as ECS1001." };
        var explain = new Command("explain", "Show a rule's documentation: why it exists, how to fix it, examples.") { ruleId };
        explain.SetAction(result =>
        {
            var id = (result.GetValue(ruleId) ?? "").Trim().ToUpperInvariant();
            if (RuleCatalog.Find(id) is not { } rule)
            {
                stderr.WriteLine($"ecs-policy: no rule '{id}'. Run 'ecs-policy rules' for the list.");
                return Runner.ExitUsageOrUnreadable;
            }

            stdout.Write(RuleDocs.Page(rule));
            return Runner.ExitOk;
        });

        var root = new RootCommand("ecs-policy: a linter and policy analyzer for Amazon ECS task definitions.") { check, rules, explain };
        VersionAction.Attach(root);
        var parsed = root.Parse(args);
        var errors = parsed.Errors.Select(e => e.Message).ToList();
        if (errors.Count == 0 && parsed.CommandResult.Command == check)
        {
            // An option the parser does not know lands among the paths; a path that really starts with '-' is written ./-x.
            errors.AddRange((parsed.GetValue(paths) ?? []).Where(p => p.StartsWith('-')).Select(p => $"Unrecognized option '{p}'."));
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
