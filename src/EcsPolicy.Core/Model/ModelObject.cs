using System.Collections;
using System.Globalization;

namespace EcsPolicy.Model;

/// <summary>Base of every typed view over an object node of the canonical source tree.</summary>
public abstract class ModelObject
{
    protected ModelObject(SNode node)
    {
        Node = node;
    }

    /// <summary>The object node this view reads.</summary>
    public SNode Node { get; }

    /// <summary>
    /// Where findings about this object as a whole point: its <c>name</c> property when it has one (containers,
    /// volumes), else the object's opening.
    /// </summary>
    public virtual SourceLocation AnchorLocation
    {
        get
        {
            var name = Node.Get("name");
            if (name != null && name.IsScalar)
            {
                return name.Location;
            }

            var start = Node.Location;
            return new SourceLocation(start.File, start.StartLine, start.StartColumn, start.StartLine, start.StartColumn + 1);
        }
    }

    /// <summary>Whether member <paramref name="name"/> is absent, known or unknown (for lists and objects too).</summary>
    public ValueState StateOf(string name)
    {
        var n = Node.Get(name);
        return n is null || n.Kind == NodeKind.Null ? ValueState.Absent : n.Kind == NodeKind.Unknown ? ValueState.Unknown : ValueState.Known;
    }

    /// <summary>The raw node of member <paramref name="name"/>, or null.</summary>
    public SNode? Member(string name) => Node.Get(name);

    /// <summary>
    /// The API structure this object is, e.g. <c>ContainerDefinition</c>: the model's classes carry the names of the
    /// structures of the ECS API model they are generated from.
    /// </summary>
    public string ShapeName => GetType().Name;

    protected Val<string> Str(string name) => AsString(Node.Get(name), this);

    protected Val<long> Int(string name) => AsInteger(Node.Get(name), this);

