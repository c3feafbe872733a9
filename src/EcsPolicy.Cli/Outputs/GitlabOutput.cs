using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// A GitLab Code Quality report (<c>artifacts:reports:codequality</c>): a JSON array of Code Climate issues with
/// <c>description</c>, <c>check_name</c>, <c>fingerprint</c>, <c>severity</c> and <c>location.path</c> /
/// <c>location.lines</c>. GitLab compares the fingerprints of the merge request's report with the target branch's to
/// tell new findings from fixed ones, so a fingerprint does not depend on lines: it is a hash of the rule, the file, the
/// finding's place in the model (its anchor: the task definition, service or resource, then the path with list items
/// named) and its message (see <see cref="Fingerprint"/>). No file content is copied into the report.
/// </summary>
public sealed class GitlabOutput : IOutputFormat
{
    public string Name => "gitlab";

    /// <summary>Findings of error severity whose rule has at least this security severity are <c>critical</c>.</summary>
    public const double CriticalSecuritySeverity = 9.0;

    public void Write(RunReport report, TextWriter writer)
    {
        var rules = new Dictionary<string, RuleMetadata>(StringComparer.Ordinal);
        foreach (var rule in report.RulesRun)
        {
            rules.TryAdd(rule.Id, rule);
        }

        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        using var stream = new TextWriterStream(writer);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var f in report.Findings.OrderBy(f => f, StableOrder))
            {
                var rule = rules.TryGetValue(f.RuleId, out var r) ? r : null;
                var file = (f.Location.File ?? "").Replace('\\', '/');
                var key = f.RuleId + "\n" + file + "\n" + PlaceOf(f) + "\n" + f.Message;
                var occurrence = occurrences.TryGetValue(key, out var n) ? n + 1 : 1;
                occurrences[key] = occurrence;

                json.WriteStartObject();
                json.WriteString("type", "issue");
                json.WriteString("check_name", f.RuleId);
                json.WriteString("description", f.RuleId + ": " + OutputText.OneLine(f.Message));
                json.WriteStartArray("categories");
                json.WriteStringValue(rule?.IsSecurity == true ? "Security" : "Bug Risk");
                json.WriteEndArray();
                json.WriteString("severity", SeverityOf(f.Severity, rule));
                json.WriteString("fingerprint", Fingerprint(f.RuleId, file, PlaceOf(f), f.Message, occurrence));
                json.WriteStartObject("location");
                json.WriteString("path", file);
                json.WriteStartObject("lines");
                var begin = Math.Max(1, f.Location.StartLine);
                json.WriteNumber("begin", begin);
                json.WriteNumber("end", Math.Max(begin, f.Location.EndLine));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                TextWriterStream.FlushEvery(json);
            }

            json.WriteEndArray();
        }
        writer.Write('\n');
    }

    /// <summary>
    /// Code Climate's severity: a note is <c>info</c>, a warning <c>minor</c>, an error <c>major</c>, and an error of a
    /// security rule whose security severity is critical on GitHub's scale (9.0 or more) <c>critical</c>.
    /// </summary>
    public static string SeverityOf(Severity severity, RuleMetadata? rule) => severity switch
    {
        Severity.Error when IsCritical(rule) => "critical",
        Severity.Error => "major",
        Severity.Warning => "minor",
        _ => "info",
    };

    /// <summary>Where a finding is in the model: its anchor (which names the object), else its model path.</summary>
    private static string PlaceOf(Finding finding) => finding.Anchor.Length > 0 ? finding.Anchor : finding.Path;

    /// <summary>
    /// The fingerprint of a finding: the SHA-256 (lowercase hex) of the rule ID, the file's path, the finding's place
    /// in the model and its message, and which occurrence of these four it is in the report (1 for the first, in report
    /// order), so that identical findings still get distinct fingerprints. Moving lines does not change it.
    /// </summary>
    public static string Fingerprint(string ruleId, string file, string modelPath, string message, int occurrence)
    {
        var text = string.Join("\0", "ecs-policy", ruleId, file, modelPath, message, occurrence.ToString(CultureInfo.InvariantCulture));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash);
    }

    private static bool IsCritical(RuleMetadata? rule) =>
        rule?.SecuritySeverity is { } s
        && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
        && score >= CriticalSecuritySeverity;

    /// <summary><see cref="Finding.Order"/>, then everything else a finding has, so that equal-ranking findings keep one order.</summary>
    internal static readonly IComparer<Finding> StableOrder = Comparer<Finding>.Create((a, b) =>
    {
        var c = Finding.Order.Compare(a, b);
        if (c == 0 && a is not null && b is not null)
        {
            c = string.CompareOrdinal(a.Path, b.Path);
            c = c != 0 ? c : a.Severity.CompareTo(b.Severity);
            c = c != 0 ? c : a.Location.EndLine.CompareTo(b.Location.EndLine);
            c = c != 0 ? c : a.Location.EndColumn.CompareTo(b.Location.EndColumn);
        }

        return c;
    });
}
