using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

public class CloudFormationLoaderTests
{
    private const string YamlTemplate = """
        AWSTemplateFormatVersion: '2010-09-09'
        Parameters:
          ImageTag:
            Type: String
            Default: '1.27'
          Subnets:
            Type: CommaDelimitedList
        Mappings:
          Sizes:
            prod:
              Memory: 2048
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: 1024
              Memory: !FindInMap [Sizes, prod, Memory]
              ContainerDefinitions:
                - Name: web
                  Image: !Sub 'public.ecr.aws/nginx/nginx:${ImageTag}'
                  Essential: true
                  PortMappings:
                    - ContainerPort: 80
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-group: /ecs/web
                      awslogs-region: !Ref AWS::Region
                      awslogs-stream-prefix: web
                  User: "1000"
                  ReadonlyRootFilesystem: true
                  HealthCheck:
                    Command: [CMD-SHELL, "curl -f http://localhost/ || exit 1"]
              Volumes:
                - Name: data
                  EFSVolumeConfiguration:
                    FilesystemId: fs-1234567
                    TransitEncryption: ENABLED
                    AuthorizationConfig:
                      IAM: ENABLED
              ExecutionRoleArn: arn:aws:iam::111122223333:role/web-execution
        """;

    private const string JsonTemplate = """
        {
          "AWSTemplateFormatVersion": "2010-09-09",
          "Parameters": {
            "ImageTag": {"Type": "String", "Default": "1.27"},
            "Subnets": {"Type": "CommaDelimitedList"}
          },
          "Mappings": {"Sizes": {"prod": {"Memory": 2048}}},
          "Resources": {
            "Task": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "Family": "web",
                "RequiresCompatibilities": ["FARGATE"],
                "NetworkMode": "awsvpc",
                "Cpu": 1024,
                "Memory": {"Fn::FindInMap": ["Sizes", "prod", "Memory"]},
                "ContainerDefinitions": [{
                  "Name": "web",
                  "Image": {"Fn::Sub": "public.ecr.aws/nginx/nginx:${ImageTag}"},
                  "Essential": true,
                  "PortMappings": [{"ContainerPort": 80}],
                  "LogConfiguration": {
                    "LogDriver": "awslogs",
                    "Options": {"awslogs-group": "/ecs/web", "awslogs-region": {"Ref": "AWS::Region"}, "awslogs-stream-prefix": "web"}
                  }, "User": "1000", "ReadonlyRootFilesystem": true, "HealthCheck": {"Command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}
                }],
                "Volumes": [{"Name": "data", "EFSVolumeConfiguration": {"FilesystemId": "fs-1234567", "TransitEncryption": "ENABLED", "AuthorizationConfig": {"IAM": "ENABLED"}}}], "ExecutionRoleArn": "arn:aws:iam::111122223333:role/web-execution"
              }
            }
          }
        }
        """;

    private static LoadResult Load(string text, string file = "template.yaml", bool explicitlyGiven = true) =>
        new CloudFormationLoader().Load(file, Encoding.UTF8.GetBytes(text), explicitlyGiven);

    private static string Dump(SNode node)
    {
        var sb = new StringBuilder();
        void Walk(SNode n)
        {
            sb.Append(n.Path).Append(' ').Append(n.Kind).Append(' ').Append(n.Scalar ?? n.UnknownReason).Append(' ').Append(n.SourceName).Append('\n');
            foreach (var c in n.Children)
            {
                Walk(c);
            }
        }

        Walk(node);
        return sb.ToString();
    }

