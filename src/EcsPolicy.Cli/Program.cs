using System.CommandLine;
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
            Description = "Files and directories to check. Directories are walked (bin, obj, node_modules and .git are skipped).",
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
                },
                stdout,
                stderr);
        });

        var root = new RootCommand("ecs-policy: a linter and policy analyzer for Amazon ECS task definitions.") { check };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine("ecs-policy: " + error.Message);
            }

            stderr.WriteLine("Run 'ecs-policy --help' for usage.");
            return Runner.ExitUsageOrUnreadable;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
