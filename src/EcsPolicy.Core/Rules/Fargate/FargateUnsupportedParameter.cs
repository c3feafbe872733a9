using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>
/// ECS1004: parameters that tasks on Fargate cannot use (ecs-facts §3.2). Parameters whose Fargate support the sources
/// disagree on (dnsServers, dnsSearchDomains, disableNetworking: §3.3) or that the current API allows on Linux platform
/// 1.4.0 (systemControls, pidMode "task") are not reported; placement constraints belong to ECS4006. Settings that ask
/// for nothing (privileged false, empty lists, empty hostname) and values that are not statically known stay silent.
/// </summary>
public sealed class FargateUnsupportedParameter : Rule
{
    /// <summary>The only capability Fargate lets a container add.</summary>
    private const string SysPtrace = "SYS_PTRACE";

    public override string Id => "ECS1004";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.OnFargate)
        {
            return;
        }

        CheckTask(task, context);

        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            CheckContainer(task, containers[i], Labels.Container(containers[i], i), context);
        }
    }

    private static void CheckTask(TaskDefinition task, RuleContext context)
    {
        var volumes = task.Volumes;
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i];
            var label = Labels.Volume(volume, i);
            var sourcePath = volume.Host?.SourcePath;
            if (sourcePath is { IsKnown: true } path && path.Value.Length > 0)
            {
                context.Report(
                    path,
                    FindingText.Of($"{label} sets {PropRef.Path(volume, "host", "sourcePath")}, which Fargate does not support: remove {PropRef.Of(volume.Host!, "sourcePath")} (a volume with only a name is a bind mount on the task's storage) or use an EFS volume.") + FargateText.Via(task));
            }

            if (volume.DockerVolumeConfiguration is { } docker)
            {
                context.Report(
                    docker.Node,
                    FindingText.Of($"{label} uses {PropRef.Of(volume, "dockerVolumeConfiguration")}, which Fargate does not support: use a bind mount (a volume with only a name) or an EFS volume.") + FargateText.Via(task));
            }
        }

        var ipcMode = task.IpcMode;
        if (ipcMode.IsKnown && ipcMode.Value.Length > 0)
        {
            context.Report(ipcMode, FindingText.Of($"Fargate does not support {PropRef.Of(task, "ipcMode")}: remove \"{PropRef.Of(task, "ipcMode")}\" from the task definition.") + FargateText.Via(task));
        }

        if (task.PidMode.Is("host"))
        {
            context.Report(task.PidMode, FindingText.Of($"Fargate does not support {PropRef.Of(task, "pidMode")} \"host\": remove {PropRef.Of(task, "pidMode")}, or use \"task\" to share the process namespace between the task's containers.") + FargateText.Via(task));
        }
    }

    private static void CheckContainer(TaskDefinition task, ContainerDefinition container, string label, RuleContext context)
    {
        if (container.Privileged.Is(true))
        {
            context.Report(container.Privileged, FindingText.Of($"{label} is privileged, which Fargate does not support: remove \"{PropRef.Of(container, "privileged")}\" or set it to false.") + FargateText.Via(task));
        }

        if (container.Links.Count > 0)
        {
            context.Report(container.Links, FindingText.Of($"{label} uses {PropRef.Of(container, "links")}, which Fargate does not support: containers of an awsvpc task reach each other on localhost.") + FargateText.Via(task));
        }

        var hostname = container.Hostname;
        if (hostname.IsKnown && hostname.Value.Length > 0)
        {
            context.Report(hostname, FindingText.Of($"{label} sets {PropRef.Of(container, "hostname")}, which Fargate (awsvpc network mode) does not support: remove \"{PropRef.Of(container, "hostname")}\".") + FargateText.Via(task));
        }

        if (container.DockerSecurityOptions.Count > 0)
        {
            context.Report(container.DockerSecurityOptions, FindingText.Of($"{label} sets {PropRef.Of(container, "dockerSecurityOptions")}, which Fargate does not support: remove them.") + FargateText.Via(task));
        }

        if (container.ExtraHosts.Count > 0)
        {
            context.Report(container.ExtraHosts, FindingText.Of($"{label} sets {PropRef.Of(container, "extraHosts")}, which Fargate does not support: remove them and resolve the names through DNS.") + FargateText.Via(task));
        }

        foreach (var requirement in container.ResourceRequirements)
        {
            if (requirement.Type.Is("GPU"))
            {
                context.Report(requirement.Type, label + " requests a GPU, which Fargate does not provide: remove the GPU resource requirement or run the task on EC2 GPU instances." + FargateText.Via(task));
            }
        }

        if (container.LinuxParameters is { } linux)
        {
            CheckLinuxParameters(task, container, linux, label, context);
        }
    }

    private static void CheckLinuxParameters(TaskDefinition task, ContainerDefinition container, LinuxParameters linux, string label, RuleContext context)
    {
        if (linux.Devices.Count > 0)
        {
            context.Report(linux.Devices, FindingText.Of($"{label} maps host devices ({Linux(container, "devices")}), which Fargate does not support: remove them.") + FargateText.Via(task));
        }

        if (linux.SharedMemorySize.IsKnown)
        {
            context.Report(linux.SharedMemorySize, FindingText.Of($"{label} sets {Linux(container, "sharedMemorySize")}, which Fargate does not support: remove it.") + FargateText.Via(task));
        }

        if (linux.Tmpfs.Count > 0)
        {
            context.Report(linux.Tmpfs, FindingText.Of($"{label} mounts tmpfs ({Linux(container, "tmpfs")}), which Fargate does not support: remove it, or use a bind mount volume.") + FargateText.Via(task));
        }

        if (linux.MaxSwap.IsKnown)
        {
            context.Report(linux.MaxSwap, FindingText.Of($"{label} sets {Linux(container, "maxSwap")}, which Fargate does not support: remove it.") + FargateText.Via(task));
        }

        if (linux.Swappiness.IsKnown)
        {
            context.Report(linux.Swappiness, FindingText.Of($"{label} sets {Linux(container, "swappiness")}, which Fargate does not support: remove it.") + FargateText.Via(task));
        }

        if (linux.Capabilities is { } capabilities)
        {
            foreach (var add in capabilities.Add)
            {
                if (add.IsKnown && !IsSysPtrace(add.Value))
                {
                    context.Report(
                        add,
                        FindingText.Of($"{label} adds the capability \"{add.Value}\", but Fargate only lets containers add SYS_PTRACE: remove it from {Linux(container, "capabilities", "add")}.") + FargateText.Via(task));
                }
            }
        }
    }

    /// <summary>A member of the container's <c>linuxParameters</c>, named as one path by each input.</summary>
    private static PropRef Linux(ContainerDefinition container, params string[] path) => PropRef.Path(container, "linuxParameters", path);

    /// <summary>
    /// SYS_PTRACE, also as written on the Fargate docs page (<c>CAP_SYS_PTRACE</c>) or in another case: those spellings
    /// are for the enum check (ECS0004), not a Fargate problem.
    /// </summary>
    private static bool IsSysPtrace(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase))
        {
            v = v.Substring(4);
        }

        return string.Equals(v, SysPtrace, StringComparison.OrdinalIgnoreCase);
    }
}
