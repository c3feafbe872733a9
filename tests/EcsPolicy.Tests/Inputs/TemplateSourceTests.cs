using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Issue 19: a CloudFormation template kept as the source of a Mustache or Go template ({{ }} where values go, section
/// lines, whole inserted blocks) is read with its tags as placeholders: their values are unknown (one ECS0010 note), and
/// the rest is checked at the file's own lines and columns, instead of one ECS0001 that hides the file.
/// </summary>
public class TemplateSourceTests
{
    [Fact]
    public void Mustache_values_sections_and_flow_sequences_are_placeholders_and_the_rest_is_checked()
    {
        var findings = Lint.Text(
            """
            Description: {{ envName }} ECS service.
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: !Join ['', [api-, {{ envName }}]]
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Memory: {{ memory }}
                      Privileged: true
              Service:
                Type: AWS::ECS::Service
                Properties:
                  TaskDefinition: !Ref TaskDef
                  DesiredCount: {{ desiredCount }}
            {{#minHealthy}}
                  DeploymentConfiguration:
                    MinimumHealthyPercent: {{ minHealthy }}
                    DeploymentCircuitBreaker: { Enable: true, Rollback: true }
            {{/minHealthy}}
            """,
            "stack.template");

        Assert.DoesNotContain(findings, f => f.RuleId is "ECS0001" or "ECS0003" or "ECS0006");
        var note = Assert.Single(findings, f => f.RuleId == "ECS0010");
        Assert.Equal((1, 14), (note.Location.StartLine, note.Location.StartColumn));
        Assert.StartsWith("5 value(s) in this file are template placeholders", note.Message);
        var privileged = Assert.Single(findings, f => f.RuleId == "ECS6001");
        Assert.Equal((11, 23), (privileged.Location.StartLine, privileged.Location.StartColumn));
    }

    [Fact]
    public void A_block_the_template_inserts_makes_its_mapping_unknown_instead_of_incomplete()
    {
        var findings = Lint.Text(
            """
            Description: {{ envName }} batch jobs.
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  TaskRoleArn: !Ref TaskRole
            {{{ taskDefinitionYaml }}}
            """,
            "jobs.template");

        Assert.DoesNotContain(findings, f => f.Severity >= EcsPolicy.Rules.Severity.Warning);
        Assert.StartsWith("2 value(s)", Assert.Single(findings, f => f.RuleId == "ECS0010").Message);
    }

    [Fact]
    public void A_key_repeated_across_template_sections_is_one_key_once_rendered()
    {
        var findings = Lint.Text(
            """
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  {{#taskRole}}
                  TaskRoleArn: {{ taskRole }}
                  {{/taskRole}}
                  {{^taskRole}}
                  TaskRoleArn: !Ref DefaultRole
                  {{/taskRole}}
                  ContainerDefinitions:
                    - { Name: app, Image: 'public.ecr.aws/nginx/nginx:1.27', Memory: 256 }
            """,
            "stack.template");

        Assert.DoesNotContain(findings, f => f.RuleId == "ECS0001");
    }

    [Fact]
    public void A_text_that_stays_unreadable_with_its_tags_masked_keeps_its_first_error_as_written()
    {
        var findings = Lint.Text(
            """
            Description: {{ envName }}
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
               Properties: {}
            """,
            "stack.template");

        var error = Assert.Single(findings, f => f.RuleId == "ECS0001");
        Assert.Equal(EcsPolicy.Rules.Severity.Error, error.Severity);
        Assert.Equal(1, error.Location.StartLine);
    }
}
