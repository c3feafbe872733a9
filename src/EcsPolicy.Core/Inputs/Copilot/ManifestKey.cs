using System.Globalization;
using System.Text;

namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// The dotted key path of a node of a manifest, as <see cref="SNode.SourceKey"/> records it on the values built from it:
/// <c>storage.readonly_fs</c>, <c>sidecars.nginx.essential</c>, <c>image.healthcheck.command</c>; an item of a list is
/// <c>[N]</c> (<c>sidecars.nginx.mount_points[0].path</c>). A manifest merged with an environment's overrides is a tree of
/// the base's keys, so a value an override gives has the key of the base manifest (what <c>environments.prod</c> overrides).
/// </summary>
internal static class ManifestKey
{
    /// <summary>The key path of <paramref name="node"/> from the root of its manifest; null for null or the root itself.</summary>
    public static string? Of(SNode? node)
    {
        if (node?.Parent is null)
        {
            return null;
        }

        var segments = new List<SNode>();
        for (var at = node; at.Parent != null; at = at.Parent)
        {
            segments.Add(at);
        }

        var key = new StringBuilder();
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var segment = segments[i];
            if (segment.Index >= 0)
            {
                key.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                key.Append(key.Length > 0 ? "." : "").Append(segment.Name);
            }
        }

        return key.ToString();
    }

    /// <summary><paramref name="value"/>, built from manifest node <paramref name="from"/>, with its key path (see <see cref="Of"/>).</summary>
    public static SNode Keyed(SNode value, SNode? from) => value.SetSourceKey(Of(from));
}
