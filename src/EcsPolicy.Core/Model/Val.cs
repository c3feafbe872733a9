namespace EcsPolicy.Model;

/// <summary>Whether a model value is there, and whether it can be known statically.</summary>
public enum ValueState
{
    /// <summary>Not given (a model default may still apply: see <see cref="Val{T}.IsDefault"/>).</summary>
    Absent,

    /// <summary>Given, or defaulted, with a statically known value.</summary>
    Known,

    /// <summary>Given, but not statically known (or of the wrong type: the shape rules report that).</summary>
    Unknown,
}

/// <summary>
/// A scalar value of the common model with its state and origin. Rules check <see cref="IsKnown"/> and stay silent otherwise.
/// </summary>
public readonly struct Val<T>
{
    internal Val(ValueState state, T value, SNode? node, ModelObject? owner, bool isDefault)
    {
        State = state;
        Value = value;
        Node = node;
        Owner = owner;
        IsDefault = isDefault;
    }

    public ValueState State { get; }

    /// <summary>The value; meaningful only when <see cref="IsKnown"/>.</summary>
    public T Value { get; }

    /// <summary>The source node, or null when absent or defaulted.</summary>
    public SNode? Node { get; }

    /// <summary>The object that holds (or would hold) the value.</summary>
    public ModelObject? Owner { get; }

    /// <summary>True when the value is the model's default for an absent property (e.g. <c>essential</c> = true).</summary>
    public bool IsDefault { get; }

    public bool IsKnown => State == ValueState.Known;

    public bool IsAbsent => State == ValueState.Absent;

    public bool IsUnknown => State == ValueState.Unknown;

    /// <summary>True when given explicitly with a known value (not a default).</summary>
    public bool IsExplicit => IsKnown && !IsDefault;

    /// <summary>Where to point a finding about this value: the value itself, or its owner when absent or defaulted.</summary>
    public SourceLocation Location => Node?.Location ?? Owner?.AnchorLocation ?? default;

    /// <summary>Whether the value is known and equal to <paramref name="other"/>.</summary>
    public bool Is(T other) => IsKnown && EqualityComparer<T>.Default.Equals(Value, other);

    public override string ToString() => State switch
    {
        ValueState.Known => Value?.ToString() ?? "",
        ValueState.Unknown => "<unknown>",
        _ => "<absent>",
    };
}
