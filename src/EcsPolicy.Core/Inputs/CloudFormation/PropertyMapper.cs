using EcsPolicy.Shape;

namespace EcsPolicy.Inputs.CloudFormation;

/// <summary>
/// Builds the canonical (API camelCase) tree of a resource's <c>Properties</c> (see <see cref="ShapeMapper{T}"/>): each
/// property written in CloudFormation's spelling becomes its API member, keeping the user's spelling as
/// <see cref="SNode.SourceName"/>; any other property is kept under its own name, for the shape rules to report. A
/// template is a tree that says what each value is (object, list, scalar): the shape only tells a structure from a map.
/// Keys of maps (log options, Docker labels) are kept as written. Intrinsic functions are resolved on the way.
/// </summary>
internal sealed class PropertyMapper : ShapeMapper<SNode>
{
    private readonly IntrinsicResolver _resolver;

    public PropertyMapper(IntrinsicResolver resolver)
        : base(ignoreCase: false)
    {
        _resolver = resolver;
    }

    protected override SNode? Resolve(SNode value) => _resolver.Resolve(value);

    protected override SourceLocation Location(SNode value) => value.Location;

    protected override SourceKind Kind(SNode value, TypeShape? type) => value.Kind switch
    {
        NodeKind.Object when type is { Kind: ShapeKind.Object, Structure: not null } => SourceKind.Structure,

        // A map (keys are data, kept as written), or an object the shape does not describe.
        NodeKind.Object => SourceKind.Map,
        NodeKind.Array => SourceKind.Array,
        _ => SourceKind.Leaf,
    };

    // Scalars and unknowns are copied: the template's own nodes stay as parsed, so that the properties of a resource can
    // be mapped again for each variant (Fn::If) without one tree taking nodes from another.
    protected override SNode Leaf(SNode value, TypeShape? type) => SNode.CopyScalar(value);

    protected override IReadOnlyList<(string Name, SourceLocation NameLocation, SNode Value)>? Members(SNode value, SourceKind kind, out SNode? unreadable)
    {
        unreadable = null;
        var members = new (string, SourceLocation, SNode)[value.Children.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var child = value.Children[i];
            members[i] = (child.Name!, child.NameLocation, child);
        }

        return members;
    }

    protected override IReadOnlyList<SNode>? Items(SNode value, out SNode? unknown)
    {
        unknown = null;
        return value.Children;
    }
}
