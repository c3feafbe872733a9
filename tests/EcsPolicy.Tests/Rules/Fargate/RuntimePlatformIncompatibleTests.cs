using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

public class RuntimePlatformIncompatibleTests
{
    private const string Id = "ECS1006";

    private static string Platform(string family, string architecture = "X86_64", string? marker = null) =>
        "\"runtimePlatform\": { \"operatingSystemFamily\": " + (marker == "os" ? "[|" : "") + "\"" + family
        + "\", \"cpuArchitecture\": " + (marker == "arch" ? "[|" : "") + "\"" + architecture + "\" }";

    [Theory]
    [InlineData("256", "512")]
    [InlineData("512", "1024")]
    [InlineData(".5 vCPU", "2 GB")]
    public void Windows_on_Fargate_below_1_vCPU_fires_at_the_os_family(string cpu, string memory)
    {
        FiresAt(Id, Task(cpu: "\"" + cpu + "\"", memory: "\"" + memory + "\"", taskExtra: Platform("WINDOWS_SERVER_2019_CORE", marker: "os")), "at least 1 vCPU", "1024, 2048 or 4096");
    }

    [Fact]
    public void Windows_on_Fargate_with_1_vCPU_is_silent()
    {
        Silent(Id, Task(cpu: "\"1 vCPU\"", memory: "\"2 GB\"", taskExtra: Platform("WINDOWS_SERVER_2019_CORE")));
    }

