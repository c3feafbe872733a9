using System.Text;
using System.Text.Json;
using EcsPolicy.Engine;

namespace EcsPolicy.Cli;

/// <summary>
/// A baseline: the findings a team has accepted for now, keyed by rule, file and the finding's logical anchor in the
/// model (<see cref="Finding.Anchor"/>, e.g. <c>web:containerDefinitions[app].image</c>), never by line, with a count per
/// key. Edits that move lines, reorder containers or reword messages keep a baselined finding baselined; a new finding
/// of the same rule at the same place beyond the count is new.
/// </summary>
/// <remarks>
/// Files are keyed by their path relative to the baseline file's folder, with '/' (version 2), so a baseline matches
/// whatever folder the run starts in: written at the repository root, it still matches after
/// <c>cd examples &amp;&amp; ecs-policy check . --baseline ../b.json</c>. A path outside that folder starts with <c>../</c>.
/// </remarks>
public sealed class Baseline
{
    /// <summary>The version written: 2, paths relative to the baseline's folder.</summary>
    public const int CurrentVersion = 2;

    private readonly Dictionary<(string Rule, string File, string Anchor), int> _counts;

    private Baseline(Dictionary<(string, string, string), int> counts, string directory, int version)
    {
        _counts = counts;
        Directory = directory;
        Version = version;
    }

    /// <summary>The folder the baseline's paths are relative to: the baseline file's.</summary>
    public string Directory { get; }

    /// <summary>The version of the file read (<see cref="CurrentVersion"/> for one made by <see cref="Of"/>).</summary>
    public int Version { get; }

    /// <summary>
    /// The path of a finding's file relative to <paramref name="baselineDirectory"/>, with '/': its reported path is
    /// relative to the run's <paramref name="rootDirectory"/> or absolute. Empty when the finding has no file.
    /// </summary>
    public static string FileKey(string? reportedPath, string rootDirectory, string baselineDirectory)
    {
        if (string.IsNullOrEmpty(reportedPath))
        {
            return "";
        }

        var full = Path.GetFullPath(Path.Combine(rootDirectory, reportedPath));
        // On another drive (Windows) there is no relative path: GetRelativePath returns the full one, kept as is.
        return Path.GetRelativePath(baselineDirectory, full).Replace('\\', '/');
    }

    private static (string Rule, string File, string Anchor) KeyOf(Finding finding, string rootDirectory, string baselineDirectory) =>
        (finding.RuleId, FileKey(finding.Location.File, rootDirectory, baselineDirectory), finding.Anchor.Length > 0 ? finding.Anchor : finding.Path);

    /// <summary>
    /// The baseline of <paramref name="findings"/>, whose paths are reported relative to <paramref name="rootDirectory"/>
    /// (or absolute), to be written in <paramref name="baselineDirectory"/>. Findings that say a file was not checked
    /// (ECS0001, ECS0009) are never recorded.
    /// </summary>
    public static Baseline Of(IEnumerable<Finding> findings, string rootDirectory, string baselineDirectory)
    {
        var root = Path.GetFullPath(rootDirectory);
        var directory = Path.GetFullPath(baselineDirectory);
        var counts = new Dictionary<(string, string, string), int>();
        foreach (var finding in findings.Where(f => !Linter.IsFailClosed(f.RuleId)))
        {
            var key = KeyOf(finding, root, directory);
            counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
        }

        return new Baseline(counts, directory, CurrentVersion);
    }

    /// <summary>Writes the baseline as JSON, in a deterministic order.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", CurrentVersion);
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

    /// <summary>
    /// Reads a baseline written by <see cref="ToJson"/> to a file in <paramref name="baselineDirectory"/>; throws
    /// <see cref="FormatException"/> with the reason when it is not one.
    /// </summary>
    /// <remarks>
    /// A version 1 file (ecs-policy before paths were relative to the baseline) holds paths relative to the folder the
    /// run that wrote it started in, which nothing recorded; it is still read, with its paths taken relative to the
    /// current directory as before, so an existing CI keeps passing; the runner says to write it again. A version newer
    /// than <see cref="CurrentVersion"/> is refused.
    /// </remarks>
    public static Baseline Parse(string text, string baselineDirectory, string? currentDirectory = null)
    {
        var directory = Path.GetFullPath(baselineDirectory);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("findings", out var findings) || findings.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("not an ecs-policy baseline (no \"findings\" list)");
            }

            var version = !root.TryGetProperty("version", out var v) ? 1
                : v.TryGetInt32(out var n) && n >= 1 ? n
                : throw new FormatException("its \"version\" is not a version number");
            if (version > CurrentVersion)
            {
                throw new FormatException($"it is version {version}, newer than this ecs-policy reads ({CurrentVersion}); update ecs-policy");
            }

            var current = Path.GetFullPath(currentDirectory ?? System.IO.Directory.GetCurrentDirectory());
            var counts = new Dictionary<(string, string, string), int>();
            foreach (var entry in findings.EnumerateArray())
            {
                var file = Text(entry, "file");
                // Version 1: relative to the current directory; made relative to the baseline's folder like version 2's.
                if (version == 1)
                {
                    file = FileKey(file, current, directory);
                }

                var key = (Text(entry, "ruleId"), file, Text(entry, "anchor"));
                var count = entry.TryGetProperty("count", out var c) && c.TryGetInt32(out var k) ? k : 1;
                counts[key] = counts.TryGetValue(key, out var existing) ? existing + count : count;
            }

            return new Baseline(counts, directory, version);
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
    /// <c>new</c>; a finding that says a file was not checked (ECS0001, ECS0009) is always new. Paths are reported
    /// relative to <paramref name="rootDirectory"/> (or absolute), as are <paramref name="checkedFiles"/>, the files of
    /// this run.
    /// </summary>
    /// <returns>
    /// The findings with their state; how many were baselined (hidden); and how many baseline occurrences no finding
    /// matched (stale) among the files this run checked or that no longer exist: an entry of a file that exists but was
    /// not part of this run (a run on a few files, as pre-commit does) is not stale.
    /// </returns>
    public BaselineClassification Classify(IEnumerable<Finding> findings, string rootDirectory, IEnumerable<string> checkedFiles)
    {
        var root = Path.GetFullPath(rootDirectory);
        var left = new Dictionary<(string Rule, string File, string Anchor), int>(_counts);
        var result = new List<Finding>();
        var hidden = 0;
        foreach (var finding in findings)
        {
            var key = KeyOf(finding, root, Directory);
            if (!Linter.IsFailClosed(finding.RuleId) && left.TryGetValue(key, out var n) && n > 0)
            {
                left[key] = n - 1;
                hidden++;
                result.Add(finding with { BaselineState = "unchanged" });
            }
            else
            {
                result.Add(finding with { BaselineState = "new" });
            }
        }

        var inRun = checkedFiles.Select(f => FileKey(f, root, Directory)).ToHashSet(StringComparer.Ordinal);
        var stale = left
            .Where(p => p.Value > 0 && (inRun.Contains(p.Key.File) || !File.Exists(Path.Combine(Directory, p.Key.File))))
            .Sum(p => p.Value);
        return new BaselineClassification(result, hidden, stale);
    }
}

/// <summary>
/// What a baseline made of a run's findings: each with its <see cref="Finding.BaselineState"/> (<c>new</c> or
/// <c>unchanged</c>), how many it hid, and how many of its occurrences no finding matched (stale).
/// </summary>
public sealed record BaselineClassification(IReadOnlyList<Finding> Findings, int Hidden, int Stale);
