using System.Globalization;
using System.Text.RegularExpressions;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Outputs;

/// <summary>
/// The text report as a person reads it: colour, source snippets with carets, the count of findings not listed, quiet,
/// baseline counts. Reports are built directly, so that each case says exactly which file text and which span it shows.
/// </summary>
public sealed partial class TextOutputTests
{
    private const string Summary = "0 error(s), 0 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s).\n";

    private static Finding At(string rule, Severity severity, int line, int column, int endLine, int endColumn, string message = "Message.") =>
        new(rule, severity, message, new SourceLocation("task.json", line, column, endLine, endColumn), "/x");

    private static Finding At(string rule, Severity severity, int line, int column, int length = 1) =>
        At(rule, severity, line, column, line, column + length);

    private static string Write(
        IReadOnlyList<Finding> findings,
        string? text = null,
        Severity minimum = Severity.Note,
        bool color = false,
        bool snippets = false,
        bool quiet = false,
        int hiddenBelow = 0,
        int baselineHidden = 0,
        int baselineStale = 0,
        IReadOnlyList<Finding>? notCounted = null,
        List<string>? reads = null)
    {
        var report = new RunReport
        {
            Files = [new FileResult("task.json", true, 1, findings, [])],
            Findings = findings,
            NotCounted = notCounted ?? [],
            RulesRun = [],
            Severities = findings.Select(f => f.RuleId).Distinct().ToDictionary(id => id, id => Severity.Error, StringComparer.Ordinal),
            RootDirectory = "/root",
            ToolVersion = "1.0.0",
            TextMinimum = minimum,
            Color = color,
            Snippets = snippets,
            Quiet = quiet,
            HiddenBelowSeverity = hiddenBelow,
            BaselineHidden = baselineHidden,
            BaselineStale = baselineStale,
            ReadText = path =>
            {
                reads?.Add(path);
                return path == "task.json" ? text : null;
            },
        };
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new TextOutput().Write(report, writer);
        return writer.ToString();
    }

    /// <summary>The lines of the report from the first finding's snippet on (after its finding line), up to the summary.</summary>
    private static string[] Snippet(string output) => output.Split('\n')[1..^2];

    [GeneratedRegex("\u001B\\[[0-9;]*m")]
    private static partial Regex Sgr();

    [Fact]
    public void Colour_paints_the_path_severity_and_id_and_nothing_else()
    {
        var findings = new[] { At("ECS2001", Severity.Error, 3, 5), At("ECS6007", Severity.Warning, 4, 7), At("ECS6003", Severity.Note, 5, 9) };

        var plain = Write(findings);
        var coloured = Write(findings, color: true);

        Assert.Equal(
            "task.json(3,5): error ECS2001: Message.\n"
            + "task.json(4,7): warning ECS6007: Message.\n"
            + "task.json(5,9): note ECS6003: Message.\n"
            + "1 error(s), 1 warning(s), 1 note(s) in 1 task definition(s) from 1 file(s).\n",
            plain);
        Assert.Equal(
            "\u001B[1mtask.json(3,5)\u001B[0m: \u001B[1m\u001B[31merror\u001B[0m \u001B[31mECS2001\u001B[0m: Message.\n"
            + "\u001B[1mtask.json(4,7)\u001B[0m: \u001B[1m\u001B[33mwarning\u001B[0m \u001B[33mECS6007\u001B[0m: Message.\n"
            + "\u001B[1mtask.json(5,9)\u001B[0m: \u001B[1m\u001B[36mnote\u001B[0m \u001B[36mECS6003\u001B[0m: Message.\n"
            + "1 error(s), 1 warning(s), 1 note(s) in 1 task definition(s) from 1 file(s).\n",
            coloured);
        Assert.Equal(plain, Sgr().Replace(coloured, ""));
    }

    [Fact]
    public void A_snippet_shows_the_line_with_carets_under_the_span()
    {
        const string text = "{\n  \"containerDefinitions\": [\n    { \"name\": \"web\", \"image\": \"nginx\" }\n  ]\n}\n";

        var output = Write([At("ECS6007", Severity.Warning, 3, 22, 7)], text, snippets: true);

        Assert.Equal(
            "task.json(3,22): warning ECS6007: Message.\n"
            + " 3 |     { \"name\": \"web\", \"image\": \"nginx\" }\n"
            + "   |                      ^^^^^^^\n"
            + "0 error(s), 1 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s).\n",
            output);
    }

