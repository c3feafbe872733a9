using EcsPolicy.Tests.Rules.Containers;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Hardening;

public class HardeningRuleTests
{
    /// <summary>A task with task-level <paramref name="taskMembers"/> and one container with <paramref name="members"/>.</summary>
    private static string Task(string members, string taskMembers = "") => $$"""
        {
          "family": "t",{{taskMembers}}
          "containerDefinitions": [
            {
              "name": "app",
              "image": "public.ecr.aws/nginx/nginx:1.27",
              "memory": 128{{(members.Length > 0 ? "," : "")}}
              {{members}}
            }
          ]
        }
        """;

    private const string Fargate = """
         "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
        """;

    private const string Windows = """
         "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE" },
        """;

    // ECS6001

    [Fact]
    public void ECS6001_privileged_points_at_the_value()
    {
        var f = Marked.Single("ECS6001", Task("\"privileged\": [|true"));
        Assert.Contains("Container 'app' is privileged", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6001_is_silent_when_not_privileged_and_on_Fargate_where_ECS1004_reports_it()
    {
        Marked.None("ECS6001", Task("\"privileged\": false"));
        Marked.None("ECS6001", Task("\"privileged\": true", Fargate));
        Assert.Single(Lint.Text(Task("\"privileged\": true", Fargate)).Only("ECS1004"));
    }

    // ECS6002

    [Fact]
    public void ECS6002_absent_points_at_the_name_and_false_at_the_value()
    {
        Marked.Single("ECS6002", """{ "family": "t", "containerDefinitions": [ { "name": [|"app", "image": "nginx:1.27", "memory": 128 } ] }""");
        var f = Marked.Single("ECS6002", Task("\"readonlyRootFilesystem\": [|false"));
        Assert.Contains("sets readonlyRootFilesystem to false", f.Message, StringComparison.Ordinal);
        Marked.None("ECS6002", Task("\"readonlyRootFilesystem\": true"));
    }

    [Fact]
    public void ECS6002_and_ECS6003_are_silent_for_Windows()
    {
        Marked.None("ECS6002", Task("", Windows));
        Marked.None("ECS6003", Task("", Windows));

        // Windows on EC2 without runtimePlatform, recognised by its Microsoft base image.
        const string Iis = """{ "family": "t", "containerDefinitions": [ { "name": "iis", "image": "mcr.microsoft.com/windows/servercore/iis", "memory": 512 } ] }""";
        Marked.None("ECS6002", Iis);
        Marked.None("ECS6003", Iis);

        // The operating system is not statically known: a bare container list.
        const string Bare = """[ { "name": "app", "image": "nginx:1.27", "memory": 128 } ]""";
        Marked.None("ECS6002", Bare);
        Marked.None("ECS6003", Bare);
    }

    // ECS6003

    [Fact]
    public void ECS6003_user_unset_points_at_the_container_name()
    {
        var f = Marked.Single("ECS6003", """{ "family": "t", "containerDefinitions": [ { "name": [|"app", "image": "nginx:1.27", "memory": 128 } ] }""");
        Assert.Contains("does not set \"user\"", f.Message, StringComparison.Ordinal);
        Assert.Contains("root unless the image sets USER", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("root")]
    [InlineData("0:0")]
    [InlineData("root:root")]
    [InlineData("0:1000")]
    [InlineData("root:staff")]
    public void ECS6003_root_users(string user)
    {
        var f = Marked.Single("ECS6003", Task($"\"user\": [|\"{user}\""));
        Assert.Contains($"runs as root (\"user\": \"{user}\")", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6003_empty_user_means_unset()
    {
        var f = Marked.Single("ECS6003", Task("\"user\": [|\"\""));
        Assert.Contains("does not set \"user\"", f.Message, StringComparison.Ordinal);
    }

    /// <summary>A non-root UID with group 0 is not root: UID 0 carries root's privileges (documented in the rule).</summary>
    [Theory]
    [InlineData("1000")]
    [InlineData("1000:1000")]
    [InlineData("1000:0")]
    [InlineData("app")]
    [InlineData("nobody:root")]
    [InlineData("rootless")]
    public void ECS6003_non_root_users_are_silent(string user) =>
        Marked.None("ECS6003", Task($"\"user\": \"{user}\""));

    // ECS6004

    [Fact]
    public void ECS6004_pid_mode_host()
    {
        var f = Marked.Single("ECS6004", Task("", """ "pidMode": [|"host", """));
        Assert.Contains("pidMode \"host\"", f.Message, StringComparison.Ordinal);
        Marked.None("ECS6004", Task("", """ "pidMode": "task", """));
        Marked.None("ECS6004", Task("", Fargate + """ "pidMode": "host", """));
    }

    // ECS6005: the privileged-OR-non-root matrix (AWS Config / Control Tower CT.ECS.PR.8 semantics).

    [Theory]
    [InlineData("\"privileged\": true, \"user\": \"root\"", false)]
    [InlineData("\"privileged\": true", false)]
    [InlineData("\"privileged\": true, \"user\": \"1000\"", false)]
    [InlineData("\"user\": \"1000\"", false)]
    [InlineData("\"privileged\": false, \"user\": \"1000:1000\"", false)]
    [InlineData("\"privileged\": false, \"user\": \"root\"", true)]
    [InlineData("\"user\": \"0:0\"", true)]
    [InlineData("\"privileged\": false", true)]
    [InlineData("\"memoryReservation\": 64", true)]
    public void ECS6005_host_mode_needs_privileged_or_non_root(string members, bool fires)
    {
        var json = Task(members, """ "networkMode": "host", """);
        var hits = Lint.Text(json).Only("ECS6005");
        Assert.Equal(fires ? 1 : 0, hits.Count);
    }

    [Fact]
    public void ECS6005_points_at_the_user_or_the_name()
    {
        var f = Marked.Single("ECS6005", Task("\"user\": [|\"root\"", """ "networkMode": "host", """));
        Assert.Contains("networkMode \"host\"", f.Message, StringComparison.Ordinal);
        Assert.Contains("\"privileged\": true", f.Message, StringComparison.Ordinal);
        Marked.Single("ECS6005", """{ "family": "t", "networkMode": "host", "containerDefinitions": [ { "name": [|"app", "image": "nginx:1.27", "memory": 128 } ] }""");
    }

    [Fact]
    public void ECS6005_is_silent_outside_host_mode() =>
        Marked.None("ECS6005", Task("\"user\": \"root\"", """ "networkMode": "bridge", """));

    // ECS6006

    [Theory]
    [InlineData("SYS_ADMIN")]
    [InlineData("ALL")]
    [InlineData("NET_ADMIN")]
    [InlineData("SYS_MODULE")]
    [InlineData("CAP_SYS_ADMIN")]
    [InlineData("sys_admin")]
    public void ECS6006_dangerous_capabilities(string capability)
    {
        var f = Marked.Single("ECS6006", Task($$"""
            "linuxParameters": { "capabilities": { "add": ["CHOWN", [|"{{capability}}"] } }
            """));
        Assert.Contains("Container 'app' adds the capability " + capability.ToUpperInvariant().Replace("CAP_", ""), f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6006_SYS_PTRACE_only_with_host_pid_mode()
    {
        const string Ptrace = """
            "linuxParameters": { "capabilities": { "add": [[|"SYS_PTRACE"] } }
            """;
        Marked.None("ECS6006", Task(Ptrace.Replace("[|", "")));
        var f = Marked.Single("ECS6006", Task(Ptrace, """ "pidMode": "host", """));
        Assert.Contains("pidMode \"host\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6006_is_silent_for_harmless_capabilities_and_on_Fargate()
    {
        Marked.None("ECS6006", Task("""
            "linuxParameters": { "capabilities": { "add": ["NET_BIND_SERVICE", "CHOWN"], "drop": ["ALL"] } }
            """));
        Marked.None("ECS6006", Task("""
            "linuxParameters": { "capabilities": { "add": ["SYS_ADMIN"] } }
            """, Fargate));
    }

    // ECS6007

    [Theory]
    [InlineData("nginx", "has no tag")]
    [InlineData("nginx:latest", "tag \"latest\"")]
    [InlineData("public.ecr.aws/nginx/nginx:latest", "tag \"latest\"")]
    [InlineData("localhost:5000/app", "has no tag")]
    [InlineData("registry.example.com:5000/team/app:latest", "tag \"latest\"")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders", "has no tag")]
    public void ECS6007_unpinned_images(string image, string what)
    {
        var f = Marked.Single("ECS6007", $$"""{ "family": "t", "containerDefinitions": [ { "name": "app", "image": [|"{{image}}", "memory": 128 } ] }""");
        Assert.Contains(what, f.Message, StringComparison.Ordinal);
        Assert.Contains("pin the image by digest", f.Message, StringComparison.Ordinal);
        Assert.Contains("Container 'app'", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx:1.27")]
    [InlineData("nginx@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac")]
    [InlineData("nginx:latest@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac")]
    [InlineData("localhost:5000/app:1.0")]
    [InlineData("localhost:5000/app@sha256:4c0fdaa8b6341bfdeca5f18f7837462c80cff90527ee35ef185571e1c327beac")]
    [InlineData("${IMAGE}")]
    [InlineData("<image>")]
    [InlineData("{{image}}")]
    [InlineData("$REPO:latest")]
    [InlineData("your-app-image")]
    [InlineData("")]
    public void ECS6007_pinned_templated_and_placeholder_images_are_silent(string image) =>
        Marked.None("ECS6007", $$"""{ "family": "t", "containerDefinitions": [ { "name": "app", "image": "{{image}}", "memory": 128 } ] }""");

    // ECS6008 / ECS6011

    private static string Volumes(string volumes) => $$"""
        {
          "family": "t",
          "volumes": [ {{volumes}} ],
          "containerDefinitions": [ { "name": "app", "image": "nginx:1.27", "memory": 128 } ]
        }
        """;

    [Fact]
    public void ECS6008_iam_without_transit_encryption_points_at_the_value()
    {
        var f = Marked.Single("ECS6008", Volumes("""
            { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "transitEncryption": [|"DISABLED", "authorizationConfig": { "iam": "ENABLED" } } }
            """));
        Assert.Contains("Volume 'data' uses IAM authorization without transit encryption", f.Message, StringComparison.Ordinal);
        Marked.None("ECS6011", Volumes("""
            { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "transitEncryption": "DISABLED", "authorizationConfig": { "iam": "ENABLED" } } }
            """));
    }

    [Fact]
    public void ECS6008_access_point_with_encryption_absent_points_at_the_configuration_key()
    {
        var f = Marked.Single("ECS6008", Volumes("""
            { "name": "data", [|"efsVolumeConfiguration": { "fileSystemId": "fs-1", "authorizationConfig": { "accessPointId": "fsap-1" } } }
            """));
        Assert.Contains("uses an access point without transit encryption", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6008_both_iam_and_access_point()
    {
        var f = Marked.Single("ECS6008", Volumes("""
            { "name": "data", [|"efsVolumeConfiguration": { "fileSystemId": "fs-1", "authorizationConfig": { "accessPointId": "fsap-1", "iam": "ENABLED" } } }
            """));
        Assert.Contains("IAM authorization and an access point", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6008_access_point_needs_root_directory_omitted_or_slash()
    {
        var f = Marked.Single("ECS6008", Volumes("""
            { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "rootDirectory": [|"/data", "transitEncryption": "ENABLED", "authorizationConfig": { "accessPointId": "fsap-1" } } }
            """));
        Assert.Contains("rootDirectory", f.Message, StringComparison.Ordinal);
        Marked.None("ECS6008", Volumes("""
            { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "rootDirectory": "/", "transitEncryption": "ENABLED", "authorizationConfig": { "accessPointId": "fsap-1" } } }
            """));
        Marked.None("ECS6008", Volumes("""
            { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "rootDirectory": "/data", "transitEncryption": "ENABLED" } }
            """));
    }

    [Fact]
    public void ECS6008_checks_every_EFS_volume_not_only_the_first()
    {
        var f = Marked.Single("ECS6008", Volumes("""
            { "name": "ok", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "transitEncryption": "ENABLED", "authorizationConfig": { "iam": "ENABLED" } } },
            { "name": "local" },
            { "name": "bad", "efsVolumeConfiguration": { "fileSystemId": "fs-2", "transitEncryption": [|"DISABLED", "authorizationConfig": { "iam": "ENABLED" } } }
            """));
        Assert.Contains("Volume 'bad'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6011_plain_EFS_without_encryption_is_a_recommendation_and_non_EFS_volumes_are_silent()
    {
        var f = Marked.Single("ECS6011", Volumes("""
            { "name": "host", "host": { "sourcePath": "/data" } },
            { "name": "docker", "dockerVolumeConfiguration": { "scope": "task", "driver": "local" } },
            { "name": "first", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "transitEncryption": "ENABLED" } },
            { "name": "plain", [|"efsVolumeConfiguration": { "fileSystemId": "fs-2" } }
            """));
        Assert.Contains("Volume 'plain' mounts EFS without transit encryption", f.Message, StringComparison.Ordinal);
        Marked.None("ECS6008", Volumes("""
            { "name": "plain", "efsVolumeConfiguration": { "fileSystemId": "fs-2" } }
            """));
    }

    [Fact]
    public void ECS6011_is_silent_when_the_authorization_is_not_known()
    {
        Marked.None("ECS6011", Volumes("""
            { "name": "data", "efsVolumeConfiguration": { "fileSystemId": "fs-1", "authorizationConfig": "unknown" } }
            """));
    }

    // ECS6010

    [Theory]
    [InlineData("bridge")]
    [InlineData("host")]
    public void ECS6010_bridge_and_host(string mode)
    {
        var f = Marked.Single("ECS6010", Task("", $$""" "networkMode": [|"{{mode}}", """));
        Assert.Contains($"networkMode \"{mode}\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS6010_default_mode_points_at_the_family()
    {
        var f = Marked.Single("ECS6010", """{ "family": [|"t", "containerDefinitions": [ { "name": "app", "image": "nginx:1.27", "memory": 128 } ] }""");
        Assert.Contains("default network mode (bridge), and", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""" "networkMode": "awsvpc", """)]
    [InlineData(""" "networkMode": "none", """)]
    [InlineData(""" "networkMode": "bridge", "requiresCompatibilities": ["EXTERNAL"], """)]
    [InlineData(""" "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512", """)]
    public void ECS6010_is_silent_for_awsvpc_none_external_and_Fargate(string taskMembers) =>
        Marked.None("ECS6010", Task("", taskMembers));

    [Fact]
    public void ECS6010_is_silent_on_fragments_and_bare_container_lists()
    {
        Marked.None("ECS6010", """{ "containerDefinitions": [ { "name": "app", "image": "nginx:1.27", "memory": 128 } ] }""");
        Marked.None("ECS6010", """[ { "name": "app", "image": "nginx:1.27", "memory": 128 } ]""");
    }
}
