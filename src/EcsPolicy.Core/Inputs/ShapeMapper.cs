using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Shape;

namespace EcsPolicy.Inputs;

/// <summary>
/// How a property written in CloudFormation's vocabulary (a template, CDK L1 props, a <c>taskdef_overrides</c> path)
/// maps onto the API shape: the member it stands for and that member's type. Shared by <see cref="ShapeMapper{T}"/>
/// and the override paths, which walk the shape without a property bag to map.
/// </summary>
public static class ShapeMapper
{
    /// <summary>
    /// What key <paramref name="written"/> of an object stands for: in a <paramref name="structure"/>, its API member
    /// (matched as CloudFormation spells it, or ignoring case where the input's names are not CloudFormation's, as in
    /// C#) and the member's type, or, when it is no member, the name it is kept under (<see cref="CfnNames.NameOfUnknown"/>)
    /// and a null type. Without a structure the object is a map (<paramref name="map"/>) or not described: the key is data,
    /// kept as written, and its type is the map's values.
    /// </summary>
    public static (string Name, TypeShape? Type) Key(StructureShape? structure, TypeShape? map, string written, bool ignoreCase)
    {
        if (structure is null)
        {
            return (written, map is { Kind: ShapeKind.Map } ? map.Values : null);
        }

        var member = ignoreCase ? CfnNames.CaseInsensitiveMember(structure, written) : CfnNames.Member(structure, written);
        return member is null ? (CfnNames.NameOfUnknown(structure, written), null) : (member, structure.Member(member));
    }
}

