namespace EcsPolicy.Engine;

/// <summary>
/// A stage of the linter: gives each finding its <see cref="Finding.Anchor"/>, the place in the model that survives edits
/// which move lines or reorder lists (baselines and the CLI's matching of CDK source and <c>cdk.out</c> key on it).
/// </summary>
internal static class Anchors
{
    /// <summary>The members that name a list item in <see cref="Of"/>, in order of preference.</summary>
    private static readonly string[] ItemNames = ["name", "containerName", "sourceVolume", "key"];

    /// <summary>The thread's builder for <see cref="Of"/>.</summary>
    [ThreadStatic]
    private static System.Text.StringBuilder? t_anchor;

    /// <summary>
    /// The findings with their <see cref="Finding.Anchor"/>: the object's name and the model path, list items named. The
    /// rules' findings have it already; the loaders' findings about the object get it here.
    /// </summary>
    public static List<Finding> With(List<Finding> findings, SNode root, string objectName)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].Anchor.Length == 0)
            {
                findings[i] = findings[i] with { Anchor = Of(root, objectName, findings[i].Path) };
            }
        }

        return findings;
    }

    /// <summary>
    /// A stable logical name for a place in the model: <c>object:member.member[item].member</c>, where a list item is
    /// named by its <c>name</c> (or <c>containerName</c>, <c>sourceVolume</c>, <c>key</c>) when it has one, else by its index.
    /// </summary>
    public static string Of(SNode root, string objectName, string path)
    {
        // Once per finding: the path's segments are walked in place, without splitting the path or LINQ, into the
        // thread's builder.
        var anchor = (t_anchor ??= new System.Text.StringBuilder(256)).Clear().Append(objectName).Append(':');
        var node = (SNode?)root;
        var first = true;
        for (var start = 0; start < path.Length;)
        {
            var end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            if (end > start)
            {
                var segment = path.Substring(start, end - start);
                if (segment.IndexOf('~') >= 0)
                {
                    segment = segment.Replace("~1", "/").Replace("~0", "~");
                }

                if (node is { Kind: NodeKind.Array } && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < node.Children.Count)
                {
                    node = node.Children[index];
                    anchor.Append('[').Append(ItemName(node) ?? segment).Append(']');
                }
                else
                {
                    node = node?.Kind == NodeKind.Object ? node.Get(segment) : null;
                    anchor.Append(first ? "" : ".").Append(segment);
                }

                first = false;
            }

            start = end + 1;
        }

        var text = anchor.ToString();
        if (anchor.Capacity > 4096)
        {
            t_anchor = null;
        }

        return text;
    }

    private static string? ItemName(SNode item)
    {
        foreach (var name in ItemNames)
        {
            if (item.Get(name) is { IsScalar: true } value)
            {
                return value.Scalar;
            }
        }

        return null;
    }
}
