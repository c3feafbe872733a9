using System.Collections.Concurrent;
using EcsPolicy.Catalog;
using EcsPolicy.Rules;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// Rule severities from the same settings the analyzer reads, found as the .NET SDK finds them: the
/// <c>.globalconfig</c> files in an input's directory and its ancestors (a higher <c>global_level</c> wins), then the
/// <c>.editorconfig</c> files from the outermost (or the nearest <c>root = true</c>) to the nearest, whose matching
/// sections override the global files; then <c>--config FILE</c>, which overrides both. Keys:
/// <c>dotnet_diagnostic.ECS6007.severity</c>, <c>dotnet_analyzer_diagnostic.category-Secrets.severity</c> and
/// <c>dotnet_analyzer_diagnostic.severity</c> (an ID-specific key beats a category, which beats all), with the values
/// error, warning, suggestion (note), silent or none (the rule does not run) and default.
/// </summary>
public sealed class SeverityConfiguration
{
    private readonly AnalyzerConfigFile? _explicit;
    private readonly ConcurrentDictionary<string, AnalyzerConfigFile?> _files = new(StringComparer.Ordinal);

    public SeverityConfiguration(AnalyzerConfigFile? explicitConfig = null)
    {
        _explicit = explicitConfig;
    }

    /// <summary>The severities the settings give for the rules of <paramref name="fullPath"/> (only the rules they name).</summary>
    public IReadOnlyDictionary<string, Severity> For(string fullPath)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var directory = Path.GetDirectoryName(fullPath);
        var globals = new List<AnalyzerConfigFile>();
        var editors = new List<AnalyzerConfigFile>();
        var editorsDone = false;
        for (var dir = directory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Read(Path.Combine(dir!, ".globalconfig")) is { } global)
            {
                globals.Add(global);
            }

            if (!editorsDone && Read(Path.Combine(dir!, ".editorconfig")) is { } editor)
            {
                editors.Add(editor);
                editorsDone = editor.IsRoot;
            }
        }

        foreach (var file in globals.OrderBy(g => g.GlobalLevel).Concat(Enumerable.Reverse(editors)))
        {
            Apply(keys, file.KeysFor(fullPath));
        }

        if (_explicit != null)
        {
            Apply(keys, _explicit.KeysFor(fullPath));
        }

        var result = new Dictionary<string, Severity>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        foreach (var rule in RuleCatalog.All)
        {
            var value = keys.TryGetValue("dotnet_diagnostic." + rule.Id + ".severity", out var specific) ? specific
                : keys.TryGetValue("dotnet_analyzer_diagnostic.category-" + rule.Category + ".severity", out var category) ? category
                : keys.TryGetValue("dotnet_analyzer_diagnostic.severity", out var all) ? all
                : null;
            if (value != null && Parse(value, rule.DefaultSeverity) is { } severity)
            {
                result[rule.Id] = severity;
            }
        }

        return result;
    }

    /// <summary>A severity value as the SDK spells it; null for a value it does not know (ignored, as the SDK does).</summary>
    public static Severity? Parse(string value, Severity defaultSeverity) => value.Trim().ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "suggestion" or "info" => Severity.Note,
        "silent" or "hidden" or "none" => Severity.None,
        "default" => defaultSeverity,
        _ => null,
    };

    private static void Apply(Dictionary<string, string> keys, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var pair in pairs)
        {
            keys[pair.Key] = pair.Value;
        }
    }

    private AnalyzerConfigFile? Read(string path) => _files.GetOrAdd(path, p =>
    {
        try
        {
            return File.Exists(p) ? AnalyzerConfigFile.Parse(p, File.ReadAllText(p)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });
}
