using System.Globalization;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;

// Plain TaskDefinition constructs with an explicit Compatibility (EC2_AND_FARGATE, FARGATE), run by a FargateService
// and an Ec2Service, with host, scratch and EFS volumes. Task sizes are strings computed from ints. Top-level statements.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "PlainTaskdefVolumesStack");
var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });
cluster.AddCapacity("Capacity", new AddCapacityOptions { InstanceType = new InstanceType("m6i.large"), MinCapacity = 1, MaxCapacity = 3 });

static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
const int QuarterVcpu = 256;
var logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "plain" });

// --- hybrid: runs on EC2 and on Fargate ---
var hybridTask = new TaskDefinition(stack, "HybridTask", new TaskDefinitionProps
{
    Compatibility = Compatibility.EC2_AND_FARGATE,
    NetworkMode = NetworkMode.AWS_VPC,
    Cpu = Str(QuarterVcpu),
    // 3 GiB is too much for 0.25 vCPU on Fargate (512 to 2048 MiB).
    MemoryMiB = Str(3 * 1024),
});
// A host bind mount: Fargate has no host paths to mount.
hybridTask.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "host-certs", Host = new Host { SourcePath = "/etc/pki/ca-trust" } });
var syncer = hybridTask.AddContainer("syncer", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("public.ecr.aws/acme-platform/cert-syncer:0.9.3"),
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = logging,
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/cert-syncer", "check"] },
});
syncer.AddMountPoints(new MountPoint { SourceVolume = "host-certs", ContainerPath = "/certs", ReadOnly = true });

_ = new FargateService(stack, "HybridOnFargate", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = hybridTask,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});
_ = new Ec2Service(stack, "HybridOnEc2", new Ec2ServiceProps
{
    Cluster = cluster,
    TaskDefinition = hybridTask,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

// --- files: EFS volumes ---
var filesTask = new TaskDefinition(stack, "FilesTask", new TaskDefinitionProps
{
    Compatibility = Compatibility.FARGATE,
    Cpu = Str(QuarterVcpu * 2),
    MemoryMiB = Str(1024),
});
filesTask.AddVolume(new Amazon.CDK.AWS.ECS.Volume
{
    Name = "uploads",
    EfsVolumeConfiguration = new EfsVolumeConfiguration
    {
        FileSystemId = "fs-0a1b2c3d4e5f67890",
        // An access point needs transit encryption, which is disabled.
        TransitEncryption = "DISABLED",
        AuthorizationConfig = new AuthorizationConfig { AccessPointId = "fsap-0123456789abcdef0", Iam = "ENABLED" },
    },
});
// No transit encryption: NFS traffic to EFS is unencrypted.
filesTask.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "archive", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = "fs-0f9e8d7c6b5a43210" } });
var files = filesTask.AddContainer("files", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("docker.io/filebrowser/filebrowser:v2.31.2"),
    PortMappings = [new PortMapping { ContainerPort = 8080 }],
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = logging,
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/healthcheck.sh"] },
});
files.AddMountPoints(
    new MountPoint { SourceVolume = "uploads", ContainerPath = "/srv/uploads", ReadOnly = false },
    new MountPoint { SourceVolume = "archive", ContainerPath = "/srv/archive", ReadOnly = true });

_ = new FargateService(stack, "Files", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = filesTask,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

// --- edge: clean ---
var edgeTask = new TaskDefinition(stack, "EdgeTask", new TaskDefinitionProps
{
    Compatibility = Compatibility.FARGATE,
    Cpu = Str(QuarterVcpu),
    MemoryMiB = Str(512),
});
edgeTask.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "cache" });
var edge = edgeTask.AddContainer("edge", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("public.ecr.aws/docker/library/caddy:2.8.4"),
    PortMappings = [new PortMapping { ContainerPort = 8443 }],
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = logging,
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "caddy", "version"] },
});
edge.AddMountPoints(new MountPoint { SourceVolume = "cache", ContainerPath = "/data", ReadOnly = false });

_ = new FargateService(stack, "Edge", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = edgeTask,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

app.Synth();
