using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;

// Fargate tasks with several containers on ARM64: a FireLens log router (AddFirelensLogRouter), sidecars ordered
// with AddContainerDependencies, port mappings, health checks, a scratch volume with mount points and extra
// ephemeral storage. The checkout task is clean; the audit task has deliberate problems. Top-level statements.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "FirelensSidecarsStack");
var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

const string FluentBitImage = "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2.20240820";
var arm64 = new RuntimePlatform { CpuArchitecture = CpuArchitecture.ARM64, OperatingSystemFamily = OperatingSystemFamily.LINUX };
var toCloudWatch = new Dictionary<string, string>
{
    ["Name"] = "cloudwatch_logs",
    ["region"] = "eu-west-1",
    ["log_group_name"] = "/shop/checkout",
    ["log_stream_prefix"] = "app-",
    ["auto_create_group"] = "true",
};

Amazon.CDK.AWS.ECS.HealthCheck HttpCheck(int port, string path) => new()
{
    Command = ["CMD-SHELL", "curl -fs http://localhost:" + port + path + " || exit 1"],
    Interval = Duration.Seconds(15),
    Timeout = Duration.Seconds(5),
    Retries = 3,
    StartPeriod = Duration.Seconds(20),
};

// --- checkout: clean ---
var checkoutTask = new FargateTaskDefinition(stack, "CheckoutTask", new FargateTaskDefinitionProps
{
    Cpu = 1024,
    MemoryLimitMiB = 2048,
    RuntimePlatform = arm64,
    EphemeralStorageGiB = 50,
});
checkoutTask.AddVolume(new Amazon.CDK.AWS.ECS.Volume { Name = "scratch" });

var checkoutRouter = checkoutTask.AddFirelensLogRouter("log-router", new FirelensLogRouterDefinitionOptions
{
    Image = ContainerImage.FromRegistry(FluentBitImage),
    FirelensConfig = new FirelensConfig { Type = FirelensLogRouterType.FLUENTBIT },
    MemoryReservationMiB = 64,
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "firelens" }),
    HealthCheck = HttpCheck(2020, "/api/v1/health"),
});
var envoy = checkoutTask.AddContainer("envoy", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod"),
    MemoryReservationMiB = 256,
    PortMappings = [new PortMapping { ContainerPort = 9901 }],
    User = "1337",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = toCloudWatch }),
    HealthCheck = HttpCheck(9901, "/ready"),
});
var checkout = checkoutTask.AddContainer("checkout", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-shop/checkout:8.1.0"),
    MemoryReservationMiB = 1024,
    PortMappings = [new PortMapping { ContainerPort = 8080, Name = "http", AppProtocol = AppProtocol.Http }],
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = toCloudWatch }),
    HealthCheck = HttpCheck(8080, "/health"),
});
checkout.AddMountPoints(new MountPoint { SourceVolume = "scratch", ContainerPath = "/tmp", ReadOnly = false });
checkout.AddContainerDependencies(
    new ContainerDependency { Container = envoy, Condition = ContainerDependencyCondition.HEALTHY },
    new ContainerDependency { Container = checkoutRouter, Condition = ContainerDependencyCondition.START });

_ = new FargateService(stack, "Checkout", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = checkoutTask,
    DesiredCount = 2,
    MinHealthyPercent = 100,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

// --- audit: deliberate problems ---
var auditTask = new FargateTaskDefinition(stack, "AuditTask", new FargateTaskDefinitionProps
{
    Cpu = 512,
    MemoryLimitMiB = 1024,
    RuntimePlatform = arm64,
});
auditTask.AddFirelensLogRouter("log-router", new FirelensLogRouterDefinitionOptions
{
    Image = ContainerImage.FromRegistry(FluentBitImage),
    FirelensConfig = new FirelensConfig { Type = FirelensLogRouterType.FLUENTBIT },
    MemoryReservationMiB = 64,
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "firelens" }),
    HealthCheck = HttpCheck(2020, "/api/v1/health"),
});
var schemaInit = auditTask.AddContainer("schema-init", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-shop/audit-schema:1.3.0"),
    Command = ["migrate"],
    // Essential by default: when it exits after migrating, the whole task stops.
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = toCloudWatch }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "true"] },
});
var scanner = auditTask.AddContainer("clamav", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("docker.io/clamav/clamav:1.4.1"),
    Essential = false,
    MemoryReservationMiB = 256,
    User = "100",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = toCloudWatch }),
});
var writer = auditTask.AddContainer("audit-writer", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-shop/audit-writer:1.3.0"),
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = toCloudWatch }),
    HealthCheck = HttpCheck(8080, "/health"),
});
// The "spool" volume is never added to the task definition.
writer.AddMountPoints(new MountPoint { SourceVolume = "spool", ContainerPath = "/var/spool/audit", ReadOnly = false });
writer.AddContainerDependencies(
    // schema-init is essential, so waiting for it to complete can never succeed.
    new ContainerDependency { Container = schemaInit, Condition = ContainerDependencyCondition.COMPLETE },
    // clamav has no health check, so it never reports HEALTHY.
    new ContainerDependency { Container = scanner, Condition = ContainerDependencyCondition.HEALTHY });

_ = new FargateService(stack, "Audit", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = auditTask,
    DesiredCount = 1,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

// A one-off task (started with RunTask) whose container logs through FireLens without a log router: CDK then adds a
// default "log-router" container (aws-for-fluent-bit from the SSM parameter /aws/service/aws-for-fluent-bit/latest)
// with no health check, no user and a writable root filesystem.
var reindexTask = new FargateTaskDefinition(stack, "ReindexTask", new FargateTaskDefinitionProps
{
    Cpu = 256,
    MemoryLimitMiB = 512,
    RuntimePlatform = arm64,
});
reindexTask.AddContainer("reindex", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-shop/search-reindex:2.0.4"),
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.Firelens(new FireLensLogDriverProps { Options = toCloudWatch }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/app/reindex", "--ping"] },
});

app.Synth();
