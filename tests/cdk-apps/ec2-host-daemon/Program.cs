using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;

namespace Ec2HostDaemon;

// Node-level agents on EC2: a DAEMON Ec2Service in host network mode, a privileged bridge-mode agent, and a clean
// awsvpc collector. A Stack subclass; settings in static readonly fields.
public sealed class Ec2HostDaemonStack : Stack
{
    private static readonly string NodeExporterImage = "quay.io/prometheus/node-exporter:v1.8.2";
    private static readonly string AgentImage = "docker.io/datadog/agent";
    private static readonly int ExporterPort = 9100;

    public Ec2HostDaemonStack(Construct scope, string id)
        : base(scope, id)
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });
        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });
        cluster.AddCapacity("Nodes", new AddCapacityOptions { InstanceType = new InstanceType("m7g.large"), MinCapacity = 2, MachineImage = EcsOptimizedImage.AmazonLinux2023(AmiHardwareType.ARM) });

        var exporterTask = new Ec2TaskDefinition(this, "NodeExporterTask", new Ec2TaskDefinitionProps
        {
            // host: the task uses the instance's network stack.
            NetworkMode = NetworkMode.HOST,
            // The exporter sees (and as root can signal) every process on the instance.
            PidMode = PidMode.HOST,
        });
        exporterTask.AddContainer("node-exporter", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(NodeExporterImage),
            MemoryLimitMiB = 128,
            Command = ["--path.rootfs=/host"],
            PortMappings = [new PortMapping { ContainerPort = ExporterPort }],
            // No "user": runs as the image's root user, here on the instance's network stack.
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "node-exporter" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "wget", "-q", "-O-", "http://localhost:" + ExporterPort + "/metrics"] },
        });

        _ = new Ec2Service(this, "NodeExporter", new Ec2ServiceProps
        {
            Cluster = cluster,
            TaskDefinition = exporterTask,
            Daemon = true,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });

        var agentTask = new Ec2TaskDefinition(this, "AgentTask", new Ec2TaskDefinitionProps
        {
            // bridge: the agent shares the instance's network interface and security groups.
            NetworkMode = NetworkMode.BRIDGE,
        });
        agentTask.AddContainer("datadog-agent", new ContainerDefinitionOptions
        {
            // No tag: whatever "latest" is on Docker Hub.
            Image = ContainerImage.FromRegistry(AgentImage),
            MemoryReservationMiB = 256,
            // Privileged: all capabilities and the host's devices.
            Privileged = true,
            User = "dd-agent",
            // No readonlyRootFilesystem: the root filesystem is writable.
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "datadog" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "agent", "health"] },
            PortMappings = [new PortMapping { ContainerPort = 8125, HostPort = 8125, Protocol = Amazon.CDK.AWS.ECS.Protocol.UDP }],
        });

        _ = new Ec2Service(this, "Agent", new Ec2ServiceProps
        {
            Cluster = cluster,
            TaskDefinition = agentTask,
            Daemon = true,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });

        var collectorTask = new Ec2TaskDefinition(this, "CollectorTask", new Ec2TaskDefinitionProps
        {
            NetworkMode = NetworkMode.AWS_VPC,
        });
        collectorTask.AddContainer("otel-collector", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1"),
            MemoryLimitMiB = 512,
            PortMappings = [new PortMapping { ContainerPort = 4317 }, new PortMapping { ContainerPort = 13133 }],
            User = "10001",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "otel" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/healthcheck"] },
        });

        _ = new Ec2Service(this, "Collector", new Ec2ServiceProps
        {
            Cluster = cluster,
            TaskDefinition = collectorTask,
            DesiredCount = 2,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });
    }
}

public static class Program
{
    public static void Main()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
        });
        _ = new Ec2HostDaemonStack(app, "Ec2HostDaemonStack");
        app.Synth();
    }
}
