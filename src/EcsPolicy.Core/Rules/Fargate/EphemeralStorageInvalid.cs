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

        // One path (ephemeralStorage.sizeInGiB, EphemeralStorage.SizeInGiB, storage.ephemeral, EphemeralStorageGiB).
        var size = storage.SizeInGiB;
        var sizeProp = PropRef.Path(task, "ephemeralStorage", "sizeInGiB");
        if (size.IsKnown && size.Value < MinimumGiB)
        {
            context.Report(
                size,
                $"{sizeProp} is {size.Value}, but the minimum is {MinimumGiB} GiB: Fargate already gives every task {FargateDefaultGiB} GiB, so set {MinimumGiB} to {MaximumGiB} GiB or remove {PropRef.Of(task, "ephemeralStorage")}.");
        }
        else if (size.IsKnown && size.Value > MaximumGiB)
        {
            context.Report(
                size,
                $"{sizeProp} is {size.Value}, but the maximum is {MaximumGiB} GiB: set {MinimumGiB} to {MaximumGiB} GiB, and use an EFS volume for more space.");
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
