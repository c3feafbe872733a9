using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;

// Constructs nested in plain `new Construct(...)` groups, two levels deep, so construct paths run
// Stack/Group/SubGroup/Resource. Images are assembled by string concatenation and sizes by arithmetic. Top-level statements.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "NestedGroupsStack");

var shared = new Construct(stack, "Shared");
var vpc = new Vpc(shared, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
// Container Insights switched off explicitly.
var cluster = new Cluster(shared, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = false });

var payments = new Construct(stack, "Payments");
var workers = new Construct(payments, "Workers");

const string Registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
const string Team = "payments";
var channel = "latest";
var vcpu = 1024;

// --- Payments/Gateway: a Windows container on Fargate ---
var gatewayTask = new FargateTaskDefinition(payments, "GatewayTask", new FargateTaskDefinitionProps
{
    Cpu = vcpu,
    MemoryLimitMiB = vcpu * 2,
    RuntimePlatform = new RuntimePlatform
    {
        OperatingSystemFamily = OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
        CpuArchitecture = CpuArchitecture.X86_64,
    },
});
gatewayTask.AddContainer("gateway", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry(Registry + "/" + Team + "/gateway-win:2.3.0"),
    PortMappings = [new PortMapping { ContainerPort = 443 }],
    // readonlyRootFilesystem is a Linux-only setting; Windows containers do not support it.
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = Team + "-gateway" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
    {
        Command = ["CMD-SHELL", "powershell -Command \"try { Invoke-WebRequest -UseBasicParsing https://localhost/health } catch { exit 1 }\""],
        Interval = Duration.Seconds(30),
        StartPeriod = Duration.Seconds(120),
    },
});

// --- Payments/Workers/Reconcile ---
var reconcileTask = new FargateTaskDefinition(workers, "ReconcileTask", new FargateTaskDefinitionProps
{
    Cpu = vcpu * 2,
    // 2 vCPU allows up to 16 GiB; 18 GiB is not offered.
    MemoryLimitMiB = vcpu * 18,
});
reconcileTask.AddContainer("reconcile", new ContainerDefinitionOptions
{
    // The "latest" channel tag moves with every push.
    Image = ContainerImage.FromRegistry(Registry + "/" + Team + "/reconcile:" + channel),
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = Team + "-reconcile" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/app/reconcile", "--health"] },
});
_ = new FargateService(workers, "Reconcile", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = reconcileTask,
    // Tasks in public subnets with public IP addresses.
    AssignPublicIp = true,
    VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

// --- Payments/Workers/Ledger: clean ---
var ledgerTask = new FargateTaskDefinition(workers, "LedgerTask", new FargateTaskDefinitionProps
{
    Cpu = vcpu,
    MemoryLimitMiB = vcpu * 3,
});
ledgerTask.AddContainer("ledger", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry(Registry + "/" + Team + "/ledger:7.4.1"),
    User = "1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = Team + "-ledger" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/app/ledger", "--health"] },
});
_ = new FargateService(workers, "Ledger", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = ledgerTask,
    VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

app.Synth();
