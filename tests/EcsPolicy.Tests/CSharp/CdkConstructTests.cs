namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// What the C# front end renders for the CDK constructs beyond the basics (ECS patterns, EC2 task definitions and
/// services, the generic TaskDefinition, log drivers, dependencies, volumes, placement), seen through the findings a
/// user gets: rule ID, exact span and message.
/// </summary>
public class CdkConstructTests
{
    [Fact]
    public void Queue_scheduled_and_network_load_balanced_patterns()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.EC2;
            using Amazon.CDK.AWS.ECS;
            using Amazon.CDK.AWS.ECS.Patterns;

            var app = new App();
            var stack = new Stack(app, "Jobs");
            var vpc = new Vpc(stack, "Vpc");
            _ = [|new QueueProcessingFargateService|](stack, "Queue", new QueueProcessingFargateServiceProps
            {
                Vpc = vpc,
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/worker:2.0"),
                MemoryLimitMiB = [|3000|],
                Environment = new Dictionary<string, string> { [[|"AWS_SECRET_ACCESS_KEY"|]] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
                AssignPublicIp = [|true|],
                PlatformVersion = [|FargatePlatformVersion.VERSION1_3|],
            });
            _ = [|new ScheduledFargateTask|](stack, "Nightly", new ScheduledFargateTaskProps
            {
                Vpc = vpc,
                Schedule = Amazon.CDK.AWS.ApplicationAutoScaling.Schedule.Expression("rate(1 day)"),
                ScheduledFargateTaskImageOptions = new ScheduledFargateTaskImageOptions
                {
                    Image = ContainerImage.FromRegistry("public.ecr.aws/acme/report:2.0"),
                    Cpu = 2048,
                },
            });
            _ = [|new NetworkLoadBalancedFargateService|](stack, "Tcp", new NetworkLoadBalancedFargateServiceProps
            {
                Vpc = vpc,
                TaskImageOptions = new NetworkLoadBalancedTaskImageOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/acme/tcp:1.0"), EnableLogging = false },
            });
            """);

        // The queue processing service: cpu 256 is the pattern's, the memory the user's.
        run.All(
            "ECS1001",
            (1, "Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 256: with this Cpu use MemoryLimitMiB 512, 1024 or 2048 MiB; no Fargate Cpu accepts 3000 MiB. [construct Jobs/Queue/QueueProcessingTaskDef]"),
            (5, "Fargate does not support MemoryLimitMiB 512 MiB with Cpu 2048: with this Cpu use MemoryLimitMiB 4096 to 16384 MiB in steps of 1024 MiB (4 GB to 16 GB in 1 GB steps), or keep this MemoryLimitMiB and use Cpu 256. MemoryLimitMiB 512 is CDK's default for a FargateTaskDefinition of an ECS pattern: set MemoryLimitMiB to choose another. [construct Jobs/Nightly/ScheduledTaskDef]"));
        run.Single("ECS3006", 2, "Container 'QueueProcessingContainer' passes AWS credentials in plain environment variable 'AWS_SECRET_ACCESS_KEY', where anyone who can describe the task definition can read them. Give the task a TaskRole with the permissions the application needs; the AWS SDKs pick up the role's temporary credentials automatically. Remove the variable and rotate the key if it was real. [construct Jobs/Queue/QueueProcessingTaskDef]");
        run.Single("ECS6009", 3, "Service 'QueueProcessingFargateService' assigns public IP addresses to its tasks, so each task is reachable from the internet wherever its security groups allow. Set AssignPublicIp = false and reach the internet through a NAT gateway or VPC endpoints; expose the service through a load balancer. [construct Jobs/Queue/QueueProcessingFargateService/Service]");
        // 1.3.0 is a retired Linux platform version: an error of ECS1008, not the pinning note ECS7004.
        run.Single("ECS1008", 4, "Service 'QueueProcessingFargateService' pins Fargate platform version 1.3.0, which AWS has retired: Linux tasks on Fargate launch only on 1.4.0 or later, so its tasks fail to start. Use 1.4.0 or LATEST. [construct Jobs/Queue/QueueProcessingFargateService/Service]");
        Assert.Empty(run.Of("ECS7004"));

        // Logging switched off in the network load balanced service; awslogs by default in the two others.
        run.Single("ECS5001", 6, "Container 'web' has no Logging, so its output is not collected centrally: add one, e.g. Logging = LogDriver.AwsLogs(...) with awslogs-group, awslogs-region and awslogs-stream-prefix. [construct Jobs/Tcp/TaskDef]");

        // The three patterns share the cluster CDK creates in the stack for their VPC.
        var cluster = Assert.Single(run.Of("ECS5006"));
        Assert.Equal(run.Spans[0].Start, cluster.Location.SourceSpan.Start);
        Assert.EndsWith(" [construct Jobs/EcsDefaultClusterMnL3mNNYNVpc]", cluster.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.Of("ECS3003"));
    }

    [Fact]
    public void EC2_task_definition_with_linux_parameters_log_drivers_dependencies_volumes_and_placement()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Hosts");
            var cluster = new Cluster(stack, "Cluster", new ClusterProps { ContainerInsights = true });
            var task = [|new Ec2TaskDefinition|](stack, "TaskDef");
            var linux = new LinuxParameters(stack, "Linux", new LinuxParametersProps { InitProcessEnabled = true });
            linux.AddCapabilities([|Capability.SYS_ADMIN|], [|Capability.NET_ADMIN|]);
            var web = task.AddContainer("App", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/app:1.0"),
                MemoryReservationMiB = [|512|],
                MemoryLimitMiB = 256,
                LinuxParameters = linux,
                Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = new Dictionary<string, string> { ["Name"] = "cloudwatch" } }),
            });
            web.AddPortMappings(new PortMapping { ContainerPort = 80 });
            var migrate = task.AddContainer("Migrate", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/migrate:1.0"),
                MemoryLimitMiB = 128,
                Logging = LogDrivers.Splunk([|new SplunkLogDriverProps { Url = "https://splunk:8088" }|]),
            });
            web.AddContainerDependencies(new ContainerDependency { Container = migrate, Condition = [|ContainerDependencyCondition.SUCCESS|] });
            web.AddContainerDependencies([|new ContainerDependency { Container = migrate }|]);
            task.AddVolume(new Volume
            {
                Name = "data",
                EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = "fs-1234", TransitEncryption = [|"DISABLED"|] },
            });
            web.AddMountPoints(new MountPoint { SourceVolume = [|"dta"|], ContainerPath = "/data", ReadOnly = false });
            task.AddPlacementConstraint(PlacementConstraint.MemberOf("attribute:ecs.instance-type =~ t2.*", "attribute:ecs.os-type == [|"|]));
            _ = new Ec2Service(stack, "Service", new Ec2ServiceProps { Cluster = cluster, TaskDefinition = task, Daemon = true });
            """);

