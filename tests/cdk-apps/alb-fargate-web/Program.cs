using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;

// Two ApplicationLoadBalancedFargateService patterns: one built from TaskImageOptions with deliberate problems, one
// given a complete FargateTaskDefinition that has none. Top-level statements, values in locals.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "AlbFargateWebStack");

var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

var registry = "public.ecr.aws/nginx";
var storefrontCpu = 512;
var storefrontMemory = storefrontCpu;

_ = new ApplicationLoadBalancedFargateService(stack, "Storefront", new ApplicationLoadBalancedFargateServiceProps
{
    Cluster = cluster,
    // Fargate has no 512 MiB size with 0.5 vCPU (1024 to 4096 MiB).
    Cpu = storefrontCpu,
    MemoryLimitMiB = storefrontMemory,
    DesiredCount = 2,
    // The pattern's container has no health check, no user and a writable root filesystem.
    TaskImageOptions = new ApplicationLoadBalancedTaskImageOptions
    {
        // No tag at all: the image is nginx:latest, whatever was pushed last.
        Image = ContainerImage.FromRegistry(registry + "/nginx"),
        ContainerPort = 80,
        Environment = new Dictionary<string, string>
        {
            ["SHOP_CURRENCY"] = "EUR",
            // A session signing secret in plain text.
            ["SESSION_SECRET"] = "b7Vq2Lx9Tr4Wm8Kp3Zs6Yd1Hn5Jc0Fg",
        },
    },
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

var adminTask = new FargateTaskDefinition(stack, "AdminTask", new FargateTaskDefinitionProps
{
    Cpu = 256,
    MemoryLimitMiB = 512,
});
adminTask.AddContainer("admin", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("public.ecr.aws/docker/library/httpd:2.4.62"),
    PortMappings = [new PortMapping { ContainerPort = 8080 }],
    User = "1000:1000",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "admin" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
    {
        Command = ["CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/ || exit 1"],
        Interval = Duration.Seconds(30),
        Timeout = Duration.Seconds(5),
        Retries = 3,
        StartPeriod = Duration.Seconds(10),
    },
});

_ = new ApplicationLoadBalancedFargateService(stack, "Admin", new ApplicationLoadBalancedFargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = adminTask,
    DesiredCount = 1,
    PublicLoadBalancer = false,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

app.Synth();
