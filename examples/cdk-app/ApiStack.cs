using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Constructs;

namespace Example;

/// <summary>A Fargate service with an API container and a collector sidecar, with deliberate defects.</summary>
public sealed class ApiStack : Stack
{
    public ApiStack(Construct scope, string id, IStackProps? props = null)
        : base(scope, id, props)
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2 });
        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

        // 2 vCPU needs 4096 to 16384 MiB on Fargate.
        var taskDefinition = new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps
        {
            Cpu = 2048,
            MemoryLimitMiB = 2048,
        });

        taskDefinition.AddContainer("api", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            PortMappings = [new PortMapping { ContainerPort = 8080 }],
            Logging = LogDriver.AwsLogs(new AwsLogDriverProps { StreamPrefix = "api" }),
        });

        // No tag and no logging.
        taskDefinition.AddContainer("otel", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/aws-observability/aws-otel-collector"),
            Essential = false,
        });

        _ = new FargateService(this, "Service", new FargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = taskDefinition,
            DesiredCount = 2,
            AssignPublicIp = true,
        });
    }
}
