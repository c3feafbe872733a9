using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6004: pidMode host. Not reported where another rule already rejects it: on Fargate (ECS1004) and on Windows (ECS1006).
/// </summary>
public sealed class HostPidNamespace : Rule
{
    public override string Id => "ECS6004";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (task.OnFargate || task.IsWindows || !task.PidMode.Is("host"))
        {
            return;
        }

        context.Report(
            task.PidMode,
            FindingText.Of($"The task shares the host's process namespace ({PropRef.Of(task, "pidMode")} \"host\"): its containers see every process on the instance and, with ")
            + FindingText.Of($"enough privileges, can signal or inspect them. Remove {PropRef.Of(task, "pidMode")}, or use \"task\" to share processes only between the task's containers."));
    }
}
