using System.Text.Json;
using EcsPolicy.Catalog;
using EcsPolicy.Cli;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// <c>ecs-policy rules</c> and <c>ecs-policy explain</c> as a user sees them: the catalog as a table that fits 100
/// columns, JSON or Markdown, filtered with <c>--select</c>; a rule's page laid out for a terminal; a team's custom
/// policies listed and explained with <c>--policies</c>; every mistake a one-line message and exit code 2.
/// </summary>
public class RuleCommandsTests
{
    private const string Policy = """
        id: ACME001
        title: Images come from the company registry
        severity: error
        help: Push the image to 111122223333.dkr.ecr.us-east-1.amazonaws.com and use it from there.
        rationale: Only images the platform team scans may run.
        help-uri: https://wiki.example.com/acme001
        tags: [supply-chain]
        for-each: containers[*]
        assert: { path: image, matches: '^111122223333\.dkr\.ecr\.' }
        """;

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    [Fact]
    public void Explain_renders_the_rule_page_for_a_terminal()
    {
        var (code, output, error) = Run("explain", "ECS1001");
        Assert.Equal((0, ""), (code, error));
        Assert.DoesNotContain("<!--", output, StringComparison.Ordinal);
        Assert.DoesNotContain("```", output, StringComparison.Ordinal);
        Assert.DoesNotContain("## ", output, StringComparison.Ordinal);
        var lines = Lines(output);
        // The title underlined, then the facts table as aligned columns (its empty header left out).
        Assert.Equal("ECS1001: Invalid Fargate CPU/memory combination", lines[0]);
        Assert.Equal(new string('=', lines[0].Length), lines[1]);
        Assert.Equal(["ID                ECS1001", "Category          Fargate", "Default severity  error"], lines[3..6]);
        Assert.Contains("\nWhy\n---\n\n", output, StringComparison.Ordinal);
        Assert.Contains("\nHow to fix\n----------\n\n", output, StringComparison.Ordinal);
        // A bullet list, and the examples as indented code with their kind above them.
        Assert.Contains(lines, l => l.StartsWith("- AWS ECS Developer Guide", StringComparison.Ordinal));
        Assert.Contains("Task-definition JSON (`example.json`):\n\n    {\n      \"family\": \"orders-api\",\n", output, StringComparison.Ordinal);
        Assert.Contains("    dotnet_diagnostic.ECS1001.severity = warning\n", output, StringComparison.Ordinal);
        // Prose is wrapped to 100 columns; only code keeps its own lines.
        Assert.All(lines.Where(l => !l.StartsWith("    ", StringComparison.Ordinal)), l => Assert.True(l.Length <= RuleCommands.Width, l));
        Assert.DoesNotContain(lines, l => l != l.TrimEnd());
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_IDs_are_case_insensitive_and_the_output_is_stable()
    {
        var upper = Run("explain", "ECS6002");
        Assert.Equal(0, upper.Code);
        Assert.Equal(upper, Run("explain", "ecs6002"));
        Assert.Equal(upper, Run("explain", " Ecs6002 "));
    }

    [Fact]
    public void Every_rule_page_renders_without_markup_left_over()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var (code, output, _) = Run("explain", rule.Id);
            Assert.Equal(0, code);
            Assert.StartsWith(rule.Id + ": " + rule.Title + "\n", output, StringComparison.Ordinal);
            Assert.DoesNotContain("<!--", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\n#", output, StringComparison.Ordinal);
            Assert.DoesNotContain("|---", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Explain_as_markdown_is_the_docs_page_without_the_generator_comment()
    {
        var (code, output, error) = Run("explain", "ecs1001", "--format", "markdown");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(RuleDocs.ExplainPage(RuleCatalog.Get("ECS1001")), output);
        Assert.StartsWith("# ECS1001: Invalid Fargate CPU/memory combination\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", output, StringComparison.Ordinal);
        Assert.Contains("```json\n", output, StringComparison.Ordinal);
        Assert.Contains("## How to fix\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_as_json_is_the_rule_metadata()
    {
        var (code, output, error) = Run("explain", "ECS1001", "--format", "json");
        Assert.Equal((0, ""), (code, error));
        var rule = RuleCatalog.Get("ECS1001");
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("ECS1001", root.GetProperty("id").GetString());
        Assert.Equal(rule.Title, root.GetProperty("title").GetString());
        Assert.Equal("Fargate", root.GetProperty("category").GetString());
        Assert.Equal("error", root.GetProperty("defaultSeverity").GetString());
        Assert.Equal(rule.Tags, root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal(rule.Rationale, root.GetProperty("rationale").GetString());
        Assert.Equal(rule.Help, root.GetProperty("help").GetString());
        Assert.Equal(rule.HelpUri, root.GetProperty("helpUri").GetString());
        Assert.False(root.GetProperty("custom").GetBoolean());
        Assert.Equal(rule.Bad.Count, root.GetProperty("badExamples").GetArrayLength());
        Assert.Equal(rule.Bad[0].CleanText, root.GetProperty("badExamples")[0].GetProperty("text").GetString());
        // Indented with '\n', the same bytes at every run.
        Assert.StartsWith("{\n  \"id\": \"ECS1001\",\n", output, StringComparison.Ordinal);
        Assert.Equal(output, Run("explain", "ECS1001", "--format", "json").Out);
    }

    [Theory]
    [InlineData("ECS9999", "ecs-policy: no rule 'ECS9999'. Run 'ecs-policy rules' for the list.")]
    [InlineData("ecs101", "ecs-policy: no rule 'ecs101'. Did you mean ECS1001? Run 'ecs-policy rules' for the list.")]
    [InlineData("ACME001", "ecs-policy: no rule 'ACME001'. Run 'ecs-policy rules' for the list.")]
    public void An_unknown_rule_is_a_one_line_error_with_exit_code_2(string id, string message)
    {
        Assert.Equal((2, "", message + "\n"), Run("explain", id));
    }

    [Fact]
    public void An_unknown_format_is_a_usage_error()
    {
        var (code, output, error) = Run("explain", "ECS1001", "--format", "html");
        Assert.Equal((2, ""), (code, output));
        Assert.StartsWith("ecs-policy: Argument 'html' not recognized.", error, StringComparison.Ordinal);
        Assert.Equal(2, Run("rules", "--format", "text").Code);
    }

    [Fact]
    public void The_rules_table_fits_100_columns_with_one_line_per_rule()
    {
        var (code, output, error) = Run("rules");
        Assert.Equal((0, ""), (code, error));
        var lines = Lines(output);
        Assert.Equal("ID       SEVERITY  CATEGORY      TITLE", lines[0]);
        Assert.Equal("ECS0007  note      Suppressions  Suppression without a reason", lines.Single(l => l.StartsWith("ECS0007", StringComparison.Ordinal)));
        Assert.All(lines, l => Assert.True(l.Length <= RuleCommands.Width, l));
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), lines.Skip(1).Select(l => l.Split(' ')[0]));
        // The columns line up: each line's title starts where the header's does.
        var titleColumn = lines[0].IndexOf("TITLE", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.True(l[titleColumn - 1] == ' ' && l[titleColumn] != ' ', l));
    }

    [Fact]
    public void Select_lists_only_the_rules_of_its_codes()
    {
        var (code, output, error) = Run("rules", "--select", "ECS6");
        Assert.Equal((0, ""), (code, error));
        var ids = Lines(output).Skip(1).Select(l => l.Split(' ')[0]).ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Where(id => id.StartsWith("ECS6", StringComparison.Ordinal)), ids);
        Assert.NotEmpty(ids);

        // Comma-separated and repeatable, any case; ECS0001 is listed only when asked for.
        var several = Run("rules", "--select", "ecs6001,ECS1001", "--select", "ECS2", "--format", "json");
        Assert.Equal(0, several.Code);
        using var doc = JsonDocument.Parse(several.Out);
        var listed = doc.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Where(id => id is "ECS6001" or "ECS1001" || id.StartsWith("ECS2", StringComparison.Ordinal)), listed);
    }

    [Fact]
    public void A_select_code_that_matches_no_rule_is_an_error()
    {
        Assert.Equal(
            (2, "", "ecs-policy: --select ECS9 matches no rule; run 'ecs-policy rules' for the list.\necs-policy: --select ECS99 matches no rule; run 'ecs-policy rules' for the list.\n"),
            Run("rules", "--select", "ECS9,ECS6", "--select", "ecs99"));
    }

    [Fact]
    public void Rules_as_json_is_an_array_of_rule_metadata()
    {
        var (code, output, error) = Run("rules", "--format", "json");
        Assert.Equal((0, ""), (code, error));
        using var doc = JsonDocument.Parse(output);
        var rules = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), rules.Select(r => r.GetProperty("id").GetString()!));
        var first = rules[0];
        Assert.Equal(RuleCatalog.Get("ECS0001").Title, first.GetProperty("title").GetString());
        Assert.Equal("error", first.GetProperty("defaultSeverity").GetString());
        Assert.Equal("Input", first.GetProperty("category").GetString());
        // The list leaves the examples to explain.
        Assert.False(first.TryGetProperty("badExamples", out _));
    }