/// <summary>
/// Maps a property bag of some input (<typeparamref name="T"/>: a template's node, a C# expression) onto the canonical
/// tree (API camelCase members, see <see cref="SNode"/>), guided by the API shape: members are looked up with
/// <see cref="ShapeMapper.Key"/>, a member that is not one is kept under its own name for the shape rules, and each
/// value is read as what its type says (a structure, a map, a list, a scalar). An input says how to read its values
/// by overriding the few members below; the walk is the same for all.
/// </summary>
public abstract class ShapeMapper<T>
    where T : class
{
    private readonly bool _ignoreCase;

    /// <param name="ignoreCase">Whether members are matched ignoring case (C# names such as <c>EfsVolumeConfiguration</c>
    /// for <c>EFSVolumeConfiguration</c>); otherwise as CloudFormation spells them, which is case-sensitive.</param>
    protected ShapeMapper(bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
    }

    /// <summary>What a source value is, read as a value of a given type.</summary>
    protected enum SourceKind
    {
        /// <summary>A scalar, an unknown or a value the shape does not describe: <see cref="Leaf"/> converts it whole.</summary>
        Leaf,

        /// <summary>An object whose members are those of the type's structure.</summary>
        Structure,

        /// <summary>An object whose keys are data (log options, Docker labels), kept as written.</summary>
        Map,

        /// <summary>A list.</summary>
        Array,
    }

    /// <summary><paramref name="value"/> mapped onto <paramref name="structure"/>: an object, or an unknown when its members cannot be read.</summary>
    public SNode MapObject(T value, StructureShape structure) =>
        MapMembers(value, structure, out var unreadable) is { } members ? SNode.Object(Location(value), members) : unreadable!;

    /// <summary>
    /// Any value mapped onto <paramref name="type"/> (null when not described), or null when it stands for no value
    /// (CloudFormation's <c>AWS::NoValue</c>).
    /// </summary>
    public SNode? MapAny(T value, TypeShape? type) => Resolve(value) is { } resolved ? Map(resolved, type) : null;

    /// <summary>
    /// The members of <paramref name="value"/> mapped onto <paramref name="structure"/>, for a caller that adds some of
    /// its own before building the object; null, with the unknown it stands for, when they cannot be read.
    /// </summary>
    public List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)>? MapMembers(T value, StructureShape structure, out SNode? unreadable)
    {
        var written = Members(value, SourceKind.Structure, out unreadable);
        if (written is null)
        {
            return null;
        }

        var properties = new List<(string, string?, SourceLocation, SNode)>(written.Count);
        List<(string Name, SourceLocation NameLocation, T Value)>? wrongCase = null;
        for (var i = 0; i < written.Count; i++)
        {
            var (name, at, raw) = written[i];
            if (Resolve(raw) is not { } resolved)
            {
                continue;
            }

            var (member, type) = ShapeMapper.Key(structure, null, name, _ignoreCase);
            Add(properties, member, name, at, Map(resolved, type));
            if (type is null && !_ignoreCase)
            {
                (wrongCase ??= []).Add((name, at, raw));
            }
        }

        // A member written with the wrong case (the API's camelCase `networkMode` for `NetworkMode`) is reported by
        // ECS0002; for the other rules its value is unknown rather than absent, so no finding follows from the typo.
        // The names present are a set: an object may have thousands of spellings of one member (iMAGE, IMage...).
        HashSet<string>? present = null;
        foreach (var (name, at, raw) in wrongCase ?? [])
        {
            var member = CfnNames.CaseInsensitiveMember(structure, name);
            if (member is null)
            {
                continue;
            }

            present ??= new HashSet<string>(properties.Select(p => p.Item1), StringComparer.Ordinal);
            if (present.Add(member))
            {
                properties.Add((member, name, at, SNode.Unknown($"written as '{name}', which CloudFormation does not accept", Location(raw))));
            }
        }

        return properties;
    }

    /// <summary>The value ready to map (CloudFormation resolves intrinsic functions), or null when it stands for no value.</summary>
    protected virtual T? Resolve(T value) => value;

    /// <summary>Where <paramref name="value"/> is written.</summary>
    protected abstract SourceLocation Location(T value);

    /// <summary>What <paramref name="value"/> is, read as a value of <paramref name="type"/> (null when not described).</summary>
    protected abstract SourceKind Kind(T value, TypeShape? type);

    /// <summary>A value of kind <see cref="SourceKind.Leaf"/> as a node of <paramref name="type"/>.</summary>
    protected abstract SNode Leaf(T value, TypeShape? type);

    /// <summary>
    /// The members (<paramref name="kind"/> <see cref="SourceKind.Structure"/>) or entries (<see cref="SourceKind.Map"/>)
    /// of <paramref name="value"/>, as written; null, with the unknown the object stands for, when they cannot be read.
    /// </summary>
    protected abstract IReadOnlyList<(string Name, SourceLocation NameLocation, T Value)>? Members(T value, SourceKind kind, out SNode? unreadable);

    /// <summary>
    /// The items of list <paramref name="value"/>; null when they cannot be read, with the unknown the list stands for
    /// in <paramref name="unknown"/>. When the items are read, <paramref name="unknown"/> is null or stands for items
    /// that are not listed (spread from another collection) and ends the list.
    /// </summary>
    protected abstract IReadOnlyList<T>? Items(T value, out SNode? unknown);

    /// <summary>
    /// Adds a mapped member (<paramref name="written"/> is null for a map's key) to an object being built. An input
    /// whose objects cannot repeat a key or that keys values by their member overrides it.
    /// </summary>
    protected virtual void Add(List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> properties, string name, string? written, SourceLocation at, SNode value) =>
        properties.Add((name, written, at, value));

    private SNode Map(T value, TypeShape? type)
    {
        switch (Kind(value, type))
        {
            case SourceKind.Structure:
                return MapObject(value, type!.Structure!);
            case SourceKind.Map:
                {
                    var entries = Members(value, SourceKind.Map, out var unreadable);
                    if (entries is null)
                    {
                        return unreadable!;
                    }

                    var properties = new List<(string, string?, SourceLocation, SNode)>(entries.Count);
                    for (var i = 0; i < entries.Count; i++)
                    {
                        var (key, at, raw) = entries[i];
                        if (Resolve(raw) is { } resolved)
                        {
                            var (name, valueType) = ShapeMapper.Key(null, type, key, _ignoreCase);
                            Add(properties, name, null, at, Map(resolved, valueType));
                        }
                    }

                    return SNode.Object(Location(value), properties);
                }

            case SourceKind.Array:
                {
                    var items = Items(value, out var unknown);
                    if (items is null || (items.Count == 0 && unknown != null))
                    {
                        // A list that is nothing but what cannot be read is itself unknown.
                        return unknown!;
                    }

                    var itemType = type is { Kind: ShapeKind.Array } ? type.Items : null;
                    var mapped = new List<SNode>(items.Count + (unknown is null ? 0 : 1));
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (Resolve(items[i]) is { } resolved)
                        {
                            mapped.Add(Map(resolved, itemType));
                        }
                    }

                    if (unknown != null)
                    {
                        mapped.Add(unknown);
                    }

                    return SNode.Array(Location(value), mapped);
                }

            default:
                return Leaf(value, type);
        }
    }
}
