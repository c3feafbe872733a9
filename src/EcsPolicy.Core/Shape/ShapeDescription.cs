using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcsPolicy.Shape;

/// <summary>The kind of value a member of the ECS shape holds.</summary>
public enum ShapeKind
{
    String,
    Integer,
    Number,
    Boolean,
    Timestamp,
    Array,
    Map,
    Object,
}

/// <summary>A set of allowed string values (an API enum or a documented, doc-only list).</summary>
public sealed class EnumShape
{
    private readonly HashSet<string> _set;
    private readonly Dictionary<string, string> _byUpper;

    internal EnumShape(string name, IReadOnlyList<string> values, bool matchBeforeEquals, string? reference = null)
    {
        Reference = reference;
        Name = name;
        Values = values;
        MatchBeforeEquals = matchBeforeEquals;
        _set = new HashSet<string>(values, StringComparer.Ordinal);
        _byUpper = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            _byUpper[v.ToUpperInvariant()] = v;
        }
    }

    public string Name { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>Where the values are documented (for long lists that messages do not repeat).</summary>
    public string? Reference { get; }

    /// <summary>Values such as <c>mode=1777</c> are matched on the part before <c>=</c>.</summary>
    public bool MatchBeforeEquals { get; }

    public bool Contains(string value) => _set.Contains(Key(value));

    /// <summary>The allowed value that differs from <paramref name="value"/> only in case, or null.</summary>
    public string? CaseInsensitiveMatch(string value) => _byUpper.TryGetValue(Key(value).ToUpperInvariant(), out var v) ? v : null;

    private string Key(string value)
    {
        if (MatchBeforeEquals)
        {
            var eq = value.IndexOf('=');
            if (eq >= 0)
            {
                return value.Substring(0, eq);
            }
        }

        return value;
    }
}

/// <summary>The type and constraints of one member (or of the items/values of a list/map member).</summary>
public sealed class TypeShape
{
    internal TypeShape(ShapeKind kind)
    {
        Kind = kind;
    }

    public ShapeKind Kind { get; }

    /// <summary>For <see cref="ShapeKind.Object"/>: the structure.</summary>
    public StructureShape? Structure { get; internal set; }

    internal string? RefName { get; set; }

    /// <summary>For <see cref="ShapeKind.Array"/>: the item type.</summary>
    public TypeShape? Items { get; internal set; }

    /// <summary>For <see cref="ShapeKind.Map"/>: the value type.</summary>
    public TypeShape? Values { get; internal set; }

    public EnumShape? Enum { get; internal set; }

    public int? MinLength { get; internal set; }

    public int? MaxLength { get; internal set; }

    /// <summary>An anchored pattern the whole value must match (compiled once).</summary>
    public Regex? Pattern { get; internal set; }

    /// <summary>The pattern in words, for messages.</summary>
    public string? PatternHint { get; internal set; }

    /// <summary>A named, hand-written check (see <see cref="ShapeFormats"/>).</summary>
    public string? Format { get; internal set; }

    public long? Minimum { get; internal set; }

    public long? Maximum { get; internal set; }

    public int? MinItems { get; internal set; }

    public int? MaxItems { get; internal set; }

    /// <summary>The rule that reports too few items (ECS0006 unless the overlay says otherwise).</summary>
    public string MinItemsRule { get; internal set; } = "ECS0006";

    /// <summary>For a list of objects: the member whose values must be unique across items.</summary>
    public string? UniqueKey { get; internal set; }

    /// <summary>Returned by describe-task-definition only; accepted in input.</summary>
    public bool ReadOnly { get; internal set; }
}

/// <summary>An ECS API structure: its members in API order and what is required.</summary>
public sealed class StructureShape
{
    private readonly Dictionary<string, TypeShape> _members = new(StringComparer.Ordinal);
    private readonly List<string> _memberNames = [];

    internal StructureShape(string name)
    {
        Name = name;
    }

    /// <summary>The structure name (API name; a few are renamed, see <see cref="DocumentationUri"/>).</summary>
    public string Name { get; }

    public IReadOnlyList<string> MemberNames => _memberNames;

    public IReadOnlyList<string> Required { get; internal set; } = [];

    /// <summary>At least one of these members must be present.</summary>
    public IReadOnlyList<string> RequiredOneOf { get; internal set; } = [];

    /// <summary>A member that is required when any of the listed members is present.</summary>
    public IReadOnlyList<(string Member, IReadOnlyList<string> When)> RequiredWith { get; internal set; } = [];

