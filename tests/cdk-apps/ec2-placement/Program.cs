using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;

namespace Ec2Placement;

// EC2 capacity with task-definition and service placement constraints (Cluster Query Language expressions) and
// placement strategies, written as a Stack subclass whose expressions are const fields.
internal sealed class Ec2PlacementStack : Stack
{
    private const string ComputeFamily = "attribute:ecs.instance-type =~ c6i.*";
    private const string TwoZones = "attribute:ecs.availability-zone in [eu-west-1a, eu-west-1b]";
    private const string GpuInstance = "attribute:ecs.instance-type = g5.xlarge";
    private const string RecentAgent = "agentVersion >= 1.80.0";
    private const int EncoderMemory = 2048;

    public Ec2PlacementStack(Construct scope, string id, IStackProps? props = null)
        : base(scope, id, props)
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });
        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });
        cluster.AddCapacity("DefaultCapacity", new AddCapacityOptions
        {
            InstanceType = new InstanceType("c6i.large"),
            MinCapacity = 2,
            MaxCapacity = 4,
        });

        var reportsTask = new Ec2TaskDefinition(this, "ReportsTask", new Ec2TaskDefinitionProps
        {
            NetworkMode = NetworkMode.AWS_VPC,
        });
        reportsTask.AddPlacementConstraint(PlacementConstraint.MemberOf(ComputeFamily));
        reportsTask.AddPlacementConstraint(PlacementConstraint.MemberOf(TwoZones + " and " + RecentAgent));
        reportsTask.AddContainer("reports", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/acme-analytics/reports-api:5.2.0"),
            MemoryLimitMiB = 1024,
            MemoryReservationMiB = 512,
            PortMappings = [new PortMapping { ContainerPort = 8080 }],
            User = "1000",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "reports" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD-SHELL", "curl -fs http://localhost:8080/ready || exit 1"] },
        });

        _ = new Ec2Service(this, "Reports", new Ec2ServiceProps
        {
            Cluster = cluster,
            TaskDefinition = reportsTask,
            DesiredCount = 2,
            PlacementConstraints = [PlacementConstraint.DistinctInstances()],
            PlacementStrategies = [PlacementStrategy.SpreadAcross(BuiltInAttributes.AVAILABILITY_ZONE), PlacementStrategy.PackedByMemory()],
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });

        var encoderTask = new Ec2TaskDefinition(this, "EncoderTask", new Ec2TaskDefinitionProps
        {
            NetworkMode = NetworkMode.AWS_VPC,
        });
        // CQL compares with "==", not "=".
        encoderTask.AddPlacementConstraint(PlacementConstraint.MemberOf(GpuInstance));
        // registeredAt takes a date, and month 13 does not exist.
        encoderTask.AddPlacementConstraint(PlacementConstraint.MemberOf("registeredAt >= 2024-13-01"));
        var encoderLinux = new LinuxParameters(this, "EncoderLinuxParameters", new LinuxParametersProps { InitProcessEnabled = true });
        // SYS_ADMIN (to mount a FUSE bucket) gives the container most of root's power over the host.
        encoderLinux.AddCapabilities(Capability.SYS_ADMIN);
        encoderTask.AddContainer("encoder", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("docker.io/jrottenberg/ffmpeg:7.0-nvidia2204"),
            MemoryReservationMiB = EncoderMemory / 2,
            MemoryLimitMiB = EncoderMemory,
            GpuCount = 1,
            LinuxParameters = encoderLinux,
            User = "1000",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "encoder" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "ffmpeg", "-version"] },
        });

        _ = new Ec2Service(this, "Encoder", new Ec2ServiceProps
        {
            Cluster = cluster,
            TaskDefinition = encoderTask,
            DesiredCount = 1,
            // The expression ends after "and".
            PlacementConstraints = [PlacementConstraint.MemberOf("attribute:ecs.os-type == linux and")],
            PlacementStrategies = [PlacementStrategy.PackedByCpu()],
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
        _ = new Ec2PlacementStack(app, "Ec2PlacementStack");
        app.Synth();
    }
}
