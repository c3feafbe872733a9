using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Vocabularies;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// How a property and a fix read in a Copilot manifest's words and in CDK C#: the key or construct prop the file wrote,
/// else the one that would set it, else (Copilot) the <c>taskdef_overrides</c> path.
/// </summary>
public class CopilotAndCdkNamesTests
{
    private static TaskDefinition Copilot(string text) =>
        new CopilotLoader().Load("copilot/api/manifest.yml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true).Tasks[0];

    private static string Prop(ModelObject owner, string member, Vocabulary vocabulary) => Names.Prop(PropRef.Of(owner, member), vocabulary);

    private static string Fix(ModelObject owner, string member, string value, Vocabulary vocabulary) => Names.Fix(ModelEdit.Set(owner, member, value), vocabulary);

    [Fact]
    public void Copilot_names_what_the_manifest_writes_by_its_key()
    {
        var task = Copilot("""
            name: api
            type: Load Balanced Web Service
            image:
              location: nginx:1.27
              port: 8080
            cpu: 256
            memory: 3000
            platform: linux/x86_64
            storage:
              readonly_fs: false
            sidecars:
              nginx:
                image: nginx:1.27
                essential: false
            """);
        var main = task.ContainerDefinitions[0];
        var nginx = task.ContainerDefinitions[1];

        Assert.Equal("storage.readonly_fs", Prop(main, "readonlyRootFilesystem", Vocabulary.Copilot));
        Assert.Equal("storage.readonly_fs: true", Fix(main, "readonlyRootFilesystem", "true", Vocabulary.Copilot));
        Assert.Equal("sidecars.nginx.essential", Prop(nginx, "essential", Vocabulary.Copilot));
        Assert.Equal("sidecars.nginx.essential: true", Fix(nginx, "essential", "true", Vocabulary.Copilot));
        Assert.Equal("image.port", Prop(main, "portMappings", Vocabulary.Copilot));

        // The task size is an integer in a manifest: a quoted "1024" is a string Copilot refuses.
        Assert.Equal("memory", Prop(task, "memory", Vocabulary.Copilot));
        Assert.Equal("memory: 1024", Fix(task, "memory", "\"1024\"", Vocabulary.Copilot));

        // The platform is one string: the fix changes its architecture.
        Assert.Equal("platform: linux/arm64", Fix(task.RuntimePlatform!, "cpuArchitecture", "\"ARM64\"", Vocabulary.Copilot));
    }

    [Fact]
    public void Copilot_writes_a_platform_map_field_in_the_manifest_words()
    {
        var task = Copilot("name: api\ntype: Backend Service\nimage:\n  location: nginx:1.27\nplatform:\n  osfamily: linux\n  architecture: x86_64\n");

        Assert.Equal("platform.architecture: arm64", Fix(task.RuntimePlatform!, "cpuArchitecture", "\"ARM64\"", Vocabulary.Copilot));
    }

    [Fact]
    public void Copilot_names_an_absent_property_by_the_key_that_would_set_it()
    {
        var task = Copilot("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            logging:
              destination:
                Name: cloudwatch
            sidecars:
              envoy:
                image: envoy:1
            """);
        var main = task.ContainerDefinitions[0];
        var envoy = task.ContainerDefinitions.Single(c => c.Name.Value == "envoy");

        Assert.Equal("storage.readonly_fs", Prop(main, "readonlyRootFilesystem", Vocabulary.Copilot));
        Assert.Equal("image.healthcheck", Prop(main, "healthCheck", Vocabulary.Copilot));
        Assert.Equal("sidecars.envoy.essential", Prop(envoy, "essential", Vocabulary.Copilot));
        Assert.Equal("sidecars.envoy.healthcheck", Prop(envoy, "healthCheck", Vocabulary.Copilot));

        // cpu is Copilot's default here (no key written): the key that sets it.
        Assert.Equal("cpu: 512", Fix(task, "cpu", "\"512\"", Vocabulary.Copilot));
    }

    [Fact]
    public void Copilot_names_what_no_manifest_key_sets_by_its_taskdef_overrides_path()
    {
        var task = Copilot("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            logging:
              destination:
                Name: cloudwatch
            sidecars:
              envoy:
                image: envoy:1
            taskdef_overrides:
              - path: ContainerDefinitions[0].User
                value: root
            """);
        var main = task.ContainerDefinitions[0];
        var envoy = task.ContainerDefinitions.Single(c => c.Name.Value == "envoy");

        // The main container is always essential in Copilot: only an override sets it.
        Assert.Equal("taskdef_overrides path ContainerDefinitions[0].Essential", Prop(main, "essential", Vocabulary.Copilot));
        Assert.Equal("taskdef_overrides: [{path: ContainerDefinitions[0].Essential, value: true}]", Fix(main, "essential", "true", Vocabulary.Copilot));

        // The log router is item 1, so the sidecar is item 2 of the list Copilot renders.
        Assert.Equal("taskdef_overrides path ContainerDefinitions[2].Privileged", Prop(envoy, "privileged", Vocabulary.Copilot));
        Assert.Equal("taskdef_overrides path NetworkMode", Prop(task, "networkMode", Vocabulary.Copilot));

        // A value an override wrote is named by the override's own path, and fixed there.
        Assert.Equal("ContainerDefinitions[0].User", Prop(main, "user", Vocabulary.Copilot));
        Assert.Equal("taskdef_overrides: [{path: ContainerDefinitions[0].User, value: \"1000\"}]", Fix(main, "user", "\"1000\"", Vocabulary.Copilot));
    }

    [Fact]
    public void Copilot_names_service_properties_by_their_manifest_keys()
    {
        var service = new CopilotLoader().Load(
            "copilot/api/manifest.yml",
            Encoding.UTF8.GetBytes("name: api\ntype: Backend Service\nimage:\n  location: nginx:1.27\n"),
            explicitlyGiven: true).Services[0];
        var vpc = service.NetworkConfiguration!.AwsvpcConfiguration!;

        Assert.Equal("network.vpc.placement", Prop(vpc, "assignPublicIp", Vocabulary.Copilot));
        Assert.Equal("network.vpc.placement: private", Fix(vpc, "assignPublicIp", "\"DISABLED\"", Vocabulary.Copilot));
        Assert.Equal("exec", Prop(service, "enableExecuteCommand", Vocabulary.Copilot));
    }

    [Fact]
    public void Cdk_names_construct_props_and_writes_fixes_as_csharp()
    {
        var result = CdkModel.Extract("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Shop");
            var task = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps { Cpu = 512, MemoryLimitMiB = 3000 });
            var web = task.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("nginx:1.27"),
                ReadonlyRootFilesystem = false,
                Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "web" }),
            });
            web.AddPortMappings(new PortMapping { ContainerPort = 80 });
            var raw = new CfnTaskDefinition(stack, "Raw", new CfnTaskDefinitionProps
            {
                Cpu = "256",
                Memory = "512",
                ContainerDefinitions = new[] { new CfnTaskDefinition.ContainerDefinitionProperty { Name = "x", Image = "nginx" } },
            });
            """);
        var task = result.Tasks.Single(t => t.ContainerDefinitions[0].Name.Value == "Web");
        var web = task.ContainerDefinitions[0];

        // Present: the prop the code wrote.
        Assert.Equal("MemoryLimitMiB", Prop(task, "memory", Vocabulary.CdkCSharp));
        Assert.Equal("MemoryLimitMiB = 2048", Fix(task, "memory", "\"2048\"", Vocabulary.CdkCSharp));
        Assert.Equal("ReadonlyRootFilesystem = true", Fix(web, "readonlyRootFilesystem", "true", Vocabulary.CdkCSharp));
        Assert.Equal("Logging", Prop(web, "logConfiguration", Vocabulary.CdkCSharp));
        Assert.Equal("AddPortMappings(...)", Prop(web, "portMappings", Vocabulary.CdkCSharp));

        // Absent: the L2 prop where CDK renames it, else CloudFormation's name, which is CDK's too.
        Assert.Equal("MemoryReservationMiB", Prop(web, "memoryReservation", Vocabulary.CdkCSharp));
        Assert.Equal("Essential = true", Fix(web, "essential", "true", Vocabulary.CdkCSharp));
        Assert.Equal("User = \"1000\"", Fix(web, "user", "\"1000\"", Vocabulary.CdkCSharp));
        Assert.Equal("HealthCheck", Prop(web, "healthCheck", Vocabulary.CdkCSharp));
        Assert.Equal("StopTimeout = Duration.Seconds(30)", Fix(web, "stopTimeout", "30", Vocabulary.CdkCSharp));
        Assert.Equal("Compatibility", Prop(task, "requiresCompatibilities", Vocabulary.CdkCSharp));

        // Generated by the construct (no prop written): an enum member in C#.
        Assert.Equal("NetworkMode = NetworkMode.AWS_VPC", Fix(task, "networkMode", "\"awsvpc\"", Vocabulary.CdkCSharp));

        // L1: CloudFormation's names and string values, present or absent.
        var raw = result.Tasks.Single(t => t.ContainerDefinitions[0].Name.Value == "x");
        Assert.Equal("Memory = \"1024\"", Fix(raw, "memory", "\"1024\"", Vocabulary.CdkCSharp));
        Assert.Equal("Memory", Prop(raw.ContainerDefinitions[0], "memory", Vocabulary.CdkCSharp));
        Assert.Equal("NetworkMode = \"awsvpc\"", Fix(raw, "networkMode", "\"awsvpc\"", Vocabulary.CdkCSharp));
    }

    [Fact]
    public void Cdk_names_service_props_that_differ_from_cloudformation()
    {
        var result = CdkModel.Extract("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Shop");
            var cluster = new Cluster(stack, "Cluster");
            var task = new FargateTaskDefinition(stack, "TaskDef");
            task.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:1.27") });
            _ = new FargateService(stack, "Service", new FargateServiceProps { Cluster = cluster, TaskDefinition = task, AssignPublicIp = true });
            """);
        var service = Assert.Single(result.Services);
        var vpc = service.NetworkConfiguration!.AwsvpcConfiguration!;

        Assert.Equal("AssignPublicIp = false", Fix(vpc, "assignPublicIp", "\"DISABLED\"", Vocabulary.CdkCSharp));
        Assert.Equal("HealthCheckGracePeriod = Duration.Seconds(60)", Fix(service, "healthCheckGracePeriodSeconds", "60", Vocabulary.CdkCSharp));
        Assert.Equal("MaxHealthyPercent", Prop(service.DeploymentConfiguration!, "maximumPercent", Vocabulary.CdkCSharp));
        Assert.Equal("PlatformVersion = FargatePlatformVersion.VERSION1_4", Fix(service, "platformVersion", "\"1.4.0\"", Vocabulary.CdkCSharp));
    }
}
