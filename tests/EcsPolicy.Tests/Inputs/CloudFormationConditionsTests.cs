using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>Fn::If branches (one model object per condition assignment) and in-template suppressions.</summary>
public class CloudFormationConditionsTests
{
    private const string Template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Conditions:
          IsProd: !Equals [!Ref 'AWS::AccountId', '111122223333']
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: 1024
              Memory: 2048
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
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
              ExecutionRoleArn: arn:aws:iam::111122223333:role/web-execution
        """;

    private const string TaskHeader = "  Task:\n    Type: AWS::ECS::TaskDefinition\n";

    private const string MemoryOf2048 = "      Memory: 2048";

    private const string ServiceBlock = """

          Service:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: !Ref Task
              LaunchType: FARGATE
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [subnet-1]
                  AssignPublicIp: PUBLIC_IP
        """;

    private static LoadResult Load(string text) =>
        new CloudFormationLoader().Load("stack.yaml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    private static int LineOf(string text, string line) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l == line).i + 1;

    [Fact]
    public void The_template_without_conditions_is_clean()
    {
        Assert.Empty(Lint.Text(Template, "stack.yaml"));
    }

    [Fact]
    public void A_violation_in_one_branch_says_which_condition_leads_to_it_and_points_at_that_branch()
    {
        var text = Template.Replace(MemoryOf2048, "      Memory: !If [IsProd, \"3000\", \"2048\"]");
        var finding = Assert.Single(Lint.Text(text, "stack.yaml"));
        Assert.Equal("ECS1001", finding.RuleId);
        Assert.Equal(new SourceLocation("stack.yaml", 12, 28, 12, 34), finding.Location);
        Assert.Equal("/memory", finding.Path);
        Assert.Equal(
            "Fargate does not support Memory 3000 MiB with Cpu 1024: with this Cpu use Memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; "
            + "no Fargate Cpu accepts 3000 MiB (when condition 'IsProd' is true).",
            finding.Message);
    }

    [Fact]
    public void The_long_form_in_json_is_read_the_same_way()
    {
        var text = """
            {"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
              "Family": "web", "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": "1024",
              "Memory": {"Fn::If": ["IsProd", "3000", "2048"]},
              "ContainerDefinitions": [{"Name": "web", "Image": "public.ecr.aws/nginx/nginx:1.27", "Essential": true}]}}}}
            """;
        var finding = Assert.Single(Lint.Text(text, "stack.json").Only("ECS1001"));
        Assert.Equal(new SourceLocation("stack.json", 3, 35, 3, 41), finding.Location);
        Assert.EndsWith("no Fargate Cpu accepts 3000 MiB (when condition 'IsProd' is true).", finding.Message);
    }

    [Fact]
    public void When_every_branch_is_wrong_each_branch_value_is_reported_with_its_condition()
    {
        // Both branches violate ECS1001, each with its own value: one finding per value, where it is written, with
        // the condition that chooses it (the finding holds whatever the conditions are, and the user sees both values).
        var text = Template.Replace(MemoryOf2048, "      Memory: !If [IsProd, \"3000\", \"512\"]");
        var findings = Lint.Text(text, "stack.yaml");
        Assert.Equal(
            [
                "stack.yaml(12,28) ECS1001: Fargate does not support Memory 3000 MiB with Cpu 1024: with this Cpu use Memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; "
                    + "no Fargate Cpu accepts 3000 MiB (when condition 'IsProd' is true).",
                "stack.yaml(12,36) ECS1001: Fargate does not support Memory 512 MiB with Cpu 1024: with this Cpu use Memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB, "
                    + "or keep this Memory and use Cpu 256 (when condition 'IsProd' is false).",
            ],
            findings.Select(f => $"{f.Location} {f.RuleId}: {f.Message}"));
    }

    [Fact]
    public void A_finding_that_does_not_depend_on_the_condition_is_reported_once_without_one()
    {
        var text = Template
            .Replace(MemoryOf2048, "      Memory: !If [IsProd, \"4096\", \"2048\"]")
            .Replace("nginx:1.27", "nginx:latest");
        var finding = Assert.Single(Lint.Text(text, "stack.yaml"));
        Assert.Equal("ECS6007", finding.RuleId);
        Assert.DoesNotContain("condition", finding.Message);
        Assert.EndsWith("so that every task runs the image you tested.", finding.Message);
    }

    [Fact]
    public void A_no_value_branch_removes_the_property_in_that_variant()
    {
        var text = Template.Replace("          User: \"1000\"", "          User: !If [IsProd, \"1000\", !Ref AWS::NoValue]");
        var finding = Assert.Single(Lint.Text(text, "stack.yaml"));
        Assert.Equal("ECS6003", finding.RuleId);
        Assert.Equal(new SourceLocation("stack.yaml", 14, 17, 14, 20), finding.Location);
        Assert.EndsWith("set \"User\" to a non-root UID, e.g. \"1000:1000\" (when condition 'IsProd' is false).", finding.Message);

        var variants = Load(text).Tasks;
        Assert.Equal(2, variants.Count);
        Assert.Equal("1000", variants[0].ContainerDefinitions[0].User.Value);
        Assert.True(variants[1].ContainerDefinitions[0].User.IsAbsent);
        Assert.Equal("condition 'IsProd' is false", variants[1].VariantCondition);
        Assert.Equal(1, Lint.File(text, "stack.yaml").TaskCount);
    }

    [Fact]
    public void Nested_conditions_are_named_together()
    {
        var text = Template.Replace(MemoryOf2048, "      Memory: !If [IsProd, !If [IsBig, \"3000\", \"2048\"], \"2048\"]");
        var finding = Assert.Single(Lint.Text(text, "stack.yaml"));
        Assert.Equal(new SourceLocation("stack.yaml", 12, 40, 12, 46), finding.Location);
        Assert.EndsWith("(when condition 'IsProd' is true and condition 'IsBig' is true).", finding.Message);
    }

    [Fact]
    public void More_than_three_conditions_leave_the_values_unknown_and_the_rules_silent()
    {
        var text = Template.Replace(
            MemoryOf2048,
            "      Memory: !If [A, \"3000\", !If [B, \"3000\", !If [C, \"3000\", !If [D, \"3000\", \"512\"]]]]");
        Assert.Empty(Lint.Text(text, "stack.yaml"));
        var task = Assert.Single(Load(text).Tasks);
        Assert.Null(task.VariantGroup);
        Assert.Equal("a value chosen by Fn::If on condition 'A'", task.Memory.Node!.UnknownReason);
    }

    [Fact]
    public void A_service_is_checked_with_the_task_definition_variant_of_the_same_conditions()
    {
        var text = Template.Replace(MemoryOf2048, "      Memory: !If [IsProd, \"3000\", \"2048\"]")
            + ServiceBlock.Replace("PUBLIC_IP", "!If [IsPublic, ENABLED, DISABLED]");
        var result = Load(text);
        Assert.Equal(4, result.Services.Count);
        Assert.All(result.Services, s => Assert.Equal(["IsPublic", "IsProd"], s.VariantGroup!.Conditions));
        Assert.All(result.Services, s => Assert.Equal(s.VariantGroup!.ValueOf(s.VariantIndex, 1) ? 3000 : 2048, s.ResolvedTaskDefinition!.MemoryMiB.Value));

        var findings = Lint.Text(text, "stack.yaml");
        Assert.Equal(["ECS1001", "ECS7006", "ECS6009"], findings.Select(f => f.RuleId));
        Assert.EndsWith("(when condition 'IsProd' is true).", findings[0].Message);
        Assert.DoesNotContain("condition", findings[1].Message);
        Assert.EndsWith("expose the service through a load balancer (when condition 'IsPublic' is true).", findings[2].Message);
    }

    [Fact]
    public void A_resource_suppression_drops_its_findings_and_no_other_resources()
    {
        var clean = Template.Replace("nginx:1.27", "nginx:latest");
        var withOther = clean + "\n" + clean.Substring(clean.IndexOf(TaskHeader, StringComparison.Ordinal)).Replace("  Task:", "  Other:");
        Assert.Equal(2, Lint.Text(withOther, "stack.yaml").Only("ECS6007").Count);

        foreach (var metadata in new[]
        {
            "    Metadata:\n      ecs-policy: {ignore: [ECS6007]}\n",
            "    Metadata:\n      ecs-policy:\n        ignore:\n          - id: ECS6007\n            reason: the tag is rebuilt nightly by the pipeline\n",
        })
        {
            var text = withOther.Replace(TaskHeader, TaskHeader + metadata);
            var finding = Assert.Single(Lint.Text(text, "stack.yaml"), f => f.RuleId != "ECS0007");
            Assert.Equal("ECS6007", finding.RuleId);
            Assert.Equal(LineOf(text, "  Other:") + 10, finding.Location.StartLine);
        }
    }

    [Fact]
    public void A_resource_suppression_covers_every_variant_and_only_its_rule()
    {
        var text = Template
            .Replace(MemoryOf2048, "      Memory: !If [IsProd, \"3000\", \"512\"]")
            .Replace("nginx:1.27", "nginx:latest")
            .Replace(TaskHeader, TaskHeader + "    Metadata:\n      ecs-policy: {ignore: [{id: ECS1001, reason: sized by the platform team}]}\n");
        Assert.Equal("ECS6007", Assert.Single(Lint.Text(text, "stack.yaml")).RuleId);

        var suppression = Assert.Single(Load(text).Suppressions);
        Assert.Equal("ECS1001", suppression.RuleId);
        Assert.Equal("sized by the platform team", suppression.Reason);
        Assert.Equal(2, suppression.Scope!.Count);
    }

    [Fact]
    public void A_service_suppression_does_not_cover_its_task_definition()
    {
        var text = (Template.Replace("nginx:1.27", "nginx:latest") + ServiceBlock.Replace("PUBLIC_IP", "ENABLED"))
            .Replace("    Type: AWS::ECS::Service\n", "    Type: AWS::ECS::Service\n    Metadata:\n      ecs-policy: {ignore: [ECS6009, ECS6007]}\n");
        Assert.Equal(["ECS6007", "ECS0007", "ECS0007", "ECS7006"], Lint.Text(text, "stack.yaml").Select(f => f.RuleId));
    }

    [Fact]
    public void A_template_suppression_covers_every_resource()
    {
        var text = Template.Replace("nginx:1.27", "nginx:latest") + ServiceBlock.Replace("PUBLIC_IP", "ENABLED");
        Assert.Equal(["ECS6007", "ECS7006", "ECS6009"], Lint.Text(text, "stack.yaml").Select(f => f.RuleId));

        var shortForm = text.Replace("Resources:\n", "Metadata:\n  ecs-policy: {ignore: [ECS6007, ECS6009]}\nResources:\n");
        Assert.Equal(["ECS0007", "ECS0007", "ECS7006"], Lint.Text(shortForm, "stack.yaml").Select(f => f.RuleId));

        var withReasons = text.Replace(
            "Resources:\n",
            "Metadata:\n  ecs-policy:\n    ignore:\n      - {id: ECS6007, reason: pinned at deploy time}\n      - id: ECS7006\n        reason: rolled back by the pipeline\nResources:\n");
        Assert.Equal(["ECS6009"], Lint.Text(withReasons, "stack.yaml").Select(f => f.RuleId));
        Assert.Equal(
            [("ECS6007", "pinned at deploy time"), ("ECS7006", "rolled back by the pipeline")],
            Load(withReasons).Suppressions.Select(s => (s.RuleId, s.Reason)));
        Assert.All(Load(withReasons).Suppressions, s => Assert.Null(s.Scope));
    }
}

public class CloudFormationConditionDefaultsTests
{
    [Fact]
    public void A_parameter_is_not_taken_at_its_default_in_a_variant_whose_condition_says_it_is_not()
    {
        // Copilot renders environment files this way: the file is used only when the parameter is not empty.
        var findings = EcsPolicy.Tests.Support.Lint.Text("""
            Parameters:
              EnvFileARN: { Type: String, Default: "" }
            Conditions:
              HasEnvFile: !Not [!Equals [!Ref EnvFileARN, ""]]
              UseEnvFile: !And [!Condition HasEnvFile, !Equals [x, x]]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: api
                  Memory: "512"
                  ContainerDefinitions:
                    - Name: api
                      Image: public.ecr.aws/nginx/nginx:1.27
                      EnvironmentFiles: !If
                        - UseEnvFile
                        - [{ Type: s3, Value: !Ref EnvFileARN }]
                        - !Ref AWS::NoValue
            """, "stack.yaml");
        Assert.Empty(findings.Only("ECS0006"));
    }

    [Fact]
    public void A_parameter_keeps_its_default_where_the_condition_agrees_with_it()
    {
        var findings = EcsPolicy.Tests.Support.Lint.Text("""
            Parameters:
              Size: { Type: String, Default: "3000" }
            Conditions:
              IsBig: !Equals [!Ref Size, "3000"]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: api
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: "1024"
                  Memory: !If [IsBig, !Ref Size, "2048"]
                  ContainerDefinitions: [{ Name: api, Image: public.ecr.aws/nginx/nginx:1.27 }]
            """, "stack.yaml");
        Assert.Contains("(when condition 'IsBig' is true)", Assert.Single(findings.Only("ECS1001")).Message);
    }
}
