using System.Text;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Policies;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Policies;

/// <summary>
/// Custom policies never drop out silently: an index too large to read is an error in the policy file (exit 2), a
/// pattern that takes too long on a value and a path walk past the file's budget are ECS0009 at the value (exit 2), and
/// a value that looks like a secret is never quoted in a policy's message, in any output format.
/// </summary>
public class HostilePolicyTests
{
    private static CustomPolicy Policy(string yaml)
    {
        var policy = CustomPolicy.Parse("policy.yaml", yaml, out var errors);
        Assert.Empty(errors);
        return policy!;
    }

    private static FileResult LintWith(string text, CustomPolicy policy, Budget? budget = null) =>
        new Linter(new LintOptions { Rules = [], Policies = [policy] })
            .LintFile("task.json", Encoding.UTF8.GetBytes(text), true, new LoadContext { Budget = budget ?? new Budget() });

    private static (int Code, string Out, string Err) Check(TempTree tree, string format, params string[] paths)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var code = Runner.Run(
            new CheckSettings { Paths = paths, Format = format, RootDirectory = tree.Root, PoliciesDirectory = Path.Combine(tree.Root, "policies") },
            stdout,
            stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("assert: {path: 'containers[99999999999].image', exists: true}\n", 5, 16, "'[99999999999]' in path 'containers[99999999999].image' is too large an index: the largest is 2147483647.")]
    [InlineData("for-each: 'containers[2147483648]'\nassert: {path: image, exists: true}\n", 5, 11, "'[2147483648]' in path 'containers[2147483648]' is too large an index: the largest is 2147483647.")]
    [InlineData("assert: {path: 'containers[٣].image', exists: true}\n", 5, 16, "'containers[٣]' in path 'containers[٣].image' is not a member name optionally followed by [*] or [N].")]
    public void An_index_that_cannot_be_read_is_an_error_at_the_path_and_the_run_stops_with_exit_2(string rest, int line, int column, string message)
    {
        using var tree = new TempTree();
        tree.Write("policies/index.yaml", "id: ACME010\ntitle: t\nseverity: error\nhelp: h\n" + rest);
        var task = tree.Write("task.json", "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 512}]}");

        var (code, output, err) = Check(tree, "text", task);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"index.yaml({line},{column}): error: {message}", err, StringComparison.Ordinal);
        Assert.Contains("ecs-policy: 1 error(s) in the policies; nothing was checked.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_index_is_read_and_selects_nothing_in_a_short_list()
    {
        var policy = Policy("id: ACME011\ntitle: t\nseverity: error\nhelp: h\nassert: {path: 'containers[2147483647].image', equals: x}\n");

        var result = LintWith("{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1.27\"}]}", policy);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        Assert.Empty(result.Findings);
    }

    /// <summary>Two containers whose images make <c>^(a+)+$</c> backtrack exponentially (each would take years).</summary>
    private const string Backtracking = """
        {
          "family": "web",
          "containerDefinitions": [
            { "name": "one", "image": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" },
            { "name": "two", "image": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" },
            { "name": "ok", "image": "b" }
          ]
        }
        """;

    private const string SlowPattern = """
        id: ACME012
        title: Images are all a
        severity: error
        help: Use an image of a.
        for-each: containers[*]
        assert: { path: image, matches: '^(a+)+$' }
        """;

    [Fact]
    public void A_pattern_that_times_out_is_ECS0009_at_the_value_and_the_policy_stops_running_its_patterns_on_the_file()
    {
        var result = LintWith(Backtracking, Policy(SlowPattern));

        Assert.False(result.CheckedCompletely);
        var gaps = result.Findings.Only("ECS0009");
        Assert.Equal(3, gaps.Count);
        Assert.Equal((4, 31), (gaps[0].Location.StartLine, gaps[0].Location.StartColumn));
        Assert.Equal(
            "This part of the file was not checked completely: the 'matches' pattern '^(a+)+$' of custom policy ACME012 took more than 1 second on this value. "
            + "Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.",
            gaps[0].Message);

        // The values after it are not matched at all (each would take as long), and say so where they are.
        Assert.Equal((5, 31), (gaps[1].Location.StartLine, gaps[1].Location.StartColumn));
        Assert.Equal((6, 30), (gaps[2].Location.StartLine, gaps[2].Location.StartColumn));
        Assert.Contains(
            "not checked completely: the 'matches' pattern '^(a+)+$' of custom policy ACME012 was not run on this value: the policy's patterns had already taken more than 1 second on this file.",
            gaps[2].Message,
            StringComparison.Ordinal);

        // Never a pass, and never a finding about a value the pattern did not judge.
        Assert.Empty(result.Findings.Only("ACME012"));
    }

    [Fact]
    public void The_CLI_exits_2_when_a_policy_pattern_timed_out()
    {
        using var tree = new TempTree();
        tree.Write("policies/slow.yaml", SlowPattern);
        var task = tree.Write("task.json", Backtracking);

        var (code, output, err) = Check(tree, "text", task);

        Assert.Equal(2, code);
        Assert.Contains("task.json(4,31): error ECS0009: This part of the file was not checked completely: the 'matches' pattern '^(a+)+$' of custom policy ACME012 took more than 1 second on this value.", output, StringComparison.Ordinal);
        Assert.Contains("was not checked completely", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_walk_past_the_budget_is_ECS0009_at_the_subject_where_it_stopped()
    {
        // One container per line from line 4. The for-each takes one step (the task), each subject two more (its path,
        // then the image it matches): with 1,000 steps, the 1,001st is the match of container #499's image.
        var text = "{\n\"family\": \"web\",\n\"containerDefinitions\": [\n"
            + string.Join(",\n", Enumerable.Range(0, 5_000).Select(i => "{\"name\": \"c" + i + "\", \"image\": \"nginx:1.27\"}"))
            + "\n]\n}\n";
        var policy = Policy("""
            id: ACME013
            title: Images from the registry
            severity: error
            help: Use the registry.
            for-each: containers[*]
            assert: { path: image, matches: '^registry\.example\.com/' }
            """);

        var result = LintWith(text, policy, new Budget(steps: 1_000));

        Assert.False(result.CheckedCompletely);
        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        Assert.Equal((4 + 499, 27), (gap.Location.StartLine, gap.Location.StartColumn));
        Assert.Contains("not checked completely: following the paths of custom policy ACME013 took more than the 1,000 steps one file may take.", gap.Message, StringComparison.Ordinal);

        // The subjects before the budget ran out were judged.
        Assert.Equal(499, result.Findings.Only("ACME013").Count);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("gitlab")]
    [InlineData("junit")]
    public void A_policy_message_never_quotes_a_value_that_looks_like_a_secret_in_any_format(string format)
    {
        using var tree = new TempTree();
        tree.Write("policies/quoted.yaml", """
            id: ACME014
            title: Plain command arguments
            severity: error
            help: Pass options in the environment.
            for-each: containers[*]
            assert: { path: 'command[*]', matches: '^[a-z-]+$' }
            message: "Container '{name}' runs {value}."
            """);
        tree.Write("policies/default.yaml", """
            id: ACME015
            title: Plain command arguments
            severity: warning
            help: Pass options in the environment.
            for-each: containers[*]
            assert: { path: 'command[*]', matches: '^[a-z-]+$' }
            """);
        var task = tree.Write("task.json", """
            {
              "family": "web",
              "containerDefinitions": [
                { "name": "db", "image": "postgres:16", "memory": 512, "command": ["serve", "--password=hunter2xyz"] },
                { "name": "web", "image": "nginx:1.27", "memory": 512, "command": ["run=fast"] }
              ]
            }
            """);

        var (code, output, _) = Check(tree, format, task);

        Assert.Equal(1, code);
        Assert.Contains("ACME014", output, StringComparison.Ordinal);
        Assert.Contains("ACME015", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2xyz", output, StringComparison.Ordinal);

        // A value that does not look like a secret is still quoted.
        Assert.Contains("run=fast", output, StringComparison.Ordinal);
        if (format == "text")
        {
            Assert.Contains("task.json(4,81): error ACME014: Container 'db' runs (value not shown).", output, StringComparison.Ordinal);
            Assert.Contains("task.json(4,81): warning ACME015: Plain command arguments: 'db' does not comply (command[1]). Pass options in the environment.", output, StringComparison.Ordinal);
            Assert.Contains("task.json(5,72): error ACME014: Container 'web' runs run=fast.", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_message_quotes_a_long_value_cut_and_fills_its_placeholders_once()
    {
        var policy = Policy("""
            id: ACME016
            title: t
            severity: error
            help: h
            for-each: containers[*]
            assert: { path: image, matches: '^b' }
            message: "{name} uses {value}"
            """);
        var image = new string('i', 5_000);

        // A template, where a container name such as "{value}" is taken as written (a task-definition JSON file would
        // take it for a placeholder, unknown).
        var template = "Resources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: web\n      ContainerDefinitions:\n        - Name: '{value}'\n          Image: " + image + "\n";
        var result = new Linter(new LintOptions { Rules = [], Policies = [policy] })
            .LintFile("template.yaml", Encoding.UTF8.GetBytes(template), true, new LoadContext { Budget = new Budget() });

        var finding = Assert.Single(result.Findings);
        Assert.Equal("{value} uses " + new string('i', CustomPolicy.QuotedLength) + "…", finding.Message);
    }
}
