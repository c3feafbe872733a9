using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>
/// ECS1007: ephemeralStorage.sizeInGiB must be 21 to 200 (ecs-facts §3.6), and the setting only exists for Fargate, so
/// a task whose required compatibilities are known and leave out FARGATE cannot use it. Absent compatibilities do not
/// rule Fargate out.
/// </summary>
public sealed class EphemeralStorageInvalid : Rule
{
    public const long MinimumGiB = 21;
    public const long MaximumGiB = 200;

    /// <summary>What Fargate gives a task without the setting.</summary>
    public const long FargateDefaultGiB = 20;

    public override string Id => "ECS1007";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (task.EphemeralStorage is not { } storage)
        {
            return;
        }

        var size = storage.SizeInGiB;
        if (size.IsKnown && size.Value < MinimumGiB)
        {
            context.Report(
                size,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "ephemeralStorage.sizeInGiB is {0}, but the minimum is {1} GiB: Fargate already gives every task {2} GiB, so set {1} to {3} GiB or remove ephemeralStorage.",
                    size.Value,
                    MinimumGiB,
                    FargateDefaultGiB,
                    MaximumGiB));
        }
        else if (size.IsKnown && size.Value > MaximumGiB)
        {
            context.Report(
                size,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "ephemeralStorage.sizeInGiB is {0}, but the maximum is {1} GiB: set {2} to {1} GiB, and use an EFS volume for more space.",
                    size.Value,
                    MaximumGiB,
                    MinimumGiB));
        }

        var compatibilities = task.RequiresCompatibilities;
        if (compatibilities.State == ValueState.Known && compatibilities.IsComplete && compatibilities.Count > 0 && !task.RequiresFargate)
        {
            var storageProp = PropRef.Of(task, "ephemeralStorage");
            var compatibilitiesProp = PropRef.Of(task, "requiresCompatibilities");

            // Out-of-range sizes are rejected; the setting on a task that cannot run on Fargate is not documented as
            // rejected, it just gives no storage, so that case is at most a warning.
            context.ReportAtMost(
                storage.Node,
                Severity.Warning,
                FindingText.Of($"{storageProp} only applies to tasks on Fargate, and {compatibilitiesProp} ({string.Join(", ", compatibilities.Select(c => c.Value))}) does not include FARGATE: remove {storageProp}, or add FARGATE to {compatibilitiesProp}."));
        }
    }
}
