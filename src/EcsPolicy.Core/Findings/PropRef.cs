using EcsPolicy.Model;

namespace EcsPolicy.Findings;

/// <summary>
/// A property a message talks about, as the model knows it: member <see cref="Member"/> (the API's name) of an object of
/// shape <see cref="Shape"/> (e.g. <c>ContainerDefinition</c>). It is spelled when the finding is rendered, in the
/// vocabulary of the input (see <see cref="Vocabulary"/>): <c>readonlyRootFilesystem</c>, <c>ReadonlyRootFilesystem</c>
/// or <c>storage.readonly_fs</c>. Two references are equal when they name the same member of the same shape.
/// </summary>
public sealed class PropRef : IEquatable<PropRef>
{
    public PropRef(string shape, string member, SNode? owner, SNode? node)
        : this(shape, member, owner, node, [])
    {
    }

    /// <summary>A nested property: member <paramref name="member"/>, then <paramref name="subPath"/> inside it.</summary>
    public PropRef(string shape, string member, SNode? owner, SNode? node, IReadOnlyList<string> subPath)
    {
        Shape = shape;
        Member = member;
        Owner = owner;
        Node = node;
        SubPath = subPath;
    }

    /// <summary>The API structure that has the member, e.g. <c>ContainerDefinition</c> or <c>TaskDefinition</c>.</summary>
    public string Shape { get; }

    /// <summary>The member's API name, e.g. <c>readonlyRootFilesystem</c>.</summary>
    public string Member { get; }

    /// <summary>The object node that holds (or would hold) the member; null when not known.</summary>
    public SNode? Owner { get; }

    /// <summary>The member's value node when the file writes (or its format fills in) one; null when absent.</summary>
    public SNode? Node { get; }

    /// <summary>
    /// The members below <see cref="Member"/> a nested reference names, outermost first: <c>["sourcePath"]</c> for a
    /// volume's <c>host.sourcePath</c>. Empty for a member of the owner itself. <see cref="Node"/> is then the innermost value.
    /// </summary>
    public IReadOnlyList<string> SubPath { get; }

    /// <summary>Member <paramref name="member"/> of <paramref name="owner"/>.</summary>
    public static PropRef Of(ModelObject owner, string member) => new(owner.ShapeName, member, owner.Node, owner.Member(member));

    /// <summary>
    /// A nested member of <paramref name="owner"/>: <paramref name="member"/>, then <paramref name="rest"/> inside it, e.g.
    /// <c>Path(volume, "host", "sourcePath")</c>. Named as one path by each input (<c>host.sourcePath</c>,
    /// <c>Host.SourcePath</c>, a Copilot key or one <c>taskdef_overrides</c> path), not as two joined references.
    /// </summary>
    public static PropRef Path(ModelObject owner, string member, params string[] rest)
    {
        var node = owner.Member(member);
        foreach (var name in rest)
        {
            node = node?.Get(name);
        }

        return new(owner.ShapeName, member, owner.Node, node, rest);
    }

    /// <summary>The reference to the outer member alone (this one when it is not nested).</summary>
    public PropRef Outer => SubPath.Count == 0 ? this : new(Shape, Member, Owner, Owner?.Get(Member));

    public bool Equals(PropRef? other) =>
        other is not null && string.Equals(Shape, other.Shape, StringComparison.Ordinal) && string.Equals(Member, other.Member, StringComparison.Ordinal)
        && SubPath.SequenceEqual(other.SubPath, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PropRef);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Shape) ^ StringComparer.Ordinal.GetHashCode(Member);

    public override string ToString() => SubPath.Count == 0 ? Member : Member + "." + string.Join(".", SubPath);
}