    protected Val<double> Num(string name)
    {
        var n = Node.Get(name);
        if (n is null || n.Kind == NodeKind.Null)
        {
            return new Val<double>(ValueState.Absent, 0, null, this, false);
        }

        return n.IsScalar && double.TryParse(n.Scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? new Val<double>(ValueState.Known, d, n, this, false)
            : new Val<double>(ValueState.Unknown, 0, n, this, false);
    }

    protected Val<bool> Bool(string name, bool? defaultValue = null)
    {
        var v = AsBoolean(Node.Get(name), this);
        return v.IsAbsent && defaultValue.HasValue ? new Val<bool>(ValueState.Known, defaultValue.Value, null, this, true) : v;
    }

    protected T? Obj<T>(string name, Func<SNode, T> create)
        where T : ModelObject
    {
        var n = Node.Get(name);
        return n is { Kind: NodeKind.Object } ? create(n) : null;
    }

    protected ModelList<T> List<T>(string name, Func<SNode, T> create)
        where T : ModelObject
    {
        var n = Node.Get(name);
        return ModelList<T>.From(n, this, item => item.Kind == NodeKind.Object, create);
    }

    protected ModelList<Val<T>> ScalarList<T>(string name, Func<SNode?, ModelObject?, Val<T>> convert)
    {
        var n = Node.Get(name);
        return ModelList<Val<T>>.From(n, this, item => item.IsScalar, item => convert(item, this));
    }

    protected ModelMap Map(string name) => new(Node.Get(name), this);

    internal static Val<string> AsString(SNode? n, ModelObject? owner)
    {
        if (n is null || n.Kind == NodeKind.Null)
        {
            return new Val<string>(ValueState.Absent, "", null, owner, false);
        }

        return n.IsScalar ? new Val<string>(ValueState.Known, n.Scalar!, n, owner, false) : new Val<string>(ValueState.Unknown, "", n, owner, false);
    }

    internal static Val<long> AsInteger(SNode? n, ModelObject? owner)
    {
        if (n is null || n.Kind == NodeKind.Null)
        {
            return new Val<long>(ValueState.Absent, 0, null, owner, false);
        }

        if ((n.Kind == NodeKind.Number || n.Kind == NodeKind.String)
            && long.TryParse(n.Scalar!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return new Val<long>(ValueState.Known, l, n, owner, false);
        }

        return new Val<long>(ValueState.Unknown, 0, n, owner, false);
    }

    internal static Val<bool> AsBoolean(SNode? n, ModelObject? owner)
    {
        if (n is null || n.Kind == NodeKind.Null)
        {
            return new Val<bool>(ValueState.Absent, false, null, owner, false);
        }

        if (n.Kind is NodeKind.Boolean or NodeKind.String)
        {
            if (string.Equals(n.Scalar, "true", StringComparison.OrdinalIgnoreCase))
            {
                return new Val<bool>(ValueState.Known, true, n, owner, false);
            }

            if (string.Equals(n.Scalar, "false", StringComparison.OrdinalIgnoreCase))
            {
                return new Val<bool>(ValueState.Known, false, n, owner, false);
            }
        }

        return new Val<bool>(ValueState.Unknown, false, n, owner, false);
    }
}

/// <summary>
/// A list member of the model. <see cref="State"/> says whether the list itself is there; items that are not
/// statically known (or not objects) are counted in <see cref="UnknownItems"/> and left out of the items.
/// </summary>
public sealed class ModelList<T> : IReadOnlyList<T>
{
    private readonly List<T> _items;

    private ModelList(ValueState state, SNode? node, ModelObject? owner, List<T> items, int unknownItems)
    {
        State = state;
        Node = node;
        Owner = owner;
        _items = items;
        UnknownItems = unknownItems;
    }

    public ValueState State { get; }

    public SNode? Node { get; }

    public ModelObject? Owner { get; }

    /// <summary>How many items could not be read statically.</summary>
    public int UnknownItems { get; }

    /// <summary>True when the list is there and every item is known: "for all" and "count" checks may run.</summary>
    public bool IsComplete => State != ValueState.Unknown && UnknownItems == 0;

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    /// <summary>Where to point a finding about the list: the list, or its owner when absent.</summary>
    public SourceLocation Location => Node?.Location ?? Owner?.AnchorLocation ?? default;

    /// <summary>A struct enumerator, so that <c>foreach</c> over a list in a rule allocates nothing.</summary>
    public List<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    internal static ModelList<T> From(SNode? n, ModelObject? owner, Func<SNode, bool> isReadable, Func<SNode, T> create)
    {
        if (n is null || n.Kind == NodeKind.Null)
        {
            return new ModelList<T>(ValueState.Absent, null, owner, [], 0);
        }

        if (n.Kind != NodeKind.Array)
        {
            return new ModelList<T>(ValueState.Unknown, n, owner, [], 0);
        }

        var items = new List<T>(n.Children.Count);
        var unknown = 0;
        foreach (var child in n.Children)
        {
            if (isReadable(child))
            {
                items.Add(create(child));
            }
            else if (child.Kind != NodeKind.Null)
            {
                unknown++;
            }
        }

        return new ModelList<T>(ValueState.Known, n, owner, items, unknown);
    }
}

/// <summary>A string-to-value map member (log options, docker labels, driver options).</summary>
public sealed class ModelMap
{
    internal ModelMap(SNode? node, ModelObject owner)
    {
        Node = node;
        Owner = owner;
    }

    public SNode? Node { get; }

    public ModelObject Owner { get; }

    public ValueState State => Node is null || Node.Kind == NodeKind.Null ? ValueState.Absent : Node.Kind == NodeKind.Object ? ValueState.Known : ValueState.Unknown;

    /// <summary>The entries (property nodes; <see cref="SNode.Name"/> is the key).</summary>
    public IReadOnlyList<SNode> Entries => Node is { Kind: NodeKind.Object } ? Node.Children : [];

    public bool ContainsKey(string key) => Node?.Get(key) != null;

    public Val<string> this[string key] => ModelObject.AsString(Node?.Get(key), Owner);

    public SourceLocation Location => Node?.Location ?? Owner.AnchorLocation;
}