    [Fact]
    public void Snippets_with_colour_paint_the_gutter_and_the_carets_only()
    {
        const string text = "{\n  \"image\": \"nginx\"\n}\n";

        var output = Write([At("ECS6007", Severity.Warning, 2, 12, 7)], text, color: true, snippets: true);

        Assert.Equal(
            "\u001B[34m 2 | \u001B[0m  \"image\": \"nginx\"\n"
            + "\u001B[34m   | \u001B[0m           \u001B[33m^^^^^^^\u001B[0m",
            string.Join('\n', Snippet(output)));
        Assert.Equal(Write([At("ECS6007", Severity.Warning, 2, 12, 7)], text, snippets: true), Sgr().Replace(output, ""));
    }

    [Fact]
    public void The_gutter_is_as_wide_as_the_line_number()
    {
        var text = string.Concat(Enumerable.Repeat("x\n", 99)) + "  \"image\": \"nginx\"\n";

        var output = Write([At("ECS6007", Severity.Warning, 100, 3, 7)], text, snippets: true);

        Assert.Equal([" 100 |   \"image\": \"nginx\"", "     |   ^^^^^^^"], Snippet(output));
    }

    [Fact]
    public void Tabs_show_as_four_spaces_and_the_carets_follow()
    {
        // Column 3 is the quote after two tabs (columns count UTF-16 units, a tab is one).
        var output = Write([At("ECS6007", Severity.Warning, 1, 3, 7)], "\t\t\"image\":\t\"nginx\"", snippets: true);

        Assert.Equal([" 1 |         \"image\":    \"nginx\"", "   |         ^^^^^^^"], Snippet(output));
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_not_shown()
    {
        var output = Write([At("ECS6007", Severity.Warning, 1, 1, 1), At("ECS6007", Severity.Warning, 2, 3, 5)], "\uFEFF{\r\n  \"image\": 1\r\n}\r\n", snippets: true);

        Assert.Equal(
            "task.json(1,1): warning ECS6007: Message.\n"
            + " 1 | {\n"
            + "   | ^\n"
            + "task.json(2,3): warning ECS6007: Message.\n"
            + " 2 |   \"image\": 1\n"
            + "   |   ^^^^^\n",
            string.Concat(output.Split('\n')[..^2].Select(l => l + "\n")));
        Assert.DoesNotContain("\r", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_and_astral_characters_take_their_cells()
    {
        // "名前" takes two cells each; the emoji is two UTF-16 units and two cells; the combining acute accent none.
        const string line = "{\"名前\": \"😀e\u0301x\"}";
        var column = line.IndexOf('x', StringComparison.Ordinal) + 1;

        var output = Write([At("ECS6007", Severity.Warning, 1, column, 1)], line, snippets: true);
        var emoji = Write([At("ECS6007", Severity.Warning, 1, line.IndexOf("😀", StringComparison.Ordinal) + 1, 2)], line, snippets: true);

        Assert.Equal([" 1 | " + line, "   | " + new string(' ', 13) + "^"], Snippet(output));
        Assert.Equal("   | " + new string(' ', 10) + "^^", Snippet(emoji)[1]);
    }

    [Fact]
    public void A_long_minified_line_shows_a_window_around_the_column()
    {
        // One line of about a megabyte, the span in the middle: 40 characters before it, 100 in all, an ellipsis each side.
        var before = new string('a', 500_000);
        var after = new string('b', 500_000);
        var line = "{\"x\":\"" + before + "\",\"image\":\"nginx\",\"y\":\"" + after + "\"}";
        var column = line.IndexOf("\"image\"", StringComparison.Ordinal) + 1;

        var output = Write([At("ECS6007", Severity.Warning, 1, column, 7)], line, snippets: true);

        var snippet = Snippet(output);
        var window = line.Substring(column - 1 - SourceSnippets.Before, SourceSnippets.Window);
        Assert.Equal(" 1 | …" + window + "…", snippet[0]);
        Assert.Equal("   | " + new string(' ', 1 + SourceSnippets.Before) + "^^^^^^^", snippet[1]);
        Assert.True(output.Length < 500, "the report never holds the whole line");
    }

    [Fact]
    public void A_window_at_the_start_or_end_of_a_long_line_has_one_ellipsis()
    {
        var line = "\"image\"" + new string('b', 300);

        var start = Snippet(Write([At("ECS6007", Severity.Warning, 1, 1, 7)], line, snippets: true));
        var end = Snippet(Write([At("ECS6007", Severity.Warning, 1, line.Length, 1)], line, snippets: true));

        Assert.Equal(" 1 | " + line[..SourceSnippets.Window] + "…", start[0]);
        Assert.Equal("   | ^^^^^^^", start[1]);
        Assert.Equal(" 1 | …" + line[^SourceSnippets.Window..], end[0]);
        Assert.Equal("   | " + new string(' ', SourceSnippets.Window) + "^", end[1]);
    }

    [Fact]
    public void A_span_over_several_lines_has_carets_to_the_end_of_its_first_line()
    {
        const string text = "command: >\n  run\n  this\n";

        var output = Write([At("ECS6007", Severity.Warning, 1, 9, 3, 7)], text, snippets: true);

        Assert.Equal([" 1 | command: >", "   |         ^^"], Snippet(output));
    }

    [Fact]
    public void An_empty_span_has_one_caret_even_at_the_end_of_the_line()
    {
        var inside = Write([At("ECS6007", Severity.Warning, 1, 3, 1, 3)], "{ }", snippets: true);
        var atEnd = Write([At("ECS6007", Severity.Warning, 1, 4, 1, 4)], "{ }", snippets: true);

        Assert.Equal("   |   ^", Snippet(inside)[1]);
        Assert.Equal("   |    ^", Snippet(atEnd)[1]);
    }

    [Fact]
    public void No_snippet_without_a_line_or_a_readable_file_and_each_file_is_read_once()
    {
        var reads = new List<string>();
        var findings = new[]
        {
            At("ECS0001", Severity.Error, 0, 0, 0, 0),
            At("ECS6007", Severity.Warning, 1, 1, 1),
            At("ECS6007", Severity.Warning, 2, 1, 1),
            At("ECS6007", Severity.Warning, 9, 1, 1),
            new Finding("ECS6007", Severity.Warning, "Message.", new SourceLocation("gone.json", 1, 1, 1, 2), "/x"),
            new Finding("ECS6007", Severity.Warning, "Message.", new SourceLocation("gone.json", 2, 1, 2, 2), "/x"),
        };

        var output = Write(findings, "a\nb\n", snippets: true, reads: reads);

        Assert.Equal(
            "task.json(0,0): error ECS0001: Message.\n"
            + "task.json(1,1): warning ECS6007: Message.\n"
            + " 1 | a\n"
            + "   | ^\n"
            + "task.json(2,1): warning ECS6007: Message.\n"
            + " 2 | b\n"
            + "   | ^\n"
            + "task.json(9,1): warning ECS6007: Message.\n"
            + "gone.json(1,1): warning ECS6007: Message.\n"
            + "gone.json(2,1): warning ECS6007: Message.\n",
            string.Concat(output.Split('\n')[..^2].Select(l => l + "\n")));
        Assert.Equal(["task.json", "gone.json"], reads);
    }

    [Fact]
    public void Control_characters_in_the_source_line_are_escaped_and_the_carets_follow()
    {
        // The escape takes six cells: the caret under "b" is at 6 + 6 + 6.
        var output = Write([At("ECS6007", Severity.Warning, 1, 14, 3)], "\"a\": \"\u001B[2J\", \"b\": 1", snippets: true);

        Assert.Equal([" 1 | \"a\": \"\\u001B[2J\", \"b\": 1", "   | " + new string(' ', 18) + "^^^"], Snippet(output));
    }

    [Fact]
    public void Findings_about_secrets_never_show_the_line_nor_does_any_finding_on_it()
    {
        // ECS3001 (a plaintext secret) and ECS3006 (AWS keys) point at lines holding the value; another rule's finding on
        // the same line (minified files are one line) shows no snippet either, a finding on another line does.
        const string key = "AKIAIOSFODNN7EXAMPLE";
        // In YAML the value is on the line after the name ECS3006 points at, so the lines on either side are withheld too.
        var text = "{\"name\": \"TOKEN\", \"value\": \"" + key + "\"}\n\n- Name: AWS_SECRET_ACCESS_KEY\n  Value: wJalrXUtnFEMI\n\n\"image\": \"nginx\"\n";
        var findings = new[]
        {
            At("ECS3001", Severity.Error, 1, 29, 20),
            At("ECS6007", Severity.Warning, 1, 2, 6),
            At("ECS3006", Severity.Error, 3, 9, 21),
            At("ECS6007", Severity.Warning, 4, 10, 13),
            At("ECS6007", Severity.Warning, 6, 1, 7),
        };

        var output = Write(findings, text, snippets: true);

        Assert.DoesNotContain(key, output, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", output, StringComparison.Ordinal);
        Assert.Equal(
            "task.json(1,29): error ECS3001: Message.\n"
            + "task.json(1,2): warning ECS6007: Message.\n"
            + "task.json(3,9): error ECS3006: Message.\n"
            + "task.json(4,10): warning ECS6007: Message.\n"
            + "task.json(6,1): warning ECS6007: Message.\n"
            + " 6 | \"image\": \"nginx\"\n"
            + "   | ^^^^^^^\n",
            string.Concat(output.Split('\n')[..^2].Select(l => l + "\n")));
    }

    [Fact]
    public void A_secret_finding_that_is_not_listed_still_withholds_its_line()
    {
        // Suppressed in the file (kept only for SARIF) or below the minimum: the value is on the line all the same.
        var text = "{\"value\": \"AKIAIOSFODNN7EXAMPLE\", \"image\": \"nginx\"}";
        var suppressed = At("ECS3001", Severity.Error, 1, 12, 20) with { SuppressedBy = new FindingSuppression("test key", default) };

        var output = Write([At("ECS6007", Severity.Warning, 1, 34, 7)], text, snippets: true, notCounted: [suppressed]);
        var belowMinimum = Write([At("ECS3001", Severity.Note, 1, 12, 20), At("ECS6007", Severity.Warning, 1, 34, 7)], text, Severity.Warning, snippets: true);

        Assert.DoesNotContain("AKIA", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA", belowMinimum, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_below_the_minimum_are_counted_in_one_line()
    {
        var findings = new[] { At("ECS2001", Severity.Error, 1, 1), At("ECS6007", Severity.Warning, 2, 1), At("ECS6003", Severity.Note, 3, 1), At("ECS6002", Severity.Note, 4, 1) };

        Assert.Equal(
            "task.json(1,1): error ECS2001: Message.\n"
            + "task.json(2,1): warning ECS6007: Message.\n"
            + "2 note(s) not shown; --severity note lists them.\n"
            + "1 error(s), 1 warning(s), 2 note(s) in 1 task definition(s) from 1 file(s).\n",
            Write(findings, minimum: Severity.Warning));

        // An explicit --severity drops findings from every report; the one line counts them too.
        Assert.Equal(
            "task.json(1,1): error ECS2001: Message.\n"
            + "4 warning(s) and note(s) not shown; --severity note lists them.\n"
            + "1 error(s), 0 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s).\n",
            Write(findings[..1], minimum: Severity.Error, hiddenBelow: 4));
        Assert.Equal(
            "3 note(s) not shown; --severity note lists them.\n" + Summary,
            Write([], minimum: Severity.Warning, hiddenBelow: 3));
        Assert.Equal(Summary, Write([], minimum: Severity.Warning));
    }

    [Fact]
    public void Quiet_writes_the_summary_line_only()
    {
        var findings = new[] { At("ECS2001", Severity.Error, 1, 1), At("ECS6003", Severity.Note, 3, 1) };

        var output = Write(findings, "a\nb\nc\n", Severity.Warning, color: true, snippets: true, quiet: true, hiddenBelow: 2, baselineHidden: 1);

        Assert.Equal("1 error(s), 0 warning(s), 1 note(s) in 1 task definition(s) from 1 file(s); 1 finding(s) hidden by the baseline.\n", output);
    }

    [Fact]
    public void The_summary_counts_what_the_baseline_hid_and_its_stale_entries()
    {
        const string Start = "0 error(s), 0 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s)";

        Assert.Equal(Start + "; 7 finding(s) hidden by the baseline, 2 baseline entr(y/ies) stale (--write-baseline rewrites it).\n", Write([], baselineHidden: 7, baselineStale: 2));
        Assert.Equal(Start + "; 7 finding(s) hidden by the baseline.\n", Write([], baselineHidden: 7));
        Assert.Equal(Start + "; 1 baseline entr(y/ies) stale (--write-baseline rewrites it).\n", Write([], baselineStale: 1));
        Assert.Equal(Summary, Write([]));
    }

    [Fact]
    public void Spans_of_real_findings_land_under_their_values_in_json_and_yaml()
    {
        // The readers' columns (UTF-16 units after a byte order mark, CRLF line ends, tabs, wide characters before the span)
        // and the snippet's layout agree: the carets sit under the unpinned image in each format.
        using var tree = new TempTree();
        tree.Write("task.json", "\uFEFF{\r\n\t\"family\": \"web\",\r\n\t\"containerDefinitions\": [\r\n\t\t{ \"name\": \"名前\", \"image\": \"nginx\", \"essential\": true }\r\n\t]\r\n}\r\n");
        tree.Write("template.yaml", "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - { Name: \"😀\", Image: nginx, Essential: true }\n");
        var findings = ReportRun.JsonFindings(tree.Root, tree.Root)
            .Where(f => f.GetProperty("ruleId").GetString() == "ECS6007")
            .Select(f => new Finding(
                "ECS6007",
                Severity.Warning,
                "Message.",
                new SourceLocation(f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32(), f.GetProperty("column").GetInt32(), f.GetProperty("endLine").GetInt32(), f.GetProperty("endColumn").GetInt32()),
                "/x"))
            .ToList();
        var report = new RunReport
        {
            Files = [],
            Findings = findings,
            RulesRun = [],
            Severities = new Dictionary<string, Severity>(),
            RootDirectory = tree.Root,
            ToolVersion = "1.0.0",
            Snippets = true,
            ReadText = path => File.ReadAllText(Path.Combine(tree.Root, path)),
        };
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new TextOutput().Write(report, writer);

        Assert.Equal(
            "task.json(4,28): warning ECS6007: Message.\n"
            + " 4 |         { \"name\": \"名前\", \"image\": \"nginx\", \"essential\": true }\n"
            + "   | " + new string(' ', 8 + 11 + 4 + 12) + "^^^^^^^\n"
            + "template.yaml(6,32): warning ECS6007: Message.\n"
            + " 6 |         - { Name: \"😀\", Image: nginx, Essential: true }\n"
            + "   | " + new string(' ', 19 + 2 + 10) + "^^^^^\n",
            string.Concat(writer.ToString().Split('\n')[..^2].Select(l => l + "\n")));
    }

    [Theory]
    [InlineData("auto", true, null, null, true)]
    [InlineData("auto", true, null, "xterm-256color", true)]
    [InlineData("auto", true, "", null, true)]
    [InlineData("auto", true, "1", null, false)]
    [InlineData("auto", true, null, "dumb", false)]
    [InlineData("auto", false, null, null, false)]
    [InlineData("AUTO", true, null, null, true)]
    [InlineData("always", false, "1", "dumb", true)]
    [InlineData("always", true, null, null, true)]
    [InlineData("never", true, null, null, false)]
    [InlineData("never", false, null, null, false)]
    public void Colour_is_resolved_from_the_mode_the_terminal_and_the_environment(string mode, bool isTerminal, string? noColor, string? term, bool expected)
    {
        Assert.Equal(expected, ColorChoice.Resolve(mode, isTerminal, noColor, term));
    }

    [Theory]
    [InlineData("auto", true, true)]
    [InlineData("never", true, true)]
    [InlineData("always", false, true)]
    [InlineData("auto", false, false)]
    [InlineData("never", false, false)]
    public void Snippets_are_shown_on_a_terminal_or_with_color_always(string mode, bool isTerminal, bool expected)
    {
        Assert.Equal(expected, ColorChoice.Snippets(mode, isTerminal));
    }

    [Fact]
    public void An_unknown_colour_mode_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ColorChoice.Resolve("sometimes", true, null, null));
    }
}
