using System.Text.Json;
using System.Text.RegularExpressions;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Docs;

/// <summary>
/// docs/cli.md is the reference of every command, option, configuration key and exit code. It is checked against what the
/// tool itself says (each command's --help, the configuration schema, the exit codes), so the two cannot drift apart.
/// </summary>
public sealed partial class CliReferenceTests
{
    private static readonly string Reference = File.ReadAllText(Repo.PathOf("docs", "cli.md")).ReplaceLineEndings("\n");

    private static readonly string[] CommandNames = ["check", "rules", "explain", "version"];

    public static TheoryData<string> Commands => [.. CommandNames];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_option_of_a_command_is_documented_and_every_documented_option_exists(string command)
    {
        var help = Help(command);
        var section = Section($"## `ecs-policy {command}`");

        Assert.Equal(Options(help), DocumentedOptions(section));
    }

    [Fact]
    public void Every_command_is_documented()
    {
        var commands = CommandLine().Matches(Help(null).Split("Commands:")[1]).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(CommandNames.Order(StringComparer.Ordinal), commands);
    }

    [Fact]
    public void Every_configuration_key_is_documented_and_every_documented_key_exists()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("schemas", "ecs-policy-config.schema.json")));
        var keys = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Where(k => k != "$schema").Order(StringComparer.Ordinal);
        var section = Section("## Configuration file");

        Assert.Equal(keys, FirstColumn(section).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_exit_codes_are_documented()
    {
        var section = Section("## Exit codes");

        Assert.Equal(
            new[] { Runner.ExitOk, Runner.ExitFindings, Runner.ExitUsageOrUnreadable }.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            FirstColumn(section));
    }

    private static string Help(string? command)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, Program.Run(command is null ? ["--help"] : [command, "--help"], stdout, new StringWriter()));
        return stdout.ToString().ReplaceLineEndings("\n");
    }

    // The option names of a help text's "Options:" block, without the help options every command has.
    private static List<string> Options(string help) =>
        [.. help.Split("Options:\n")[1].Split('\n')
            .Select(line => OptionLine().Match(line))
            .Where(m => m.Success)
            .SelectMany(m => m.Groups[1].Value.Split(", "))
            .Where(o => o is not ("-?" or "-h" or "--help"))
            .Order(StringComparer.Ordinal)];

    // The options named in the first column of a section's tables: `--format FORMAT[:FILE]`, `-f`.
    private static List<string> DocumentedOptions(string section) =>
        [.. FirstColumn(section).SelectMany(cell => cell.Split(','))
            .Select(o => o.Trim().Split(' ')[0])
            .Where(o => o.StartsWith('-'))
            .Order(StringComparer.Ordinal)];

    // The code spans of the first column of every table row of a section, in order (an escaped \| is not a cell border).
    private static List<string> FirstColumn(string section) =>
        [.. section.Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| ---", StringComparison.Ordinal))
            .Select(line => line.Replace("\\|", "/", StringComparison.Ordinal).Split('|')[1])
            .Select(cell => string.Join(", ", CodeSpan().Matches(cell).Select(m => m.Groups[1].Value)))
            .Where(cell => cell.Length > 0)];

    private static string Section(string heading)
    {
        var start = Reference.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/cli.md has no section '{heading}'");
        var end = Reference.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? Reference[start..] : Reference[start..end];
    }

    [GeneratedRegex(@"^  ((?:-[^\s,]+, )*-[^\s,]+)(?: <[^>]+>)?(?:\s{2,}|$)")]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"^  ([a-z]+)\s", RegexOptions.Multiline)]
    private static partial Regex CommandLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
