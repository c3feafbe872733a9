using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

/// <summary>ECS1004: the parameters ecs-facts §3.2 lists as not valid on Fargate.</summary>
public class FargateUnsupportedParameterTests
{
    private const string Id = "ECS1004";

    [Theory]
    [InlineData("\"privileged\": [|true", "Container 'app' is privileged")]
    [InlineData("\"links\": [|[\"db:db\"]", "Container 'app' uses links")]
    [InlineData("\"hostname\": [|\"app.local\"", "Container 'app' sets hostname")]
    [InlineData("\"dockerSecurityOptions\": [|[\"no-new-privileges\"]", "Container 'app' sets dockerSecurityOptions")]
    [InlineData("\"extraHosts\": [|[{ \"hostname\": \"db\", \"ipAddress\": \"10.0.0.5\" }]", "Container 'app' sets extraHosts")]
    [InlineData("\"resourceRequirements\": [{ \"type\": [|\"GPU\", \"value\": \"1\" }]", "Container 'app' requests a GPU")]
    [InlineData("\"linuxParameters\": { \"devices\": [|[{ \"hostPath\": \"/dev/fuse\" }] }", "linuxParameters.devices")]
    [InlineData("\"linuxParameters\": { \"sharedMemorySize\": [|256 }", "linuxParameters.sharedMemorySize")]
    [InlineData("\"linuxParameters\": { \"tmpfs\": [|[{ \"containerPath\": \"/tmp\", \"size\": 64 }] }", "linuxParameters.tmpfs")]
    [InlineData("\"linuxParameters\": { \"maxSwap\": [|1024 }", "linuxParameters.maxSwap")]
    [InlineData("\"linuxParameters\": { \"swappiness\": [|60 }", "linuxParameters.swappiness")]
    [InlineData("\"linuxParameters\": { \"capabilities\": { \"add\": [\"SYS_PTRACE\", [|\"NET_ADMIN\"] } }", "adds the capability \"NET_ADMIN\"")]
    public void Container_parameter_fires_at_its_value(string containerExtra, string message)
    {
        FiresAt(Id, Task(containerExtra: containerExtra), message, "Fargate");
    }

    [Theory]
    [InlineData("\"volumes\": [{ \"name\": \"logs\", \"host\": { \"sourcePath\": [|\"/var/log\" } }]", "Volume 'logs' sets host.sourcePath")]
    [InlineData("\"volumes\": [{ \"name\": \"data\", \"dockerVolumeConfiguration\": [|{ \"scope\": \"task\", \"driver\": \"local\" } }]", "Volume 'data' uses dockerVolumeConfiguration")]
    [InlineData("\"ipcMode\": [|\"task\"", "ipcMode")]
    [InlineData("\"pidMode\": [|\"host\"", "pidMode \"host\"")]
    public void Task_parameter_fires_at_its_value(string taskExtra, string message)
    {
        FiresAt(Id, Task(taskExtra: taskExtra), message, "Fargate");
    }

    [Theory]
    [InlineData("\"privileged\": false")]
    [InlineData("\"links\": []")]
    [InlineData("\"hostname\": \"\"")]
    [InlineData("\"linuxParameters\": { \"capabilities\": { \"add\": [\"SYS_PTRACE\"], \"drop\": [\"ALL\"] }, \"initProcessEnabled\": true }")]
    [InlineData("\"linuxParameters\": { \"capabilities\": { \"add\": [\"CAP_SYS_PTRACE\"] } }")]
    [InlineData("\"dnsServers\": [\"10.0.0.2\"], \"dnsSearchDomains\": [\"corp.example.com\"], \"disableNetworking\": false")]
    [InlineData("\"systemControls\": [{ \"namespace\": \"net.core.somaxconn\", \"value\": \"1024\" }]")]
    [InlineData("\"resourceRequirements\": [{ \"type\": \"InferenceAccelerator\", \"value\": \"device_1\" }]")]
    [InlineData("\"privileged\": { \"Ref\": \"Privileged\" }")]
    [InlineData("\"links\": [{ \"Ref\": \"Link\" }]")]
    public void Supported_or_undecided_container_settings_are_silent(string containerExtra)
    {
        Silent(Id, Task(containerExtra: containerExtra));
    }

    [Theory]
    [InlineData("\"pidMode\": \"task\"")]
    [InlineData("\"volumes\": [{ \"name\": \"scratch\" }]")]
    [InlineData("\"volumes\": [{ \"name\": \"scratch\", \"host\": {} }]")]
    [InlineData("\"volumes\": [{ \"name\": \"efs\", \"efsVolumeConfiguration\": { \"fileSystemId\": \"fs-0123456789abcdef0\", \"transitEncryption\": \"ENABLED\" } }]")]
    public void Supported_task_settings_are_silent(string taskExtra)
    {
        Silent(Id, Task(taskExtra: taskExtra));
    }

    [Fact]
    public void Fires_with_FARGATE_and_EC2()
    {
        FiresAt(Id, Task(compatibilities: "\"EC2\", \"FARGATE\"", containerExtra: "\"privileged\": [|true"), "is privileged");
    }

    [Fact]
    public void EC2_only_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", networkMode: "\"host\"", taskExtra: "\"pidMode\": \"host\"", containerExtra: "\"privileged\": true, \"linuxParameters\": { \"devices\": [{ \"hostPath\": \"/dev/fuse\" }] }"));
    }

    [Fact]
    public void Absent_compatibilities_are_silent()
    {
        Silent(Id, Task(compatibilities: null, containerExtra: "\"privileged\": true"));
    }

    [Fact]
    public void Unnamed_container_is_named_by_position()
    {
        var text = Task(containerExtra: "\"privileged\": [|true").Replace("\"name\": \"app\",", "\"name\": { \"Ref\": \"Name\" },", StringComparison.Ordinal);
        FiresAt(Id, text, "Container #1 is privileged");
    }
}
