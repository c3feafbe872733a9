using System.Collections.Concurrent;
using EcsPolicy.Catalog;

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
    private readonly IReadOnlyList<Policies.CustomPolicy> _policies;
    private readonly ConcurrentDictionary<string, AnalyzerConfigFile?> _files = new(StringComparer.Ordinal);

    /// <param name="explicitConfig"><c>--config FILE</c>, when given.</param>
    /// <param name="policies">Custom policies, whose severities (category <c>Custom</c>) can be set too.</param>
    public SeverityConfiguration(AnalyzerConfigFile? explicitConfig = null, IReadOnlyList<Policies.CustomPolicy>? policies = null)
    {
        _explicit = explicitConfig;
        _policies = policies ?? [];
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

        foreach (var id in RuleCatalog.Ids.Concat(_policies.Select(p => p.Id)))
        {
            var category = RuleCatalog.CategoryOf(id) ?? "Custom";
            var value = keys.TryGetValue("dotnet_diagnostic." + id + ".severity", out var specific) ? specific
                : keys.TryGetValue("dotnet_analyzer_diagnostic.category-" + category + ".severity", out var byCategory) ? byCategory
                : keys.TryGetValue("dotnet_analyzer_diagnostic.severity", out var all) ? all
                : null;
            var defaultSeverity = RuleCatalog.DefaultSeverityOf(id) ?? _policies.First(p => p.Id == id).Metadata.DefaultSeverity;
            if (value != null && SeverityNames.FromAnalyzerConfig(value, defaultSeverity) is { } severity)
            {
                result[id] = severity;
            }
        }

        return result;
    }

    private static void Apply(Dictionary<string, string> keys, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        foreach (var pair in pairs)
        {
            keys[pair.Key] = pair.Value;
        }
    }

    /// <summary>
    /// The configuration files found beside the inputs that exist but cannot be read (a pipe, a device, too large, an
    /// I/O error), with the reason: the severities of the files under them are not known, so those files are not
    /// checked as configured, which the run reports.
    /// </summary>
    public IEnumerable<(string Path, string Reason)> Unreadable => _unreadable.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => (u.Key, u.Value));

    private readonly ConcurrentDictionary<string, string> _unreadable = new(StringComparer.Ordinal);

    private AnalyzerConfigFile? Read(string path) => _files.GetOrAdd(path, p =>
    {
        if (!File.Exists(p))
        {
            return null;
        }

        if (!GuardedFile.TryReadText(p, out var text, out var reason))
        {
            _unreadable[p] = reason;
            return null;
        }

        return AnalyzerConfigFile.Parse(p, text);
    });
}
