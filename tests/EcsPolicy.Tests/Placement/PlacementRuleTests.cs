using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Placement;

public class PlacementRuleTests
{
    private static string Task(string constraints, string extra = "") => $$"""
        {
          "family": "web",{{extra}}
          "containerDefinitions": [{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 256 }],
          "placementConstraints": {{constraints}}
        }
        """;

    [Fact]
    public void Syntax_error_column_is_inside_the_string_even_after_escapes()
    {
        // \" takes two characters in the file but one in the expression: the column must account for it.
        var json = Task("""[{ "type": "memberOf", "expression": "attribute:stack == \"prod\" && == x" }]""");
        var finding = Assert.Single(Lint.Text(json).Only("ECS4001"));
        var line = json.Split('\n')[3];
        Assert.Equal(4, finding.Location.StartLine);
        Assert.Equal(line.IndexOf("== x", StringComparison.Ordinal) + 1, finding.Location.StartColumn);
        Assert.Contains("at character 30: Expected a subject", finding.Message);
    }

    [Fact]
    public void Semantic_error_points_at_the_offending_operator()
    {
        var json = Task("""[{ "type": "memberOf", "expression": "runningTasksCount =~ 1" }]""");
        var finding = Assert.Single(Lint.Text(json).Only("ECS4002"));
        Assert.Equal(json.Split('\n')[3].IndexOf("=~", StringComparison.Ordinal) + 1, finding.Location.StartColumn);
        Assert.Contains("'runningTasksCount' does not support the operator '=~'", finding.Message);
    }

    [Fact]
    public void A_syntax_error_is_not_also_a_semantic_error()
    {
        var findings = Lint.Text(Task("""[{ "type": "memberOf", "expression": "bogus = 1" }]"""));
        Assert.Single(findings.Only("ECS4001"));
        Assert.Empty(findings.Only("ECS4002"));
    }

    [Fact]
    public void Expressions_over_2000_characters_are_reported_not_parsed()
    {
        var expression = "attribute:a in [" + string.Join(", ", Enumerable.Range(0, 400).Select(i => "v" + i)) + "]";
        Assert.True(expression.Length > 2000);
        var findings = Lint.Text(Task($$"""[{ "type": "memberOf", "expression": "{{expression}}" }]"""));
        Assert.Contains($"is {expression.Length} characters long; the maximum is 2000", Assert.Single(findings.Only("ECS4004")).Message);
        Assert.Empty(findings.Only("ECS4001"));
    }

    [Fact]
    public void Ten_constraints_are_fine_eleven_are_not()
    {
        string Constraints(int n) => "[" + string.Join(", ", Enumerable.Range(0, n).Select(i => $$"""{ "type": "memberOf", "expression": "attribute:a{{i}} exists" }""")) + "]";
        Assert.Empty(Lint.Text(Task(Constraints(10))).Only("ECS4004"));
        var finding = Assert.Single(Lint.Text(Task(Constraints(11))).Only("ECS4004"));
        Assert.Contains("has 11 placement constraints; at most 10", finding.Message);
        Assert.Equal((4, 27), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void Constraints_of_the_task_definition_count_towards_the_service_limit()
    {
        var task = TaskDefinitionJsonLoader.Recognize(Parse(Task("[" + string.Join(", ", Enumerable.Range(0, 6).Select(i => $$"""{ "type": "memberOf", "expression": "attribute:t{{i}} exists" }""")) + "]")))!;
        var serviceJson = """{ "serviceName": "web", "taskDefinition": "web:1", "placementConstraints": [""" + string.Join(", ", Enumerable.Range(0, 5).Select(i => $$"""{ "type": "memberOf", "expression": "attribute:s{{i}} exists" }""")) + "] }";
        var service = Service.Create(Parse(serviceJson), SourceFormat.TaskDefinitionJson, "web", task);
        var finding = Assert.Single(new Linter().Check(service), f => f.RuleId == "ECS4004");
        Assert.Contains("get 11 placement constraints (5 on the service and 6 in its task definition)", finding.Message);
    }

    [Fact]
    public void Fargate_capacity_providers_make_a_service_fargate()
    {
        var findings = Lint.Text("""
            { "serviceName": "api", "taskDefinition": "api:2",
              "capacityProviderStrategy": [{ "capacityProvider": "FARGATE_SPOT", "weight": 1 }, { "capacityProvider": "FARGATE", "base": 1 }],
              "placementConstraints": [{ "type": "memberOf", "expression": "attribute:ecs.availability-zone == us-east-1a" }] }
            """);
        Assert.Contains("not supported for services on Fargate", Assert.Single(findings.Only("ECS4006")).Message);
    }

    [Fact]
    public void A_mixed_capacity_provider_strategy_is_not_known_to_be_fargate()
    {
        var findings = Lint.Text("""
            { "serviceName": "api", "taskDefinition": "api:2",
              "capacityProviderStrategy": [{ "capacityProvider": "FARGATE" }, { "capacityProvider": "my-ec2-provider" }],
              "placementStrategy": [{ "type": "spread", "field": "instanceId" }] }
            """);
        Assert.Empty(findings.Only("ECS4006"));
    }

    [Fact]
    public void Fargate_with_ec2_compatibility_still_rejects_task_constraints()
    {
        var json = Task("""[{ "type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*" }]""", "\n  \"requiresCompatibilities\": [\"EC2\", \"FARGATE\"],");
        Assert.Single(Lint.Text(json).Only("ECS4006"));
    }

    [Fact]
    public void Unknown_expressions_are_not_checked()
    {
        // A bare container list has no constraints at all; a placeholder object stays silent too.
        var findings = Lint.Text(Task("""[{ "type": "memberOf", "expression": { "Fn::Sub": "attribute:x == ${Value}" } }]"""));
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("ECS40", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("binpack", "MEMORY")]
    [InlineData("spread", "instanceId")]
    [InlineData("spread", "host")]
    [InlineData("spread", "attribute:ecs.availability-zone")]
    public void Valid_strategies_pass(string type, string field)
    {
        var findings = Lint.Text($$"""{ "serviceName": "w", "taskDefinition": "w:1", "placementStrategy": [{ "type": "{{type}}", "field": "{{field}}" }] }""");
        Assert.Empty(findings.Only("ECS4005"));
    }

    private static SNode Parse(string json) => JsonTreeReader.Parse("t.json", Encoding.UTF8.GetBytes(json), out _)!;
}
