using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>The checks Copilot makes itself (validate.go), reported as ECS8001 at the value at fault.</summary>
public class CopilotValidationTests
{
    private const string File = "copilot/api/manifest.yml";

    private const string Head = """
        name: api
        type: Backend Service
        image:
          location: public.ecr.aws/nginx/nginx:1.27

        """;

    private static EcsPolicy.Findings.Finding Only8001(string tail, int line, int column)
    {
        var result = Lint.File(Head + tail, File);
        Assert.Empty(result.NotChecked);
        var finding = Assert.Single(result.Findings.Only("ECS8001"));
        Assert.Equal((line, column), (finding.Location.StartLine, finding.Location.StartColumn));
        return finding;
    }

    [Theory]
    [InlineData("platform: linux", "The platform 'linux' is not in the form [OS]/[Arch]")]
    [InlineData("platform: linux/arm7", "The platform 'linux/arm7' is not one Copilot accepts")]
    public void A_platform_string_Copilot_refuses(string platform, string start)
    {
        var finding = Only8001(platform, 5, 11);
        Assert.StartsWith(start, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_platform_map_needs_both_fields()
    {
        var finding = Only8001("""
            platform:
              osfamily: linux
            """, 6, 13);
        Assert.Contains("'osfamily' and 'architecture' must both be given or both be left out", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_runs_on_x86_64_only()
    {
        var finding = Only8001("""
            platform:
              osfamily: windows_server_2022_core
              architecture: arm64
            """, 7, 17);
        Assert.StartsWith("The architecture 'arm64' is not one Copilot accepts with osfamily 'windows_server_2022_core'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Windows_workload_cannot_have_a_read_only_root_file_system_EFS_or_Service_Connect()
    {
        var result = Lint.File(
            Head + """
            platform: windows/x86_64
            storage:
              readonly_fs: true
              volumes:
                data:
                  path: /data
                  efs: true
            network:
              connect: true
            """,
            File);

        var findings = result.Findings.Only("ECS8001");
        Assert.Equal(
            [(7, 16, "readonly_fs is true on a Windows workload"), (11, 12, "The volume 'data' uses EFS on a Windows workload"), (13, 12, "Service Connect (network.connect) is enabled on a Windows workload")],
            findings.Select(f => (f.Location.StartLine, f.Location.StartColumn, f.Message.Substring(0, f.Message.IndexOf(',', StringComparison.Ordinal)))));

        // The Windows defaults apply (1024 CPU units, 2048 MiB), so no Fargate size finding.
        Assert.Empty(result.Findings.Only("ECS1001"));
    }

    [Theory]
    [InlineData("spot: 2", 7, 9, "count.spot")]
    [InlineData("range:\n    min: 1\n    max: 4\n    spot_from: 2", 10, 18, "count.range.spot_from")]
    public void An_ARM_workload_cannot_use_Fargate_Spot(string count, int line, int column, string field)
    {
        var finding = Only8001("platform: linux/arm64\ncount:\n  " + count.Replace("\n", "\n  ", StringComparison.Ordinal), line, column);
        Assert.StartsWith("Fargate Spot (" + field + ") is requested for an ARM workload", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ARM_workload_without_spot_is_fine_and_gets_an_ARM64_runtime_platform()
    {
        var result = Lint.File(Head + "platform: linux/arm64\ncount: 2\n", File);
        Assert.Empty(result.Findings.Only("ECS8001"));
    }

    [Fact]
    public void A_sidecar_needs_an_image_and_a_known_port_protocol()
    {
        var result = Lint.File(
            Head + """
            sidecars:
              proxy:
                port: 9901/sctp
              agent:
                image:
                  build: ./agent
                  location: public.ecr.aws/agent/agent:1.0
            """,
            File);

        var findings = result.Findings.Only("ECS8001");
        Assert.Equal(
            [(6, 3, "The sidecar 'proxy' has no image"), (7, 11, "The port of the sidecar 'proxy' has the protocol 'sctp'"), (11, 17, "The image of the sidecar 'agent' gives both 'build' and 'location'")],
            findings.Select(f => (f.Location.StartLine, f.Location.StartColumn, f.Message.Substring(0, f.Message.IndexOf(',', StringComparison.Ordinal)))));
    }

    [Fact]
    public void An_env_file_must_end_in_dot_env()
    {
        var finding = Only8001("env_file: config/app.txt", 5, 11);
        Assert.StartsWith("The env_file 'config/app.txt' of the main container does not end in .env", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dependency_mistakes_Copilot_rejects_are_reported_once_through_the_model()
    {
        var result = Lint.File(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
              depends_on:
                migrate: success
                init: ready
                ghost: start
            sidecars:
              migrate:
                image: public.ecr.aws/app/migrate:1.0
              init:
                image: public.ecr.aws/app/init:1.0
                essential: false
            """,
            File);

        var findings = result.Findings.Where(f => f.RuleId is "ECS8001" or "ECS2005" or "ECS0004" or "ECS2004").ToList();
        Assert.Equal(
            [("ECS2005", 6, 14), ("ECS0004", 7, 11), ("ECS2004", 8, 5)],
            findings.Select(f => (f.RuleId, f.Location.StartLine, f.Location.StartColumn)));
        Assert.StartsWith("Container 'api' waits for 'migrate' to SUCCESS, but 'migrate' is essential by default", findings[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_follows_Copilots_rules()
    {
        var result = Lint.File(
            Head + """
            storage:
              ephemeral: 10
              volumes:
                cache:
                  path: /var/cache app
                  efs:
                    uid: 0
                    gid: 1000
                shared:
                  path: /shared
                  efs:
                    id: fs-12345678
                    root_dir: /data
                    auth:
                      access_point_id: fsap-1234567890abcdef0
            """,
            File);

        var findings = result.Findings.Only("ECS8001");
        Assert.Equal(
            [
                (6, 14, "The ephemeral storage of 10 GiB is outside 20 to 200 GiB"),
                (9, 13, "The volume 'cache' has the path '/var/cache app'"),
                (11, 14, "The EFS settings of volume 'cache' give uid 0 (root)"),
                (17, 19, "The EFS settings of volume 'shared' use an access point with root_dir '/data'"),
            ],
            findings.Select(f => (f.Location.StartLine, f.Location.StartColumn, f.Message.Substring(0, f.Message.IndexOf(f.Message.Contains("root_dir '", StringComparison.Ordinal) ? ", which" : ",", StringComparison.Ordinal)))));
    }

    [Fact]
    public void The_main_image_is_required_unless_every_environment_gives_one()
    {
        var missing = Lint.File("name: api\ntype: Backend Service\n", File).Findings.Only("ECS8001");
        Assert.Equal((2, 7), (Assert.Single(missing).Location.StartLine, missing[0].Location.StartColumn));

        var fromEnvironments = Lint.File(
            """
            name: api
            type: Backend Service
            environments:
              test:
                image:
                  location: public.ecr.aws/nginx/nginx:1.27
            """,
            File).Findings.Only("ECS8001");
        Assert.Empty(fromEnvironments);
    }

    [Fact]
    public void A_finding_of_one_environment_names_it()
    {
        var findings = Lint.File(
            Head + """
            environments:
              prod:
                platform: linux/arm64
                count:
                  spot: 2
            """,
            File).Findings.Only("ECS8001");

        var finding = Assert.Single(findings);
        Assert.Equal((9, 13), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.EndsWith("(in environment 'prod').", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rolling_strategy_Copilot_does_not_know()
    {
        var finding = Only8001("deployment:\n  rolling: blue-green", 6, 12);
        Assert.StartsWith("The rolling deployment strategy 'blue-green' is not one Copilot knows", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_overrides_that_are_not_a_mapping_are_ECS8001_and_not_checked_as_an_environment()
    {
        var result = Lint.File(Head + "environments:\n  prod: network\n", File);
        Assert.Empty(result.NotChecked);
        var finding = Assert.Single(result.Findings.Only("ECS8001"));
        Assert.Equal((6, 9), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.StartsWith("The overrides of environment 'prod' are not a mapping", finding.Message, StringComparison.Ordinal);
    }
}
