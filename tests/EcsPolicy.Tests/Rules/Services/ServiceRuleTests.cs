using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Services;

/// <summary>Service and cluster rules, on CloudFormation templates (a task definition and a service that Refs it).</summary>
public class ServiceRuleTests
{
    private const string OneContainer = "      ContainerDefinitions:\n        - Name: api\n          Image: public.ecr.aws/nginx/nginx:1.27";

    private static string Template(string taskProperties, string serviceProperties) => $"""
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          TaskDef:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: api
        {(taskProperties.Contains("ContainerDefinitions", StringComparison.Ordinal) ? "" : OneContainer)}
        {taskProperties}
          Svc:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: api
              TaskDefinition: !Ref TaskDef
        {serviceProperties}
        """;

    private static IReadOnlyList<EcsPolicy.Findings.Finding> Lint(string taskProperties, string serviceProperties) =>
        Support.Lint.Text(Template(taskProperties, serviceProperties), "stack.yaml");

    private const string FargateTask = """
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
        """;

    [Fact]
    public void Awsvpc_service_with_a_network_configuration_passes_and_an_unresolved_task_is_not_judged()
    {
        Assert.Empty(Lint(FargateTask, "      LaunchType: FARGATE\n      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1] } }").Only("ECS7001"));
        var unresolved = Support.Lint.Text("""
            Resources:
              Svc:
                Type: AWS::ECS::Service
                Properties: { ServiceName: api, TaskDefinition: !ImportValue shared-task, LaunchType: FARGATE }
            """, "stack.yaml");
        Assert.Empty(unresolved.Only("ECS7001"));
        Assert.Empty(unresolved.Only("ECS7002"));
    }

    [Fact]
    public void Fargate_service_with_an_implicitly_bridge_task_definition_is_reported_once_at_the_network_mode_naming_the_service()
    {
        var findings = Lint("      Memory: \"512\"", "      LaunchType: FARGATE");
        Assert.Empty(findings.Only("ECS7002"));
        var finding = Assert.Single(findings.Only("ECS1003"));
        Assert.Equal(
            "Fargate only supports NetworkMode \"awsvpc\", and this task definition does not set NetworkMode, so it gets the default mode: add NetworkMode: awsvpc."
            + " Service 'Svc' runs this task definition on Fargate, so ECS rejects the service; add FARGATE to RequiresCompatibilities so that ECS checks this when the task definition is registered.",
            finding.Message);
    }

    [Theory]
    [InlineData("      LaunchType: FARGATE")]
    [InlineData("      CapacityProviderStrategy: [{ CapacityProvider: FARGATE, Weight: 1 }, { CapacityProvider: FARGATE_SPOT, Weight: 3 }]")]
    public void A_task_definition_on_fargate_only_through_its_service_gets_the_fargate_checks(string service)
    {
        var findings = Lint("      NetworkMode: awsvpc\n      Cpu: \"256\"\n      Memory: \"4096\"", service + "\n      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1] } }");
        var size = Assert.Single(findings.Only("ECS1001"));
        Assert.Equal((12, 15), (size.Location.StartLine, size.Location.StartColumn));
        Assert.StartsWith("Fargate does not support Memory 4096 MiB with Cpu 256:", size.Message);
        Assert.EndsWith("Service 'Svc' runs this task definition on Fargate, so ECS rejects the service; add FARGATE to RequiresCompatibilities so that ECS checks this when the task definition is registered.", size.Message);
        Assert.Empty(findings.Only("ECS7002"));
    }

