namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// Copilot's <c>environments:</c> overrides over a raw manifest tree, as <c>mergo.WithOverride</c> with Copilot's
/// transformers does: maps merge key by key, lists and scalars replace, a null override keeps the base value, and a
/// value of another form (a string for a map, e.g. <c>platform</c>) replaces. Every node of the result keeps the
/// location of the node it comes from, so a value the override gave points at the override.
/// </summary>
internal static class ManifestMerge
{
    /// <summary>Keys of which one replaces the other when an override sets it (Copilot's mutually exclusive fields).</summary>
    private static readonly (string A, string B)[] Exclusive =
    [
        ("build", "location"),
    ];

    /// <summary>The base with <paramref name="overrides"/> merged over it; the base is left as it is.</summary>
    public static SNode Merge(SNode baseNode, SNode? overrides)
    {
        if (overrides is null || overrides.Kind == NodeKind.Null)
        {
            return Clone(baseNode);
        }

        if (baseNode.Kind != NodeKind.Object || overrides.Kind != NodeKind.Object)
        {
            return Clone(overrides);
        }

        var props = new List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)>();
        var overridden = new HashSet<string>(overrides.Children.Where(c => c.Kind != NodeKind.Null).Select(c => c.Name!), StringComparer.Ordinal);
        foreach (var child in baseNode.Children)
        {
            var name = child.Name!;
            if (Exclusive.Any(e => (e.A == name && overridden.Contains(e.B)) || (e.B == name && overridden.Contains(e.A))))
            {
                continue;
            }

            var over = overrides.Get(name);
            if (over is null || over.Kind == NodeKind.Null)
            {
                props.Add((name, null, child.NameLocation, Clone(child)));
            }
            else
            {
                props.Add((name, null, over.NameLocation, Merge(child, over)));
            }
        }

        foreach (var child in overrides.Children)
        {
            if (child.Kind != NodeKind.Null && baseNode.Get(child.Name!) is null)
            {
                props.Add((child.Name!, null, child.NameLocation, Clone(child)));
            }
        }

        return SNode.Object(baseNode.Location, props);
    }

    /// <summary>A deep copy (a node has one parent, so a tree is never shared between variants).</summary>
    public static SNode Clone(SNode node) => node.Kind switch
    {
        NodeKind.Object => SNode.Object(node.Location, node.Children.Select(c => (c.Name!, (string?)null, c.NameLocation, Clone(c)))),
        NodeKind.Array => SNode.Array(node.Location, node.Children.Select(Clone)),
        _ => SNode.CopyScalar(node),
    };
}
