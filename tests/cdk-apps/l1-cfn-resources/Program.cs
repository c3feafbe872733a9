using Amazon.CDK;
using Amazon.CDK.AWS.ECS;

// Only L1 constructs (CfnCluster, CfnTaskDefinition, CfnService), written the way a CloudFormation template would be,
// against an existing VPC given by subnet and security group IDs. Top-level statements.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "L1CfnResourcesStack");

const string ExecutionRole = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
const string LogRegion = "eu-west-1";
string[] subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f9e8d7c6b5a40312"];
string[] securityGroups = ["sg-0123456789abcdef0"];

CfnTaskDefinition.LogConfigurationProperty AwsLogs(string group, string prefix) => new()
{
    LogDriver = "awslogs",
    Options = new Dictionary<string, string>
    {
        ["awslogs-group"] = group,
        ["awslogs-region"] = LogRegion,
        ["awslogs-stream-prefix"] = prefix,
    },
};

CfnTaskDefinition.HealthCheckProperty HttpCheck(int port) => new()
{
    Command = new[] { "CMD-SHELL", $"curl -fs http://localhost:{port}/health || exit 1" },
    Interval = 30,
    Timeout = 5,
    Retries = 3,
};

// No cluster setting for Container Insights.
var paymentsCluster = new CfnCluster(stack, "PaymentsCluster", new CfnClusterProps { ClusterName = "payments" });

var batchCluster = new CfnCluster(stack, "BatchCluster", new CfnClusterProps
{
    ClusterName = "batch",
    ClusterSettings = new[] { new CfnCluster.ClusterSettingsProperty { Name = "containerInsights", Value = "enabled" } },
});

var apiTaskDef = new CfnTaskDefinition(stack, "ApiTaskDef", new CfnTaskDefinitionProps
{
    Family = "payments-api",
    RequiresCompatibilities = new[] { "FARGATE" },
    // Fargate only runs awsvpc.
    NetworkMode = "bridge",
    Cpu = "512",
    Memory = "1024",
    ExecutionRoleArn = ExecutionRole,
    // The application runs with the execution role's permissions.
    TaskRoleArn = ExecutionRole,
    ContainerDefinitions = new[]
    {
        new CfnTaskDefinition.ContainerDefinitionProperty
        {
            Name = "api",
            Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments-api:1.12.0",
            // Neither container is essential.
            Essential = false,
            PortMappings = new[] { new CfnTaskDefinition.PortMappingProperty { ContainerPort = 8080 } },
            // There is no container named "migrations" (it is "migrate").
            DependsOn = new[] { new CfnTaskDefinition.ContainerDependencyProperty { ContainerName = "migrations", Condition = "SUCCESS" } },
            User = "1000",
            ReadonlyRootFilesystem = true,
            HealthCheck = HttpCheck(8080),
            LogConfiguration = AwsLogs("/ecs/payments-api", "api"),
        },
        new CfnTaskDefinition.ContainerDefinitionProperty
        {
            Name = "migrate",
            Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments-migrate:1.12.0",
            Essential = false,
            Command = new[] { "migrate", "up" },
            User = "1000",
            ReadonlyRootFilesystem = true,
            LogConfiguration = AwsLogs("/ecs/payments-api", "migrate"),
        },
    },
});

var workerTaskDef = new CfnTaskDefinition(stack, "WorkerTaskDef", new CfnTaskDefinitionProps
{
    Family = "payments-worker",
    RequiresCompatibilities = new[] { "EC2" },
    NetworkMode = "awsvpc",
    ExecutionRoleArn = ExecutionRole,
    ContainerDefinitions = new[]
    {
        new CfnTaskDefinition.ContainerDefinitionProperty
        {
            Name = "worker",
            Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments-worker:1.12.0",
            Memory = 1024,
            MemoryReservation = 512,
            User = "1000",
            ReadonlyRootFilesystem = true,
            HealthCheck = HttpCheck(9000),
            LogConfiguration = AwsLogs("/ecs/payments-worker", "worker"),
        },
    },
});

var deployment = new CfnService.DeploymentConfigurationProperty
{
    MinimumHealthyPercent = 100,
    MaximumPercent = 200,
    DeploymentCircuitBreaker = new CfnService.DeploymentCircuitBreakerProperty { Enable = true, Rollback = true },
};
var network = new CfnService.NetworkConfigurationProperty
{
    AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty
    {
        Subnets = subnets,
        SecurityGroups = securityGroups,
        AssignPublicIp = "DISABLED",
    },
};

_ = new CfnService(stack, "ApiService", new CfnServiceProps
{
    Cluster = paymentsCluster.Ref,
    TaskDefinition = apiTaskDef.Ref,
    LaunchType = "FARGATE",
    // Fargate has no instances to run a daemon on.
    SchedulingStrategy = "DAEMON",
    NetworkConfiguration = network,
    DeploymentConfiguration = deployment,
});

_ = new CfnService(stack, "WorkerService", new CfnServiceProps
{
    Cluster = paymentsCluster.Ref,
    TaskDefinition = workerTaskDef.Ref,
    LaunchType = "EC2",
    DesiredCount = 2,
    // awsvpc task definition, but no NetworkConfiguration.
    DeploymentConfiguration = deployment,
    PlacementStrategies = new[]
    {
        new CfnService.PlacementStrategyProperty { Type = "spread", Field = "attribute:ecs.availability-zone" },
        // binpack packs by cpu or memory, not by instance.
        new CfnService.PlacementStrategyProperty { Type = "binpack", Field = "instanceId" },
    },
});

_ = new CfnService(stack, "WorkerSpotService", new CfnServiceProps
{
    Cluster = paymentsCluster.Ref,
    TaskDefinition = workerTaskDef.Ref,
    // The task definition only lists EC2 in RequiresCompatibilities.
    LaunchType = "FARGATE",
    DesiredCount = 1,
    NetworkConfiguration = network,
    DeploymentConfiguration = deployment,
});

var batchTaskDef = new CfnTaskDefinition(stack, "BatchTaskDef", new CfnTaskDefinitionProps
{
    Family = "ledger-batch",
    RequiresCompatibilities = new[] { "FARGATE" },
    NetworkMode = "awsvpc",
    Cpu = "1024",
    Memory = "4096",
    ExecutionRoleArn = ExecutionRole,
    TaskRoleArn = "arn:aws:iam::123456789012:role/ledger-batch-task",
    ContainerDefinitions = new[]
    {
        new CfnTaskDefinition.ContainerDefinitionProperty
        {
            Name = "ledger",
            Image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ledger-batch:4.0.3",
            PortMappings = new[] { new CfnTaskDefinition.PortMappingProperty { ContainerPort = 8081 } },
            User = "1000",
            ReadonlyRootFilesystem = true,
            HealthCheck = HttpCheck(8081),
            LogConfiguration = AwsLogs("/ecs/ledger-batch", "ledger"),
        },
    },
});

_ = new CfnService(stack, "BatchService", new CfnServiceProps
{
    Cluster = batchCluster.Ref,
    TaskDefinition = batchTaskDef.Ref,
    LaunchType = "FARGATE",
    DesiredCount = 1,
    NetworkConfiguration = network,
    DeploymentConfiguration = deployment,
});

app.Synth();