    [Theory]
    [InlineData("      LaunchType: EC2")]
    [InlineData("")]
    [InlineData("      CapacityProviderStrategy: [{ CapacityProvider: FARGATE, Weight: 1 }, { CapacityProvider: my-asg, Weight: 1 }]")]
    public void A_task_definition_without_compatibilities_whose_service_is_not_known_to_be_on_fargate_is_not_judged_as_fargate(string service)
    {
        var findings = Lint("      NetworkMode: awsvpc\n      Cpu: \"256\"\n      Memory: \"4096\"\n      ContainerDefinitions:\n        - Name: api\n          Image: public.ecr.aws/nginx/nginx:1.27\n          Privileged: true", service);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("ECS1", StringComparison.Ordinal));
        Assert.Single(findings.Only("ECS6001"));
    }

    [Fact]
    public void A_privileged_container_on_fargate_through_its_service_is_ecs1004_not_the_hardening_warning()
    {
        var findings = Lint("      NetworkMode: awsvpc\n      Cpu: \"256\"\n      Memory: \"512\"\n      ContainerDefinitions:\n        - Name: api\n          Image: public.ecr.aws/nginx/nginx:1.27\n          Privileged: true", "      LaunchType: FARGATE\n      NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [subnet-1] } }");
        var finding = Assert.Single(findings.Only("ECS1004"));
        Assert.StartsWith("Container 'api' is privileged, which Fargate does not support", finding.Message);
        Assert.Contains("Service 'Svc' runs this task definition on Fargate", finding.Message);
        Assert.Empty(findings.Only("ECS6001"));
    }

    [Fact]
    public void A_task_definition_that_requires_fargate_itself_does_not_name_the_service()
    {
        var finding = Assert.Single(Lint("      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      Cpu: \"256\"\n      Memory: \"4096\"", "      LaunchType: FARGATE").Only("ECS1001"));
        Assert.DoesNotContain("Service 'Svc'", finding.Message);
    }

    [Fact]
    public void Fargate_only_capacity_providers_count_as_fargate()
    {
        var findings = Lint("      RequiresCompatibilities: [EC2]\n      Memory: \"512\"", "      CapacityProviderStrategy: [{ CapacityProvider: FARGATE_SPOT, Weight: 1 }]");
        Assert.Contains("runs on Fargate", Assert.Single(findings.Only("ECS7002")).Message);
    }

    [Theory]
    [InlineData("LaunchType: EXTERNAL", false)]
    [InlineData("LaunchType: EC2", false)]
    [InlineData("LaunchType: EC2\n      DeploymentController: { Type: EXTERNAL }", true)]
    [InlineData("LaunchType: EC2\n      DeploymentController: { Type: ECS }", false)]
    public void Daemon_is_allowed_off_fargate_with_the_ecs_controller(string settings, bool reported)
    {
        var findings = Lint("", "      SchedulingStrategy: DAEMON\n      " + settings).Only("ECS7003");
        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Theory]
    [InlineData(100, 100, null, true)]
    [InlineData(100, 150, 1, true)]
    [InlineData(100, 150, 2, false)]
    [InlineData(50, 100, 1, true)]
    [InlineData(50, 100, 2, false)]
    [InlineData(100, 200, null, false)]
    public void A_deployment_that_cannot_progress_is_reported(int min, int max, int? desired, bool reported)
    {
        var service = $"      DeploymentConfiguration: {{ MinimumHealthyPercent: {min}, MaximumPercent: {max}, DeploymentCircuitBreaker: {{ Enable: true, Rollback: true }} }}"
            + (desired is { } n ? $"\n      DesiredCount: {n}" : "");
        var findings = Lint("", service).Only("ECS7006");
        Assert.Equal(reported, findings.Any(f => f.Message.Contains("never finishes", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_disabled_circuit_breaker_is_reported_at_its_enable_value()
    {
        var finding = Assert.Single(Lint("", "      DeploymentConfiguration:\n        DeploymentCircuitBreaker: { Enable: false, Rollback: false }").Only("ECS7006"));
        Assert.Contains("no deployment circuit breaker", finding.Message);
        Assert.Equal((17, 45), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void Code_deploy_services_are_not_asked_for_a_circuit_breaker() =>
        Assert.Empty(Lint("", "      DeploymentController: { Type: CODE_DEPLOY }").Only("ECS7006"));

    [Theory]
    [InlineData("      Volumes: [{ Name: v, EFSVolumeConfiguration: { FilesystemId: fs-1 } }]", "1.3.0", "uses EFS volumes, which need a newer version anyway")]
    [InlineData("      ContainerDefinitions: [{ Name: a, Image: i:1, Secrets: [{ Name: P, ValueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password::' }] }]", "1.3.0", "uses Secrets Manager JSON keys or versions, which")]
    [InlineData("      ContainerDefinitions: [{ Name: a, Image: i:1, DependsOn: [{ ContainerName: b, Condition: START }] }, { Name: b, Image: i:1 }]", "1.2.0", "uses container dependencies, which")]
    [InlineData("      Cpu: \"8192\"\n      Memory: \"16384\"", "1.3.0", "uses 8 vCPU, which")]
    public void Pinned_platform_versions_below_the_task_needs_are_reported(string task, string version, string reason)
    {
        var findings = Lint(task, $"      LaunchType: FARGATE\n      PlatformVersion: {version}");
        Assert.Contains(reason, Assert.Single(findings.Only("ECS1008")).Message);
    }

    [Fact]
    public void Windows_tasks_and_latest_are_not_judged_by_platform_version()
    {
        var windows = "      RuntimePlatform: { OperatingSystemFamily: WINDOWS_SERVER_2022_CORE }\n      Volumes: [{ Name: v, EFSVolumeConfiguration: { FilesystemId: fs-1 } }]";
        Assert.Empty(Lint(windows, "      LaunchType: FARGATE\n      PlatformVersion: 1.0.0").Only("ECS1008"));
        Assert.Empty(Lint("      Volumes: [{ Name: v, EFSVolumeConfiguration: { FilesystemId: fs-1 } }]", "      LaunchType: FARGATE\n      PlatformVersion: LATEST").Only("ECS1008"));
    }

    [Theory]
    [InlineData("enabled", false)]
    [InlineData("enhanced", false)]
    [InlineData("disabled", true)]
    public void Container_insights_values(string value, bool reported)
    {
        var findings = Support.Lint.Text($$"""
            Resources:
              Cluster:
                Type: AWS::ECS::Cluster
                Properties:
                  ClusterSettings: [{ Name: containerInsights, Value: {{value}} }]
            """, "stack.yaml").Only("ECS5006");
        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Fact]
    public void Container_insights_from_a_parameter_is_not_guessed()
    {
        var findings = Support.Lint.Text("""
            Parameters:
              Insights: { Type: String }
            Resources:
              Cluster:
                Type: AWS::ECS::Cluster
                Properties:
                  ClusterSettings: [{ Name: containerInsights, Value: !Ref Insights }]
            """, "stack.yaml");
        Assert.Empty(findings.Only("ECS5006"));
    }
}
