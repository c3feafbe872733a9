using System.Text;
using System.Text.Json;

namespace EcsPolicy.Cli;

/// <summary>
/// A baseline: the findings a team has accepted for now, keyed by rule, file and the finding's logical anchor in the
/// model (<see cref="Finding.Anchor"/>, e.g. <c>web:containerDefinitions[app].image</c>), never by line, with a count per
/// key. Edits that move lines, reorder containers or reword messages keep a baselined finding baselined; a new finding
/// of the same rule at the same place beyond the count is new.
/// </summary>
public sealed class Baseline
{
    private const int Version = 1;

    private readonly Dictionary<(string Rule, string File, string Anchor), int> _counts;

    private Baseline(Dictionary<(string, string, string), int> counts)
    {
        _counts = counts;
    }

    /// <summary>The key of a finding: its rule, file and anchor (the model path when it has no anchor).</summary>
    public static (string Rule, string File, string Anchor) KeyOf(Finding finding) =>
        (finding.RuleId, (finding.Location.File ?? "").Replace('\\', '/'), finding.Anchor.Length > 0 ? finding.Anchor : finding.Path);

    /// <summary>The baseline of <paramref name="findings"/>.</summary>
    public static Baseline Of(IEnumerable<Finding> findings)
    {
        var counts = new Dictionary<(string, string, string), int>();
        foreach (var finding in findings)
        {
            var key = KeyOf(finding);
            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
        }

        return new Baseline(counts);
    }

    /// <summary>Writes the baseline as JSON, in a deterministic order.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteString("tool", "ecs-policy");
            json.WriteStartArray("findings");
            foreach (var pair in _counts.OrderBy(p => p.Key.File, StringComparer.Ordinal).ThenBy(p => p.Key.Anchor, StringComparer.Ordinal).ThenBy(p => p.Key.Rule, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("ruleId", pair.Key.Rule);
                json.WriteString("file", pair.Key.File);
                json.WriteString("anchor", pair.Key.Anchor);
                json.WriteNumber("count", pair.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Reads a baseline written by <see cref="ToJson"/>; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static Baseline Parse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("not an ecs-policy baseline (no \"findings\" list)");
            }

            var counts = new Dictionary<(string, string, string), int>();
            foreach (var entry in findings.EnumerateArray())
            {
                var key = (Text(entry, "ruleId"), Text(entry, "file"), Text(entry, "anchor"));
                var count = entry.TryGetProperty("count", out var c) && c.TryGetInt32(out var n) ? n : 1;
                counts[key] = counts.TryGetValue(key, out var existing) ? existing + count : count;
            }

            return new Baseline(counts);
        }
        catch (JsonException e)
        {
            throw new FormatException("not valid JSON: " + e.Message, e);
        }

        static string Text(JsonElement entry, string name) =>
            entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
    }

    /// <summary>
    /// Marks each finding (in the given order) <c>unchanged</c> while its key has baselined occurrences left, else
    /// <c>new</c>.
    /// </summary>
    public List<Finding> Classify(IEnumerable<Finding> findings)
    {
        var left = new Dictionary<(string, string, string), int>(_counts);
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            var key = KeyOf(finding);
            if (left.TryGetValue(key, out var n) && n > 0)
            {
                left[key] = n - 1;
                result.Add(finding with { BaselineState = "unchanged" });
            }
            else
            {
                result.Add(finding with { BaselineState = "new" });
            }
        }

        return result;
    }
}
