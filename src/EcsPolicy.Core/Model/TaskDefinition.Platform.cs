namespace EcsPolicy.Model;

/// <summary>Operating-system and architecture helpers read from <c>runtimePlatform</c>.</summary>
public sealed partial class TaskDefinition
{
    /// <summary>The prefix every Windows value of <c>operatingSystemFamily</c> has (<c>WINDOWS_SERVER_2022_CORE</c>, ...).</summary>
    public const string WindowsFamilyPrefix = "WINDOWS_SERVER_";

    /// <summary>
    /// <c>runtimePlatform.operatingSystemFamily</c>: absent when there is no runtime platform, unknown when the
    /// runtime platform itself is not statically known.
    /// </summary>
    public Val<string> OperatingSystemFamily => PlatformMember(p => p.OperatingSystemFamily);

    /// <summary><c>runtimePlatform.cpuArchitecture</c>, with the same states as <see cref="OperatingSystemFamily"/>.</summary>
    public Val<string> CpuArchitecture => PlatformMember(p => p.CpuArchitecture);

    /// <summary>True when the operating system family is known to be a Windows Server family.</summary>
    public bool IsWindows
    {
        get
        {
            var os = OperatingSystemFamily;
            return os.IsKnown && os.Value.StartsWith(WindowsFamilyPrefix, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// True when the operating system family is explicitly <c>LINUX</c>. An absent runtime platform is not taken as
    /// Linux: Windows task definitions for EC2 often leave it out.
    /// </summary>
    public bool IsLinux => OperatingSystemFamily.Is("LINUX");

    /// <summary>True when the CPU architecture is known to be <c>ARM64</c>.</summary>
    public bool IsArm64 => CpuArchitecture.Is("ARM64");

    private Val<string> PlatformMember(Func<RuntimePlatform, Val<string>> member)
    {
        var platform = RuntimePlatform;
        if (platform != null)
        {
            return member(platform);
        }

        // Absent, or there but not a readable object (unknown, or of the wrong type: the shape rules report that).
        return StateOf("runtimePlatform") == ValueState.Absent
            ? new Val<string>(ValueState.Absent, "", null, this, false)
            : new Val<string>(ValueState.Unknown, "", Member("runtimePlatform"), this, false);
    }
}
