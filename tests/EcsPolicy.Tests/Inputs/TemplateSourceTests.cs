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
    public void Mustache_values_and_flow_sequences_are_placeholders_and_the_rest_is_checked()
    {
        var findings = Lint.Text(
            """
            Description: {{ envName }} ECS service.
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: !Join ['', [api-, {{ envName }}]]
                  Tags: [{Key: env, Value: {{env}}}]
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
                  DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } }
            """,
            "stack.template");

        Assert.DoesNotContain(findings, f => f.RuleId is "ECS0001" or "ECS0003" or "ECS0006");
        var note = Assert.Single(findings, f => f.RuleId == "ECS0010");
        Assert.Equal((1, 14), (note.Location.StartLine, note.Location.StartColumn));
        Assert.StartsWith("5 value(s) in this file are template placeholders", note.Message);
        var privileged = Assert.Single(findings, f => f.RuleId == "ECS6001");
        Assert.Equal((12, 23), (privileged.Location.StartLine, privileged.Location.StartColumn));
    }

    [Fact]
    public void A_section_makes_the_mapping_it_is_in_unknown_since_the_rendered_file_may_hold_either_branch()
    {
        // Rendered, this is either EC2 with a privileged container or Fargate without one: never privileged on Fargate.
        var findings = Lint.Text(
            """
            AWSTemplateFormatVersion: '2010-09-09'
            Resources:
              T:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  Cpu: 256
                  Memory: 4096
            {{^fargate}}
                  RequiresCompatibilities: [EC2]
            {{/fargate}}
            {{#fargate}}
                  RequiresCompatibilities: [FARGATE]
            {{/fargate}}
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
            {{^fargate}}
                      Privileged: true
            {{/fargate}}
            """,
            "stack.template");

        Assert.DoesNotContain(findings, f => f.Severity >= EcsPolicy.Findings.Severity.Warning);
        Assert.Single(findings, f => f.RuleId == "ECS0010");
    }

    [Fact]
    public void An_empty_tag_is_not_a_placeholder_but_a_syntax_error_at_its_place()
    {
        var findings = Lint.Text("{\"family\": \"web\", \"cpu\": {{}}, \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:latest\", \"memory\": 256}]}", "task.json");
        var error = Assert.Single(findings);
        Assert.Equal("ECS0001", error.RuleId);
        Assert.Equal((1, 27), (error.Location.StartLine, error.Location.StartColumn));
    }

    [Fact]
    public void A_tag_at_the_end_of_a_JSON_object_is_a_placeholder_and_the_rest_is_checked()
    {
        var text = "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:latest\", \"memoryReservation\": {{mem}}}]}";
        var findings = Lint.Text(text, "task.json");
        Assert.DoesNotContain(findings, f => f.RuleId is "ECS0001" or "ECS0009");
        Assert.Single(findings, f => f.RuleId == "ECS6007");
        Assert.Single(findings, f => f.RuleId == "ECS0010");
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

        Assert.DoesNotContain(findings, f => f.Severity >= EcsPolicy.Findings.Severity.Warning);
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
        Assert.Equal(EcsPolicy.Findings.Severity.Error, error.Severity);
        Assert.Equal(1, error.Location.StartLine);
    }
}
