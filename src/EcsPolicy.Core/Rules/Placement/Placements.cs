using EcsPolicy.Model;
using EcsPolicy.Placement;

namespace EcsPolicy.Rules.Placement;

/// <summary>A placement constraint of a task definition or a service, seen the same way by the placement rules.</summary>
internal sealed record ConstraintView(ModelObject Owner, Val<string> Type, Val<string> Expression);

/// <summary>Shared reading of placement constraints and strategies for the ECS4xxx rules.</summary>
internal static class Placements
{
    /// <summary>The documented maximum length of an expression.</summary>
    public const int MaxExpressionLength = 2000;

    /// <summary>At most 10 constraints per task, counting the task definition's and those given at run time.</summary>
    public const int MaxConstraints = 10;

    public const int MaxStrategies = 5;

    // Most task definitions have no constraints: then no query is built at all.
    public static IEnumerable<ConstraintView> Of(TaskDefinition task) =>
        task.PlacementConstraints.Count == 0 ? [] : task.PlacementConstraints.Select(c => new ConstraintView(c, c.Type, c.Expression));

    public static IEnumerable<ConstraintView> Of(Service service) =>
        service.PlacementConstraints.Count == 0 ? [] : service.PlacementConstraints.Select(c => new ConstraintView(c, c.Type, c.Expression));

    /// <summary>Known, non-empty expressions, parsed.</summary>
    public static IEnumerable<(SNode Node, CqlParseResult Result)> Parsed(IEnumerable<ConstraintView> constraints) =>
        constraints is ConstraintView[] { Length: 0 } ? [] : constraints
            .Where(c => c.Expression.IsKnown && c.Expression.Node is { Kind: NodeKind.String } && c.Expression.Value.Trim().Length > 0)
            .Where(c => c.Expression.Value.Length <= MaxExpressionLength)
            .Select(c => (c.Expression.Node!, CqlParser.Parse(c.Expression.Value)));

    /// <summary>"character N" for messages: the 1-based position inside the expression.</summary>
    public static string At(int offset) => "character " + (offset + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
