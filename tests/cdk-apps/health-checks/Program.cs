using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using EcsHealthCheck = Amazon.CDK.AWS.ECS.HealthCheck;

// Container health checks and timeouts given as Durations, on a Fargate task with several containers
// (the "search" task has deliberate problems; "catalog" has none). Top-level statements.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "HealthChecksStack");
var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

var baseInterval = Duration.Seconds(30);
const int SlowStartSeconds = 240;

ContainerDefinitionOptions Hardened(string image, string prefix, EcsHealthCheck? check, string? name = null) => new()
{
    Image = ContainerImage.FromRegistry(image),
    ContainerName = name,
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = prefix }),
    HealthCheck = check,
};

// --- search: deliberate problems ---
var searchTask = new FargateTaskDefinition(stack, "SearchTask", new FargateTaskDefinitionProps { Cpu = 2048, MemoryLimitMiB = 8192 });
var search = searchTask.AddContainer("search", Hardened("docker.elastic.co/elasticsearch/elasticsearch:8.15.1", "search", new EcsHealthCheck
{
    Command = ["CMD-SHELL", "curl -fs http://localhost:9200/_cluster/health || exit 1"],
    Interval = Duration.Minutes(2),
    // ECS allows a timeout of at most 60 seconds.
    Timeout = Duration.Seconds(90),
    Retries = 3,
    StartPeriod = Duration.Seconds(SlowStartSeconds),
}));
search.AddPortMappings(new PortMapping { ContainerPort = 9200 });

var exporter = searchTask.AddContainer("exporter", Hardened("quay.io/prometheuscommunity/elasticsearch-exporter:v1.7.0", "exporter", new EcsHealthCheck
{
    Command = ["CMD", "wget", "-q", "-O-", "http://localhost:9114/healthz"],
    Interval = baseInterval,
    Timeout = Duration.Seconds(5),
    // ECS allows 1 to 10 retries.
    Retries = 12,
}));
exporter.AddContainerDependencies(new ContainerDependency { Container = search, Condition = ContainerDependencyCondition.HEALTHY });

// A second container also named "search" (ContainerName overrides the construct id).
var warmer = searchTask.AddContainer("warmer", Hardened("ghcr.io/acme-shop/search-warmer:0.4.2", "warmer", new EcsHealthCheck
{
    Command = ["CMD", "/warmer", "--ping"],
    Interval = baseInterval,
    Retries = 5,
    // ECS allows a start period of at most 300 seconds.
    StartPeriod = Duration.Seconds(SlowStartSeconds * 2),
}, name: "search"));

var sidecar = searchTask.AddContainer("snapshotter", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-shop/es-snapshotter:1.1.0"),
    Essential = false,
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "snapshotter" }),
    // Fargate allows at most 120 seconds before SIGKILL.
    StopTimeout = Duration.Minutes(3),
    // Fargate waits at most 120 seconds for dependencies.
    StartTimeout = Duration.Seconds(SlowStartSeconds + 60),
});
sidecar.AddContainerDependencies(new ContainerDependency { Container = search, Condition = ContainerDependencyCondition.HEALTHY });

_ = new FargateService(stack, "Search", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = searchTask,
    // 0 % lets a deployment stop every running task before new ones are healthy.
    MinHealthyPercent = 0,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

// --- catalog: clean ---
var catalogTask = new FargateTaskDefinition(stack, "CatalogTask", new FargateTaskDefinitionProps { Cpu = 512, MemoryLimitMiB = 1024 });
var catalog = catalogTask.AddContainer("catalog", Hardened("ghcr.io/acme-shop/catalog:5.0.2", "catalog", new EcsHealthCheck
{
    Command = ["CMD-SHELL", "curl -fs http://localhost:8080/health || exit 1"],
    Interval = baseInterval,
    Timeout = Duration.Seconds(5),
    Retries = 3,
    StartPeriod = Duration.Seconds(60),
}));
catalog.AddPortMappings(new PortMapping { ContainerPort = 8080 });
var cache = catalogTask.AddContainer("cache", Hardened("public.ecr.aws/docker/library/redis:7.4.0", "cache", new EcsHealthCheck
{
    Command = ["CMD", "redis-cli", "ping"],
    Interval = Duration.Seconds(10),
    Timeout = Duration.Seconds(3),
    Retries = 5,
}));
catalog.AddContainerDependencies(new ContainerDependency { Container = cache, Condition = ContainerDependencyCondition.HEALTHY });

_ = new FargateService(stack, "Catalog", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = catalogTask,
    MinHealthyPercent = 100,
    MaxHealthyPercent = 200,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

app.Synth();
