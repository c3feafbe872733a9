namespace EcsPolicy.CSharp;

/// <summary>
/// An object of the canonical (ECS API, camelCase) tree while it is being built: CDK code adds to a task definition or
/// a container after creating it (<c>AddContainer</c>, <c>AddPortMappings</c>), so the tree is frozen into
/// <see cref="SNode"/>s only once the whole syntax tree has been read. Values are <see cref="SNode"/>s,
/// <see cref="Draft"/>s or <see cref="DraftList"/>s.
/// </summary>
internal sealed class Draft
{
    private readonly List<Member> _members = [];

    public Draft(SourceLocation location)
    {
        Location = location;
    }

    public SourceLocation Location { get; }

    /// <summary>Sets member <paramref name="name"/>, replacing an earlier value (CDK props are set once; methods overwrite).</summary>
    public void Set(string name, string? sourceName, SourceLocation nameLocation, object value)
    {
        var at = IndexOf(name);
        var member = new Member(name, sourceName, nameLocation, value);
        if (at >= 0)
        {
            _members[at] = member;
        }
        else
        {
            _members.Add(member);
        }
    }

    /// <summary>Sets member <paramref name="name"/> only when it is not there yet.</summary>
    public void SetIfAbsent(string name, string? sourceName, SourceLocation nameLocation, object value)
    {
        if (!Has(name))
        {
            Set(name, sourceName, nameLocation, value);
        }
    }

    public bool Has(string name) => IndexOf(name) >= 0;

    public object? Get(string name) => IndexOf(name) is var at and >= 0 ? _members[at].Value : null;

    private int IndexOf(string name)
    {
        for (var i = 0; i < _members.Count; i++)
        {
            if (_members[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The list in member <paramref name="name"/>, created (at <paramref name="location"/>) when absent.</summary>
    public DraftList List(string name, string? sourceName, SourceLocation location)
    {
        if (Get(name) is DraftList list)
        {
            return list;
        }

        list = new DraftList(location);
        Set(name, sourceName, location, list);
        return list;
    }

    public SNode Build()
    {
        var members = new List<(string, string?, SourceLocation, SNode)>(_members.Count);
        foreach (var m in _members)
        {
            // The construct property or method that set the member (MemoryLimitMiB, AddPortMappings) is how the code names
            // it; a value CDK generates without one keeps no key.
            var value = Freeze(m.Value);
            if (m.SourceName != null)
            {
                value.SetSourceKey(m.SourceName);
            }

            members.Add((m.Name, m.SourceName, m.NameLocation, value));
        }

        return SNode.Object(Location, members);
    }

    internal static SNode Freeze(object value) => value switch
    {
        Draft draft => draft.Build(),
        DraftList list => SNode.Array(list.Location, list.Items.ConvertAll(Freeze)),
        SNode node => node,
        _ => throw new InvalidOperationException("Not a draft value: " + value.GetType().Name),
    };

    private sealed record Member(string Name, string? SourceName, SourceLocation NameLocation, object Value);
}

/// <summary>A list of the canonical tree while it is being built (see <see cref="Draft"/>).</summary>
internal sealed class DraftList
{
    public DraftList(SourceLocation location)
    {
        Location = location;
    }

    public SourceLocation Location { get; }

    public List<object> Items { get; } = [];
}
