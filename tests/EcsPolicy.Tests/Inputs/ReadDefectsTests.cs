using System.Text;
using EcsPolicy.Engine;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// A repeated key or a trailing comma is ECS0001 at its place, and the rest of the file is still checked with the last
/// value: one slip must not hide every other finding in the file.
/// </summary>
public class ReadDefectsTests
{
    private static EcsPolicy.Findings.Severity SeverityOfEcs0001(string path, string text) =>
        Assert.Single(new Linter().LintFile(path, Encoding.UTF8.GetBytes(text), true).Findings, f => f.RuleId == "ECS0001").Severity;

    [Theory]
    [InlineData("template.yaml", "Resources:\n  Task:\n    Type: AWS::ECS::Service\n    Type: AWS::ECS::TaskDefinition\n    Properties: {ContainerDefinitions: [{Name: a, Image: 'nginx:1.27', Memory: 256}]}\n", EcsPolicy.Findings.Severity.Warning)]
    [InlineData("task.json", "{\"family\": \"a\", \"family\": \"b\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"nginx:1.27\", \"memory\": 256}]}", EcsPolicy.Findings.Severity.Warning)]
    [InlineData("task.json", "{\"family\": \"a\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"nginx:1.27\", \"memory\": 256},]}", EcsPolicy.Findings.Severity.Error)]
    [InlineData("copilot/api/manifest.yml", "name: api\ntype: Backend Service\nname: api\nimage:\n  location: nginx:1.27\n", EcsPolicy.Findings.Severity.Error)]
    public void A_repeated_key_is_a_warning_where_AWS_keeps_the_last_value_and_an_error_where_the_tool_refuses_it(string path, string text, EcsPolicy.Findings.Severity expected) =>
        Assert.Equal(expected, SeverityOfEcs0001(path, text));

    [Fact]
    public void A_key_repeated_with_the_same_value_loses_nothing_and_is_a_note()
    {
        var finding = Assert.Single(
            new Linter().LintFile("task.json", Encoding.UTF8.GetBytes("{\"family\": \"a\", \"containerDefinitions\": [{\"name\": \"a\", \"essential\": true, \"image\": \"nginx:1.27\", \"memory\": 256, \"essential\": true}]}"), true).Findings,
            f => f.RuleId == "ECS0001");
        Assert.Equal(EcsPolicy.Findings.Severity.Note, finding.Severity);
        Assert.Equal((1, 113), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal("The key 'essential' appears twice in this object with the same value (first on line 1): nothing is lost, but some tools (aws cloudformation deploy, Copilot) reject the file. Remove one of the two.", finding.Message);
    }

    private static List<(string Id, int Line, int Column)> Lint(string path, string text) =>
        new Linter().LintFile(path, Encoding.UTF8.GetBytes(text), true).Findings
            .Where(f => f.RuleId is "ECS0001" or "ECS1001" or "ECS1004" or "ECS2001")
            .Select(f => (f.RuleId, f.Location.StartLine, f.Location.StartColumn)).ToList();

    [Fact]
    public void A_key_written_twice_in_a_template_is_reported_and_the_rest_is_checked_with_the_last_value()
    {
        const string Template = """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: 256
                  Memory: 4096
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Essential: false
                      Essential: true
                      Privileged: true
            """;

        // ECS2001 would fire if the first Essential were kept.
        Assert.Equal([("ECS1001", 8, 15), ("ECS0001", 13, 11), ("ECS1004", 14, 23)], Lint("template.yaml", Template));
    }

    [Fact]
    public void A_key_written_twice_in_a_task_definition_is_reported_and_the_rest_is_checked_with_the_last_value()
    {
        const string Task = """
            {
              "family": "web",
              "requiresCompatibilities": ["FARGATE"],
              "networkMode": "awsvpc",
              "cpu": "256",
              "memory": "4096",
              "containerDefinitions": [
                { "name": "a", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": false, "essential": true, "privileged": true }
              ]
            }
            """;

        Assert.Equal([("ECS1001", 6, 13), ("ECS0001", 8, 84), ("ECS1004", 8, 117)], Lint("task.json", Task));
    }

    [Fact]
    public void A_trailing_comma_is_reported_in_our_words_and_the_rest_is_checked()
    {
        const string Task = """
            {
              "family": "web",
              "requiresCompatibilities": ["FARGATE"],
              "networkMode": "awsvpc",
              "cpu": "256",
              "memory": "4096",
              "containerDefinitions": [
                { "name": "a", "image": "public.ecr.aws/nginx/nginx:1.27", "privileged": true },
              ]
            }
            """;

        var findings = new Linter().LintFile("task.json", Encoding.UTF8.GetBytes(Task), true).Findings;
        var comma = Assert.Single(findings, f => f.RuleId == "ECS0001");
        Assert.Equal((8, 84), (comma.Location.StartLine, comma.Location.StartColumn));
        Assert.Equal("A trailing comma after the last element: JSON does not allow it, and AWS rejects the file. Remove the comma (the rest of the file is checked as if it were not there).", comma.Message);
        Assert.DoesNotContain("reader options", comma.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(findings, f => f.RuleId == "ECS1001");
        Assert.Contains(findings, f => f.RuleId == "ECS1004");
    }
}