    [Fact]
    public void Json_and_yaml_templates_map_to_the_same_canonical_model()
    {
        var fromYaml = Assert.Single(Load(YamlTemplate).Tasks);
        var fromJson = Assert.Single(Load(JsonTemplate, "template.json").Tasks);
        Assert.Equal(Dump(fromJson.Node), Dump(fromYaml.Node));

        Assert.Equal(SourceFormat.CloudFormation, fromYaml.Format);
        Assert.Equal("Task", fromYaml.DisplayName);
        var web = fromYaml.ContainerDefinitions[0];
        Assert.Equal("public.ecr.aws/nginx/nginx:1.27", web.Image.Value);
        Assert.Equal(2048, fromYaml.MemoryMiB.Value);
        Assert.Equal(80, web.PortMappings[0].ContainerPort.Value);
        Assert.Equal("Image", web.Image.Node!.SourceName);
        Assert.Equal("/ecs/web", web.LogConfiguration!.Options["awslogs-group"].Value);
        Assert.True(web.LogConfiguration.Options["awslogs-region"].IsUnknown);
        Assert.Equal("fs-1234567", fromYaml.Volumes[0].EfsVolumeConfiguration!.FileSystemId.Value);
        Assert.Equal("ENABLED", fromYaml.Volumes[0].EfsVolumeConfiguration!.AuthorizationConfig!.Iam.Value);
    }

    [Fact]
    public void A_valid_template_has_no_findings()
    {
        Assert.Empty(Lint.Text(YamlTemplate, "template.yaml"));
        Assert.Empty(Lint.Text(JsonTemplate, "template.json"));
    }

    [Fact]
    public void A_misspelt_property_is_reported_in_pascal_case_at_its_key()
    {
        var text = YamlTemplate.Replace("      Essential: true", "      Esential: true");
        var finding = Assert.Single(Lint.Text(text, "template.yaml").Only("ECS0002"));
        Assert.Equal("Unknown property 'Esential' in container 'web'; did you mean 'Essential'?", finding.Message);
        Assert.Equal(new SourceLocation("template.yaml", 24, 11, 24, 19), finding.Location);
    }

    [Fact]
    public void The_api_camel_case_spelling_is_not_a_cloudformation_property()
    {
        var text = YamlTemplate.Replace("    Family: web", "    family: web").Replace("FilesystemId:", "FileSystemId:");
        var findings = Lint.Text(text, "template.yaml");
        Assert.Equal(
            [
                // The API's camelCase is not repeated at a template's author: the message gives the template's spelling.
                "Unknown property in the task definition: it is written in the ECS API's spelling; rename it to 'Family'.",
                "Unknown property 'FileSystemId' in 'EFSVolumeConfiguration' of volume 'data'; did you mean 'FilesystemId'?",
            ],
            findings.Select(f => f.Message));
    }

    [Fact]
    public void Without_a_family_nothing_is_missing_because_cloudformation_names_it()
    {
        var text = YamlTemplate.Replace("      Family: web\n", "");
        Assert.True(Assert.Single(Load(text).Tasks).Family.IsUnknown);
        Assert.Empty(Lint.Text(text, "template.yaml"));
    }

    [Fact]
    public void A_fargate_size_error_in_yaml_points_at_the_memory_value()
    {
        var text = YamlTemplate.Replace("!FindInMap [Sizes, prod, Memory]", "'512'");
        var finding = Assert.Single(Lint.Text(text, "template.yaml"));
        Assert.Equal("ECS1001", finding.RuleId);
        Assert.Equal(new SourceLocation("template.yaml", 20, 15, 20, 20), finding.Location);
    }

    [Fact]
    public void A_ref_to_a_parameter_default_is_used_and_located_at_the_ref()
    {
        var text = YamlTemplate
            .Replace("  Subnets:\n", "  TaskMemory:\n    Type: String\n    Default: '512'\n  Subnets:\n")
            .Replace("!FindInMap [Sizes, prod, Memory]", "!Ref TaskMemory");
        var finding = Assert.Single(Lint.Text(text, "template.yaml"));
        Assert.Equal("ECS1001", finding.RuleId);
        Assert.Equal(new SourceLocation("template.yaml", 23, 15, 23, 30), finding.Location);
    }

