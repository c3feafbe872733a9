namespace EcsPolicy;

/// <summary>The kind of a node in a source tree.</summary>
public enum NodeKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,

    /// <summary>A value that is present but cannot be known statically (an intrinsic function, a C# expression).</summary>
    Unknown,
}

/// <summary>
/// A node of a document in the canonical (ECS API, camelCase) naming, with the exact place it came from.
/// Every loader produces these trees; the typed model in <see cref="Model"/> is a view over them.
/// </summary>
public sealed class SNode
{
    private static readonly SNode[] NoChildren = [];
    private SNode[] _children;
    private string? _path;

    private SNode(NodeKind kind, string? scalar, SourceLocation location, SNode[] children)
    {
        Kind = kind;
        Scalar = scalar;
        Location = location;
        _children = children;
    }

    public NodeKind Kind { get; }

    /// <summary>The text of a scalar: a string's value, a number's literal, <c>true</c>/<c>false</c>.</summary>
    public string? Scalar { get; }

    /// <summary>Where the value is.</summary>
    public SourceLocation Location { get; }

    /// <summary>Where the property name is, for a property value; otherwise the value's location.</summary>
    public SourceLocation NameLocation { get; private set; }

    /// <summary>The canonical property name, for a property value.</summary>
    public string? Name { get; private set; }

    /// <summary>The property name as the user wrote it (e.g. PascalCase in CloudFormation), for messages.</summary>
    public string? SourceName { get; private set; }

    /// <summary>
    /// The key path in the user's file that produced this value, in the file's own spelling: for Copilot the dotted
    /// manifest key (<c>storage.readonly_fs</c>, <c>sidecars.nginx.essential</c>; a value a <c>taskdef_overrides</c> rule
    /// wrote is <c>taskdef_overrides:</c> and its path), for CDK C# the construct property or method that set it
    /// (<c>MemoryLimitMiB</c>, <c>AddPortMappings</c>). Null for values the input format generates, and in formats whose
    /// names follow the model's (task-definition JSON, CloudFormation).
    /// </summary>
    public string? SourceKey { get; private set; }

    /// <summary>
    /// Sets <see cref="SourceKey"/> of this node and returns it. A loader calls it on a node it has just built (a node
    /// belongs to one tree), as <see cref="Object"/> sets the names of the values it is given.
    /// </summary>
    public SNode SetSourceKey(string? key)
    {
        SourceKey = key;
        return this;
    }

    /// <summary>The index in the parent array, or -1.</summary>
    public int Index { get; private set; } = -1;

    public SNode? Parent { get; private set; }

    /// <summary>For <see cref="NodeKind.Unknown"/>: why the value cannot be known (e.g. "Ref to parameter 'Cpu'").</summary>
    public string? UnknownReason { get; private set; }

    /// <summary>Properties (object) or items (array), in source order.</summary>
    public NodeList Children => new(_children);

    public bool IsScalar => Kind is NodeKind.String or NodeKind.Number or NodeKind.Boolean;

    /// <summary>A JSON-pointer style path in the canonical naming, e.g. <c>/containerDefinitions/0/image</c>.</summary>
    public string Path => _path ??= BuildPath();

    /// <summary>The user-facing name of this property (their spelling), or the index for an array item.</summary>
    public string DisplayName => SourceName ?? Name ?? (Index >= 0 ? "[" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]" : "");

    public static SNode CreateScalar(NodeKind kind, string? text, SourceLocation location) => new(kind, text, location, NoChildren);

    /// <summary>
    /// A JSON string scalar. <paramref name="escapedText"/> is the text between the quotes as written, when it
    /// contains escape sequences, so that offsets inside the value can be mapped back to columns.
    /// </summary>
    public static SNode CreateJsonString(string value, string? escapedText, SourceLocation location) =>
        new(NodeKind.String, value, location, NoChildren) { _raw = escapedText, _form = RawForm.Json, _valueColumn = location.StartColumn + 1 };

