namespace EcsPolicy.Findings;

/// <summary>
/// The fix of a finding as an edit of the model: set <see cref="Target"/> to <see cref="Value"/>. A message shows it as
/// code in the input's vocabulary (<c>"readonlyRootFilesystem": true</c>, <c>ReadonlyRootFilesystem: true</c>,
/// <c>storage.readonly_fs: true</c>, <c>ReadonlyRootFilesystem = true</c>); <c>--fix</c> and the analyzer's code fixes
/// apply it as a text edit of the user's file. Equal when target and value are.
/// </summary>
public sealed class ModelEdit : IEquatable<ModelEdit>
{
    public ModelEdit(PropRef target, string value, bool safe = true)
    {
        Target = target;
        Value = value;
        Safe = safe;
    }

    /// <summary>The property set.</summary>
    public PropRef Target { get; }

    /// <summary>The new value as a JSON literal in the model's terms: <c>true</c>, <c>"awsvpc"</c>, <c>"1024"</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// Whether applying the edit without a human's look keeps the intent of the file (ruff's "safe" fix); an unsafe
    /// edit is only shown.
    /// </summary>
    public bool Safe { get; }

    /// <summary>
    /// Whether the edit names the object it changes, so that it can be applied; an edit shown only as code (a fragment of
    /// a value the user must complete, such as a log driver without its options) is not.
    /// </summary>
    public bool Applicable => Target.Owner != null;

    /// <summary>Sets member <paramref name="member"/> of <paramref name="owner"/> to JSON literal <paramref name="value"/>.</summary>
    public static ModelEdit Set(Model.ModelObject owner, string member, string value, bool safe = true) => new(PropRef.Of(owner, member), value, safe);

    public bool Equals(ModelEdit? other) =>
        other is not null && Target.Equals(other.Target) && string.Equals(Value, other.Value, StringComparison.Ordinal) && Safe == other.Safe;

    public override bool Equals(object? obj) => Equals(obj as ModelEdit);

    public override int GetHashCode() => Target.GetHashCode() ^ StringComparer.Ordinal.GetHashCode(Value);
}
