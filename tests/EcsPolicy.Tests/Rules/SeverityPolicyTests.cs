using System.Text.RegularExpressions;
using EcsPolicy.Catalog;
using EcsPolicy.Tests.Support;
using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules;

/// <summary>
/// The severity policy of docs/severity.md (error: rejected or cannot start; warning: runs but broken or exposed; note:
/// advice), the weaker cases that rules report below their default, and the AWS facts re-checked in 2026-12.
/// </summary>
public class SeverityPolicyTests
{
    private static string Severity(Finding finding) => finding.Severity.ToString().ToLowerInvariant();

    [Fact]
    public void The_policy_table_lists_every_rule_with_its_default_severity()
    {
        var text = File.ReadAllText(Repo.PathOf("docs", "severity.md"));
        var rows = Regex.Matches(text, @"^\| (ECS\d{4}) \| [^|]+ \| (error|warning|note) \|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var rule in RuleCatalog.All)
        {
            Assert.True(string.Equals(rule.DefaultSeverity.ToString(), rows[rule.Id], StringComparison.OrdinalIgnoreCase), $"{rule.Id}: docs/severity.md says {rows[rule.Id]}, the YAML {rule.DefaultSeverity}");
            Assert.StartsWith(rule.DefaultSeverity switch { EcsPolicy.Findings.Severity.Error => "Error", EcsPolicy.Findings.Severity.Warning => "Warning", _ => "Note" }, rule.SeverityReason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ECS3001", "warning")]
    [InlineData("ECS3006", "warning")]
    [InlineData("ECS5006", "note")]
    [InlineData("ECS1008", "error")]
    [InlineData("ECS6007", "warning")]
    [InlineData("ECS2014", "error")]
    public void Audited_defaults(string id, string severity) =>
        Assert.Equal(severity, RuleCatalog.Get(id).DefaultSeverity.ToString().ToLowerInvariant());

    [Fact]
    public void A_plaintext_secret_is_a_warning_that_passes_the_default_fail_level_and_a_configuration_makes_it_an_error()
    {
        using var tree = new TempTree();
        tree.Write("task.json", Task(containerExtra: "\"environment\": [{ \"name\": \"DB_PASSWORD\", \"value\": \"8DViDtrAQ18GaUrJIprOjX2\" }]"));
        var defaults = EcsPolicy.Tests.Outputs.ReportRun.Check(tree.Root, "text", tree.Root);
        Assert.True(defaults.Out.Contains("task.json(12,57): warning ECS3001: Container 'app' sets environment variable 'DB_PASSWORD' in plain text", StringComparison.Ordinal), defaults.Out);
        Assert.Equal(0, defaults.Code);

        tree.Write(".editorconfig", "root = true\n[*.json]\ndotnet_diagnostic.ECS3001.severity = error\n");
        var raised = EcsPolicy.Tests.Outputs.ReportRun.Check(tree.Root, "text", tree.Root);
        Assert.Contains("task.json(12,57): error ECS3001: Container 'app' sets environment variable 'DB_PASSWORD' in plain text", raised.Out, StringComparison.Ordinal);
        Assert.Equal(1, raised.Code);
    }

    [Fact]
    public void A_repeated_environment_name_is_a_warning_and_a_name_also_in_secrets_an_error()
    {
        var repeated = FiresAt(
            "ECS2014",
            Task(containerExtra: "\"environment\": [{ \"name\": \"MODE\", \"value\": \"a\" }, { \"name\": [|\"MODE\", \"value\": \"b\" }]"),
            "Environment variable 'MODE' is set more than once in container 'app'; only one value takes effect. Remove the duplicate entry.");
        Assert.Equal("warning", Severity(repeated));

        var clash = FiresAt(
            "ECS2014",
            Task(taskExtra: "\"executionRoleArn\": \"arn:aws:iam::123456789012:role/exec\"", containerExtra: "\"environment\": [{ \"name\": \"TOKEN\", \"value\": \"x\" }], \"secrets\": [{ \"name\": [|\"TOKEN\", \"valueFrom\": \"arn:aws:ssm:us-east-1:123456789012:parameter/token\" }]"),
            "'TOKEN' is set both in environment and in secrets of container 'app'.");
        Assert.Equal("error", Severity(clash));
    }

    [Fact]
    public void Ephemeral_storage_out_of_range_is_an_error_and_off_fargate_a_warning()
    {
        var size = FiresAt("ECS1007", Task(taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": [|10 }"), "ephemeralStorage.sizeInGiB is 10, but the minimum is 21 GiB");
        Assert.Equal("error", Severity(size));

        var offFargate = FiresAt(
            "ECS1007",
            Task(compatibilities: "\"EC2\"", cpu: null, memory: "\"512\"", networkMode: null, taskExtra: "\"ephemeralStorage\": [|{ \"sizeInGiB\": 30 }"),
            "ephemeralStorage only applies to tasks on Fargate, and requiresCompatibilities (EC2) does not include FARGATE");
        Assert.Equal("warning", Severity(offFargate));
    }

    [Fact]
    public void A_health_check_value_out_of_range_is_an_error_and_a_timeout_above_the_interval_a_warning()
    {
        var range = FiresAt("ECS2012", Task(containerExtra: "\"healthCheck\": { \"command\": [\"CMD\", \"true\"], \"interval\": [|400 }"), "has health check interval 400; it must be between 5 and 300 seconds");
        Assert.Equal("error", Severity(range));

        var longer = FiresAt("ECS2012", Task(containerExtra: "\"healthCheck\": { \"command\": [\"CMD\", \"true\"], \"interval\": 30, \"timeout\": [|40 }"), "has a health check timeout (40 s) longer than its interval (30 s)");
        Assert.Equal("warning", Severity(longer));
    }

    private static string Awslogs(string options) =>
        "\"logConfiguration\": { \"logDriver\": \"awslogs\", [|\"options\": { " + options + " } }";

    [Fact]
    public void Awslogs_without_region_is_an_error_and_the_documented_fargate_stream_prefix_a_warning()
    {
        var region = FiresAt("ECS5002", Task(compatibilities: "\"EC2\"", cpu: null, networkMode: null, containerExtra: Awslogs("\"awslogs-group\": \"/ecs/app\"")), "without \"awslogs-region\", which ECS requires");
        Assert.Equal("error", Severity(region));

        var prefix = FiresAt("ECS5002", Task(containerExtra: Awslogs("\"awslogs-group\": \"/ecs/app\", \"awslogs-region\": \"us-east-1\"")), "runs on Fargate with the awslogs log driver but without \"awslogs-stream-prefix\"");
        Assert.Equal("warning", Severity(prefix));
    }

    private static string TwoContainers(string first, string second) => $$"""
        {
          "family": "app",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "awsvpc",
          "cpu": "256",
          "memory": "512",
          "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
          "containerDefinitions": [
            { "name": "router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0", "essential": true, {{first}} },
            { "name": "app", "image": "public.ecr.aws/docker/library/busybox:1.36", "essential": true, {{second}} }
          ]
        }
        """;

    [Fact]
    public void A_log_router_that_no_container_uses_is_an_error()
    {
        var finding = FiresAt(
            "ECS5004",
            TwoContainers("[|\"firelensConfiguration\": { \"type\": \"fluentbit\" }", "\"logConfiguration\": { \"logDriver\": \"awslogs\", \"options\": { \"awslogs-group\": \"g\", \"awslogs-region\": \"us-east-1\", \"awslogs-stream-prefix\": \"p\" } }"),
            "Container 'router' has firelensConfiguration, but no container of the task uses the awsfirelens log driver",
            "set \"logDriver\": \"awsfirelens\"");
        Assert.Equal("error", Severity(finding));

        Silent("ECS5004", TwoContainers("\"firelensConfiguration\": { \"type\": \"fluentbit\" }", "\"logConfiguration\": { \"logDriver\": \"awsfirelens\" }"));

        // The router alone is an excerpt (the developer guide shows it so), not a task whose logs go elsewhere.
        Silent("ECS5004", Task(containerExtra: "\"firelensConfiguration\": { \"type\": \"fluentbit\" }"));
    }

    [Fact]
    public void A_second_log_router_is_a_warning()
    {
        var finding = FiresAt(
            "ECS5004",
            TwoContainers("\"firelensConfiguration\": { \"type\": \"fluentbit\" }", "[|\"firelensConfiguration\": { \"type\": \"fluentbit\" }, \"logConfiguration\": { \"logDriver\": \"awsfirelens\" }"),
            "has firelensConfiguration, but container 'router' is already the task's FireLens log router");
        Assert.Equal("warning", Severity(finding));
    }

    [Fact]
    public void A_european_sovereign_cloud_secret_arn_is_well_formed()
    {
        Silent(
            "ECS3002",
            Task(taskExtra: "\"executionRoleArn\": \"arn:aws-eusc:iam::123456789012:role/exec\"", containerExtra: "\"secrets\": [{ \"name\": \"DB\", \"valueFrom\": \"arn:aws-eusc:secretsmanager:eusc-de-east-1:123456789012:secret:db-AbCdEf\" }]"));
        FiresAt(
            "ECS3002",
            Task(taskExtra: "\"executionRoleArn\": \"arn:aws-eusc:iam::123456789012:role/exec\"", containerExtra: "\"secrets\": [{ \"name\": \"DB\", \"valueFrom\": \"arn:aws-eusc:secretsmanager:[|eusc-de-east:123456789012:secret:db-AbCdEf\" }]"),
            "valueFrom has a bad Region: 'eusc-de-east' is not a Region code");
    }

    [Theory]
    [InlineData("123456789012.dkr-ecr.us-east-1.on.aws/api:1.0")]
    [InlineData("123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/api:1.0")]
    [InlineData("123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu/api:1.0")]
    [InlineData("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1.0")]
    public void Every_private_ecr_host_needs_the_execution_role_on_fargate(string image)
    {
        var text = Task().Replace("\"public.ecr.aws/docker/library/busybox:1.36\"", "[|\"" + image + "\"", StringComparison.Ordinal);
        FiresAt("ECS3003", text, "pulls a private Amazon ECR image on Fargate, but the task definition has no executionRoleArn");
    }

    [Fact]
    public void Managed_instances_need_the_execution_role_for_awslogs()
    {
        var text = Task(compatibilities: "\"MANAGED_INSTANCES\"", cpu: null, networkMode: null, containerExtra: "\"logConfiguration\": { \"logDriver\": [|\"awslogs\", \"options\": { \"awslogs-group\": \"g\", \"awslogs-region\": \"us-east-1\" } }");
        FiresAt("ECS3003", text, "uses the awslogs log driver", "no executionRoleArn");
        Silent("ECS3003", Task(compatibilities: "\"EC2\"", cpu: null, networkMode: null, containerExtra: "\"logConfiguration\": { \"logDriver\": \"awslogs\", \"options\": { \"awslogs-group\": \"g\", \"awslogs-region\": \"us-east-1\" } }"));
    }

    [Fact]
    public void Managed_instances_default_to_awsvpc()
    {
        // hostname is not supported with awsvpc, the Managed Instances default; with EC2 the default is bridge.
        FiresAt("ECS2013", Task(compatibilities: "\"MANAGED_INSTANCES\"", cpu: null, networkMode: null, containerExtra: "\"hostname\": [|\"web\""), "sets hostname, which is not supported with networkMode \"awsvpc\"");
        Silent("ECS2013", Task(compatibilities: "\"EC2\"", cpu: null, networkMode: null, containerExtra: "\"hostname\": \"web\""));
        Silent("ECS2013", Task(compatibilities: "\"MANAGED_INSTANCES\", \"EC2\"", cpu: null, networkMode: null, containerExtra: "\"hostname\": \"web\""));
    }

    private static string Stack(string serviceProperties, string taskProperties = "") => $$"""
        Resources:
          TaskDef:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: api
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
        {{taskProperties}}
              ContainerDefinitions:
                - Name: api
                  Image: public.ecr.aws/nginx/nginx:1.27
          Svc:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: api
              TaskDefinition: !Ref TaskDef
              LaunchType: FARGATE
              NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1] } }
        {{serviceProperties}}
        """;

    [Fact]
    public void A_retired_linux_platform_version_is_an_error_whatever_the_task_uses()
    {
        var findings = Lint.Text(Stack("      PlatformVersion: 1.3.0"), "stack.yaml");
        var finding = Assert.Single(findings.Only("ECS1008"));
        Assert.Equal("error", Severity(finding));
        Assert.Equal((21, 24), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal("Service 'Svc' pins Fargate platform version 1.3.0, which AWS has retired: Linux tasks on Fargate launch only on 1.4.0 or later, so its tasks fail to start. Use 1.4.0 or LATEST.", finding.Message);
        Assert.Empty(findings.Only("ECS7004"));
    }

    [Fact]
    public void A_pinned_supported_version_is_only_the_pinning_note()
    {
        var findings = Lint.Text(Stack("      PlatformVersion: 1.4.0"), "stack.yaml");
        Assert.Empty(findings.Only("ECS1008"));
        Assert.Equal("note", Severity(Assert.Single(findings.Only("ECS7004"))));

        // 1.0.0 is also the only Windows version: judged only when the task is known to be Linux.
        var windows = Lint.Text(Stack("      PlatformVersion: 1.0.0", "      RuntimePlatform: { OperatingSystemFamily: WINDOWS_SERVER_2022_CORE }").Replace("Cpu: \"256\"", "Cpu: \"1024\"").Replace("Memory: \"512\"", "Memory: \"2048\""), "stack.yaml");
        Assert.Empty(windows.Only("ECS1008"));
        Assert.Single(Lint.Text(Stack("      PlatformVersion: 1.0.0"), "stack.yaml").Only("ECS1008"));
    }

    [Theory]
    [InlineData("ROLLING", true, true)]
    [InlineData("BLUE_GREEN", false, true)]
    [InlineData("LINEAR", false, false)]
    [InlineData("CANARY", false, false)]
    public void Rolling_update_checks_apply_to_the_rolling_strategy_only(string strategy, bool minimumReported, bool breakerReported)
    {
        var findings = Lint.Text(Stack($"      DeploymentConfiguration: {{ Strategy: {strategy}, MinimumHealthyPercent: 0, MaximumPercent: 100 }}"), "stack.yaml").Only("ECS7006");
        Assert.Equal(minimumReported, findings.Any(f => f.Message.Contains("MinimumHealthyPercent 0", StringComparison.Ordinal)));
        Assert.Equal(breakerReported, findings.Any(f => f.Message.Contains("no deployment circuit breaker", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_unknown_strategy_keeps_the_deployment_rule_silent()
    {
        var text = "Parameters:\n  Strategy: { Type: String }\n" + Stack("      DeploymentConfiguration: { Strategy: !Ref Strategy, MinimumHealthyPercent: 0 }");
        Assert.Empty(Lint.Text(text, "stack.yaml").Only("ECS7006"));
    }
}