    /// <summary>
    /// A C# string literal on one line: <paramref name="rawText"/> is the text between the quotes as written (escapes, or
    /// the doubled quotes of a <paramref name="verbatim"/> <c>@"..."</c> literal), <paramref name="valueColumn"/> the column
    /// of its first character.
    /// </summary>
    public static SNode CreateCSharpString(string value, string rawText, bool verbatim, SourceLocation location, int valueColumn) =>
        new(NodeKind.String, value, location, NoChildren) { _raw = rawText, _form = verbatim ? RawForm.CSharpVerbatim : RawForm.CSharp, _valueColumn = valueColumn };

    /// <summary>How a YAML string scalar is written.</summary>
    public enum YamlQuoting
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
    }

    /// <summary>
    /// A single-line YAML string scalar. <paramref name="rawText"/> is the text between the quotes as written, when it
    /// differs from the value (escapes, doubled single quotes); <paramref name="valueColumn"/> is the column of its
    /// first character.
    /// </summary>
    public static SNode CreateYamlString(string value, string? rawText, YamlQuoting quoting, SourceLocation location, int valueColumn) =>
        new(NodeKind.String, value, location, NoChildren)
        {
            _raw = rawText,
            _form = quoting switch
            {
                YamlQuoting.SingleQuoted => RawForm.YamlSingleQuoted,
                YamlQuoting.DoubleQuoted => RawForm.YamlDoubleQuoted,
                _ => RawForm.YamlPlain,
            },
            _valueColumn = valueColumn,
        };

    /// <summary>A copy of a scalar or unknown node (same value, location and source form), without a parent.</summary>
    public static SNode CopyScalar(SNode node) =>
        new(node.Kind, node.Scalar, node.Location, NoChildren) { _raw = node._raw, _form = node._form, _valueColumn = node._valueColumn, UnknownReason = node.UnknownReason, KnownForm = node.KnownForm, DefaultNote = node.DefaultNote, SourceKey = node.SourceKey };

    /// <summary>True for a YAML string written without quotes (so a message must not talk about quotes).</summary>
    public bool IsPlainYamlString => _form == RawForm.YamlPlain;

    private enum RawForm : byte
    {
        None,
        Json,
        YamlPlain,
        YamlSingleQuoted,
        YamlDoubleQuoted,
        CSharp,
        CSharpVerbatim,
    }

    private string? _raw;
    private RawForm _form;
    private int _valueColumn;

    /// <summary>
    /// The location of characters <paramref name="start"/> to <paramref name="end"/> (exclusive, UTF-16 indexes)
    /// of this string's value, e.g. the column of a syntax error inside an expression. Falls back to the whole value
    /// when the source form does not allow an exact mapping.
    /// </summary>
    public SourceLocation LocationOfRange(int start, int end)
    {
        if (_form == RawForm.None || Scalar is null || Location.StartLine != Location.EndLine)
        {
            return Location;
        }

        start = Math.Max(0, Math.Min(start, Scalar.Length));
        end = Math.Max(start, Math.Min(end, Scalar.Length));
        var first = _valueColumn + RawOffset(start);
        var last = _valueColumn + RawOffset(end);
        return new SourceLocation(Location.File, Location.StartLine, first, Location.StartLine, Math.Max(last, first + 1));
    }

    // Maps an index in the decoded value to an index in the source text as written.
    private int RawOffset(int decodedIndex)
    {
        if (_raw is null)
        {
            return decodedIndex;
        }

        var raw = 0;
        for (var decoded = 0; decoded < decodedIndex && raw < _raw.Length; decoded++)
        {
            raw += _form switch
            {
                // JSON: each escape decodes to one UTF-16 unit.
                RawForm.Json => _raw[raw] != '\\' ? 1 : raw + 1 < _raw.Length && _raw[raw + 1] == 'u' ? 6 : 2,

                // YAML single-quoted: '' is one quote.
                RawForm.YamlSingleQuoted => _raw[raw] == '\'' ? 2 : 1,
                RawForm.YamlDoubleQuoted => _raw[raw] != '\\' || raw + 1 >= _raw.Length ? 1 : EscapeLength(_raw, raw, ref decoded),

                // C#: "" is one quote in a verbatim literal; a regular one has \x with one to four hex digits, \u, \U.
                RawForm.CSharpVerbatim => _raw[raw] == '"' ? 2 : 1,
                RawForm.CSharp => _raw[raw] != '\\' || raw + 1 >= _raw.Length ? 1 : EscapeLength(_raw, raw, ref decoded, variableHex: true),
                _ => 1,
            };
        }

        return raw;
    }

    // The length of a YAML double-quoted or C# escape at raw[at]. \x takes two hex digits in YAML and one to four in C#
    // (variableHex); \U of a code point above U+FFFF decodes to a surrogate pair, two units.
    private static int EscapeLength(string raw, int at, ref int decoded, bool variableHex = false)
    {
        switch (raw[at + 1])
        {
            case 'x' when variableHex:
                var digits = 0;
                while (digits < 4 && at + 2 + digits < raw.Length && Uri.IsHexDigit(raw[at + 2 + digits]))
                {
                    digits++;
                }

                return 2 + digits;
            case 'x':
                return 4;
            case 'u':
                return 6;
            case 'U':
                if (at + 10 <= raw.Length && int.TryParse(raw.Substring(at + 2, 8), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var cp) && cp > 0xFFFF)
                {
                    decoded++;
                }

                return 10;
            default:
                return 2;
        }
    }

    public static SNode Unknown(string reason, SourceLocation location) => new(NodeKind.Unknown, null, location, NoChildren) { UnknownReason = reason };

    /// <summary>
    /// An unknown value whose form is known even though its text is not, e.g. <c>"arn"</c> for the <c>Arn</c>
    /// attribute of a resource: a rule may rely on the form, never on a guessed text.
    /// </summary>
    public static SNode Unknown(string reason, SourceLocation location, string knownForm) =>
        new(NodeKind.Unknown, null, location, NoChildren) { UnknownReason = reason, KnownForm = knownForm };

    /// <summary>
    /// A value the input format fills in when the user does not write it (e.g. Copilot's default task size), located
    /// where the default applies (the manifest's <c>type:</c> line). <paramref name="note"/> says so in a sentence that
    /// every finding reported at this node ends with (see <see cref="DefaultNote"/>).
    /// </summary>
    public static SNode CreateDefault(NodeKind kind, string text, SourceLocation location, string note) =>
        new(kind, text, location, NoChildren) { DefaultNote = note };

    /// <summary>
    /// For a value the input format filled in (see <see cref="CreateDefault"/>): a sentence that says where it comes
    /// from, e.g. <c>Memory 512 is Copilot's default for a Backend Service.</c> Findings reported at this node end with it.
    /// </summary>
    public string? DefaultNote { get; private set; }

    /// <summary>For an unknown value: its form when that is known (see <see cref="Unknown(string, SourceLocation, string)"/>).</summary>
    public string? KnownForm { get; private set; }

    public static SNode Object(SourceLocation location, IEnumerable<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> properties)
    {
        var node = new SNode(NodeKind.Object, null, location, NoChildren);
        var list = properties as IReadOnlyList<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> ?? [.. properties];
        var children = list.Count == 0 ? NoChildren : new SNode[list.Count];
        for (var i = 0; i < children.Length; i++)
        {
            var (name, sourceName, nameLocation, value) = list[i];
            value.Parent = node;
            value.Name = name;
            value.SourceName = sourceName != null && sourceName != name ? sourceName : null;
            value.NameLocation = nameLocation;
            children[i] = value;
        }

        node._children = children;
        return node;
    }

    /// <summary>
    /// The tree with some nodes replaced: <paramref name="replacement"/> is asked for each node from the root down, in
    /// text order; a node it answers takes the place of the one asked about (whose children are then not visited), and
    /// null visits the children. An object or list none of whose children changed is kept as it is, so a tree without
    /// replacements is the same tree.
    /// </summary>
    public static SNode Rewrite(SNode node, Func<SNode, SNode?> replacement)
    {
        if (replacement(node) is { } replaced)
        {
            return replaced;
        }

        if (node.Kind is not (NodeKind.Object or NodeKind.Array))
        {
            return node;
        }

        SNode[]? children = null;
        for (var i = 0; i < node.Children.Count; i++)
        {
            var child = node.Children[i];
            var rewritten = Rewrite(child, replacement);
            if (!ReferenceEquals(rewritten, child))
            {
                children ??= [.. node.Children];
                children[i] = rewritten;
            }
        }

        var rebuilt = children is null ? node
            : node.Kind == NodeKind.Array ? Array(node.Location, children)
            : Object(node.Location, node.Children.Select((c, i) => (c.Name!, c.SourceName, c.NameLocation, children[i])).ToList());
        rebuilt.SourceKey = node.SourceKey;
        return rebuilt;
    }

    public static SNode Array(SourceLocation location, IEnumerable<SNode> items)
    {
        var node = new SNode(NodeKind.Array, null, location, NoChildren);
        var list = items as IReadOnlyList<SNode> ?? [.. items];
        var children = list.Count == 0 ? NoChildren : new SNode[list.Count];
        for (var i = 0; i < children.Length; i++)
        {
            var item = list[i];
            item.Parent = node;
            item.Index = i;
            item.NameLocation = item.Location;
            children[i] = item;
        }

        node._children = children;
        return node;
    }

    /// <summary>
    /// Objects with more members than this are looked up through a table: a pass over the members per look-up would
    /// make a check that looks up each member of a wide object (thousands of unknown properties or options, each
    /// reported with its anchor) quadratic in the object's size.
    /// </summary>
    private const int IndexedMembers = 32;

    /// <summary>The members by name (the last one of a repeated name), made on the first look-up of a wide object.</summary>
    private Dictionary<string, SNode>? _byName;

    /// <summary>The value of property <paramref name="name"/> (the last one if repeated), or null.</summary>
    public SNode? Get(string name)
    {
        if (Kind != NodeKind.Object)
        {
            return null;
        }

        var children = _children;
        if (children.Length > IndexedMembers)
        {
            var byName = _byName;
            if (byName is null)
            {
                byName = new Dictionary<string, SNode>(children.Length, StringComparer.Ordinal);
                foreach (var child in children)
                {
                    byName[child.Name!] = child;
                }

                _byName = byName;
            }

            // A node built into another object since (a loader reusing it) may have been renamed: then look it up as before.
            if (!byName.TryGetValue(name, out var member) || string.Equals(member.Name, name))
            {
                return member;
            }
        }

        // The model asks for members by name all the time: the two-argument ordinal comparison, without the switch over
        // comparison kinds (it checks for the same instance, then the length).
        for (var i = children.Length - 1; i >= 0; i--)
        {
            if (string.Equals(children[i].Name, name))
            {
                return children[i];
            }
        }

        return null;
    }

    private string BuildPath()
    {
        if (Parent is null)
        {
            return "";
        }

        var segment = Index >= 0 ? Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : EscapePointer(Name ?? "");
        return Parent.Path + "/" + segment;
    }

    private static string EscapePointer(string name) => name.IndexOf('~') < 0 && name.IndexOf('/') < 0 ? name : name.Replace("~", "~0").Replace("/", "~1");

    public override string ToString() => Kind switch
    {
        NodeKind.Object => "{…}",
        NodeKind.Array => "[…]",
        NodeKind.Unknown => "<unknown: " + UnknownReason + ">",
        _ => Scalar ?? "null",
    };
}

/// <summary>
/// The children of a node (<see cref="SNode.Children"/>): a read-only list whose <c>foreach</c> allocates nothing, as
/// trees are walked once per rule and per check. The default value (e.g. <c>node?.Children ?? []</c>) is empty.
/// </summary>
public readonly struct NodeList : IReadOnlyList<SNode>
{
    private static readonly SNode[] None = [];
    private readonly SNode[]? _items;

    internal NodeList(SNode[] items)
    {
        _items = items;
    }

    public int Count => Items.Length;

    private SNode[] Items => _items ?? None;

    public SNode this[int index] => Items[index];

    public Enumerator GetEnumerator() => new(Items);

    IEnumerator<SNode> IEnumerable<SNode>.GetEnumerator() => ((IEnumerable<SNode>)Items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Items.GetEnumerator();

    /// <summary>Enumerates the children without allocating.</summary>
    public struct Enumerator
    {
        private readonly SNode[] _items;
        private int _index;

        internal Enumerator(SNode[] items)
        {
            _items = items;
            _index = -1;
        }

        public readonly SNode Current => _items[_index];

        public bool MoveNext() => ++_index < _items.Length;
    }
}
