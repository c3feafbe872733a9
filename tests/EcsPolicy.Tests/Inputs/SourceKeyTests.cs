using System.Text;
using EcsPolicy.CSharp;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.CSharp;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// <see cref="SNode.SourceKey"/>: the key in the user's file that produced a value, in that file's spelling (the Copilot
/// manifest key, the <c>taskdef_overrides</c> path, the CDK construct prop), which findings name the property by.
/// </summary>
public class SourceKeyTests
{
    private const string Manifest = """
        name: api
        type: Load Balanced Web Service
        image:
          location: public.ecr.aws/nginx/nginx:1.27
          port: 8080
          healthcheck:
            command: ["CMD", "curl", "-f", "http://localhost/"]
            interval: 20s
        cpu: 512
        memory: 1024
        platform: linux/arm64
        storage:
          readonly_fs: false
          volumes:
            data:
              path: /data
              efs:
                id: fs-1234
                auth:
                  iam: true
        logging:
          destination:
            Name: cloudwatch
        sidecars:
          nginx:
            image: public.ecr.aws/nginx/nginx:1.27
            essential: false
        network:
          vpc:
            placement: public
        exec: true
        environments:
          prod:
            storage:
              readonly_fs: true
        """;

    private static LoadResult Load(string text) =>
        new CopilotLoader().Load("copilot/api/manifest.yml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    [Fact]
    public void Copilot_values_carry_the_manifest_key_they_were_read_from()
    {
        var result = Load(Manifest);
        var task = result.Tasks[0];
        var main = task.ContainerDefinitions[0];
        var sidecar = task.ContainerDefinitions.Single(c => c.Name.Value == "nginx");

        Assert.Equal("storage.readonly_fs", main.Node.Get("readonlyRootFilesystem")!.SourceKey);
        Assert.Equal("image.location", main.Node.Get("image")!.SourceKey);
        Assert.Equal("image.port", main.Node.Get("portMappings")!.SourceKey);
        Assert.Equal("image.port", main.PortMappings[0].Node.Get("containerPort")!.SourceKey);
        Assert.Equal("image.healthcheck", main.Node.Get("healthCheck")!.SourceKey);
        Assert.Equal("image.healthcheck.command", main.HealthCheck!.Node.Get("command")!.SourceKey);
        Assert.Equal("image.healthcheck.interval", main.HealthCheck.Node.Get("interval")!.SourceKey);

        // Copilot's defaults for the fields not written have no key.
        Assert.Null(main.HealthCheck.Node.Get("retries")!.SourceKey);

        // FireLens: the log configuration Copilot renders comes from the logging key, its options from logging.destination.
        Assert.Equal("logging", main.Node.Get("logConfiguration")!.SourceKey);
        Assert.Equal("logging.destination", main.LogConfiguration!.Node.Get("options")!.SourceKey);
        Assert.Equal("logging.destination.Name", main.LogConfiguration.Node.Get("options")!.Get("Name")!.SourceKey);

        Assert.Equal("sidecars.nginx", sidecar.Node.SourceKey);
        Assert.Equal("sidecars.nginx.essential", sidecar.Node.Get("essential")!.SourceKey);
        Assert.Equal("sidecars.nginx.image", sidecar.Node.Get("image")!.SourceKey);

        Assert.Equal("cpu", task.Node.Get("cpu")!.SourceKey);
        Assert.Equal("platform", task.Node.Get("runtimePlatform")!.Get("cpuArchitecture")!.SourceKey);
        Assert.Equal("storage.volumes.data.efs.id", task.Volumes[0].Node.Get("efsVolumeConfiguration")!.Get("fileSystemId")!.SourceKey);
        Assert.Equal("storage.volumes.data.efs.auth.iam", task.Volumes[0].Node.Get("efsVolumeConfiguration")!.Get("authorizationConfig")!.Get("iam")!.SourceKey);

        // What Copilot generates has no key.
        Assert.Null(task.Node.Get("networkMode")!.SourceKey);
        Assert.Null(task.Node.Get("requiresCompatibilities")!.SourceKey);

        var service = result.Services[0];
        Assert.Equal("network.vpc.placement", service.NetworkConfiguration!.AwsvpcConfiguration!.Node.Get("assignPublicIp")!.SourceKey);
        Assert.Equal("exec", service.Node.Get("enableExecuteCommand")!.SourceKey);
    }

    [Fact]
    public void A_value_an_environment_overrides_has_the_key_of_the_base_manifest_and_points_at_the_override()
    {
        var prod = Load(Manifest).Tasks[1];
        Assert.Equal(1, prod.VariantIndex);
        var readOnly = prod.ContainerDefinitions[0].Node.Get("readonlyRootFilesystem")!;

        Assert.Equal("true", readOnly.Scalar);
        Assert.Equal("storage.readonly_fs", readOnly.SourceKey);
        Assert.Equal(35, readOnly.Location.StartLine);
    }

    [Fact]
    public void A_platform_map_keys_each_field_and_a_sidecar_mount_point_its_item()
    {
        var task = Load("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            platform:
              osfamily: linux
              architecture: x86_64
            storage:
              volumes:
                data:
                  path: /data
                  efs: true
            sidecars:
              agent:
                image: agent:1
                mount_points:
                  - source_volume: data
                    path: /var/data
            """).Tasks[0];

        Assert.Equal("platform.osfamily", task.Node.Get("runtimePlatform")!.Get("operatingSystemFamily")!.SourceKey);
        Assert.Equal("platform.architecture", task.Node.Get("runtimePlatform")!.Get("cpuArchitecture")!.SourceKey);
        var mount = task.ContainerDefinitions[1].MountPoints[0].Node;
        Assert.Equal("sidecars.agent.mount_points[0]", mount.SourceKey);
        Assert.Equal("sidecars.agent.mount_points[0].path", mount.Get("containerPath")!.SourceKey);

        // A managed file system: Copilot chooses its transit encryption, which no key sets.
        var efs = task.Volumes[0].Node.Get("efsVolumeConfiguration")!;
        Assert.Equal("storage.volumes.data.efs", efs.SourceKey);
        Assert.Null(efs.Get("transitEncryption")!.SourceKey);
    }

    [Fact]
    public void A_value_a_taskdef_override_writes_is_keyed_with_the_rule_path_and_rebuilt_containers_keep_theirs()
    {
        var task = Load("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            sidecars:
              nginx:
                image: nginx:1.27
            taskdef_overrides:
              - path: ContainerDefinitions[0].User
                value: root
              - path: ContainerDefinitions[1].HealthCheck
                value:
                  Command: ["CMD", "true"]
            """).Tasks[0];

        Assert.Equal("taskdef_overrides:ContainerDefinitions[0].User", task.ContainerDefinitions[0].Node.Get("user")!.SourceKey);
        var sidecar = task.ContainerDefinitions[1].Node;
        Assert.Equal("sidecars.nginx", sidecar.SourceKey);
        Assert.Equal("taskdef_overrides:ContainerDefinitions[1].HealthCheck", sidecar.Get("healthCheck")!.SourceKey);
        Assert.Equal("taskdef_overrides:ContainerDefinitions[1].HealthCheck.Command", sidecar.Get("healthCheck")!.Get("command")!.SourceKey);
        Assert.Equal("taskdef_overrides:ContainerDefinitions[1].HealthCheck.Command[1]", sidecar.Get("healthCheck")!.Get("command")!.Children[1].SourceKey);
    }

    [Fact]
    public void Cdk_values_carry_the_construct_prop_or_method_that_set_them()
    {
        var result = CdkModel.Extract("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Shop");
            var task = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps { Cpu = 512, MemoryLimitMiB = 1024 });
            var web = task.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("nginx:1.27"),
                Essential = true,
                ReadonlyRootFilesystem = false,
                MemoryReservationMiB = 256,
            });
            web.AddPortMappings(new PortMapping { ContainerPort = 80 });
            """);

        var task = Assert.Single(result.Tasks);
        var web = task.ContainerDefinitions[0].Node;
        Assert.Equal("MemoryLimitMiB", task.Node.Get("memory")!.SourceKey);
        Assert.Equal("Cpu", task.Node.Get("cpu")!.SourceKey);
        Assert.Equal("ReadonlyRootFilesystem", web.Get("readonlyRootFilesystem")!.SourceKey);
        Assert.Equal("Essential", web.Get("essential")!.SourceKey);
        Assert.Equal("MemoryReservationMiB", web.Get("memoryReservation")!.SourceKey);
        Assert.Equal("AddPortMappings", web.Get("portMappings")!.SourceKey);
        Assert.Equal("ContainerPort", web.Get("portMappings")!.Children[0].Get("containerPort")!.SourceKey);

        // Generated by CDK: no key.
        Assert.Null(task.Node.Get("networkMode")!.SourceKey);
        Assert.Null(web.Get("name")!.SourceKey);
    }
}

/// <summary>The model the CDK front end extracts from a snippet.</summary>
internal static class CdkModel
{
    public static LoadResult Extract(string code)
    {
        var compilation = CdkCompilation.Create(code);
        Assert.Empty(CdkCompilation.CompilerErrors(compilation));
        var tree = compilation.SyntaxTrees[0];
        return CdkExtractor.Extract(compilation.GetSemanticModel(tree), new CompilationIndex(compilation, true));
    }
}
