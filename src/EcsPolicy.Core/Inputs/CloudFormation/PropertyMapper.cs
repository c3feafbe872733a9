using EcsPolicy.Shape;

namespace EcsPolicy.Inputs.CloudFormation;

/// <summary>
/// Builds the canonical (API camelCase) tree of a resource's <c>Properties</c>, guided by the API structures: each
/// property written in CloudFormation's spelling becomes its API member, keeping the user's spelling as
/// <see cref="SNode.SourceName"/>; any other property is kept under its own name, for the shape rules to report.
/// Keys of maps (log options, Docker labels) are kept as written. Intrinsic functions are resolved on the way.
/// </summary>
internal sealed class PropertyMapper
{
    private readonly IntrinsicResolver _resolver;

    public PropertyMapper(IntrinsicResolver resolver)
    {
        _resolver = resolver;
    }

    /// <summary>Maps an object node (already resolved) onto <paramref name="structure"/>.</summary>
    public SNode MapObject(SNode raw, StructureShape structure)
    {
        var properties = new List<(string, string?, SourceLocation, SNode)>(raw.Children.Count);
        List<SNode>? misspelled = null;
        foreach (var child in raw.Children)
        {
            var value = _resolver.Resolve(child);
            if (value is null)
            {
                continue;
            }

            var written = child.Name!;
            var member = CfnNames.Member(structure, written);
            if (member != null)
            {
                properties.Add((member, written, child.NameLocation, MapValue(value, structure.Member(member))));
            }
            else
            {
                properties.Add((CfnNames.NameOfUnknown(structure, written), written, child.NameLocation, MapValue(value, null)));
                misspelled ??= [];
                misspelled.Add(child);
            }
        }

        // A member written with the wrong case (the API's camelCase `networkMode` for `NetworkMode`) is reported by
        // ECS0002; for the other rules its value is unknown rather than absent, so no finding follows from the typo.
        // The names present are a set: an object may have thousands of spellings of one member (iMAGE, IMage...).
        HashSet<string>? present = null;
        foreach (var child in misspelled ?? [])
        {
            var member = CfnNames.CaseInsensitiveMember(structure, child.Name!);
            if (member is null)
            {
                continue;
            }

            present ??= new HashSet<string>(properties.Select(p => p.Item1), StringComparer.Ordinal);
            if (present.Add(member))
            {
                properties.Add((member, child.Name, child.NameLocation, SNode.Unknown($"written as '{child.Name}', which CloudFormation does not accept", child.Location)));
            }
        }

        return SNode.Object(raw.Location, properties);
    }

    /// <summary>
    /// Maps any value (intrinsic functions resolved first) onto <paramref name="type"/>, or null when it resolves to
    /// nothing (<c>AWS::NoValue</c>).
    /// </summary>
    public SNode? MapAny(SNode raw, TypeShape? type) => _resolver.Resolve(raw) is { } value ? MapValue(value, type) : null;

    private SNode MapValue(SNode value, TypeShape? type)
    {
        switch (value.Kind)
        {
            case NodeKind.Object when type is { Kind: ShapeKind.Object, Structure: { } structure }:
                return MapObject(value, structure);
            case NodeKind.Object:
                {
                    // A map (keys are data, kept as written), or an object the shape does not describe.
                    var entries = new List<(string, string?, SourceLocation, SNode)>(value.Children.Count);
                    var valueType = type is { Kind: ShapeKind.Map } ? type.Values : null;
                    foreach (var child in value.Children)
                    {
                        var resolved = _resolver.Resolve(child);
                        if (resolved != null)
                        {
                            entries.Add((child.Name!, null, child.NameLocation, MapValue(resolved, valueType)));
                        }
                    }

                    return SNode.Object(value.Location, entries);
                }

            case NodeKind.Array:
                {
                    var items = new List<SNode>(value.Children.Count);
                    var itemType = type is { Kind: ShapeKind.Array } ? type.Items : null;
                    foreach (var item in value.Children)
                    {
                        var resolved = _resolver.Resolve(item);
                        if (resolved != null)
                        {
                            items.Add(MapValue(resolved, itemType));
                        }
                    }

                    return SNode.Array(value.Location, items);
                }

            default:
                // Scalars and unknowns are copied: the template's own nodes stay as parsed, so that the properties of a
                // resource can be mapped again for each variant (Fn::If) without one tree taking nodes from another.
                return SNode.CopyScalar(value);
        }
    }
}