    [Fact]
    public void Windows_below_1_vCPU_on_EC2_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", cpu: "\"512\"", memory: "\"1024\"", taskExtra: Platform("WINDOWS_SERVER_2019_CORE")));
    }

    [Fact]
    public void Windows_on_Fargate_with_ARM64_fires_at_the_architecture()
    {
        FiresAt(Id, Task(cpu: "\"1024\"", memory: "\"2048\"", taskExtra: Platform("WINDOWS_SERVER_2022_FULL", "ARM64", marker: "arch")), "X86_64");
    }

    [Fact]
    public void Linux_on_ARM64_is_silent()
    {
        Silent(Id, Task(taskExtra: Platform("LINUX", "ARM64")));
    }

    [Theory]
    [InlineData("WINDOWS_SERVER_2016_FULL")]
    [InlineData("WINDOWS_SERVER_2004_CORE")]
    [InlineData("WINDOWS_SERVER_20H2_CORE")]
    public void Windows_family_Fargate_does_not_run_fires_at_the_family(string family)
    {
        FiresAt(Id, Task(cpu: "\"1024\"", memory: "\"2048\"", taskExtra: Platform(family, marker: "os")), "Fargate does not run " + family, "WINDOWS_SERVER_2022_CORE");
    }

    [Fact]
    public void Windows_Server_2025_on_Fargate_is_reported()
    {
        // Fargate's only Windows platform version lists 2019 and 2022 (facts.md item 7, checked 2026-12).
        var finding = FiresAt(Id, Task(cpu: "\"1024\"", memory: "\"2048\"", taskExtra: Platform("WINDOWS_SERVER_2025_CORE", marker: "os")), "Fargate does not run WINDOWS_SERVER_2025_CORE (not offered on Fargate as of 2026-12): use one of");
        Assert.Equal(EcsPolicy.Findings.Severity.Error, finding.Severity);
        Silent(Id, Task(compatibilities: "\"EC2\"", cpu: "\"1024\"", memory: "\"2048\"", networkMode: null, taskExtra: Platform("WINDOWS_SERVER_2025_CORE")));
    }

    [Theory]
    [InlineData("\"readonlyRootFilesystem\": [|true", "sets readonlyRootFilesystem")]
    [InlineData("\"linuxParameters\": [|{ \"initProcessEnabled\": true }", "sets linuxParameters")]
    [InlineData("\"ulimits\": [|[{ \"name\": \"nofile\", \"softLimit\": 1024, \"hardLimit\": 4096 }]", "sets ulimits")]
    [InlineData("\"dnsServers\": [|[\"10.0.0.2\"]", "sets dnsServers")]
    [InlineData("\"dnsSearchDomains\": [|[\"corp.example.com\"]", "sets dnsSearchDomains")]
    [InlineData("\"disableNetworking\": [|true", "sets disableNetworking")]
    [InlineData("\"systemControls\": [|[{ \"namespace\": \"net.core.somaxconn\", \"value\": \"1024\" }]", "sets systemControls")]
    [InlineData("\"privileged\": [|true", "is privileged")]
    [InlineData("\"links\": [|[\"db:db\"]", "sets links")]
    [InlineData("\"extraHosts\": [|[{ \"hostname\": \"db\", \"ipAddress\": \"10.0.0.5\" }]", "sets extraHosts")]
    public void Linux_only_container_setting_on_Windows_fires_at_the_setting(string containerExtra, string message)
    {
        FiresAt(
            Id,
            Task(compatibilities: "\"EC2\"", cpu: null, memory: null, networkMode: null, taskExtra: Platform("WINDOWS_SERVER_2022_FULL"), containerExtra: containerExtra + ", \"memory\": 2048"),
            "Container 'app' " + message,
            "not supported for Windows containers");
    }

    [Theory]
    [InlineData("\"pidMode\": [|\"task\"", "pidMode")]
    [InlineData("\"ipcMode\": [|\"none\"", "ipcMode")]
    [InlineData("\"proxyConfiguration\": [|{ \"type\": \"APPMESH\", \"containerName\": \"envoy\" }", "proxyConfiguration")]
    public void Linux_only_task_setting_on_Windows_fires_at_the_setting(string setting, string message)
    {
        var text = Task(compatibilities: "\"EC2\"", cpu: null, memory: null, networkMode: null, taskExtra: Platform("WINDOWS_SERVER_2022_FULL") + ",\n  " + setting, containerExtra: "\"memory\": 2048");
        FiresAt(Id, text, message, "not supported for Windows containers");
    }

    [Fact]
    public void Setting_ECS1004_reports_on_Fargate_is_not_reported_twice()
    {
        var text = Task(cpu: "\"1024\"", memory: "\"2048\"", taskExtra: Platform("WINDOWS_SERVER_2022_CORE"), containerExtra: "\"privileged\": true");
        Silent(Id, text);
        FiresAt("ECS1004", text.Replace("\"privileged\": true", "\"privileged\": [|true", StringComparison.Ordinal), "is privileged");
    }

    [Theory]
    [InlineData("\"readonlyRootFilesystem\": false, \"privileged\": false, \"disableNetworking\": false")]
    [InlineData("\"linuxParameters\": {}")]
    [InlineData("\"links\": []")]
    [InlineData("\"user\": \"ContainerUser\"")]
    public void Harmless_or_undecided_values_on_Windows_are_silent(string containerExtra)
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", cpu: null, memory: null, networkMode: null, taskExtra: Platform("WINDOWS_SERVER_2022_FULL"), containerExtra: containerExtra + ", \"memory\": 2048"));
    }

    [Fact]
    public void Linux_settings_without_a_known_os_family_are_silent()
    {
        const string Settings = "\"readonlyRootFilesystem\": true, \"user\": \"1000\", \"linuxParameters\": { \"initProcessEnabled\": true }";
        Silent(Id, Task(containerExtra: Settings));
        Silent(Id, Task(taskExtra: Platform("LINUX"), containerExtra: Settings));
        Silent(Id, Task(taskExtra: "\"runtimePlatform\": { \"Ref\": \"Platform\" }", containerExtra: Settings));
        Silent(Id, Task(taskExtra: "\"runtimePlatform\": { \"operatingSystemFamily\": { \"Ref\": \"Os\" } }", containerExtra: Settings));
    }
}
