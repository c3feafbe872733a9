using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Placement;

/// <summary>ECS4004: more than 10 constraints, more than 5 strategies, or an expression over 2000 characters.</summary>
public sealed class TooManyPlacementRules : Rule
{
    public override string Id => "ECS4004";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var constraints = task.PlacementConstraints;
        if (constraints.State == ValueState.Known && constraints.Count + constraints.UnknownItems > Placements.MaxConstraints)
        {
            context.Report(constraints, string.Format(CultureInfo.InvariantCulture, "The task definition has {0} placement constraints; at most {1} are allowed per task, counting those given when the task runs. Combine expressions with 'and'/'or', or remove some.", constraints.Count + constraints.UnknownItems, Placements.MaxConstraints));
        }

        CheckLengths(Placements.Of(task), context);
    }

    public override void CheckService(Service service, RuleContext context)
    {
        var own = service.PlacementConstraints;
        var fromTask = service.ResolvedTaskDefinition?.PlacementConstraints;
        var total = own.Count + own.UnknownItems + (fromTask is null ? 0 : fromTask.Count + fromTask.UnknownItems);
        if (own.State == ValueState.Known && total > Placements.MaxConstraints)
        {
            var detail = fromTask is { Count: > 0 } ? string.Format(CultureInfo.InvariantCulture, " ({0} on the service and {1} in its task definition)", own.Count + own.UnknownItems, fromTask.Count + fromTask.UnknownItems) : "";
            context.Report(own, string.Format(CultureInfo.InvariantCulture, "Tasks of this service get {0} placement constraints{1}; at most {2} are allowed per task. Combine expressions, or remove some.", total, detail, Placements.MaxConstraints));
        }

        var strategies = service.PlacementStrategy;
        if (strategies.State == ValueState.Known && strategies.Count + strategies.UnknownItems > Placements.MaxStrategies)
        {
            context.Report(strategies, string.Format(CultureInfo.InvariantCulture, "The service has {0} placement strategies; at most {1} are allowed. Remove the ones that no longer change placement.", strategies.Count + strategies.UnknownItems, Placements.MaxStrategies));
        }

        CheckLengths(Placements.Of(service), context);
    }

    private static void CheckLengths(IEnumerable<ConstraintView> constraints, RuleContext context)
    {
        foreach (var c in constraints)
        {
            if (c.Expression.IsKnown && c.Expression.Value.Length > Placements.MaxExpressionLength)
            {
                context.Report(c.Expression, string.Format(CultureInfo.InvariantCulture, "The placement expression is {0} characters long; the maximum is {1}. Shorten it, e.g. with 'in [...]' lists or a custom attribute.", c.Expression.Value.Length, Placements.MaxExpressionLength));
            }
        }
    }
}
