using EcsPolicy.Model;

namespace EcsPolicy.Rules.Placement;

/// <summary>ECS4005: binpack on cpu or memory; spread on instanceId, host or an attribute; random without a field.</summary>
public sealed class InvalidPlacementStrategy : Rule
{
    public override string Id => "ECS4005";

    public override void CheckService(Service service, RuleContext context)
    {
        foreach (var strategy in service.PlacementStrategy)
        {
            var type = strategy.Type;
            var field = strategy.Field;
            if (!type.IsKnown || field.IsUnknown)
            {
                continue;
            }

            switch (type.Value)
            {
                case "binpack" when field.IsKnown && !IsOneOf(field.Value, "cpu", "memory"):
                    context.Report(field, $"A \"binpack\" strategy packs by \"cpu\" or \"memory\", not \"{field.Value}\". Set {PropRef.Of(strategy, "field")} to cpu or memory.");
                    break;
                case "spread" when field.IsKnown && !IsOneOf(field.Value, "instanceId", "host") && !IsAttribute(field.Value):
                    context.Report(field, $"A \"spread\" strategy spreads over \"instanceId\" (or \"host\") or an attribute such as \"attribute:ecs.availability-zone\", not \"{field.Value}\".");
                    break;
                case "random" when field.IsKnown:
                    context.Report(field, $"A \"random\" strategy takes no field. Remove the {PropRef.Of(strategy, "field")}.");
                    break;
            }
        }
    }

    private static bool IsOneOf(string value, params string[] allowed) => allowed.Any(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));

    private static bool IsAttribute(string value) => value.StartsWith("attribute:", StringComparison.Ordinal) && value.Length > "attribute:".Length;
}