        run.Single("ECS6010", 0, "The task uses NetworkMode \"bridge\", so its containers share the instance's network interface and security groups: use \"awsvpc\" to give the task its own network interface and security groups. NetworkMode bridge is CDK's default for an Ec2TaskDefinition: set NetworkMode to choose another. [construct Hosts/TaskDef]");
        run.All(
            "ECS6006",
            (1, "Container 'App' adds the capability SYS_ADMIN, which allows mounting filesystems and many other administrative operations, the usual way out of a container: remove it from LinuxParameters.AddCapabilities(...), or grant a narrower capability. [construct Hosts/TaskDef]"),
            (2, "Container 'App' adds the capability NET_ADMIN, which allows changing network interfaces, routes and firewall rules: remove it from LinuxParameters.AddCapabilities(...), or grant a narrower capability. [construct Hosts/TaskDef]"));
        run.Single("ECS2009", 3, "Container 'App' reserves 512 MiB (MemoryReservationMiB), more than its hard limit of 256 MiB (MemoryLimitMiB). MemoryReservationMiB is the soft limit and must be below MemoryLimitMiB: lower MemoryReservationMiB or raise MemoryLimitMiB. [construct Hosts/TaskDef]");
        run.Single("ECS5005", 4, "Container 'Migrate' uses the splunk log driver without \"splunk-token\", which the driver requires: add it (give SplunkLogDriverProps.SecretToken a Secret from Secrets Manager or SSM Parameter Store rather than a plain Token). [construct Hosts/TaskDef]");
        run.Single("ECS2005", 5, "Container 'App' waits for 'Migrate' to SUCCESS, but 'Migrate' is essential by default (\"Essential\" is omitted): a container that is expected to exit cannot be essential. Set Essential = false on 'Migrate', or use condition START or HEALTHY. [construct Hosts/TaskDef]");

