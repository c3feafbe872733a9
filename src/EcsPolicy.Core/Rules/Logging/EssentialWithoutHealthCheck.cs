using EcsPolicy.Model;
using EcsPolicy.Rules.Hardening;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5007: an essential container (omitted <c>essential</c> means true) without a container health check. ECS then
/// only notices that the container exited, not that it hangs. Silent when essential or healthCheck is not statically known.
/// </summary>
public sealed class EssentialWithoutHealthCheck : Rule
{
    public override string Id => "ECS5007";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (container, label) in HardeningPlatform.JudgedContainers(context))
        {
            if (!container.Essential.Is(true) || container.StateOf("healthCheck") != ValueState.Absent)
            {
                continue;
            }

            // The example stays a JSON object: an edit of a member of an absent health check has no Copilot key to render.
            var healthCheck = PropRef.Of(container, "healthCheck");
            context.Report(
                container,
                FindingText.Of($"{label} is essential but has no {healthCheck}, so ECS only notices when it exits, not when it "
                + $"stops responding: add a {healthCheck}, e.g. {{ \"command\": [\"CMD-SHELL\", \"curl -f http://localhost/health || exit 1\"] }}."));
        }
    }
}
