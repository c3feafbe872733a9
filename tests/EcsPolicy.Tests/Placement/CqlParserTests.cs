using EcsPolicy.Placement;

namespace EcsPolicy.Tests.Placement;

public class CqlParserTests
{
    /// <summary>The documented examples (ecs-facts.md section 4.1) and the Terraform one in wide use.</summary>
    [Theory]
    [InlineData("attribute:ecs.instance-type == t2.small")]
    [InlineData("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]")]
    [InlineData("attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d")]
    [InlineData("task:group == service:production")]
    [InlineData("not(task:group == database)")]
    [InlineData("runningTasksCount == 1")]
    [InlineData("agentVersion < 1.14.5")]
    [InlineData("registeredAt < 2018-02-13")]
    [InlineData("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']")]
    [InlineData("attribute:ecs.instance-type == g2.2xlarge")]
    [InlineData("attribute:stack == prod")]
    [InlineData("attribute:stack != prod")]
    [InlineData("attribute:ecs.instance-type in [t2.small, t2.medium]")]
    [InlineData("attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a")]
    [InlineData("attribute:ecs.instance-type =~ t2.*")]
    [InlineData("task:group == databases")]
    [InlineData("attribute:ecs.availability-zone in [us-west-2a, us-west-2b]")]
    public void Documented_examples_parse_and_pass_the_semantic_checks(string expression)
    {
        var result = CqlParser.Parse(expression);
        Assert.True(result.Success, result.Error?.Message);
        Assert.Empty(CqlSemantics.Check(result.Expression!));
    }

    [Theory]
    [InlineData("attribute:a equals b and attribute:c not_equals d")]
    [InlineData("runningTasksCount greater_than 1 or runningTasksCount less_than_equal 5")]
    [InlineData("agentVersion greater_than_equal 1.2.0 && agentVersion less_than 2.0.0")]
    [InlineData("attribute:ecs.instance-type matches t2.* || attribute:x not_matches y.*")]
    [InlineData("attribute:a not_in [x] and attribute:b !in [y]")]
    [InlineData("attribute:a exists and attribute:b !exists and attribute:c not_exists")]
    [InlineData("!(attribute:a == b) and not attribute:c == d")]
    [InlineData("((attribute:a == b or attribute:a == c) and (task:group == g))")]
    [InlineData("registeredAt >= 2018-06-18T22:28:28+00:00 and registeredAt < 2018-06-18T22:28:28Z or registeredAt == 2018-06-18T22:28:28")]
    [InlineData("attribute:stack==prod")]
    [InlineData("attribute:ecs.instance-type =~ (t2|m5)\\.[a-z]+ and not(attribute:x =~ y.*)")]
    public void Both_operator_spellings_and_nesting_are_accepted(string expression)
    {
        var result = CqlParser.Parse(expression);
        Assert.True(result.Success, result.Error?.Message);
        Assert.Empty(CqlSemantics.Check(result.Expression!));
    }

    [Fact]
    public void And_binds_tighter_than_or()
    {
        var tree = CqlParser.Parse("attribute:a == 1 or attribute:b == 2 and attribute:c == 3").Expression;
        var or = Assert.IsType<CqlOr>(tree);
        Assert.IsType<CqlComparison>(or.Left);
        Assert.IsType<CqlAnd>(or.Right);
    }

    [Fact]
    public void Quoted_values_keep_their_text_and_position()
    {
        var list = Assert.IsType<CqlList>(CqlParser.Parse("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']").Expression);
        Assert.Equal(["i-abcd1234", "i-wxyx7890"], list.Values.Select(v => v.Text));
        Assert.Equal(18, list.Values[0].Start);
    }

