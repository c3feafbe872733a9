using System.Globalization;
using EcsPolicy.Rules;
using YamlDotNet.RepresentationModel;

namespace EcsPolicy.Catalog;

/// <summary>The rule metadata, read once from the <c>rules/*.yaml</c> files embedded in this assembly.</summary>
public static class RuleCatalog
{
    /// <summary>Where the rendered rule documentation lives; <c>&lt;ID&gt;.md</c> is appended.</summary>
    public const string DocsBaseUri = "https://github.com/ecs-policy/ecs-policy/blob/main/docs/rules/";

    private static readonly Lazy<IReadOnlyDictionary<string, RuleMetadata>> Entries = new(Load);

    private static readonly Lazy<IReadOnlyDictionary<string, (Severity Severity, string Category)>> Basics = new(LoadBasics);

    /// <summary>
    /// The IDs of every rule. Like <see cref="DefaultSeverityOf"/> and <see cref="CategoryOf"/>, read without parsing the
    /// rule files as YAML, so that a run whose output shows no titles or help does not load the YAML reader at all.
    /// </summary>
    public static IReadOnlyCollection<string> Ids => (IReadOnlyCollection<string>)Basics.Value.Keys;

    /// <summary>A rule's default severity (its <c>severity:</c> line), or null for an unknown ID.</summary>
    public static Severity? DefaultSeverityOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Severity : null;

    /// <summary>A rule's category (its <c>category:</c> line), or null for an unknown ID.</summary>
    public static string? CategoryOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Category : null;

    private static Dictionary<string, (Severity, string)> LoadBasics()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        var result = new Dictionary<string, (Severity, string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var id = Path.GetFileNameWithoutExtension(name);
            var severity = TopLevelValue(text, "severity") is { } value && SeverityNames.TryParse(value, out var s) ? s : Severity.Error;
            result[id] = (severity, TopLevelValue(text, "category") ?? "");
        }

        return result;
    }

    /// <summary>
    /// The first word after <c>key:</c> at the start of a line, or null. A plain scan rather than two regular
    /// expressions, whose construction cost a one-file check about 5 ms.
    /// </summary>
    private static string? TopLevelValue(string text, string key)
    {
        for (var line = 0; line < text.Length; line = text.IndexOf('\n', line) is var end and >= 0 ? end + 1 : text.Length)
        {
            if (string.CompareOrdinal(text, line, key, 0, key.Length) != 0 || line + key.Length >= text.Length || text[line + key.Length] != ':')
            {
                continue;
            }

            var start = line + key.Length + 1;
            while (start < text.Length && text[start] is ' ' or '\t')
            {
                start++;
            }

            var stop = start;
            while (stop < text.Length && !char.IsWhiteSpace(text[stop]))
            {
                stop++;
            }

            return stop > start ? text.Substring(start, stop - start) : null;
        }

        return null;
    }

    /// <summary>All rule metadata, ordered by ID.</summary>
    public static IReadOnlyList<RuleMetadata> All => [.. Entries.Value.Values.OrderBy(m => m.Id, StringComparer.Ordinal)];

    public static RuleMetadata? Find(string id) => Entries.Value.TryGetValue(id, out var m) ? m : null;

    public static RuleMetadata Get(string id) => Find(id) ?? throw new KeyNotFoundException("No metadata for rule " + id + " (rules/" + id + ".yaml).");

    private static Dictionary<string, RuleMetadata> Load()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        var result = new Dictionary<string, RuleMetadata>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var meta = Parse(reader.ReadToEnd(), name);
            result[meta.Id] = meta;
        }

        return result;
    }

    /// <summary>Parses one rule file; throws <see cref="FormatException"/> naming the file and field when it is malformed.</summary>
    public static RuleMetadata Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            throw new FormatException(sourceName + ": expected one YAML mapping.");
        }

        string Required(string key)
        {
            var v = Scalar(map, key);
            return string.IsNullOrWhiteSpace(v) ? throw new FormatException(sourceName + ": '" + key + "' is required.") : v!.Trim();
        }

        if (!SeverityNames.TryParse(Required("severity"), out var severity) || severity == Severity.None)
        {
            throw new FormatException(sourceName + ": 'severity' must be error, warning or note.");
        }

        var securitySeverity = Scalar(map, "security-severity")?.Trim();
        if (securitySeverity != null
            && (!double.TryParse(securitySeverity, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || score <= 0 || score > 10))
        {
            throw new FormatException(sourceName + ": 'security-severity' must be a number in (0, 10].");
        }

        return new RuleMetadata
        {
            Id = Required("id"),
            Title = Required("title"),
            DefaultSeverity = severity,
            Category = Required("category"),
            Rationale = Required("rationale"),
            Help = Required("help"),
            SeverityReason = Scalar(map, "severity-reason")?.Trim() ?? "",
            Tags = Sequence(map, "tags").Select(n => ((YamlScalarNode)n).Value ?? "").ToArray(),
            SecuritySeverity = securitySeverity,
            Good = Examples(map, "good"),
            Bad = Examples(map, "bad"),
        };
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq ? seq.Children : [];

    private static RuleExample[] Examples(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode("examples"), out var node) && node is YamlMappingNode examples
            ? Sequence(examples, key)
                .Select(n => n switch
                {
                    YamlScalarNode s => new RuleExample(s.Value ?? "", null),
                    YamlMappingNode m => new RuleExample(Scalar(m, "text") ?? "", Scalar(m, "file")),
                    _ => new RuleExample("", null),
                })
                .ToArray()
            : [];
}
