using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6006: linuxParameters.capabilities.add grants a capability that lets a container break out of its isolation or
/// change the host. SYS_PTRACE is reported only together with pidMode host (alone it only reaches the task's own
/// processes, and it is the one capability Fargate allows, commonly for debuggers and APM agents). Not reported on
/// Fargate, where ECS1004 already rejects every added capability but SYS_PTRACE, nor on Windows (ECS1006).
/// </summary>
public sealed class DangerousCapability : Rule
{
    private static readonly Dictionary<string, string> Dangerous = new(StringComparer.Ordinal)
    {
        ["ALL"] = "grants every capability, as much as privileged",
        ["SYS_ADMIN"] = "allows mounting filesystems and many other administrative operations, the usual way out of a container",
        ["SYS_MODULE"] = "allows loading kernel modules into the host's kernel",
        ["SYS_RAWIO"] = "allows raw access to I/O ports and devices",
        ["SYS_BOOT"] = "allows rebooting the host",
        ["SYS_TIME"] = "allows setting the host's clock",
        ["NET_ADMIN"] = "allows changing network interfaces, routes and firewall rules",
        ["DAC_READ_SEARCH"] = "bypasses file read permission checks and allows opening files by handle, a known container escape",
        ["MAC_ADMIN"] = "allows changing the mandatory access control (AppArmor/SELinux) policy",
        ["MAC_OVERRIDE"] = "bypasses mandatory access control",
        ["SYSLOG"] = "allows reading the kernel log, which leaks kernel addresses",
    };

    private const string SysPtrace = "SYS_PTRACE";

    public override string Id => "ECS6006";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (task.OnFargate || task.IsWindows)
        {
            return;
        }

        var hostPid = task.PidMode.Is("host");
        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            var capabilities = containers[i].LinuxParameters?.Capabilities;
            if (capabilities is null)
            {
                continue;
            }

            foreach (var add in capabilities.Add)
            {
                if (!add.IsKnown)
                {
                    continue;
                }

                var name = Normalize(add.Value);
                string? why;
                if (name == SysPtrace)
                {
                    why = hostPid ? "together with pidMode \"host\" allows reading and changing the memory of every process on the host" : null;
                }
                else
                {
                    Dangerous.TryGetValue(name, out why);
                }

                if (why != null)
                {
                    context.Report(
                        add,
                        FindingText.Of($"{Labels.Container(containers[i], i)} adds the capability {name}, which {why}")
                        + FindingText.Of($": remove it from {AddedCapabilities(containers[i])}, or grant a narrower capability."));
                }
            }
        }
    }

    /// <summary>
    /// The path of the capabilities a container adds, each segment spelled by the input (<c>linuxParameters.capabilities.add</c>,
    /// <c>LinuxParameters.Capabilities.Add</c>).
    /// </summary>
    internal static FindingText AddedCapabilities(ContainerDefinition container) =>
        FindingText.Of($"{PropRef.Path(container, "linuxParameters", "capabilities", "add")}");

    /// <summary>The capability without a <c>CAP_</c> prefix, upper case (other spellings are ECS0004's concern, not a reason to miss one).</summary>
    private static string Normalize(string value)
    {
        var v = value.Trim().ToUpperInvariant();
        return v.StartsWith("CAP_", StringComparison.Ordinal) ? v.Substring(4) : v;
    }
}