    /// <summary>Broken expressions and the 1-based column where the error is reported.</summary>
    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("   ", 1, "empty")]
    [InlineData("attribute:ecs.instance-type", 28, "Expected an operator")]
    [InlineData("attribute:ecs.instance-type ==", 31, "Expected a value")]
    [InlineData("attribute:ecs.instance-type = t2.small", 29, "'=' is not an operator")]
    [InlineData("attribute:ecs.instance-type === t2.small", 31, "'=' is not an operator")]
    [InlineData("== t2.small", 1, "Expected a subject")]
    [InlineData("attribute:a == b and", 21, "Expected a subject")]
    [InlineData("attribute:a == b or or attribute:c == d", 21, "Expected a subject")]
    [InlineData("attribute:a == b attribute:c == d", 18, "Unexpected")]
    [InlineData("(attribute:a == b", 18, "Expected ')'")]
    [InlineData("attribute:a == b)", 17, "without a matching '('")]
    [InlineData("()", 2, "Expected a subject")]
    [InlineData("attribute:a in t2.small", 16, "Expected '['")]
    [InlineData("attribute:a in [t2.small", 25, "Expected ',' or ']'")]
    [InlineData("attribute:a in [t2.small,]", 26, "Expected a value in the list")]
    [InlineData("attribute:a in [,t2.small]", 17, "Expected a value in the list")]
    [InlineData("attribute:a in [a b]", 19, "Expected ',' or ']'")]
    [InlineData("ec2InstanceId in ['i-abcd1234, 'i-wxyx7890']", 43, "never closed")]
    [InlineData("attribute:a == 'unterminated", 16, "never closed")]
    [InlineData("attribute:a & attribute:b", 13, "'&' is not an operator")]
    [InlineData("attribute:a == b | attribute:c == d", 18, "'|' is not an operator")]
    [InlineData("not", 4, "Expected a subject")]
    [InlineData("attribute:a == and", 16, "Expected a value")]
    [InlineData("attribute:a exists b", 20, "Unexpected")]
    [InlineData("attribute:a ~= b", 13, "'~' is not an operator")]
    [InlineData("attribute:a == [b]", 16, "Expected a value")]
    [InlineData("and attribute:a == b", 1, "Expected a subject")]
    [InlineData("attribute:a in", 15, "Expected '['")]
    [InlineData("attribute:a == b,", 17, "Unexpected")]
    [InlineData("task:group == a and (task:group == b", 37, "Expected ')'")]
    [InlineData("[a] == b", 1, "Expected a subject")]
    [InlineData("not(attribute:x =~ )", 20, "Expected a value")]
    public void Syntax_errors_are_reported_at_their_column(string expression, int column, string message)
    {
        var result = CqlParser.Parse(expression);
        Assert.False(result.Success);
        Assert.Contains(message, result.Error!.Message);
        Assert.Equal(column, result.Error.Start + 1);
    }

    [Theory]
    [InlineData("instanceType == t2.small", 1, "Unknown subject")]
    [InlineData("Task:group == x", 1, "did you mean 'task:group'")]
    [InlineData("ecs.instance-type == t2.small", 1, "did you mean 'attribute:ecs.instance-type'")]
    [InlineData("attribute: == x", 1, "needs an attribute name")]
    [InlineData("agentVersion in [1.0.0]", 14, "does not support the operator 'in'")]
    [InlineData("registeredAt =~ 2018.*", 14, "does not support")]
    [InlineData("runningTasksCount exists", 19, "does not support")]
    [InlineData("ec2InstanceId > i-1", 15, "does not support")]
    [InlineData("attribute:ecs.instance-type =~ t2.[", 32, "not a valid regular expression")]
    [InlineData("attribute:ecs.instance-type matches (t2", 37, "not a valid regular expression")]
    [InlineData("registeredAt < 2018/02/13", 16, "not a date")]
    [InlineData("registeredAt < 2018-02-30", 16, "not a date")]
    [InlineData("runningTasksCount < many", 21, "whole number")]
    [InlineData("attribute:a in []", 16, "empty")]
    public void Semantic_errors_are_reported_at_their_column(string expression, int column, string message)
    {
        var parsed = CqlParser.Parse(expression);
        Assert.True(parsed.Success, parsed.Error?.Message);
        var error = Assert.Single(CqlSemantics.Check(parsed.Expression!));
        Assert.Contains(message, error.Message);
        Assert.Equal(column, error.Start + 1);
    }

    [Fact]
    public void Java_only_regex_syntax_is_not_reported()
    {
        var parsed = CqlParser.Parse("attribute:x =~ \\Qa.b\\E");
        Assert.Empty(CqlSemantics.Check(parsed.Expression!));
    }
}
