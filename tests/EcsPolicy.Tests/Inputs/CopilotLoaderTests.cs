using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>Copilot workload manifests: the task definition Copilot renders, its defaults, and environment overrides.</summary>
public class CopilotLoaderTests
{
    private const string File = "copilot/api/manifest.yml";

    private static LoadResult Load(string text) =>
        new CopilotLoader().Load(File, Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    private static TaskDefinition Single(string text)
    {
        var result = Load(text);
        Assert.True(result.Recognized);
        Assert.Empty(result.Findings);
        return Assert.Single(result.Tasks);
    }

    [Fact]
    public void Defaults_are_Copilots_and_point_at_the_type_line()
    {
        var task = Single("""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            """);

        Assert.Equal(SourceFormat.Copilot, task.Format);
        Assert.Equal("api", task.Node.Get("family")!.Scalar);
        Assert.Equal("FARGATE", task.Node.Get("requiresCompatibilities")!.Children[0].Scalar);
        Assert.Equal("awsvpc", task.Node.Get("networkMode")!.Scalar);
        var cpu = task.Node.Get("cpu")!;
        var memory = task.Node.Get("memory")!;
        Assert.Equal("256", cpu.Scalar);
        Assert.Equal("512", memory.Scalar);
        Assert.Equal((2, 7), (memory.Location.StartLine, memory.Location.StartColumn));
        Assert.Contains("Copilot's default", memory.DefaultNote, StringComparison.Ordinal);
        var main = Assert.Single(task.ContainerDefinitions);
        Assert.Equal("api", main.Name.Value);
        Assert.True(main.Essential.Value);
        Assert.Equal("public.ecr.aws/nginx/nginx:1.27", main.Image.Value);
        Assert.Null(task.Node.Get("runtimePlatform"));
    }

    [Fact]
    public void A_finding_on_a_default_is_at_the_type_line_and_says_it_is_Copilots_default()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            cpu: 1024
            """,
            File).Only("ECS1001");

        var finding = Assert.Single(findings);
        Assert.Equal((2, 7), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.StartsWith("Fargate does not support memory 512 MiB with cpu 1024: with this cpu use memory 2048, ", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "or keep this memory and use cpu 256. Memory 512 is Copilot's default for a Backend Service: set memory in the manifest to choose another.",
            finding.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_Windows_workload_gets_the_Windows_defaults_and_platform()
    {
        const string Manifest = """
            name: win
            type: Load Balanced Web Service
            platform: windows/x86_64
            image:
              location: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019
              port: 80
            """;
        var task = Single(Manifest);

        Assert.Equal("1024", task.Node.Get("cpu")!.Scalar);
        Assert.Equal("2048", task.Node.Get("memory")!.Scalar);
        Assert.Contains("Windows", task.Node.Get("memory")!.DefaultNote, StringComparison.Ordinal);
        var platform = task.Node.Get("runtimePlatform")!;
        Assert.Equal("WINDOWS_SERVER_2019_CORE", platform.Get("operatingSystemFamily")!.Scalar);
        Assert.Equal("X86_64", platform.Get("cpuArchitecture")!.Scalar);
        Assert.True(task.IsWindows);
        var port = Assert.Single(task.ContainerDefinitions[0].PortMappings);
        Assert.Equal(80, port.ContainerPort.Value);
        Assert.Empty(Lint.Text(Manifest, File).Only("ECS1001"));
    }

    [Theory]
    [InlineData("platform: linux/arm64", "LINUX", "ARM64")]
    [InlineData("platform: linux/arm", "LINUX", "ARM64")]
    [InlineData("platform: linux/amd64", "LINUX", "X86_64")]
    [InlineData("platform:\n  osfamily: windows_server_2022_full\n  architecture: x86_64", "WINDOWS_SERVER_2022_FULL", "X86_64")]
    public void Platform_string_and_map_forms_map_to_the_runtime_platform(string platform, string os, string arch)
    {
        var task = Single("name: api\ntype: Worker Service\nimage:\n  location: nginx:1.27\n" + platform + "\n");

        var runtime = task.Node.Get("runtimePlatform")!;
        Assert.Equal(os, runtime.Get("operatingSystemFamily")!.Scalar);
        Assert.Equal(arch, runtime.Get("cpuArchitecture")!.Scalar);
        Assert.Equal(5, runtime.NameLocation.StartLine);
    }

    [Fact]
    public void Secrets_pass_strings_through_and_leave_Secrets_Manager_and_imports_unknown()
    {
        var task = Single("""
            name: api
            type: Backend Service
            image:
              build: ./Dockerfile
            secrets:
              PLAIN: /app/db/password
              ARN: arn:aws:ssm:us-east-1:111122223333:parameter/app/token
              SM:
                secretsmanager: 'demo/testing/mysql:password::'
              IMPORTED:
                from_cfn: stack-SSMGHUserName
            """);

        var main = task.ContainerDefinitions[0];
        Assert.True(main.Image.IsUnknown);
        var secrets = main.Secrets;
        Assert.Equal(["PLAIN", "ARN", "SM", "IMPORTED"], secrets.Select(s => s.Name.Value));
        Assert.Equal("/app/db/password", secrets[0].ValueFrom.Value);
        Assert.Equal("arn:aws:ssm:us-east-1:111122223333:parameter/app/token", secrets[1].ValueFrom.Value);
        var sm = secrets[2].Node.Get("valueFrom")!;
        Assert.Equal(NodeKind.Unknown, sm.Kind);
        Assert.Equal("arn", sm.KnownForm);
        Assert.Equal("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:demo/testing/mysql:password::", sm.UnknownReason);
        Assert.Equal((9, 21), (sm.Location.StartLine, sm.Location.StartColumn));
        Assert.Equal(NodeKind.Unknown, secrets[3].Node.Get("valueFrom")!.Kind);
    }

    [Fact]
    public void Sidecars_are_essential_by_default_and_merge_with_environment_overrides()
    {
        var result = Load("""
            name: api
            type: Load Balanced Web Service
            image:
              location: nginx:1.27
              port: 8080
            depends_on:
              envoy: start
            sidecars:
              envoy:
                image: public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.3.0-prod
                port: 9901/udp
                mount_points:
                  - source_volume: scratch
                    path: /var/scratch
            storage:
              volumes:
                scratch:
                  path: /var/scratch
            environments:
              prod:
                sidecars:
                  envoy:
                    essential: false
                    variables:
                      LOG_LEVEL: debug
            """);

        Assert.Empty(result.Findings);
        Assert.Equal(2, result.Tasks.Count);
        var (baseTask, prod) = (result.Tasks[0], result.Tasks[1]);
        Assert.Equal("environment 'prod'", prod.VariantCondition);

        var envoy = baseTask.ContainerDefinitions[1];
        Assert.Equal("envoy", envoy.Name.Value);
        Assert.True(envoy.Essential.Value);
        Assert.True(envoy.Essential.IsDefault);
        Assert.Equal("udp", envoy.PortMappings[0].Protocol.Value);
        Assert.Equal(9901, envoy.PortMappings[0].ContainerPort.Value);
        Assert.Equal("scratch", envoy.MountPoints[0].SourceVolume.Value);
        Assert.True(envoy.MountPoints[0].ReadOnly.Value);
        Assert.Equal("START", baseTask.ContainerDefinitions[0].DependsOn[0].Condition.Value);
        Assert.Equal("scratch", baseTask.Volumes[0].Name.Value);

        var prodEnvoy = prod.ContainerDefinitions[1];
        Assert.Equal("public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.3.0-prod", prodEnvoy.Image.Value);
        Assert.False(prodEnvoy.Essential.Value);
        Assert.Equal(23, prodEnvoy.Essential.Location.StartLine);
        Assert.Equal("LOG_LEVEL", prodEnvoy.Environment[0].Name.Value);
        Assert.Equal("debug", prodEnvoy.Environment[0].Value.Value);
        Assert.Equal("udp", prodEnvoy.PortMappings[0].Protocol.Value);
    }

    [Fact]
    public void Environment_overrides_replace_lists_and_scalars_and_a_location_replaces_a_build()
    {
        var result = Load("""
            name: api
            type: Backend Service
            image:
              build: ./Dockerfile
            command: ["serve", "--port", "80"]
            environments:
              test:
                image:
                  location: nginx:1.27
                command: run --once
            """);

        var test = result.Tasks[1].ContainerDefinitions[0];
        Assert.True(result.Tasks[0].ContainerDefinitions[0].Image.IsUnknown);
        Assert.Equal("nginx:1.27", test.Image.Value);
        Assert.Equal(["run", "--once"], test.Command.Select(c => c.Value));
    }

    [Fact]
    public void An_environment_override_finding_names_the_environment_and_points_at_the_override()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            cpu: 256
            memory: 512
            environments:
              test:
                cpu: 512
                memory: 1024
              prod:
                memory: 4096
            """,
            File).Only("ECS1001");