    /// <summary>The AWS API reference page that lists this structure's members.</summary>
    public string DocumentationUri => "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_" + Name switch
    {
        "TaskDefinition" => "RegisterTaskDefinition",
        "NameValuePair" => "KeyValuePair",
        "TaskAttribute" => "Attribute",
        _ => Name,
    } + ".html";

    public TypeShape? Member(string name) => _members.TryGetValue(name, out var t) ? t : null;

    internal void Add(string name, TypeShape type)
    {
        if (!_members.ContainsKey(name))
        {
            _memberNames.Add(name);
        }

        _members[name] = type;
    }
}

/// <summary>
/// The ECS task definition shape: <c>ecs-shape.json</c> (generated from the API model) with
/// <c>ecs-shape-overlay.json</c> (documented constraints the model lacks) applied. Loaded once.
/// </summary>
public sealed class ShapeDescription
{
    private static readonly Lazy<ShapeDescription> LazyDefault = new(() => Load("shape/ecs-shape.json", "shape/ecs-shape-overlay.json"));
    private static readonly Lazy<ShapeDescription> LazyServices = new(() => Load("shape/ecs-service-shape.json", overlayResource: null));
    private readonly Dictionary<string, StructureShape> _structures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumShape> _enums = new(StringComparer.Ordinal);

    private ShapeDescription()
    {
    }

    /// <summary>The shape built into this assembly.</summary>
    public static ShapeDescription Default => LazyDefault.Value;

    /// <summary>
    /// The service and cluster structures (CreateService and CreateCluster input, root <c>Service</c>), names and
    /// types only: loaders map other spellings onto the API names with it; nothing is validated against it.
    /// </summary>
    public static ShapeDescription Services => LazyServices.Value;

    /// <summary>The root structure: register-task-definition input plus the read-only describe fields.</summary>
    public StructureShape Root { get; private set; } = null!;

    public StructureShape? Structure(string name) => _structures.TryGetValue(name, out var s) ? s : null;

    private static ShapeDescription Load(string generatedResource, string? overlayResource)
    {
        var shape = new ShapeDescription();
        using (var generated = Read(generatedResource))
        {
            shape.ReadGenerated(generated.RootElement);
        }

        if (overlayResource != null)
        {
            using var overlay = Read(overlayResource);
            shape.ApplyOverlay(overlay.RootElement);
        }

        return shape;
    }

    private static JsonDocument Read(string resource)
    {
        using var stream = typeof(ShapeDescription).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("Missing embedded resource " + resource + ".");
        return JsonDocument.Parse(stream);
    }

    private void ReadGenerated(JsonElement root)
    {
        foreach (var e in root.GetProperty("enums").EnumerateObject())
        {
            _enums[e.Name] = new EnumShape(e.Name, e.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), matchBeforeEquals: false);
        }

        foreach (var s in root.GetProperty("structures").EnumerateObject())
        {
            _structures[s.Name] = new StructureShape(s.Name);
        }

        foreach (var s in root.GetProperty("structures").EnumerateObject())
        {
            var structure = _structures[s.Name];
            foreach (var m in s.Value.GetProperty("members").EnumerateObject())
            {
                structure.Add(m.Name, ReadType(m.Value));
            }

            structure.Required = s.Value.GetProperty("required").EnumerateArray().Select(v => v.GetString()!).ToArray();
        }