    [Fact]
    public void Rules_as_markdown_is_a_table_with_links()
    {
        var (code, output, error) = Run("rules", "--format", "markdown", "--select", "ECS1001");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(
            "| ID | Severity | Category | Title |\n|---|---|---|---|\n"
            + "| [ECS1001](" + RuleCatalog.HelpUriOf("ECS1001") + ") | error | Fargate | Invalid Fargate CPU/memory combination |\n",
            output);
    }

    [Fact]
    public void Custom_policies_are_listed_and_explained()
    {
        using var tree = new TempTree();
        tree.Write("policies/registry.yaml", Policy);
        tree.Write("policies/long/memory.yaml", """
            id: ACME002
            title: A title far longer than the table's column can hold, so that it is wrapped onto the next lines of the table without breaking the columns
            severity: warning
            help: Lower the container's memory.
            for-each: containers[*]
            assert: { path: memory, lte: 4096 }
            """);
        var policies = Path.Combine(tree.Root, "policies");

        var (code, output, error) = Run("rules", "--policies", policies);
        Assert.Equal((0, ""), (code, error));
        var lines = Lines(output);
        Assert.Equal(["ACME001  error     Custom        Images come from the company registry"], lines.Where(l => l.StartsWith("ACME001", StringComparison.Ordinal)));
        var at = Array.FindIndex(lines, l => l.StartsWith("ACME002", StringComparison.Ordinal));
        Assert.StartsWith("ACME002  warning   Custom        A title far longer", lines[at], StringComparison.Ordinal);
        Assert.StartsWith(new string(' ', lines[0].IndexOf("TITLE", StringComparison.Ordinal)) + "wrapped", lines[at + 1], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= RuleCommands.Width, l));
        // Policies sort with the rules by ID: ACME before ECS.
        Assert.Equal("ACME001", lines[1].Split(' ')[0]);

