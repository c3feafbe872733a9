using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>Platform and completeness checks shared by the ECS6xxx (and ECS5xxx) policy rules.</summary>
internal static class HardeningPlatform
{
    /// <summary>
    /// True when the task may be a Windows task, so the Linux-only checks (user, read-only root filesystem) stay
    /// silent: the operating system family is known to be Windows; or it is not statically known (a bare container
    /// list, a template parameter); or runtimePlatform is absent (Windows task definitions for EC2 often leave it out)
    /// and the task shows it is Windows anyway: a Windows base image from mcr.microsoft.com, or an FSx for Windows
    /// File Server volume.
    /// </summary>
    public static bool MaybeWindows(TaskDefinition task)
    {
        if (task.IsWindows || task.OperatingSystemFamily.IsUnknown)
        {
            return true;
        }

        if (!task.OperatingSystemFamily.IsAbsent)
        {
            return false;
        }

        foreach (var volume in task.Volumes)
        {
            if (volume.StateOf("fsxWindowsFileServerVolumeConfiguration") == ValueState.Known)
            {
                return true;
            }
        }

        foreach (var container in task.ContainerDefinitions)
        {
            if (container.Image is { IsKnown: true } image && IsWindowsImage(image.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a container that is only a fragment (no image: documentation snippets that show one parameter). The
    /// shape rules report the missing image; the per-container policy rules wait for a complete container.
    /// </summary>
    public static bool IsFragment(ContainerDefinition container) => container.StateOf("image") == ValueState.Absent;

    /// <summary>
    /// The containers the per-container logging and hardening rules judge (all but documentation fragments), each with
    /// the label messages name it by. Made once per task definition and shared by those rules.
    /// </summary>
    public static JudgedContainerList JudgedContainers(RuleContext context) =>
        context.Document.Shared(JudgedContainerList.Create);

    /// <summary>The list <see cref="JudgedContainers"/> returns; a class of its own so that it is shared by type.</summary>
    internal sealed class JudgedContainerList : List<(ContainerDefinition Container, string Label)>
    {
        public static JudgedContainerList Create(TaskDefinition task)
        {
            var containers = task.ContainerDefinitions;
            var judged = new JudgedContainerList();
            for (var i = 0; i < containers.Count; i++)
            {
                if (!IsFragment(containers[i]))
                {
                    judged.Add((containers[i], Labels.Container(containers[i], i)));
                }
            }

            return judged;
        }
    }

    /// <summary>Microsoft's Windows base images (servercore, nanoserver, windows) and images built on them under mcr.microsoft.com/windows.</summary>
    private static bool IsWindowsImage(string image) =>
        image.StartsWith("mcr.microsoft.com/windows", StringComparison.OrdinalIgnoreCase)
        || image.IndexOf("/windows/servercore", StringComparison.OrdinalIgnoreCase) >= 0
        || image.IndexOf("/windows/nanoserver", StringComparison.OrdinalIgnoreCase) >= 0;
}
