using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace EcsPolicy.Catalog;

/// <summary>The rule metadata, read once from the <c>rules/*.yaml</c> files embedded in this assembly.</summary>
public static class RuleCatalog
{
    /// <summary>Where the rendered rule documentation lives; <c>&lt;ID&gt;.md</c> is appended.</summary>
    public const string DocsBaseUri = "https://github.com/ecs-policy/ecs-policy/blob/main/docs/rules/";

    /// <summary>The help page of a catalog rule: its <c>docs/rules/ID.md</c> on GitHub.</summary>
    public static string HelpUriOf(string id) => DocsBaseUri + id + ".md";

    private static readonly Lazy<IReadOnlyDictionary<string, RuleMetadata>> Entries = new(Load);

    private static readonly Lazy<IReadOnlyDictionary<string, Basic>> Basics = new(LoadBasics);

    /// <summary>
    /// The IDs of every rule. Like <see cref="DefaultSeverityOf"/>, <see cref="CategoryOf"/>, <see cref="TagsOf"/>,
    /// <see cref="TitleOf"/> and <see cref="RationaleOf"/>, read without parsing the rule files as YAML, so that a run
    /// whose output shows no help or examples (and a compiler process that runs the analyzer) does not load the YAML
    /// reader at all.
    /// </summary>
    public static IReadOnlyCollection<string> Ids => (IReadOnlyCollection<string>)Basics.Value.Keys;

    /// <summary>A rule's default severity (its <c>severity:</c> line), or null for an unknown ID.</summary>
    public static Severity? DefaultSeverityOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Severity : null;

    /// <summary>A rule's category (its <c>category:</c> line), or null for an unknown ID.</summary>
    public static string? CategoryOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Category : null;

    /// <summary>A rule's tags (its <c>tags: [...]</c> line), or empty for an unknown ID.</summary>
    public static IReadOnlyList<string> TagsOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Tags : [];

    /// <summary>A rule's title, or null for an unknown ID.</summary>
    public static string? TitleOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Title ?? Get(id).Title : null;

    /// <summary>A rule's rationale, or null for an unknown ID.</summary>
    public static string? RationaleOf(string id) => Basics.Value.TryGetValue(id, out var b) ? b.Rationale ?? Get(id).Rationale : null;

    /// <summary>
    /// What the line scan reads of a rule file. The title and rationale are null when they are not written in the
    /// simple forms the scan reads exactly (then the YAML reader is asked).
    /// </summary>
    private sealed record Basic(Severity Severity, string Category, string[] Tags, string? Title, string? Rationale);

    private static Dictionary<string, Basic> LoadBasics()
    {
        var assembly = typeof(RuleCatalog).Assembly;
        var result = new Dictionary<string, Basic>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("rules/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var id = Path.GetFileNameWithoutExtension(name);
            var severity = TopLevelValue(text, "severity") is { } value && SeverityNames.TryParse(value, out var s) ? s : Severity.Error;
            result[id] = new Basic(
                severity,
                TopLevelValue(text, "category") ?? "",
                FlowList(TopLevelValue(text, "tags", wholeLine: true)),
                PlainLine(TopLevelValue(text, "title", wholeLine: true)),
                FoldedBlock(text, "rationale"));
        }

        return result;
    }

    // A plain one-line scalar whose text is the whole line: no quotes, comment or colon that YAML would read otherwise.
    private static string? PlainLine(string? text) =>
        text is null || text[0] is '"' or '\'' or '>' or '|' or '[' or '{' || text.IndexOf(" #", StringComparison.Ordinal) >= 0 || text.IndexOf(": ", StringComparison.Ordinal) >= 0
            ? null
            : text;

