using EcsPolicy.Tests.CSharp;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Shape;

/// <summary>
/// The shape rules (ECS0002-ECS0006) name properties the way the user's input writes them: a CloudFormation template's
/// PascalCase, a Copilot manifest's taskdef_overrides paths, a CDK L1 construct's props; task-definition JSON keeps the
/// API's camelCase (see the other tests of this folder).
/// </summary>
public class ShapeVocabularyTests
{
    private const string Template = """
        Resources:
          TaskDef:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              Cpu: '256'
              Memory: '512'
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Essential: true
                  PortMappings:
                    - ContainerPort: 8080
        """;

    [Fact]
    public void A_template_that_writes_the_api_spelling_is_told_its_own_without_the_api_name()
    {
        var f = Assert.Single(Lint.Text(Template.Replace("NetworkMode: awsvpc", "networkMode: awsvpc"), "template.yaml").Only("ECS0002"));
        Assert.Equal("Unknown property in the task definition: it is written in the ECS API's spelling; rename it to 'NetworkMode'.", f.Message);
        Assert.Equal((9, 7), (f.Location.StartLine, f.Location.StartColumn));
    }

    [Fact]
    public void A_misspelt_template_property_is_quoted_as_written_and_the_suggestion_is_pascal_case()
    {
        var f = Assert.Single(Lint.Text(Template.Replace("Essential: true", "Esential: true"), "template.yaml").Only("ECS0002"));
        Assert.Equal("Unknown property 'Esential' in container 'web'; did you mean 'Essential'?", f.Message);
    }

    [Fact]
    public void A_nested_template_value_is_named_by_its_pascal_case_path()
    {
        var f = Assert.Single(Lint.Text(Template.Replace("ContainerPort: 8080", "ContainerPort: 8080\n              Protocol: TCP"), "template.yaml").Only("ECS0004"));
        Assert.Equal("'PortMappings[0].Protocol' in container 'web' is 'TCP', which is not an allowed value; write 'tcp' (values are case-sensitive). Allowed values: tcp, udp.", f.Message);
    }

    [Fact]
    public void A_missing_required_template_property_is_named_in_pascal_case()
    {
        var f = Assert.Single(Lint.Text(Template.Replace("Image: public.ecr.aws/nginx/nginx:1.27", "Hostname: web"), "template.yaml").Only("ECS0005"));
        Assert.Equal("Container 'web' is missing the required property 'Image'; add the image to run, e.g. \"public.ecr.aws/nginx/nginx:1.27\".", f.Message);
    }

    private const string Manifest = """
        name: api
        type: Backend Service
        image:
          location: public.ecr.aws/nginx/nginx:1.27
          port: 8080
        cpu: 256
        memory: 512
        sidecars:
          nginx:
            image: public.ecr.aws/nginx/nginx:1.27
        taskdef_overrides:

        """;

    [Fact]
    public void A_copilot_override_with_a_wrong_type_is_named_by_its_override_path()
    {
        var findings = Lint.Text(Manifest + """
              - path: ContainerDefinitions[0].StopTimeout
                value: soon
            """, "copilot/api/manifest.yml");
        var f = Assert.Single(findings.Only("ECS0003"));
        Assert.Equal("'ContainerDefinitions[0].StopTimeout' in container 'api' must be a whole number, not a string; use a whole number.", f.Message);
        Assert.Equal((13, 12), (f.Location.StartLine, f.Location.StartColumn));
    }

    [Fact]
    public void A_value_inside_a_copilot_override_is_named_by_the_path_under_the_rule()
    {
        var findings = Lint.Text(Manifest + """
              - path: ContainerDefinitions[1].PortMappings[-]
                value:
                  ContainerPort: 0
            """, "copilot/api/manifest.yml");
        var f = Assert.Single(findings.Only("ECS0006"));
        Assert.Equal("'ContainerDefinitions[1].PortMappings[-].ContainerPort' in container 'nginx' is 0; use a value from 1 to 65535.", f.Message);
    }

    [Fact]
    public void A_misspelt_copilot_override_suggests_the_override_path_not_the_api_name()
    {
        var findings = Lint.Text(Manifest + """
              - path: ContainerDefinitions[0].ReadOnlyRootFilesystem
                value: true
            """, "copilot/api/manifest.yml");
        var f = Assert.Single(findings.Only("ECS0002"));
        Assert.Equal("Unknown property 'ReadOnlyRootFilesystem' in container 'api'; did you mean 'ContainerDefinitions[0].ReadonlyRootFilesystem'?", f.Message);
    }

    [Fact]
    public void A_cdk_level1_construct_is_told_its_props()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var stack = new Stack(new App(), "Stack");
            _ = new CfnTaskDefinition(stack, "TaskDef", new CfnTaskDefinitionProps
            {
                Family = "web",
                ContainerDefinitions = new[]
                {
                    new CfnTaskDefinition.ContainerDefinitionProperty
                    {
                        Name = "web",
                        Image = "public.ecr.aws/nginx/nginx:1.27",
                        PortMappings = new[] { new CfnTaskDefinition.PortMappingProperty { ContainerPort = [|70000|], Protocol = [|"TCP"|] } },
                    },
                    new CfnTaskDefinition.ContainerDefinitionProperty { Name = [|"sidecar"|] },
                },
            });
            """);

        run.Single("ECS0006", 0, "'PortMappings[0].ContainerPort' in container 'web' is 70000; use a value from 1 to 65535. [construct Stack/TaskDef]");
        run.Single("ECS0004", 1, "'PortMappings[0].Protocol' in container 'web' is 'TCP', which is not an allowed value; write 'tcp' (values are case-sensitive). Allowed values: tcp, udp. [construct Stack/TaskDef]");
        run.Single("ECS0005", 2, "Container 'sidecar' is missing the required property 'Image'; add the image to run, e.g. \"public.ecr.aws/nginx/nginx:1.27\". [construct Stack/TaskDef]");
    }
}
