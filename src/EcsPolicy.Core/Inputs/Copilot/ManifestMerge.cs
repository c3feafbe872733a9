namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// Copilot's <c>environments:</c> overrides over a raw manifest tree, as <c>mergo.WithOverride</c> with Copilot's
/// transformers does: maps merge key by key, lists and scalars replace, a null override keeps the base value, and a
/// value of another form (a string for a map, e.g. <c>platform</c>) replaces. Every node of the result keeps the
/// location of the node it comes from, so a value the override gave points at the override. The result leaves out the
/// <c>environments:</c> map: it is what one environment deploys, and copying every environment's overrides into every
/// environment's manifest made the copies grow with the square of their number.
/// </summary>
internal static class ManifestMerge
{
    /// <summary>Keys of which one replaces the other when an override sets it (Copilot's mutually exclusive fields).</summary>
    private static readonly (string A, string B)[] Exclusive =
    [
        ("build", "location"),
    ];

    /// <summary>The key of the per-environment overrides, which a merged manifest leaves out.</summary>
    public const string Environments = "environments";

    /// <summary>
    /// The manifest <paramref name="manifest"/> with one environment's <paramref name="overrides"/> merged over it,
    /// without the <c>environments:</c> map; the manifest is left as it is.
    /// </summary>
    public static SNode Merge(SNode manifest, SNode? overrides) => Merge(manifest, overrides, top: true);

    /// <summary>
    /// Whether an environment's overrides change nothing: none, or only keys whose value is null (a null keeps the base
    /// value) or <c>environments</c> (which a merged manifest leaves out). Such an environment deploys the manifest as written.
    /// </summary>
    public static bool IsEmpty(SNode? overrides) =>
        overrides is null || overrides.Kind == NodeKind.Null
        || (overrides.Kind == NodeKind.Object && overrides.Children.All(c => c.Kind == NodeKind.Null || c.Name == Environments));

    /// <summary>The nodes of a tree (what a deep copy of it builds).</summary>
    public static long Size(SNode? node)
    {
        if (node is null)
        {
            return 0;
        }

        long size = 1;
        foreach (var child in node.Children)
        {
            size += Size(child);
        }

        return size;
    }

    private static SNode Merge(SNode baseNode, SNode? overrides, bool top)
    {
        if (overrides is null || overrides.Kind == NodeKind.Null)
        {
            return top ? CloneWithout(baseNode, Environments) : Clone(baseNode);
        }

        if (baseNode.Kind != NodeKind.Object || overrides.Kind != NodeKind.Object)
        {
            return Clone(overrides);
        }

        // Keys are looked up in tables, not with SNode.Get (a scan): two maps of many keys (e.g. variables) would
        // otherwise cost the product of their sizes. The last of a repeated key wins, as with Get.
        var byName = new Dictionary<string, SNode>(StringComparer.Ordinal);
        foreach (var child in overrides.Children)
        {
            byName[child.Name!] = child;
        }

        var inBase = new HashSet<string>(baseNode.Children.Select(c => c.Name!), StringComparer.Ordinal);
        var overridden = new HashSet<string>(byName.Where(c => c.Value.Kind != NodeKind.Null).Select(c => c.Key), StringComparer.Ordinal);
        var props = new List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)>();
        foreach (var child in baseNode.Children)
        {
            var name = child.Name!;
            if (top && name == Environments)
            {
                continue;
            }

            if (Exclusive.Any(e => (e.A == name && overridden.Contains(e.B)) || (e.B == name && overridden.Contains(e.A))))
            {
                continue;
            }

            var over = byName.TryGetValue(name, out var o) ? o : null;
            if (over is null || over.Kind == NodeKind.Null)
            {
                props.Add((name, null, child.NameLocation, Clone(child)));
            }
            else
            {
                props.Add((name, null, over.NameLocation, Merge(child, over, top: false)));
            }
        }

        foreach (var child in overrides.Children)
        {
            if (child.Kind != NodeKind.Null && !inBase.Contains(child.Name!) && !(top && child.Name == Environments))
            {
                props.Add((child.Name!, null, child.NameLocation, Clone(child)));
            }
        }

        return SNode.Object(baseNode.Location, props);
    }

    private static SNode CloneWithout(SNode node, string key) => node.Kind == NodeKind.Object
        ? SNode.Object(node.Location, node.Children.Where(c => c.Name != key).Select(c => (c.Name!, (string?)null, c.NameLocation, Clone(c))))
        : Clone(node);

    /// <summary>A deep copy (a node has one parent, so a tree is never shared between variants).</summary>
    public static SNode Clone(SNode node) => node.Kind switch
    {
        NodeKind.Object => SNode.Object(node.Location, node.Children.Select(c => (c.Name!, (string?)null, c.NameLocation, Clone(c)))),
        NodeKind.Array => SNode.Array(node.Location, node.Children.Select(Clone)),
        _ => SNode.CopyScalar(node),
    };
}
