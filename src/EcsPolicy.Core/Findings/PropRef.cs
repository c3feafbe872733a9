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
    {
        Shape = shape;
        Member = member;
        Owner = owner;
        Node = node;
    }

    /// <summary>The API structure that has the member, e.g. <c>ContainerDefinition</c> or <c>TaskDefinition</c>.</summary>
    public string Shape { get; }

    /// <summary>The member's API name, e.g. <c>readonlyRootFilesystem</c>.</summary>
    public string Member { get; }

    /// <summary>The object node that holds (or would hold) the member; null when not known.</summary>
    public SNode? Owner { get; }

    /// <summary>The member's value node when the file writes (or its format fills in) one; null when absent.</summary>
    public SNode? Node { get; }

    /// <summary>Member <paramref name="member"/> of <paramref name="owner"/>.</summary>
    public static PropRef Of(ModelObject owner, string member) => new(owner.ShapeName, member, owner.Node, owner.Member(member));

    public bool Equals(PropRef? other) =>
        other is not null && string.Equals(Shape, other.Shape, StringComparison.Ordinal) && string.Equals(Member, other.Member, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PropRef);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Shape) ^ StringComparer.Ordinal.GetHashCode(Member);

    public override string ToString() => Member;
}
