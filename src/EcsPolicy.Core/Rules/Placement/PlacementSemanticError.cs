using EcsPolicy.Model;
using EcsPolicy.Placement;

namespace EcsPolicy.Rules.Placement;

/// <summary>ECS4002: a well-formed expression that ECS would still reject (subject, operator, regex, date, empty list).</summary>
public sealed class PlacementSemanticError : Rule
{
    public override string Id => "ECS4002";

    public override void Check(TaskDefinition task, RuleContext context) => Report(Placements.Of(task), context);

    public override void CheckService(Service service, RuleContext context) => Report(Placements.Of(service), context);

    private static void Report(IEnumerable<ConstraintView> constraints, RuleContext context)
    {
        foreach (var (node, result) in Placements.Parsed(constraints))
        {
            if (result.Expression is null)
            {
                // An expression too deep to read is not checked, whichever of ECS4001 and ECS4002 runs (the budget
                // records the same gap once).
                if (result.Error is { IsLimit: true } limit)
                {
                    context.Budget.NotChecked(limit.Message, node.LocationOfRange(limit.Start, limit.End));
                }

                continue;
            }

            foreach (var error in CqlSemantics.Check(result.Expression))
            {
                context.Report(node.LocationOfRange(error.Start, error.End), node.Path, $"Placement expression problem at {Placements.At(error.Start)}: {error.Message}");
            }
        }
    }
}
