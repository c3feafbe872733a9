using EcsPolicy.Model;

namespace EcsPolicy.Rules.Placement;

/// <summary>
/// ECS4001: a placement expression that the Cluster Query Language parser rejects, reported at the error's column. An
/// expression nested deeper than the parser reads is not reported as wrong: it is recorded as not checked (ECS0009).
/// </summary>
public sealed class PlacementSyntaxError : Rule
{
    public override string Id => "ECS4001";

    public override void Check(TaskDefinition task, RuleContext context) => Report(Placements.Of(task), context);

    public override void CheckService(Service service, RuleContext context) => Report(Placements.Of(service), context);

    private static void Report(IEnumerable<ConstraintView> constraints, RuleContext context)
    {
        foreach (var (node, result) in Placements.Parsed(constraints))
        {
            if (result.Error is { IsLimit: true } limit)
            {
                // Not known to be wrong: the file was not checked completely here (ECS0009).
                context.Budget.NotChecked(limit.Message, node.LocationOfRange(limit.Start, limit.End));
            }
            else if (result.Error is { } error)
            {
                context.Report(
                    node.LocationOfRange(error.Start, error.End),
                    node.Path,
                    $"Placement expression is not valid Cluster Query Language at {Placements.At(error.Start)}: {error.Message}");
            }
        }
    }
}