        Assert.Equal(["ACME001", "ACME002"], Lines(Run("rules", "--policies", policies, "--select", "ACME").Out).Skip(1).Where(l => !l.StartsWith(' ')).Select(l => l.Split(' ')[0]));

        var explained = Run("explain", "acme001", "--policies", policies);
        Assert.Equal((0, ""), (explained.Code, explained.Err));
        var page = Lines(explained.Out);
        Assert.Equal("ACME001: Images come from the company registry", page[0]);
        Assert.Contains("Category          Custom", page);
        Assert.Contains("Help              https://wiki.example.com/acme001", page);
        Assert.Contains("Only images the platform team scans may run.", page);
        Assert.Contains("Push the image to 111122223333.dkr.ecr.us-east-1.amazonaws.com and use it from there.", page);
        Assert.Contains("    dotnet_diagnostic.ACME001.severity = warning", page);

        var json = Run("explain", "ACME001", "--policies", policies, "--format", "json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.True(doc.RootElement.GetProperty("custom").GetBoolean());
        Assert.Equal("https://wiki.example.com/acme001", doc.RootElement.GetProperty("helpUri").GetString());
        Assert.Equal(["supply-chain"], doc.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // A policy without a rationale: its help is said once, under "How to fix".
        var page2 = Run("explain", "ACME002", "--policies", policies).Out;
        Assert.DoesNotContain("\nWhy\n", page2, StringComparison.Ordinal);
        Assert.Contains("How to fix\n----------\n\nLower the container's memory.\n", page2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_policy_folder_is_an_error_with_the_file_and_line()
    {
        using var tree = new TempTree();
        var file = tree.Write("policies/bad.yaml", "id: ACME001\ntitle: Broken\nseverity: loud\nhelp: h\nassert: { path: image, exists: true }\n");
        var (code, output, error) = Run("rules", "--policies", Path.Combine(tree.Root, "policies"));
        Assert.Equal((2, ""), (code, output));
        var lines = Lines(error);
        Assert.StartsWith(file + "(3,", lines[0], StringComparison.Ordinal);
        Assert.Contains("): error: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("ecs-policy: 1 error(s) in the policies; no rule was listed.", lines[^1]);

        var missing = Path.Combine(tree.Root, "nowhere");
        Assert.Equal((2, "", $"ecs-policy: the policies directory {missing} does not exist.\n"), Run("explain", "ECS1001", "--policies", missing));
    }

    [Fact]
    public void Check_writes_the_policies_rule_metadata_to_sarif()
    {
        using var tree = new TempTree();
        tree.Write("policies/registry.yaml", Policy);
        var task = tree.Write("task.json", """{ "family": "web", "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512 }] }""");
        var (code, output, _) = Run("check", task, "--policies", Path.Combine(tree.Root, "policies"), "--format", "sarif");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var rule = Assert.Single(rules, r => r.GetProperty("id").GetString() == "ACME001");
        Assert.Equal("Images come from the company registry", rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("Only images the platform team scans may run.", rule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("https://wiki.example.com/acme001", rule.GetProperty("helpUri").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Contains("Push the image to 111122223333", rule.GetProperty("help").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_terminal_renderer_lays_out_markdown_without_markup()
    {
        var text = TerminalMarkdown.Render("""
            <!-- a comment for the editor -->
            # Title

            Some *emphasis*, `code` and a [link](https://example.com/x), <https://example.com/y>.

            1. first
            2. second
               - nested

            > quoted

            | Name | Value |
            |---|---|
            | `a` | 1 |
            | longer | 22 |

            ```sh
            echo hi
            ```
            """, 40);
        Assert.Equal("""
            Title
            =====

            Some emphasis, `code` and a link
            (https://example.com/x),
            https://example.com/y.

            1. first
            2. second
               - nested

            > quoted

            Name    Value
            ------  -----
            a       1
            longer  22

                echo hi

            """.ReplaceLineEndings("\n"), text);
    }
}