        var finding = Assert.Single(findings);
        Assert.Equal((12, 13), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal(
            "Fargate does not support memory 4096 MiB with cpu 256: with this cpu use memory 512, 1024 or 2048 MiB, or keep this memory and use cpu 512, 1024 or 2048 (in environment 'prod').",
            finding.Message);
    }

    [Fact]
    public void A_finding_the_overrides_avoid_says_in_which_environments_it_does_not_hold()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            memory: 4096
            environments:
              prod:
                cpu: 1024
            """,
            File).Only("ECS1001");

        var finding = Assert.Single(findings);
        Assert.Equal((5, 9), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.EndsWith("(except in environment 'prod').", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logging_adds_the_FireLens_log_router()
    {
        var task = Single("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            logging:
              destination:
                Name: cloudwatch
                region: us-west-2
            """);

        var main = task.ContainerDefinitions[0];
        Assert.Equal("awsfirelens", main.LogConfiguration!.LogDriver.Value);
        var router = task.ContainerDefinitions[1];
        Assert.Equal("firelens_log_router", router.Name.Value);
        Assert.Equal("fluentbit", router.FirelensConfiguration!.Type.Value);
        Assert.Equal("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable", router.Image.Value);
    }

    [Theory]
    [InlineData("Request-Driven Web Service")]
    [InlineData("Static Site")]
    public void Workloads_that_do_not_run_on_ECS_are_recognised_and_skipped(string type)
    {
        var result = Lint.File("name: front\ntype: " + type + "\nimage:\n  build: ./Dockerfile\n  port: 80\n", File);

        Assert.True(result.Recognized);
        Assert.Equal(0, result.TaskCount);
        Assert.Empty(result.Findings);
        Assert.Empty(result.NotChecked);
    }

    [Fact]
    public void An_unknown_workload_type_is_ECS8001_at_the_type_value()
    {
        var result = Lint.File("name: api\ntype: Backend Svc\nimage:\n  location: nginx:1.27\n", File);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("ECS8001", finding.RuleId);
        Assert.Equal((2, 7), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.StartsWith("The workload type 'Backend Svc' is not one Copilot knows", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_and_pipeline_manifests_are_not_workloads_and_get_no_finding()
    {
        var environment = Lint.File(
            "name: test\ntype: Environment\nnetwork:\n  vpc:\n    cidr: 10.0.0.0/16\nobservability:\n  container_insights: true\n",
            "copilot/environments/test/manifest.yml");
        Assert.True(environment.Recognized);
        Assert.Equal(0, environment.TaskCount);
        Assert.Empty(environment.Findings);

        var pipeline = Lint.File(
            "name: pipeline-app\nversion: 1\nsource:\n  provider: GitHub\n  properties:\n    branch: main\n    repository: https://github.com/o/r\nstages:\n  - name: test\n",
            "copilot/pipelines/pipeline-app/manifest.yml");
        Assert.Empty(pipeline.Findings);
    }

    [Fact]
    public void A_manifest_that_does_not_parse_is_one_ECS0001_and_other_YAML_stays_CloudFormations()
    {
        var broken = Lint.File("name: api\ntype: Backend Service\nimage: [unclosed\n", File);
        Assert.Equal("ECS0001", Assert.Single(broken.Findings).RuleId);

        var notManifest = Lint.File("foo: [unclosed\n", "other.yml");
        Assert.Equal("ECS0001", Assert.Single(notManifest.Findings).RuleId);

        var template = Lint.File("Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n", "stack.yml");
        Assert.True(template.Recognized);
        Assert.Empty(template.Findings);
    }

    [Fact]
    public void A_service_workload_has_the_service_Copilot_renders_public_by_default()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Worker Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            environments:
              prod:
                network:
                  vpc:
                    placement: private
            """,
            File);

        var finding = Assert.Single(findings.Only("ECS6009"));
        Assert.Equal((2, 7), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.EndsWith(
            "Copilot places a Worker Service in public subnets by default: set network.vpc.placement to private in the manifest (except in environment 'prod').",
            finding.Message,
            StringComparison.Ordinal);
        Assert.Empty(findings.Only("ECS7006"));

        // Copilot's default placement is advice (its security group admits only the load balancer): a note that says what
        // is true. Public placement written in the manifest is the warning.
        Assert.Equal(EcsPolicy.Findings.Severity.Note, finding.Severity);
        Assert.StartsWith("Service 'api' assigns public IP addresses to its tasks, so each task has an address on the internet and only its security groups keep traffic out.", finding.Message, StringComparison.Ordinal);
        var written = Lint.Text("name: api\ntype: Worker Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\nnetwork:\n  vpc:\n    placement: public\n", File);
        var warning = Assert.Single(written.Only("ECS6009"));
        Assert.Equal((7, 16), (warning.Location.StartLine, warning.Location.StartColumn));
        Assert.Equal(EcsPolicy.Findings.Severity.Warning, warning.Severity);
    }

    [Fact]
    public void Spot_count_uses_the_Fargate_Spot_capacity_provider_and_a_job_has_no_service()
    {
        var result = Load("name: api\ntype: Backend Service\nimage:\n  location: nginx:1.27\ncount:\n  spot: 2\nexec: true\n");
        var service = Assert.Single(result.Services);
        var strategy = service.Node.Get("capacityProviderStrategy")!;
        Assert.Equal("FARGATE_SPOT", strategy.Children[0].Get("capacityProvider")!.Scalar);
        Assert.Equal(6, strategy.Location.StartLine);
        Assert.Null(service.Node.Get("launchType"));
        Assert.Equal("true", service.Node.Get("enableExecuteCommand")!.Scalar);
        Assert.Same(result.Tasks[0], service.ResolvedTaskDefinition);

        Assert.Empty(Load("name: report\ntype: Scheduled Job\non:\n  schedule: '@daily'\nimage:\n  location: nginx:1.27\n").Services);
    }

    [Fact]
    public void In_a_directory_walk_other_YAML_with_a_name_and_a_type_is_not_taken_for_a_manifest()
    {
        var text = Encoding.UTF8.GetBytes("name: build\ntype: pipeline\n");
        Assert.False(new CopilotLoader().Load("ci/config.yml", text, explicitlyGiven: false).Recognized);
        Assert.Equal("ECS8001", Assert.Single(new CopilotLoader().Load("copilot/api/manifest.yml", text, explicitlyGiven: false).Findings).RuleId);
    }

    [Fact]
    public void Storage_maps_ephemeral_storage_the_read_only_root_filesystem_and_EFS_volumes()
    {
        var task = Single("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            entrypoint: "/bin/sh -c 'run --fast'"
            storage:
              ephemeral: 50
              readonly_fs: true
              volumes:
                data:
                  path: /data
                  read_only: false
                  efs:
                    id: fs-1234
                    root_dir: /app
                    auth:
                      iam: false
                managed:
                  path: /managed
                  efs: true
            """);

        Assert.Equal(50, task.EphemeralStorage!.SizeInGiB.Value);
        var main = task.ContainerDefinitions[0];
        Assert.True(main.ReadonlyRootFilesystem.Value);
        Assert.Equal(["/bin/sh", "-c", "run --fast"], main.EntryPoint.Select(e => e.Value));
        Assert.Equal(["/data", "/managed"], main.MountPoints.Select(m => m.ContainerPath.Value));
        Assert.False(main.MountPoints[0].ReadOnly.Value);
        Assert.True(main.MountPoints[1].ReadOnly.Value);
        var data = task.Volumes[0].EfsVolumeConfiguration!;
        Assert.Equal("fs-1234", data.FileSystemId.Value);
        Assert.Equal("/app", data.RootDirectory.Value);
        Assert.Equal("ENABLED", data.TransitEncryption.Value);
        Assert.Equal("DISABLED", data.AuthorizationConfig!.Iam.Value);
        Assert.True(task.Volumes[1].EfsVolumeConfiguration!.FileSystemId.IsUnknown);
        Assert.Null(Single("name: api\ntype: Backend Service\nimage:\n  location: nginx:1.27\nstorage:\n  ephemeral: 20\n").Node.Get("ephemeralStorage"));
    }

    [Fact]
    public void A_health_check_gets_Copilots_defaults_for_the_fields_not_given()
    {
        var task = Single("""
            name: api
            type: Backend Service
            image:
              location: nginx:1.27
            sidecars:
              proxy:
                image: envoyproxy/envoy:v1.31.0
                healthcheck:
                  command: curl -f http://localhost:9901/ready
                  interval: 1m30s
            """);

        var health = task.ContainerDefinitions[1].HealthCheck!;
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost:9901/ready"], health.Command.Select(c => c.Value));
        Assert.Equal(90, health.Interval.Value);
        Assert.Equal(2, health.Retries.Value);
        Assert.Equal(5, health.Timeout.Value);
        Assert.Equal(0, health.StartPeriod.Value);
    }
}
