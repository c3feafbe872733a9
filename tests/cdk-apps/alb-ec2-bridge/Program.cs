using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;
using ElbHealthCheck = Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck;

// ApplicationLoadBalancedEc2Service on EC2 capacity: a bridge-mode service with dynamic host ports (and a target group
// health check on a fixed port), and a clean awsvpc service. Top-level statements.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "AlbEc2BridgeStack");
var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 1 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });
cluster.AddCapacity("Capacity", new AddCapacityOptions { InstanceType = new InstanceType("t3.large"), MinCapacity = 2 });

const int AppPort = 8080;
var legacyImage = "ghcr.io/acme-legacy/orders-monolith";

// --- legacy: deliberate problems ---
var legacyTask = new Ec2TaskDefinition(stack, "LegacyTask", new Ec2TaskDefinitionProps
{
    // bridge: every task shares the instance's network interface and security groups.
    NetworkMode = NetworkMode.BRIDGE,
});
legacyTask.AddContainer("orders", new ContainerDefinitionOptions
{
    // No tag: the image is whatever "latest" was pushed last.
    Image = ContainerImage.FromRegistry(legacyImage),
    MemoryReservationMiB = 768,
    // hostPort 0: each task gets an ephemeral host port.
    PortMappings = [new PortMapping { ContainerPort = AppPort, HostPort = 0 }],
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "orders" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD-SHELL", "curl -fs http://localhost:" + AppPort + "/health || exit 1"] },
    Environment = new Dictionary<string, string>
    {
        // A GitHub personal access token in plain text.
        ["GIT_SYNC_CREDENTIAL"] = "ghp_4Fq9ZxW2mL7pR1tV8kY3nB6cD0hJ5sA2eG7u",
    },
});

var legacy = new ApplicationLoadBalancedEc2Service(stack, "Legacy", new ApplicationLoadBalancedEc2ServiceProps
{
    Cluster = cluster,
    TaskDefinition = legacyTask,
    DesiredCount = 2,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});
// Health checks go to port 8080 on the instance, where no task listens (the tasks have ephemeral host ports).
legacy.TargetGroup.ConfigureHealthCheck(new ElbHealthCheck { Port = AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Path = "/health" });

// --- inventory: clean ---
var inventoryTask = new Ec2TaskDefinition(stack, "InventoryTask", new Ec2TaskDefinitionProps { NetworkMode = NetworkMode.AWS_VPC });
inventoryTask.AddContainer("inventory", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-legacy/inventory-api:2.2.0"),
    MemoryLimitMiB = 1024,
    PortMappings = [new PortMapping { ContainerPort = AppPort }],
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "inventory" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD-SHELL", "curl -fs http://localhost:" + AppPort + "/health || exit 1"] },
});

var inventory = new ApplicationLoadBalancedEc2Service(stack, "Inventory", new ApplicationLoadBalancedEc2ServiceProps
{
    Cluster = cluster,
    TaskDefinition = inventoryTask,
    DesiredCount = 2,
    PublicLoadBalancer = false,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});
inventory.TargetGroup.ConfigureHealthCheck(new ElbHealthCheck { Path = "/health" });

app.Synth();
