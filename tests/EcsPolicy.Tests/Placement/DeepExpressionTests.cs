using EcsPolicy.Engine;
using EcsPolicy.Placement;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Placement;

/// <summary>
/// Placement expressions nested or chained far past anything real: the parser stops at <see cref="CqlParser.MaxDepth"/>
/// levels with a located limit (never a stack overflow), the semantic checks walk any length of 'and'/'or' chain, and
/// the rules report an expression too deep to read as not checked (ECS0009, exit 2), not as wrong.
/// </summary>
public class DeepExpressionTests
{
    private const string Reason = "the placement expression nests parentheses and 'not' more than 100 levels deep, which is more than EcsPolicy reads";

    private static string Nested(int depth) => new string('(', depth) + "attribute:a == b" + new string(')', depth);

    [Fact]
    public void A_hundred_thousand_parentheses_stop_at_the_first_one_past_the_limit()
    {
        var result = CqlParser.Parse(Nested(100_000));

        Assert.False(result.Success);
        var error = result.Error!;
        Assert.True(error.IsLimit);
        Assert.Equal((100, 101), (error.Start, error.End));
        Assert.Equal(Reason, error.Message);
    }

    [Fact]
    public void A_hundred_levels_parse_and_one_more_is_the_limit()
    {
        var deepest = CqlParser.Parse(Nested(CqlParser.MaxDepth));
        Assert.True(deepest.Success, deepest.Error?.Message);
        Assert.Empty(CqlSemantics.Check(deepest.Expression!));

        var past = CqlParser.Parse(Nested(CqlParser.MaxDepth + 1));
        Assert.True(past.Error!.IsLimit);
        Assert.Equal(CqlParser.MaxDepth, past.Error.Start);
    }

    [Fact]
    public void Fifty_thousand_nots_stop_at_the_first_one_past_the_limit()
    {
        var text = string.Concat(Enumerable.Repeat("not ", 50_000)) + "attribute:a == b";

        var error = CqlParser.Parse(text).Error!;

        Assert.True(error.IsLimit);
        Assert.Equal((400, 403), (error.Start, error.End));
    }

    [Fact]
    public void A_syntax_error_inside_the_limit_is_still_a_syntax_error()
    {
        var error = CqlParser.Parse("((attribute:a == ))").Error!;

        Assert.False(error.IsLimit);
        Assert.Equal(17, error.Start);
        Assert.StartsWith("Expected a value after '=='", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_semantic_checks_walk_a_chain_of_a_hundred_thousand_terms_in_order()
    {
        var terms = Enumerable.Repeat("attribute:a == b", 100_000).Append("instanceType == t2.small").Prepend("runningTasksCount < many");
        var text = string.Join(" and ", terms);

        var parsed = CqlParser.Parse(text);
        Assert.True(parsed.Success, parsed.Error?.Message);
        var errors = CqlSemantics.Check(parsed.Expression!);

        Assert.Equal(2, errors.Count);
        Assert.Equal(20, errors[0].Start);
        Assert.Contains("whole number", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(text.Length - "instanceType == t2.small".Length, errors[1].Start);
        Assert.StartsWith("Unknown subject 'instanceType'", errors[1].Message, StringComparison.Ordinal);
    }

    private static string Task(string expression) => $$"""
        {
          "family": "web",
          "containerDefinitions": [{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256 }],
          "placementConstraints": [{ "type": "memberOf",
            "expression": "{{expression}}" }]
        }
        """;

    [Fact]
    public void An_expression_too_deep_to_read_is_ECS0009_at_its_first_parenthesis_past_the_limit_not_a_syntax_error()
    {
        // 900 levels: 1,816 characters, within the 2,000 ECS allows.
        var result = Lint.File(Task(Nested(900)));

        Assert.False(result.CheckedCompletely);
        Assert.Empty(result.Findings.Only("ECS4001"));
        Assert.Empty(result.Findings.Only("ECS4002"));
        var gap = Assert.Single(result.Findings.Only("ECS0009"));

        // Line 5, the string's opening quote at column 19: the 101st '(' is column 19 + 1 + 100.
        Assert.Equal((5, 120, 5, 121), (gap.Location.StartLine, gap.Location.StartColumn, gap.Location.EndLine, gap.Location.EndColumn));
        Assert.Equal(Linter.NotCheckedMessage(Reason), gap.Message);
    }

    [Fact]
    public void The_limit_is_reported_when_the_syntax_rule_is_switched_off()
    {
        var options = new LintOptions { SeverityOverrides = new Dictionary<string, Severity> { ["ECS4001"] = Severity.None } };

        var result = Lint.File(Task(Nested(900)), "task.json", options);

        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        Assert.Equal((5, 120), (gap.Location.StartLine, gap.Location.StartColumn));
    }

    [Fact]
    public void The_CLI_exits_2_for_an_expression_too_deep_to_read()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Task(Nested(900)));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();

        var code = EcsPolicy.Cli.Runner.Run(new EcsPolicy.Cli.CheckSettings { Paths = [task], RootDirectory = tree.Root }, stdout, stderr);

        Assert.Equal(2, code);
        Assert.Contains("task.json(5,120): error ECS0009: This part of the file was not checked completely: " + Reason + ".", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_flat_expression_under_the_limit_is_checked()
    {
        // 100 terms in one 'or' chain: 1,996 characters.
        var text = string.Join(" or ", Enumerable.Repeat("attribute:a == b", 100));
        Assert.InRange(text.Length, 1_900, 2_000);

        var result = Lint.File(Task(text));

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        Assert.Empty(result.Findings.Only("ECS4001"));
        Assert.Empty(result.Findings.Only("ECS4002"));
    }
}
