using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Issue 19: a slip in the text (a repeated key, a stray character after a number) is reported where it is, and the
/// rest of the file is still checked, in every format.
/// </summary>
public class ReadDefectsInAllFormatsTests
{
    [Fact]
    public void A_repeated_key_in_a_Copilot_manifest_is_reported_and_the_rest_is_checked_with_the_last_value()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            cpu: 256
            memory: 512
            cpu: 512
            memory: 8192
            """,
            "copilot/api/manifest.yml");

        var repeated = findings.Only("ECS0001");
        Assert.Equal(2, repeated.Count);
        Assert.Equal((7, 1), (repeated[0].Location.StartLine, repeated[0].Location.StartColumn));
        Assert.StartsWith("The key 'cpu' appears twice in this mapping (first on line 5)", repeated[0].Message);
        Assert.Contains("Copilot", repeated[0].Message);

        // Checked with the last values: 512 CPU units with 8192 MiB is not a Fargate size.
        var size = Assert.Single(findings.Only("ECS1001"));
        Assert.Equal(8, size.Location.StartLine);
        Assert.Contains("8192", size.Message);
    }

    [Fact]
    public void A_stray_comma_after_a_number_is_named_as_such_without_talking_about_quotes()
    {
        var findings = Lint.Text(
            """
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Memory: 256
              Service:
                Type: AWS::ECS::Service
                Properties:
                  DesiredCount: 1,
                  TaskDefinition: !Ref TaskDef
            """,
            "stack.yaml");

        var finding = Assert.Single(findings.Only("ECS0003"));
        Assert.Equal("'DesiredCount' must be a whole number, not a string; write 1 alone: the ',' after it makes the value text.", finding.Message);
        Assert.Equal((12, 21), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void A_plain_yaml_word_where_a_number_belongs_is_not_told_to_drop_quotes_it_does_not_have()
    {
        var findings = Lint.Text(
            """
            Resources:
              Service:
                Type: AWS::ECS::Service
                Properties:
                  DesiredCount: two
            """,
            "stack.yaml");

        var finding = Assert.Single(findings.Only("ECS0003"));
        Assert.Equal("'DesiredCount' must be a whole number, not a string; use a whole number.", finding.Message);
    }
}
