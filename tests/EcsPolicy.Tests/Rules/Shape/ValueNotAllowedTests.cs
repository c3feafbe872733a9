using static EcsPolicy.Tests.Rules.Shape.ShapeTestData;

namespace EcsPolicy.Tests.Rules.Shape;

public class ValueNotAllowedTests
{
    [Theory]
    [InlineData("\"networkMode\": \"vpc\"", "", "'networkMode' is 'vpc'", "bridge, host, awsvpc, none")]
    [InlineData("\"requiresCompatibilities\": [\"EC2\", \"LAMBDA\"]", "", "'requiresCompatibilities[1]' is 'LAMBDA'", "EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES")]
    [InlineData("\"pidMode\": \"container\"", "", "'pidMode' is 'container'", "host, task")]
    [InlineData("\"ipcMode\": \"shareable\"", "", "'ipcMode' is 'shareable'", "host, task, none")]
    [InlineData("\"runtimePlatform\": { \"operatingSystemFamily\": \"WINDOWS\" }", "", "'runtimePlatform.operatingSystemFamily' is 'WINDOWS'", "LINUX")]
    [InlineData("\"runtimePlatform\": { \"cpuArchitecture\": \"AMD64\" }", "", "'runtimePlatform.cpuArchitecture' is 'AMD64'", "X86_64, ARM64")]
    [InlineData("", "\"logConfiguration\": { \"logDriver\": \"cloudwatch\" }", "'logConfiguration.logDriver' in container 'web' is 'cloudwatch'", "awslogs")]
    [InlineData("", "\"portMappings\": [{ \"containerPort\": 53, \"protocol\": \"sctp\" }]", "'portMappings[0].protocol' in container 'web' is 'sctp'", "tcp, udp")]
    [InlineData("", "\"portMappings\": [{ \"containerPort\": 80, \"appProtocol\": \"https\" }]", "'portMappings[0].appProtocol' in container 'web' is 'https'", "http, http2, grpc")]
    [InlineData("", "\"dependsOn\": [{ \"containerName\": \"db\", \"condition\": \"READY\" }]", "'dependsOn[0].condition' in container 'web' is 'READY'", "START, COMPLETE, SUCCESS, HEALTHY")]
    [InlineData("", "\"ulimits\": [{ \"name\": \"openfiles\", \"softLimit\": 1024, \"hardLimit\": 2048 }]", "'ulimits[0].name' in container 'web' is 'openfiles'", "nofile")]
    [InlineData("", "\"linuxParameters\": { \"capabilities\": { \"drop\": [\"SYS_EVERYTHING\"] } }", "'linuxParameters.capabilities.drop[0]' in container 'web' is 'SYS_EVERYTHING'", "API_KernelCapabilities.html")]
    [InlineData("", "\"linuxParameters\": { \"tmpfs\": [{ \"containerPath\": \"/tmp\", \"size\": 64, \"mountOptions\": [\"noexec\", \"fast\"] }] }", "'linuxParameters.tmpfs[0].mountOptions[1]' in container 'web' is 'fast'", "API_Tmpfs.html")]
    public void Each_enum_family_is_checked(string task, string container, string subject, string listed)
    {
        var f = Single(Task(container: container, task: task), "ECS0004");
        Assert.StartsWith(subject + ", which is not an allowed value", f.Message);
        Assert.Contains(listed, f.Message);
        Assert.EndsWith(".", f.Message);
    }

    [Fact]
    public void Case_mismatch_is_pointed_out_at_the_value()
    {
        var f = Single(Task(task: "\"requiresCompatibilities\": [\"fargate\"]"), "ECS0004");
        Assert.Equal(
            "'requiresCompatibilities[0]' is 'fargate', which is not an allowed value; write 'FARGATE' (values are case-sensitive). Allowed values: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES.",
            f.Message);
        At(f, 3, 31);
    }

    [Fact]
    public void Near_miss_is_suggested()
    {
        var f = Single(Task(task: "\"networkMode\": \"awsvcp\""), "ECS0004");
        Assert.Equal("'networkMode' is 'awsvcp', which is not an allowed value; did you mean 'awsvpc'? Allowed values: bridge, host, awsvpc, none.", f.Message);
    }

    [Fact]
    public void Capability_with_CAP_prefix_suggests_the_plain_name()
    {
        var f = Single(Task(container: "\"linuxParameters\": { \"capabilities\": { \"add\": [\"CAP_NET_ADMIN\"] } }"), "ECS0004");
        Assert.StartsWith("'linuxParameters.capabilities.add[0]' in container 'web' is 'CAP_NET_ADMIN', which is not an allowed value; write 'NET_ADMIN' (without the CAP_ prefix).", f.Message);
    }

    [Fact]
    public void Valid_values_are_accepted()
    {
        Clean(Task(
            container: "\"linuxParameters\": { \"capabilities\": { \"add\": [\"SYS_PTRACE\", \"NET_ADMIN\"], \"drop\": [\"ALL\"] }, "
                + "\"tmpfs\": [{ \"containerPath\": \"/run\", \"size\": 64, \"mountOptions\": [\"noexec\", \"mode=1777\", \"uid=1000\"] }] }, "
                + "\"ulimits\": [{ \"name\": \"nofile\", \"softLimit\": 1024, \"hardLimit\": 4096 }]",
            task: "\"networkMode\": \"awsvpc\", \"requiresCompatibilities\": [\"EC2\", \"FARGATE\", \"MANAGED_INSTANCES\"], \"pidMode\": \"task\", "
                + "\"runtimePlatform\": { \"operatingSystemFamily\": \"WINDOWS_SERVER_2022_CORE\", \"cpuArchitecture\": \"X86_64\" }"));
    }

    [Fact]
    public void Placement_constraint_types_are_left_to_the_placement_rules()
    {
        Assert.Empty(ShapeFindings(Task(task: "\"placementConstraints\": [{ \"type\": \"distinctInstance\" }]")));
    }
}
