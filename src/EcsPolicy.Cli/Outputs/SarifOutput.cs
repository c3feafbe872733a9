using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning: one run, the rules that ran, results with paths relative to
/// <c>%SRCROOT%</c> and GitHub's <c>primaryLocationLineHash</c>. The output depends only on the report: no
/// timestamps or GUIDs, LF line ends. It never copies file content (no snippets), so no secret can leak through it.
/// </summary>
public sealed class SarifOutput : IOutputFormat
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
    public const string SrcRoot = "%SRCROOT%";
    public const string ToolName = "ecs-policy";
    public const string InformationUri = "https://github.com/ecs-policy/ecs-policy";

    /// <summary>The category of the upload (everything up to the last '/').</summary>
    public const string AutomationId = "ecs-policy/";

    /// <summary>GitHub's limit on description texts.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>GitHub's limit on tags per rule.</summary>
    public const int MaxTags = 20;

    public string Name => "sarif";

    public void Write(RunReport report, TextWriter writer)
    {
        var rules = report.RulesRun.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            ruleIndex.TryAdd(rules[i].Id, i);
        }

        var fingerprints = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);

        using var stream = new TextWriterStream(writer);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolName);
            json.WriteString("semanticVersion", report.ToolVersion);
            json.WriteString("version", report.ToolVersion);
            json.WriteString("informationUri", InformationUri);
            json.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                WriteRule(json, rule, report.Severities.TryGetValue(rule.Id, out var s) ? s : rule.DefaultSeverity);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            WriteInvocation(json, report);

            json.WriteStartObject("automationDetails");
            json.WriteString("id", AutomationId);
            json.WriteEndObject();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SrcRoot);
            json.WriteString("uri", DirectoryUri(report.RootDirectory));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var finding in report.Findings.Concat(report.NotCounted).OrderBy(f => f, Finding.Order))
            {
                WriteResult(json, finding, ruleIndex, report, fingerprints);
                TextWriterStream.FlushEvery(json);
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write('\n');
    }

    /// <summary>
    /// The run's one invocation: <c>executionSuccessful</c> false when a file was not checked completely, and each reason
    /// as a tool execution notification at its file (the files' ECS0001 and ECS0009 results say the same where the file
    /// is shown).
    /// </summary>
    private static void WriteInvocation(Utf8JsonWriter json, RunReport report)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        var notChecked = report.NotChecked.ToList();
        json.WriteBoolean("executionSuccessful", notChecked.Count == 0);
        if (notChecked.Count > 0)
        {
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var file in notChecked)
            {
                foreach (var reason in file.NotChecked)
                {
                    json.WriteStartObject();
                    json.WriteString("level", "error");
                    json.WriteStartObject("message");
                    json.WriteString("text", Sentence(file.Path + " was not checked completely: " + reason));
                    json.WriteEndObject();
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    WriteArtifactLocation(json, file.Path.Replace('\\', '/'));
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter json, string file)
    {
        json.WriteStartObject("artifactLocation");
        if (IsAbsolute(file))
        {
            json.WriteString("uri", FileUri(file));
        }
        else
        {
            json.WriteString("uri", RelativeUri(file));
            json.WriteString("uriBaseId", SrcRoot);
        }

        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule, Severity severity)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title, rule.Id));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", Limit(rule.Title));
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", Limit(string.IsNullOrWhiteSpace(rule.Rationale) ? rule.Title : rule.Rationale));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(severity));
        json.WriteEndObject();
        if (rule.HelpUri.Length > 0)
        {
            json.WriteString("helpUri", rule.HelpUri);
        }
        json.WriteStartObject("help");
        json.WriteString("text", HelpText(rule));
        json.WriteString("markdown", HelpMarkdown(rule));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteStartArray("tags");
        foreach (var tag in Tags(rule))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteString("precision", "high");
        if (rule.IsSecurity)
        {
            json.WriteString("security-severity", rule.SecuritySeverity);
        }
        else
        {
            // The key is flat, as in CodeQL's own SARIF, which is what GitHub reads.
            json.WriteString("problem.severity", severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "recommendation",
            });
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(
        Utf8JsonWriter json,
        Finding finding,
        Dictionary<string, int> ruleIndex,
        RunReport report,
        Dictionary<string, IReadOnlyList<string>?> fingerprints)
    {
        var location = finding.Location;
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", Level(finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", Sentence(finding.Message));
        json.WriteEndObject();

        if (!location.IsEmpty && location.File.Length > 0)
        {
            var file = location.File.Replace('\\', '/');
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            WriteArtifactLocation(json, file);
            if (location.StartLine >= 1)
            {
                WriteRegion(json, location);
            }

            json.WriteEndObject();
            if (!string.IsNullOrEmpty(finding.Path))
            {
                // Where in the model: a JSON-pointer path that survives edits which move lines. Names only, no values.
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", finding.Path);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndArray();

            if (finding.SuppressedBy is { } suppression)
            {
                // Written in the file itself (a YAML comment or template metadata). GitHub code scanning shows
                // suppressed results as open, which is why they are only written when asked for.
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", "inSource");
                json.WriteString("status", "accepted");
                if (!string.IsNullOrWhiteSpace(suppression.Reason))
                {
                    json.WriteString("justification", suppression.Reason);
                }

                json.WriteEndObject();
                json.WriteEndArray();
            }

            if (finding.BaselineState is { } state)
            {
                json.WriteString("baselineState", state);
            }

            if (location.StartLine >= 1)
            {
                if (!fingerprints.TryGetValue(location.File, out var hashes))
                {
                    var text = report.ReadText(location.File);
                    hashes = text is null ? null : LineHash.Compute(text);
                    fingerprints[location.File] = hashes;
                }

                if (hashes is not null && location.StartLine <= hashes.Count)
                {
                    json.WriteStartObject("partialFingerprints");
                    json.WriteString("primaryLocationLineHash", hashes[location.StartLine - 1]);
                    json.WriteEndObject();
                }
            }
        }

        json.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter json, SourceLocation location)
    {
        json.WriteStartObject("region");
        json.WriteNumber("startLine", location.StartLine);
        var startColumn = Math.Max(1, location.StartColumn);
        json.WriteNumber("startColumn", startColumn);

        // A region never ends before it starts; an inverted span from a loader collapses to its start.
        var endLine = location.EndLine;
        var endColumn = location.EndColumn;
        if (endLine < location.StartLine || (endLine == location.StartLine && endColumn < startColumn))
        {
            endLine = location.StartLine;
            endColumn = startColumn;
        }

        json.WriteNumber("endLine", endLine);
        json.WriteNumber("endColumn", Math.Max(1, endColumn));
        json.WriteEndObject();
    }

    /// <summary>SARIF's level for a severity.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };

    /// <summary>A rule name for GitHub's filters: the title's words, each capitalised, without spaces or punctuation.</summary>
    public static string PascalCase(string title, string fallback)
    {
        var sb = new StringBuilder();
        var startOfWord = true;
        foreach (var c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(startOfWord ? char.ToUpperInvariant(c) : c);
                startOfWord = false;
            }
            else
            {
                startOfWord = true;
            }
        }

        var name = sb.Length > 0 ? sb.ToString() : fallback;
        return name.Length > 255 ? name.Substring(0, 255) : name;
    }

    /// <summary>A message as one or more full sentences: trimmed, ending with a period (SARIF2001).</summary>
    public static string Sentence(string message)
    {
        var text = message.Trim();
        if (text.Length == 0)
        {
            return "(no message).";
        }

        return text.EndsWith('.') ? text : text + ".";
    }

    private static IEnumerable<string> Tags(RuleMetadata rule)
    {
        var tags = new List<string>();
        if (rule.IsSecurity)
        {
            tags.Add("security");
        }

        foreach (var tag in rule.Tags.Select(t => t.Trim()))
        {
            if (tag.Length > 0 && !tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags.Take(MaxTags);
    }

    private static string HelpText(RuleMetadata rule) =>
        rule.Help.Trim() + "\n\n" + rule.Rationale.Trim() + (rule.HelpUri.Length > 0 ? "\n\nDocumentation: " + rule.HelpUri : "");

    private static string HelpMarkdown(RuleMetadata rule) =>
        rule.Help.Trim() + "\n\n" + rule.Rationale.Trim() + (rule.HelpUri.Length > 0 ? "\n\nSee the [" + rule.Id + " documentation](" + rule.HelpUri + ")." : "");

    /// <summary>Cuts a description to GitHub's 1024 characters, ending with an ellipsis when cut.</summary>
    private static string Limit(string text)
    {
        text = text.Trim();
        if (text.Length <= MaxDescriptionLength)
        {
            return text;
        }

        var cut = MaxDescriptionLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') || (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':') || Path.IsPathRooted(path);

    /// <summary>A relative path ('/'-separated) as a URI reference, each segment percent-encoded.</summary>
    public static string RelativeUri(string relativePath) =>
        string.Join("/", relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));

    /// <summary>A <c>file:</c> URI for an absolute path (POSIX, drive letter or UNC).</summary>
    public static string FileUri(string absolutePath)
    {
        var path = absolutePath.Replace('\\', '/');
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            // UNC: //server/share/... becomes file://server/share/...
            var rest = path.TrimStart('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var host = slash < 0 ? rest : rest.Substring(0, slash);
            var tail = slash < 0 ? "" : rest.Substring(slash);
            return "file://" + Uri.EscapeDataString(host) + EscapePath(tail);
        }

        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            return "file:///" + path[..2] + EscapePath(path[2..]);
        }

        return "file://" + EscapePath(path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>A <c>file:</c> URI for a directory, ending with '/'.</summary>
    public static string DirectoryUri(string directory)
    {
        var uri = FileUri(directory);
        return uri.EndsWith('/') ? uri : uri + "/";
    }

    private static string EscapePath(string path) => string.Join("/", path.Split('/').Select(Uri.EscapeDataString));
}