    // A folded block scalar ("key: >-") whose lines all have the same indentation, no blank lines and no trailing
    // spaces: YAML joins them with single spaces. Null for any other form.
    private static string? FoldedBlock(string text, string key)
    {
        var header = "\n" + key + ": >-";
        var at = text.IndexOf(header, StringComparison.Ordinal);
        if (at < 0 || at + header.Length >= text.Length || text[at + header.Length] is not ('\n' or '\r'))
        {
            return null;
        }

        var lines = new List<string>();
        var indent = -1;
        var line = text.IndexOf('\n', at + header.Length) + 1;
        while (line > 0 && line < text.Length && text[line] == ' ')
        {
            var end = text.IndexOf('\n', line);
            var content = (end < 0 ? text.Substring(line) : text.Substring(line, end - line)).TrimEnd('\r');
            var spaces = content.Length - content.TrimStart(' ').Length;
            if ((indent >= 0 && spaces != indent) || content.Trim().Length == 0 || content.TrimEnd() != content || content.IndexOf('\t') >= 0)
            {
                return null;
            }

            indent = spaces;
            lines.Add(content.Substring(spaces));
            line = end < 0 ? text.Length : end + 1;
        }

        return lines.Count > 0 ? string.Join(" ", lines) : null;
    }

    // The items of a one-line flow sequence of plain words, "[hardening, security]", as every rule writes its tags.
    private static string[] FlowList(string? text)
    {
        if (text is null || text.Length < 2 || text[0] != '[' || text[text.Length - 1] != ']')
        {
            return [];
        }

        var items = text.Substring(1, text.Length - 2).Split(',');
        var result = new List<string>(items.Length);
        foreach (var item in items)
        {
            if (item.Trim() is { Length: > 0 } word)
            {
                result.Add(word);
            }
        }

        return [.. result];
    }

    /// <summary>
    /// The first word after <c>key:</c> at the start of a line (the rest of the line, trimmed, with
    /// <paramref name="wholeLine"/>), or null. A plain scan rather than two regular expressions, whose construction cost
    /// a one-file check about 5 ms.
    /// </summary>
    private static string? TopLevelValue(string text, string key, bool wholeLine = false)
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
            while (stop < text.Length && (wholeLine ? text[stop] is not ('\n' or '\r') : !char.IsWhiteSpace(text[stop])))
            {
                stop++;
            }

            return stop > start ? text.Substring(start, stop - start).TrimEnd() : null;
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
            Sources = Sequence(map, "sources").Select(n => (n as YamlScalarNode)?.Value?.Trim() ?? throw new FormatException(sourceName + ": each of 'sources' must be a string.")).ToArray(),
            SecuritySeverity = securitySeverity,
            Good = Examples(map, "good"),
            Bad = Examples(map, "bad"),
            NoBadExample = NoBadExample(map, sourceName),
        };
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s ? s.Value : null;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq ? seq.Children : [];

    /// <summary>The YAML keys of the inputs a rule may say it has no bad example for.</summary>
    public static readonly IReadOnlyDictionary<string, ExampleInput> ExampleInputKeys = new Dictionary<string, ExampleInput>(StringComparer.Ordinal)
    {
        ["cloudformation"] = ExampleInput.CloudFormation,
        ["copilot"] = ExampleInput.Copilot,
        ["cdk"] = ExampleInput.CdkCSharp,
    };

    private static Dictionary<ExampleInput, string> NoBadExample(YamlMappingNode map, string sourceName)
    {
        var result = new Dictionary<ExampleInput, string>();
        if (!map.Children.TryGetValue(new YamlScalarNode("examples"), out var node) || node is not YamlMappingNode examples
            || !examples.Children.TryGetValue(new YamlScalarNode("no-bad-example"), out var reasons))
        {
            return result;
        }

        if (reasons is not YamlMappingNode reasonMap)
        {
            throw new FormatException(sourceName + ": 'examples.no-bad-example' must map cloudformation, copilot or cdk to a reason.");
        }

        foreach (var entry in reasonMap.Children)
        {
            var name = (entry.Key as YamlScalarNode)?.Value ?? "";
            if (!ExampleInputKeys.TryGetValue(name, out var input) || entry.Value is not YamlScalarNode { Value: { Length: > 0 } reason })
            {
                throw new FormatException(sourceName + ": 'examples.no-bad-example' must map cloudformation, copilot or cdk to a reason, not '" + name + "'.");
            }

            result[input] = reason.Trim();
        }

        return result;
    }

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