        // A dependency without a condition is HEALTHY, as CDK renders it.
        run.Single("ECS2006", 6, "Container 'App' waits for 'Migrate' to be HEALTHY, but 'Migrate' has no HealthCheck, which the HEALTHY condition requires: without one ECS cannot confirm that 'Migrate' is healthy. Add a HealthCheck to 'Migrate', or use condition START. [construct Hosts/TaskDef]");
        run.Single("ECS6011", 7, "Volume 'data' mounts EFS without transit encryption, so file data crosses the network unencrypted: set TransitEncryption = \"ENABLED\" in EfsVolumeConfiguration (consider IAM authorization too). [construct Hosts/TaskDef]");
        run.Single("ECS2011", 8, "Container 'App' mounts SourceVolume 'dta', but the task's volumes are 'data'. Add a volume named 'dta' to the task's Volumes, or fix the name. [construct Hosts/TaskDef]");
        run.Single("ECS4001", 9, "Placement expression is not valid Cluster Query Language at character 26: Expected a value after '==', found the end of the expression. [construct Hosts/TaskDef]");

        // CDK adds a FireLens log router for the awsfirelens container; the cluster has Container Insights.
        Assert.Empty(run.Of("ECS5004"));
        Assert.Empty(run.Of("ECS5006"));
    }

    [Fact]
    public void Generic_task_definition_with_compatibility_platform_health_check_and_timeouts()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Generic");
            var task = new TaskDefinition(stack, "TaskDef", new TaskDefinitionProps
            {
                Compatibility = Compatibility.EC2_AND_FARGATE,
                Cpu = [|"256"|],
                MemoryMiB = "512",
                RuntimePlatform = new RuntimePlatform { CpuArchitecture = [|CpuArchitecture.ARM64|], OperatingSystemFamily = [|OperatingSystemFamily.WINDOWS_SERVER_2019_CORE|] },
                EphemeralStorageGiB = [|10|],
            });
            var web = task.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromAsset("./app"),
                Secrets = new Dictionary<string, Secret> { ["TOKEN"] = Secret.FromSsmParameter(null!) },
                HealthCheck = new HealthCheck { Command = new[] { "curl", "-f", "http://localhost/" }, Interval = Duration.Minutes(1), Retries = [|12|] },
                StopTimeout = [|Duration.Seconds(200)|],
                PortMappings = [new PortMapping { ContainerPort = 80, HostPort = [|8080|] }],
                Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "web" }),
            });
            web.AddEnvironment("API_TOKEN", [|"ghp_" + "16C7e42F292c6912E7710c838347Ae178B4a"|]);
            """);

        run.Single("ECS1001", 0, "Fargate has no Windows task size with Cpu 256: Windows containers on Fargate use Cpu 1024, 2048 or 4096. [construct Generic/TaskDef]");
        run.All(
            "ECS1006",
            (1, "Windows containers on Fargate run on X86_64 only: set CpuArchitecture to \"X86_64\", or use a Linux image for ARM64. [construct Generic/TaskDef]"),
            (2, "Windows containers on Fargate need at least 1 vCPU, but the task Cpu is 256: set the task Cpu to 1024, 2048 or 4096, or use a Linux platform. [construct Generic/TaskDef]"));
        run.Single("ECS1007", 3, "EphemeralStorageGiB is 10, but the minimum is 21 GiB: Fargate already gives every task 20 GiB, so set 21 to 200 GiB or remove EphemeralStorageGiB. [construct Generic/TaskDef]");
        run.Single("ECS2012", 4, "Container 'Web' has health check Retries 12; it must be between 1 and 10 retries. Set a value in that range. [construct Generic/TaskDef]");
        run.Single("ECS2015", 5, "Container 'Web' sets StopTimeout 200; on Fargate it must be between 2 and 120 seconds. Set a value in that range. [construct Generic/TaskDef]");
        run.Single("ECS2010", 6, "Container 'Web' maps ContainerPort 80 to HostPort 8080, but with NetworkMode \"awsvpc\" the host port must equal the container port. Remove HostPort or set it to 80. [construct Generic/TaskDef]");
        var token = run.Single("ECS3001", 7, "Container 'Web' sets environment variable 'API_TOKEN' in plain text, and its value contains a GitHub token (detector: github-token). Plain environment values are visible to anyone who can describe the task definition: store the value in Secrets Manager or as an SSM SecureString parameter and reference it from the container's 'Secrets' instead (Secrets = new Dictionary<string, Secret> { [\"API_TOKEN\"] = Secret.FromSsmParameter(...) }), then remove it from 'AddEnvironment(...)'. [construct Generic/TaskDef]");
        Assert.DoesNotContain("16C7e42F", token.GetMessage(), StringComparison.Ordinal);

        // Secrets, an asset image and awslogs make CDK create the execution role; the health check command gets CMD.
        Assert.Empty(run.Of("ECS3003"));
        Assert.Empty(run.Of("ECS2016"));
    }

    [Fact]
    public void Containers_added_to_a_patterns_task_definition_and_task_definitions_passed_on()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using Amazon.CDK.AWS.ECS.Patterns;

            var app = new App();
            var stack = new Stack(app, "Shop");
            var api = new ApplicationLoadBalancedFargateService(stack, "Api", new ApplicationLoadBalancedFargateServiceProps
            {
                TaskImageOptions = new ApplicationLoadBalancedTaskImageOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27") },
            });
            api.TaskDefinition.AddContainer("Agent", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/agent:1.0"),
                Privileged = [|true|],
            });

            var batch = new FargateTaskDefinition(stack, "Batch");
            batch.AddContainer("Job", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:1.0"),
                Essential = false,
                Privileged = [|true|],
            });
            Sidecars.AddTo(batch);

            static class Sidecars
            {
                public static void AddTo(TaskDefinition task) => task.AddContainer("Proxy", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("envoy:1.30") });
            }
            """);

        run.All(
            "ECS1004",
            (0, "Container 'Agent' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false. [construct Shop/Api/TaskDef]"),
            (1, "Container 'Job' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false. [construct Shop/Batch]"));

        // The task definition is passed on, where an essential container may be added: no ECS2001.
        Assert.Empty(run.Of("ECS2001"));
    }

    [Fact]
    public void A_FireLens_log_router_and_an_L1_cluster()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Logs");
            var task = new FargateTaskDefinition(stack, "TaskDef");
            task.AddFirelensLogRouter([|"Router"|], new FirelensLogRouterDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0"),
                FirelensConfig = new FirelensConfig { Type = FirelensLogRouterType.FLUENTBIT },
                Essential = false,
            });
            task.AddContainer("App", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/app:1.0"),
                Logging = LogDrivers.Firelens(new FireLensLogDriverProps()),
            });
            _ = new CfnCluster(stack, "Cluster", new CfnClusterProps
            {
                ClusterSettings = new[] { new CfnCluster.ClusterSettingsProperty { Name = "containerInsights", Value = [|"disabled"|] } },
            });
            """);

        // The task has its own router (without a log configuration of its own), so CDK adds none.
        run.Single("ECS5001", 0, "Container 'Router' has no Logging, so its output is not collected centrally: add one, e.g. Logging = LogDriver.AwsLogs(...) with awslogs-group, awslogs-region and awslogs-stream-prefix. [construct Logs/TaskDef]");
        Assert.DoesNotContain(run.Diagnostics, d => d.GetMessage().Contains("log-router", StringComparison.Ordinal));
        Assert.Empty(run.Of("ECS5004"));
        run.Single("ECS5006", 1, "Cluster 'Cluster' sets containerInsights to \"disabled\", so CPU, memory, network and storage metrics per task and service are not collected. Set it to enabled (or enhanced). [construct Logs/Cluster]");
    }
}
