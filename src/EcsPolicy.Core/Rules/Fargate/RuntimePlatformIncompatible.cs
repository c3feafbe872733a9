using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>
/// ECS1006: the runtime platform does not fit the rest of the task definition. Windows containers on Fargate need at
/// least 1 vCPU, X86_64 and a Windows Server 2019 or 2022 family (ecs-facts §1.2); Windows containers cannot use the
/// Linux-only parameters the API documents as "not supported for Windows containers" (§3.10).
/// </summary>
/// <remarks>
/// Windows Server 2025 is reported as not on Fargate: the Windows Fargate platform version 1.0.0 lists 2019 and 2022
/// only, and the request for 2025 (aws/containers-roadmap#2754) was still open in 2026-06 (checked 2026-12).
/// Left out on purpose: Windows task cpu/memory and
/// dockerVolumeConfiguration (documented conflicts, ecs-facts §1.2 and §3.10); <c>user</c> (the API text says "not
/// supported for Windows containers", but the AWS Config managed rule ecs-task-definition-windows-user-non-admin
/// requires Windows containers to set a non-administrator user, so the sources conflict); and Windows-only
/// parameters on Linux (none is documented as rejected on Linux: gMSA credential specs work on both). Parameters that ECS1004 already reports on a Fargate task
/// (privileged, links, extraHosts, ipcMode, pidMode host) are not reported again here.
/// </remarks>
public sealed class RuntimePlatformIncompatible : Rule
{
    /// <summary>The Windows families Fargate runs (ecs-facts §1.2, Windows Fargate platform version 1.0.0).</summary>
    private static readonly HashSet<string> FargateWindowsFamilies = new(StringComparer.Ordinal)
    {
        "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_CORE",
    };

    /// <summary>Windows families of the API enum that Fargate does not run.</summary>
    private static readonly HashSet<string> NotOnFargate = new(StringComparer.Ordinal)
    {
        "WINDOWS_SERVER_2016_FULL", "WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_20H2_CORE", "WINDOWS_SERVER_2025_CORE", "WINDOWS_SERVER_2025_FULL",
    };

    public override string Id => "ECS1006";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.IsWindows)
        {
            return;
        }

        var fargate = task.OnFargate;
        if (fargate)
        {
            CheckWindowsOnFargate(task, context);
        }

        CheckTaskParameters(task, fargate, context);
        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            CheckContainer(containers[i], Labels.Container(containers[i], i), fargate, context);
        }
    }

    private static void CheckWindowsOnFargate(TaskDefinition task, RuleContext context)
    {
        var os = task.OperatingSystemFamily;
        var cpu = task.CpuUnits;
        if (cpu.IsKnown && cpu.Value < FargateSizes.WindowsMinimumCpu)
        {
            context.Report(
                os,
                FindingText.Of($"Windows containers on Fargate need at least 1 vCPU, but the task {PropRef.Of(task, "cpu")} is {FargateText.AsWritten(task.Cpu, cpu.Value, memory: false)}: set the task {PropRef.Of(task, "cpu")} to {FargateSizes.JoinCpu(FargateSizes.Rows(true))}, or use a Linux platform.") + FargateText.Via(task));
        }

        if (task.IsArm64)
        {
            context.Report(
                task.CpuArchitecture,
                FindingText.Of($"Windows containers on Fargate run on X86_64 only: set {Platform(task, "cpuArchitecture")} to \"X86_64\", or use a Linux image for ARM64.") + FargateText.Via(task));
        }

        if (NotOnFargate.Contains(os.Value))
        {
            context.Report(
                os,
                "Fargate does not run " + os.Value + (os.Value.StartsWith("WINDOWS_SERVER_2025", StringComparison.Ordinal) ? " (not offered on Fargate as of 2026-12)" : "") + ": use one of " + Labels.JoinOr(FargateWindowsFamilies.OrderBy(f => f, StringComparer.Ordinal)) + "." + FargateText.Via(task));
        }
    }

    private static void CheckTaskParameters(TaskDefinition task, bool fargate, RuleContext context)
    {
        var pidMode = task.PidMode;
        if (pidMode.IsKnown && pidMode.Value.Length > 0 && !(fargate && pidMode.Value == "host"))
        {
            context.Report(pidMode, $"{PropRef.Of(task, "pidMode")} is not supported for Windows containers: remove \"{PropRef.Of(task, "pidMode")}\".");
        }

        var ipcMode = task.IpcMode;
        if (!fargate && ipcMode.IsKnown && ipcMode.Value.Length > 0)
        {
            context.Report(ipcMode, $"{PropRef.Of(task, "ipcMode")} is not supported for Windows containers: remove \"{PropRef.Of(task, "ipcMode")}\".");
        }

        if (task.ProxyConfiguration is { } proxy)
        {
            context.Report(proxy.Node, $"{PropRef.Of(task, "proxyConfiguration")} (App Mesh) is not supported for Windows containers: remove it.");
        }
    }

    private static void CheckContainer(ContainerDefinition container, string label, bool fargate, RuleContext context)
    {
        const string NotForWindows = ", which is not supported for Windows containers: ";

        if (container.LinuxParameters is { Node.Children.Count: > 0 } linux)
        {
            context.Report(linux.Node, $"{label} sets {PropRef.Of(container, "linuxParameters")}{NotForWindows}remove them.");
        }

        if (!fargate && container.Privileged.Is(true))
        {
            context.Report(container.Privileged, $"{label} is privileged{NotForWindows}remove \"{PropRef.Of(container, "privileged")}\".");
        }

        if (container.ReadonlyRootFilesystem.Is(true))
        {
            context.Report(container.ReadonlyRootFilesystem, $"{label} sets {PropRef.Of(container, "readonlyRootFilesystem")}{NotForWindows}remove it or set it to false.");
        }

        if (container.DisableNetworking.Is(true))
        {
            context.Report(container.DisableNetworking, $"{label} sets {PropRef.Of(container, "disableNetworking")}{NotForWindows}remove it.");
        }

        ReportList(container.Ulimits, label, PropRef.Of(container, "ulimits"), context);
        ReportList(container.DnsServers, label, PropRef.Of(container, "dnsServers"), context);
        ReportList(container.DnsSearchDomains, label, PropRef.Of(container, "dnsSearchDomains"), context);
        ReportList(container.SystemControls, label, PropRef.Of(container, "systemControls"), context);
        if (!fargate)
        {
            ReportList(container.Links, label, PropRef.Of(container, "links"), context);
            ReportList(container.ExtraHosts, label, PropRef.Of(container, "extraHosts"), context);
        }
    }

    private static void ReportList<T>(ModelList<T> list, string label, PropRef name, RuleContext context)
    {
        if (list.Count > 0)
        {
            context.Report(list, FindingText.Of($"{label} sets {name}, which is not supported for Windows containers: remove {name}."));
        }
    }

    /// <summary>Member <paramref name="member"/> of the runtime platform, by shape alone when the object is not written.</summary>
    private static PropRef Platform(TaskDefinition task, string member) =>
        task.RuntimePlatform is { } platform ? PropRef.Of(platform, member) : new PropRef("RuntimePlatform", member, null, null);
}
