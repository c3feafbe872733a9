using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;

// A small CDK app with deliberate ECS problems, synthesized by the corpus tests (CDK_OUTDIR=dir dotnet run) so that
// ecs-policy lints its cdk.out. Each problem is one the linter must report with the construct path in the message.

// `cdk synth` writes each resource's construct path into its metadata (aws:cdk:path); a plain `dotnet run` does
// that only when asked through this context key, which the CDK CLI sets by default.
var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "FargateServiceStack");

var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc });

var api = new Construct(stack, "Api");

// Fargate has no 3000 MiB size (with 1 vCPU: 2048, 3072, ... 8192); CDK 2.160.0 does not check this at synth.
var taskDefinition = new FargateTaskDefinition(api, "TaskDef", new FargateTaskDefinitionProps
{
    Cpu = 1024,
    MemoryLimitMiB = 3000,
});

taskDefinition.AddContainer("Web", new ContainerDefinitionOptions
{
    // Not pinned to a digest or a version.
    Image = ContainerImage.FromRegistry("nginx:latest"),
    PortMappings = [new PortMapping { ContainerPort = 80 }],

    // Fargate does not run privileged containers (CDK 2.160.0 does not check this at synth).
    Privileged = true,
    Environment = new Dictionary<string, string>
    {
        ["LOG_LEVEL"] = "info",

        // A secret in plain text (should be a Secrets Manager or SSM reference).
        ["DB_PASSWORD"] = "Zq8#vL2!pR7@wX4$",
    },
});

_ = new FargateService(api, "Service", new FargateServiceProps
{
    Cluster = cluster,
    TaskDefinition = taskDefinition,
    DesiredCount = 1,
    AssignPublicIp = true,
});

app.Synth();
