using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6001: a privileged container. Not reported where another rule already rejects the setting as unsupported:
/// on Fargate (ECS1004) and on Windows (ECS1006).
/// </summary>
public sealed class PrivilegedContainer : Rule
{
    public override string Id => "ECS6001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (task.OnFargate || task.IsWindows)
        {
            return;
        }

        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            var privileged = containers[i].Privileged;
            if (privileged.Is(true))
            {
                context.Report(
                    privileged,
                    FindingText.Of($"{Labels.Container(containers[i], i)} is privileged: it gets every capability and access to the host's devices, ")
                    + FindingText.Of($"so a compromise of the container is a compromise of the instance. Remove \"{PropRef.Of(containers[i], "privileged")}\" and add only the capabilities ")
                    + FindingText.Of($"it needs in {DangerousCapability.AddedCapabilities(containers[i])}."));
            }
        }
    }
}