    [Theory]
    [InlineData("!Ref Subnets", "the parameter 'Subnets', which has no Default")]
    [InlineData("!Ref AWS::StackName", "the pseudo parameter AWS::StackName, known only at deployment")]
    [InlineData("!GetAtt Other.Memory", "the attribute 'Other.Memory' (Fn::GetAtt) is known only after deployment")]
    [InlineData("!Sub '${AWS::Region}'", "an Fn::Sub with ${AWS::Region}, the pseudo parameter AWS::Region, known only at deployment")]
    [InlineData("!Join ['', [!Ref Subnets]]", "an Fn::Join with a part that is the parameter 'Subnets', which has no Default")]
    public void Values_that_cannot_be_known_are_unknown_and_rules_stay_silent(string written, string reason)
    {
        var text = YamlTemplate.Replace("!FindInMap [Sizes, prod, Memory]", written);
        var task = Assert.Single(Load(text).Tasks);
        Assert.Equal(NodeKind.Unknown, task.Memory.Node!.Kind);
        Assert.Equal(reason, task.Memory.Node.UnknownReason);

        // Nothing is concluded from the unknown memory: no sizing, budget or shape finding about it.
        var findings = Lint.Text(text, "template.yaml");
        Assert.DoesNotContain(findings, f => f.Path == "/memory" || f.RuleId is "ECS1001" or "ECS1002" or "ECS2007" or "ECS2008");
    }

    [Fact]
    public void Join_select_and_list_parameter_defaults_resolve()
    {
        var text = YamlTemplate
            .Replace("    Type: CommaDelimitedList\n", "    Type: CommaDelimitedList\n    Default: 'a, b'\n")
            .Replace("      Family: web", "      Family: !Join ['-', [web, !Select [1, !Ref Subnets]]]");
        Assert.Equal("web-b", Assert.Single(Load(text).Tasks).Family.Value);
    }

    [Fact]
    public void A_no_value_ref_removes_the_property()
    {
        var text = YamlTemplate.Replace("      Family: web", "      Family: !Ref AWS::NoValue");
        Assert.True(Assert.Single(Load(text).Tasks).Family.IsUnknown);
    }

    [Fact]
    public void Services_map_placement_strategies_and_resolve_their_task_definition()
    {
        var text = YamlTemplate + """

              Service:
                Type: AWS::ECS::Service
                Properties:
                  TaskDefinition: !Ref Task
                  LaunchType: EC2
                  PlacementStrategies:
                    - Type: binpack
                      Field: instanceId
                  NetworkConfiguration:
                    AwsvpcConfiguration:
                      Subnets: [subnet-1]
              Cluster:
                Type: AWS::ECS::Cluster
                Properties:
                  ClusterSettings:
                    - Name: containerInsights
                      Value: enabled
            """;
        var result = Load(text);
        var service = Assert.Single(result.Services);
        Assert.Equal("Service", service.DisplayName);
        Assert.Same(result.Tasks[0], service.ResolvedTaskDefinition);
        Assert.Equal("subnet-1", service.NetworkConfiguration!.AwsvpcConfiguration!.Subnets[0].Value);
        Assert.Equal("containerInsights", Assert.Single(result.Clusters).Settings[0].Name.Value);

        var finding = Assert.Single(Lint.Text(text, "template.yaml").Only("ECS4005"));
        Assert.Equal(new SourceLocation("template.yaml", 52, 18, 52, 28), finding.Location);
    }

    [Theory]
    [InlineData("'memberOf'", "'attribute:ecs.instance-type == x and == x'")]
    [InlineData("memberOf", "\"attribute:ecs.instance-type == x and == x\"")]
    [InlineData("memberOf", "attribute:ecs.instance-type == x and == x")]
    public void A_placement_syntax_error_in_a_yaml_string_points_at_its_column(string type, string expression)
    {
        var text = YamlTemplate.Replace("      Volumes:", "      PlacementConstraints:\n        - Type: " + type + "\n          Expression: " + expression + "\n      Volumes:");
        var finding = Assert.Single(Lint.Text(text, "template.yaml").Only("ECS4001"));
        var line = text.Split('\n')[finding.Location.StartLine - 1];
        Assert.StartsWith("          Expression: ", line, StringComparison.Ordinal);
        Assert.Equal(line.LastIndexOf("== x", StringComparison.Ordinal) + 1, finding.Location.StartColumn);
    }