        Root = _structures[root.GetProperty("root").GetString()!];
    }

    private TypeShape ReadType(JsonElement e)
    {
        var kind = e.GetProperty("type").GetString() switch
        {
            "string" => ShapeKind.String,
            "integer" => ShapeKind.Integer,
            "number" => ShapeKind.Number,
            "boolean" => ShapeKind.Boolean,
            "timestamp" => ShapeKind.Timestamp,
            "array" => ShapeKind.Array,
            "map" => ShapeKind.Map,
            "object" => ShapeKind.Object,
            var other => throw new InvalidOperationException("Unknown shape type " + other + "."),
        };
        var type = new TypeShape(kind);
        if (e.TryGetProperty("ref", out var r))
        {
            type.RefName = r.GetString();
            type.Structure = _structures.TryGetValue(type.RefName!, out var s) ? s : throw new InvalidOperationException("Unknown structure " + type.RefName + ".");
        }

        if (e.TryGetProperty("items", out var items))
        {
            type.Items = ReadType(items);
        }

        if (e.TryGetProperty("values", out var values))
        {
            type.Values = ReadType(values);
        }

        if (e.TryGetProperty("readOnly", out var ro))
        {
            type.ReadOnly = ro.GetBoolean();
        }

        ApplyConstraints(type, e);
        return type;
    }

    /// <summary>Constraint keywords shared by the generated shape and the overlay.</summary>
    private void ApplyConstraints(TypeShape type, JsonElement e)
    {
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "enum":
                    var name = p.Value.GetString()!;
                    type.Enum = _enums.TryGetValue(name, out var en) ? en : throw new InvalidOperationException("Unknown enum " + name + ".");
                    break;
                case "skipEnum":
                    if (p.Value.GetBoolean())
                    {
                        type.Enum = null;
                    }

                    break;
                case "minLength":
                    type.MinLength = p.Value.GetInt32();
                    break;
                case "maxLength":
                    type.MaxLength = p.Value.GetInt32();
                    break;
                case "pattern":
                    var pattern = p.Value.GetString()!;
                    if (!pattern.StartsWith("^", StringComparison.Ordinal))
                    {
                        pattern = "^(?:" + pattern + ")$";
                    }

                    type.Pattern = new Regex(pattern, RegexOptions.CultureInvariant);
                    break;
                case "patternHint":
                    type.PatternHint = p.Value.GetString();
                    break;
                case "format":
                    type.Format = p.Value.GetString();
                    if (!ShapeFormats.IsKnown(type.Format!))
                    {
                        throw new InvalidOperationException("Unknown format " + type.Format + ".");
                    }

                    break;
                case "minimum":
                    type.Minimum = p.Value.GetInt64();
                    break;
                case "maximum":
                    type.Maximum = p.Value.GetInt64();
                    break;
                case "minItems":
                    type.MinItems = p.Value.GetInt32();
                    break;
                case "maxItems":
                    type.MaxItems = p.Value.GetInt32();
                    break;
                case "minItemsRule":
                    type.MinItemsRule = p.Value.GetString()!;
                    break;
                case "uniqueKey":
                    type.UniqueKey = p.Value.GetString();
                    break;
                case "items" when p.Value.ValueKind == JsonValueKind.Object && type.Items != null && !p.Value.TryGetProperty("type", out _):
                    ApplyMemberOverlay(type.Items, p.Value);
                    break;
                default:
                    break;
            }
        }
    }

    private void ApplyOverlay(JsonElement root)
    {
        foreach (var e in root.GetProperty("enums").EnumerateObject())
        {
            var matchBeforeEquals = e.Value.TryGetProperty("matchBeforeEquals", out var mbe) && mbe.GetBoolean();
            var reference = e.Value.TryGetProperty("reference", out var r) ? r.GetString() : null;
            _enums[e.Name] = new EnumShape(e.Name, e.Value.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray(), matchBeforeEquals, reference);
        }

        foreach (var s in root.GetProperty("structures").EnumerateObject())
        {
            var structure = _structures.TryGetValue(s.Name, out var st) ? st : throw new InvalidOperationException("Overlay names unknown structure " + s.Name + ".");
            if (s.Value.TryGetProperty("required", out var required))
            {
                structure.Required = structure.Required.Concat(required.EnumerateArray().Select(v => v.GetString()!)).Distinct().ToArray();
            }

            if (s.Value.TryGetProperty("requiredOneOf", out var oneOf))
            {
                structure.RequiredOneOf = oneOf.EnumerateArray().Select(v => v.GetString()!).ToArray();
            }

            if (s.Value.TryGetProperty("requiredWith", out var with))
            {
                structure.RequiredWith = with.EnumerateObject()
                    .Select(w => (w.Name, (IReadOnlyList<string>)w.Value.EnumerateArray().Select(v => v.GetString()!).ToArray()))
                    .ToArray();
            }

            if (s.Value.TryGetProperty("members", out var members))
            {
                foreach (var m in members.EnumerateObject())
                {
                    var type = structure.Member(m.Name);
                    if (type is null)
                    {
                        // A member the API model does not have yet: the overlay must give its type.
                        type = ReadType(m.Value);
                        structure.Add(m.Name, type);
                    }
                    else
                    {
                        ApplyMemberOverlay(type, m.Value);
                    }
                }
            }
        }
    }

    private void ApplyMemberOverlay(TypeShape type, JsonElement overlay)
    {
        ApplyConstraints(type, overlay);
        if (overlay.TryGetProperty("members", out var members) && type.Structure != null)
        {
            // Constraints on members of an inline structure (applies to every use of that structure).
            foreach (var m in members.EnumerateObject())
            {
                var member = type.Structure.Member(m.Name) ?? throw new InvalidOperationException("Overlay names unknown member " + m.Name + ".");
                ApplyMemberOverlay(member, m.Value);
            }
        }
    }
}
