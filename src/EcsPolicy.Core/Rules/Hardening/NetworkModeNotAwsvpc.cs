using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6010: the task uses bridge or host networking (explicitly, or bridge by default) rather than awsvpc, so its
/// containers share the instance's network identity and security groups instead of having their own. Not reported for
/// <c>none</c> (no network at all is more isolated, not less), on Fargate (ECS1003 rejects other modes there), for
/// tasks that can only run on external instances (ECS Anywhere has no awsvpc; CT.ECS.PR.4 skips them too), or when the
/// mode or the operating system is not statically known. An absent networkMode is judged only in a document that has
/// a family (otherwise it is a fragment of a task definition, such as a documentation snippet).
/// </summary>
public sealed class NetworkModeNotAwsvpc : Rule
{
    public override string Id => "ECS6010";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (task.OnFargate || ExternalOnly(task))
        {
            return;
        }

        var mode = task.NetworkMode;
        if (mode.IsKnown)
        {
            if (mode.Value is "bridge" or "host")
            {
                // Unsafe for --fix, as below.
                context.Report(
                    mode,
                    FindingText.Of($"The task uses {PropRef.Of(task, "networkMode")} \"{mode.Value}\", so its")
                    + " containers share the instance's network interface and security groups: "
                    + "use \"awsvpc\" to give the task its own network interface and security groups.",
                    ModelEdit.Set(task, "networkMode", "\"awsvpc\"", safe: false));
            }

            return;
        }

        // Absent: the default applies, unless the document is only a fragment of a task definition (no family, which
        // every registered task definition has), where absence says nothing.
        var family = task.Family;
        if (!mode.IsAbsent || task.OperatingSystemFamily.IsUnknown || family.IsAbsent)
        {
            return;
        }

        var what = task.IsWindows ? "the Windows default network mode (NAT)" : "the default network mode (bridge)";
        // Unsafe for --fix: awsvpc changes how ports are mapped and needs subnets (and security groups) on the service.
        var message = FindingText.Of($"The task does not set {PropRef.Of(task, "networkMode")}, so it uses {what}, and its containers share the instance's network interface ")
            + FindingText.Of($"and security groups: set {ModelEdit.Set(task, "networkMode", "\"awsvpc\"", safe: false)} to give the task its own network interface and security groups.");
        context.Report(family, message);
    }

    private static bool ExternalOnly(TaskDefinition task)
    {
        var compatibilities = task.RequiresCompatibilities;
        return compatibilities.IsComplete && compatibilities.Count > 0 && compatibilities.All(c => c.Is("EXTERNAL"));
    }
}