    [Fact]
    public void Task_definitions_and_templates_are_told_apart_by_content()
    {
        const string taskDefinition = """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx"}]}""";
        Assert.False(Load(taskDefinition, "t.json").Recognized);
        Assert.False(new TaskDefinitionJsonLoader().Load("t.json", Encoding.UTF8.GetBytes(JsonTemplate), explicitlyGiven: true).Recognized);

        var asTask = Lint.File(taskDefinition, "t.json");
        Assert.Equal(1, asTask.TaskCount);
        var asTemplate = Lint.File(JsonTemplate, "t.json");
        Assert.True(asTemplate.Recognized);
        Assert.Equal(1, asTemplate.TaskCount);

        // YAML that is not a template is not claimed (and not even parsed during a directory walk).
        Assert.False(Load("name: web\ntype: Load Balanced Web Service\n", "manifest.yml").Recognized);
        Assert.False(Load("name: [unclosed\n", "manifest.yml", explicitlyGiven: false).Recognized);
    }

    [Fact]
    public void A_broken_template_is_a_parse_error()
    {
        var finding = Assert.Single(Lint.Text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: [unclosed\n", "template.yaml"));
        Assert.Equal("ECS0001", finding.RuleId);
        var json = Assert.Single(Lint.Text("{\"AWSTemplateFormatVersion\": \"2010-09-09\",}", "template.json"));
        Assert.Equal("ECS0001", json.RuleId);
    }

    [Fact]
    public void A_template_file_may_be_json_or_yaml()
    {
        Assert.Single(Load(JsonTemplate, "stack.template").Tasks);
        Assert.Single(Load(YamlTemplate, "stack.template").Tasks);
    }
}

public class CloudFormationMisspellingTests
{
    [Fact]
    public void A_wrongly_cased_property_is_reported_once_and_nothing_follows_from_it()
    {
        // The dev guide's examples write API names (networkMode) inside CloudFormation: CloudFormation rejects that,
        // and the service rules must not conclude the task uses the default bridge mode.
        var findings = EcsPolicy.Tests.Support.Lint.Text("""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  networkMode: awsvpc
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions: [{ Name: web, Image: "nginx:1.27" }]
              Service:
                Type: AWS::ECS::Service
                Properties: { LaunchType: FARGATE, TaskDefinition: !Ref Task, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [s-1] } } }
            """, "stack.yaml");
        var typo = Assert.Single(findings.Only("ECS0002"));
        Assert.Equal((6, 7), (typo.Location.StartLine, typo.Location.StartColumn));
        Assert.Contains("'NetworkMode'", typo.Message);
        Assert.Empty(findings.Only("ECS7002"));
        Assert.Empty(findings.Only("ECS1003"));
        Assert.Empty(findings.Only("ECS6010"));
    }

    [Fact]
    public void A_parameter_of_an_SSM_type_is_unknown_not_its_default()
    {
        // What CDK writes for its FireLens log router: the Default is the name of the SSM parameter, not the image.
        var findings = Lint.Text(
            """
            Parameters:
              FluentBitImage:
                Type: AWS::SSM::Parameter::Value<String>
                Default: /aws/service/aws-for-fluent-bit/latest
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: log_router
                      Image: !Ref FluentBitImage
                      Memory: 128
            """,
            "stack.yaml");

        Assert.Empty(findings.Only("ECS6007"));
        Assert.Empty(findings.Only("ECS0006"));
    }
}
