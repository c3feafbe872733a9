using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;

namespace NlbFargateMqtt;

// NetworkLoadBalancedFargateService patterns for an MQTT broker on ARM64 (Graviton), with settings kept in static
// readonly fields of a classic Program class. The broker's task definition has deliberate problems; the relay's has none.
public static class Program
{
    private static readonly string BrokerImage = "public.ecr.aws/docker/library/eclipse-mosquitto:2.0.18";
    private static readonly string ExporterImage = "docker.io/sapcc/mosquitto-exporter:0.8.0";
    private static readonly int MqttPort = 1883;
    private static readonly int TaskMemory = 2048;
    private static readonly RuntimePlatform Graviton = new()
    {
        CpuArchitecture = CpuArchitecture.ARM64,
        OperatingSystemFamily = OperatingSystemFamily.LINUX,
    };

    public static void Main()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
        });
        var stack = new Stack(app, "NlbFargateMqttStack");
        var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
        var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

        var brokerTask = new FargateTaskDefinition(stack, "BrokerTask", new FargateTaskDefinitionProps
        {
            Cpu = 1024,
            MemoryLimitMiB = TaskMemory,
            RuntimePlatform = Graviton,
        });
        var broker = brokerTask.AddContainer("mosquitto", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(BrokerImage),
            PortMappings =
            [
                new PortMapping { ContainerPort = MqttPort },
                new PortMapping { ContainerPort = 9001 },
                // 1883/tcp is already mapped above.
                new PortMapping { ContainerPort = 1883, Protocol = Amazon.CDK.AWS.ECS.Protocol.TCP },
            ],
            User = "1883:1883",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps
            {
                StreamPrefix = "broker",
                // awslogs takes a datetime format or a multiline pattern, not both.
                DatetimeFormat = "%Y-%m-%dT%H:%M:%S",
                MultilinePattern = "^\\d{10}:",
            }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "mosquitto_sub", "-t", "$SYS/broker/uptime", "-C", "1", "-W", "3"],
                Interval = Duration.Seconds(30),
                Timeout = Duration.Seconds(5),
            },
        });
        var exporter = brokerTask.AddContainer("exporter", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(ExporterImage),
            Essential = false,
            // A hard limit above the task's 2048 MiB can never be met.
            MemoryLimitMiB = TaskMemory + 1024,
            PortMappings = [new PortMapping { ContainerPort = 9234 }],
            User = "65534",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "exporter" }),
        });
        exporter.AddContainerDependencies(new ContainerDependency { Container = broker, Condition = ContainerDependencyCondition.HEALTHY });

        _ = new NetworkLoadBalancedFargateService(stack, "Broker", new NetworkLoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = brokerTask,
            ListenerPort = MqttPort,
            PublicLoadBalancer = false,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });

        var relayTask = new FargateTaskDefinition(stack, "RelayTask", new FargateTaskDefinitionProps
        {
            Cpu = 256,
            MemoryLimitMiB = 512,
            RuntimePlatform = Graviton,
        });
        relayTask.AddContainer("relay", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/docker/library/haproxy:3.0.5"),
            PortMappings = [new PortMapping { ContainerPort = 8883 }],
            User = "99:99",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "relay" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD-SHELL", "haproxy -c -f /usr/local/etc/haproxy/haproxy.cfg"],
            },
        });

        _ = new NetworkLoadBalancedFargateService(stack, "Relay", new NetworkLoadBalancedFargateServiceProps
        {
            Cluster = cluster,
            TaskDefinition = relayTask,
            ListenerPort = 8883,
            PublicLoadBalancer = false,
            CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
        });

        app.Synth();
    }
}
