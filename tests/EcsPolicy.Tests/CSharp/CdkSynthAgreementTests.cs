namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// Constructs where the static reading of the C# source once disagreed with linting the synthesized templates (found by
/// the differential test on tests/cdk-apps): the source now reports what cdk.out reports, or holds the value as unknown.
/// </summary>
public class CdkSynthAgreementTests
{
    [Fact]
    public void An_EC2_load_balanced_pattern_registers_a_dynamic_host_port_with_a_target_group_checked_on_a_fixed_port()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using Amazon.CDK.AWS.ECS.Patterns;
            using ElbHealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;

            const int Port = 8080;
            var app = new App();
            var stack = new Stack(app, "Legacy");
            var cluster = new Cluster(stack, "Cluster");
            var task = new Ec2TaskDefinition(stack, "Task", new Ec2TaskDefinitionProps { NetworkMode = NetworkMode.BRIDGE });
            task.AddContainer("orders", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("ghcr.io/acme/orders:1.0"),
                MemoryReservationMiB = 512,
                PortMappings = [new PortMapping { ContainerPort = Port, HostPort = 0 }],
            });
            var web = new ApplicationLoadBalancedEc2Service(stack, "Web", new ApplicationLoadBalancedEc2ServiceProps { Cluster = cluster, TaskDefinition = task });
            web.TargetGroup.ConfigureHealthCheck(new ElbHealthCheck { Port = [|Port.ToString(System.Globalization.CultureInfo.InvariantCulture)|] });

            var fixedTask = new Ec2TaskDefinition(stack, "FixedTask", new Ec2TaskDefinitionProps { NetworkMode = NetworkMode.BRIDGE });
            fixedTask.AddContainer("api", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("ghcr.io/acme/api:1.0"),
                MemoryReservationMiB = 512,
                PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 0 }],
            });
            // Health checks on the traffic port (the default) reach every target.
            _ = new ApplicationLoadBalancedEc2Service(stack, "Api", new ApplicationLoadBalancedEc2ServiceProps { Cluster = cluster, TaskDefinition = fixedTask });
            """);

        run.Single("ECS7005", 0, "Service 'Service' registers container 'orders' port 8080 with target group 'ECSGroup' on a dynamic host port (HostPort 0), but the target group checks health on port 8080, where the task does not listen, so the targets never become healthy. Set HealthCheckPort to traffic-port, or leave it out (traffic-port is the default). [construct Legacy/Web/Service/Service]");
    }

    [Fact]
    public void A_secret_imported_by_its_ARN_is_checked_like_the_ARN_in_the_template()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using SmSecret = Amazon.CDK.AWS.SecretsManager.Secret;

            var app = new App();
            var stack = new Stack(app, "Billing");
            var task = new FargateTaskDefinition(stack, "Task");
            var bad = SmSecret.FromSecretCompleteArn(stack, "Bad", "arn:aws:secretsmanager:eu-west-1:12345678:secret:billing/webhook-AbCdEf");
            var good = SmSecret.FromSecretCompleteArn(stack, "Good", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/db-AbCdEf");
            task.AddContainer("worker", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("ghcr.io/acme/worker:1.0"),
                Secrets = new Dictionary<string, Secret>
                {
                    ["WEBHOOK_KEY"] = [|Secret.FromSecretsManager(bad)|],
                    ["DB_PASSWORD"] = Secret.FromSecretsManager(good, "password"),
                },
            });
            """);

        var finding = Assert.Single(run.Of("ECS3002"));
        Assert.Equal(run.Spans[0].Start, finding.Location.SourceSpan.Start);
        Assert.StartsWith("Container 'worker' secret 'WEBHOOK_KEY': its reference has a bad account ID: the account ID has 8 digits, not 12.", finding.GetMessage(), StringComparison.Ordinal);
        Assert.EndsWith(" [construct Billing/Task]", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_computed_by_a_local_function_of_the_app_is_evaluated_with_its_arguments()
    {
        var run = CdkSnippet.Analyze("""
            using System.Globalization;
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
            string Mib(int gib, int extra = 0)
            {
                return Str(gib * 1024 + extra);
            }

            const int QuarterVcpu = 256;
            var app = new App();
            var stack = new Stack(app, "Plain");
            _ = new TaskDefinition(stack, "Hybrid", new TaskDefinitionProps
            {
                Compatibility = Compatibility.FARGATE,
                Cpu = Str(QuarterVcpu),
                MemoryMiB = [|Str(3 * 1024)|],
            });
            _ = new TaskDefinition(stack, "Fits", new TaskDefinitionProps
            {
                Compatibility = Compatibility.FARGATE,
                Cpu = Str(QuarterVcpu * 4),
                MemoryMiB = Mib(2, extra: 1024),
            });
            """);

        var finding = Assert.Single(run.Of("ECS1001"));
        Assert.Equal(run.Spans[0].Start, finding.Location.SourceSpan.Start);
        Assert.StartsWith("Fargate does not support MemoryMiB 3072 MiB with Cpu 256:", finding.GetMessage(), StringComparison.Ordinal);
        Assert.EndsWith(" [construct Plain/Hybrid]", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_with_options_from_a_function_are_unknown_and_their_names_too()
    {
        // ContainerName in the options overrides the id: the container added as "warmer" is named "cache", so the name
        // "warmer" of the third container is not a duplicate; the health checks are not read either.
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            ContainerDefinitionOptions Options(string image, string? name = null) => new()
            {
                Image = ContainerImage.FromRegistry(image),
                ContainerName = name,
                HealthCheck = new HealthCheck { Command = ["CMD", "/ping"], Retries = 12 },
            };

            var app = new App();
            var stack = new Stack(app, "Search");
            var task = new FargateTaskDefinition(stack, "Task");
            task.AddContainer("search", Options("docker.elastic.co/elasticsearch/elasticsearch:8.15.1"));
            task.AddContainer("warmer", Options("ghcr.io/acme/warmer:1.0", "cache"));
            task.AddContainer("other", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("ghcr.io/acme/warmer:1.0"), ContainerName = "warmer" });
            """);

        Assert.Empty(run.Of("ECS2002"));
        Assert.Empty(run.Of("ECS2012"));
    }
}
