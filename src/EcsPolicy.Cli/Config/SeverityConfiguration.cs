using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// Rule severities from the same settings the analyzer reads, found as the .NET SDK finds them: the
/// <c>.globalconfig</c> files in an input's directory and its ancestors (a higher <c>global_level</c> wins), then the
/// <c>.editorconfig</c> files from the outermost (or the nearest <c>root = true</c>) to the nearest, whose matching
/// sections override the global files; then <c>--config FILE</c>, which overrides both. Keys:
/// <c>dotnet_diagnostic.ECS6007.severity</c>, <c>dotnet_analyzer_diagnostic.category-Secrets.severity</c> and
/// <c>dotnet_analyzer_diagnostic.severity</c> (an ID-specific key beats a category, which beats all), with the values
/// error, warning, suggestion (a note), silent or none (the rule does not run) and default.
/// </summary>
/// <remarks>
/// Mistakes are never ignored (the SDK ignores them silently, which is how a rule meant to be an error stays a warning):
/// <list type="bullet">
/// <item>The <c>--config</c> file holds ecs-policy settings only, so every line of it is checked
/// (<see cref="ExplicitProblems"/>): a line that is no config line, a key we do not read, an unknown rule or category,
/// a key outside any section of a file that is not global, a value that is not a severity. The run stops before
/// anything is checked.</item>
/// <item>The files found beside the inputs also configure other tools, so only the keys about our rules are checked
/// (<see cref="Problems"/>): an <c>ECS</c> ID that is no rule, a value that is not a severity, a key of ours outside
/// any section. They are read lazily while the inputs are linted; the runner reports each problem as an ECS0001
/// finding at its line (exit code 2).</item>
/// </list>
/// A problem's setting is not applied. The values are exactly the SDK's: <c>note</c>, <c>info</c> and <c>hidden</c> are
/// refused, because the compiler, which reads the same files for the analyzer, would ignore them and the two would
/// disagree.
/// </remarks>
public sealed class SeverityConfiguration
{
    /// <summary>The severity values the SDK reads, as a message lists them.</summary>
    public const string ValidSeverities = "error, warning, suggestion, silent, none, default";

    private const string CatalogPrefix = "ECS";

    private static readonly HashSet<string> SeverityValues = new(["error", "warning", "suggestion", "silent", "none", "default"], StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> FileKeys = new(["root", "is_global", "global_level"], StringComparer.OrdinalIgnoreCase);

    private static readonly Regex SeverityKey = new(
        @"^(?:dotnet_diagnostic\.(?<id>[^.]+)\.severity|dotnet_analyzer_diagnostic\.category-(?<category>[^.]+)\.severity|dotnet_analyzer_diagnostic\.severity)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // What a key of the --config file may look like; anything else (JSON, YAML, prose) is not a config line.
    private static readonly Regex KeySyntax = new(@"^[A-Za-z0-9_.\-]+$", RegexOptions.CultureInvariant);

    private readonly AnalyzerConfigFile? _explicit;
    private readonly IReadOnlyList<Policies.CustomPolicy> _policies;
    private readonly HashSet<string> _ids;
    private readonly HashSet<string> _categories;
    private readonly ConcurrentDictionary<string, AnalyzerConfigFile?> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<ConfigError>> _problems = new(StringComparer.Ordinal);

    /// <param name="explicitConfig"><c>--config FILE</c>, when given.</param>
    /// <param name="policies">Custom policies, whose severities (category <c>Custom</c>) can be set too.</param>
    public SeverityConfiguration(AnalyzerConfigFile? explicitConfig = null, IReadOnlyList<Policies.CustomPolicy>? policies = null)
    {
        _explicit = explicitConfig;
        _policies = policies ?? [];
        _ids = new HashSet<string>(RuleCatalog.Ids.Concat(_policies.Select(p => p.Id)), StringComparer.OrdinalIgnoreCase);
        _categories = new HashSet<string>(RuleCatalog.Ids.Select(id => RuleCatalog.CategoryOf(id) ?? "").Where(c => c.Length > 0).Append("Custom"), StringComparer.OrdinalIgnoreCase);
        ExplicitProblems = explicitConfig is null ? [] : Check(explicitConfig, strict: true);
    }

    /// <summary>
    /// The mistakes in the <c>--config</c> file, in line order; the run stops on any, before anything is checked.
    /// </summary>
    public IReadOnlyList<ConfigError> ExplicitProblems { get; }

    /// <summary>
    /// The mistakes, in keys about our rules, of the configuration files read so far beside the inputs (so complete once
    /// every input has been linted), ordered by file, line and column. Each file's problems are found once.
    /// </summary>
    public IEnumerable<ConfigError> Problems => _problems.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value);

    /// <summary>The severities the settings give for the rules of <paramref name="fullPath"/> (only the rules they name).</summary>
    /// <param name="project">
    /// The <c>severity</c> of the project configuration (<c>.ecs-policy.yaml</c>) that applies to the file: over the
    /// <c>.editorconfig</c> and <c>.globalconfig</c> files, under <c>--config</c>; a rule ID there is as specific as a
    /// <c>dotnet_diagnostic.ID.severity</c> key.
    /// </param>
    public IReadOnlyDictionary<string, Severity> For(string fullPath, IReadOnlyDictionary<string, Severity>? project = null)
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

        if (project != null)
        {
            Apply(keys, project.Select(p => KeyValuePair.Create("dotnet_diagnostic." + p.Key + ".severity", p.Value.ToAnalyzerConfigName())));
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
            // A value that is not one of the SDK's is a reported problem, and not applied (as the compiler does not).
            if (value != null && SeverityValues.Contains(value) && SeverityNames.FromAnalyzerConfig(value, defaultSeverity) is { } severity)
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
    /// The mistakes in <paramref name="file"/>. <paramref name="strict"/> (the <c>--config</c> file): every line is
    /// ecs-policy's; otherwise only the keys about our rules (an ID starting with <c>ECS</c>, a custom policy's ID, one
    /// of our categories, every analyzer's severity) are.
    /// </summary>
    private List<ConfigError> Check(AnalyzerConfigFile file, bool strict)
    {
        var problems = new List<ConfigError>();
        void Add(int line, int column, string message) => problems.Add(new ConfigError(file.Path, line, column, message));

        if (strict)
        {
            // A file that does not start as a config file (JSON, SARIF, YAML) is reported once, at its first line: the rest
            // of it would only repeat that.
            var malformed = file.Malformed.Select(m => (m.Line, m.Column, m.Text))
                .Concat(file.Entries.Where(e => !KeySyntax.IsMatch(e.Key)).Select(e => (e.Line, Column: e.KeyColumn, Text: e.Key + " = " + e.Value)))
                .OrderBy(m => m.Line)
                .ToList();
            if (malformed.Count > 0 && malformed[0].Line == file.FirstLine)
            {
                // The project's YAML configuration given to the wrong option is a likely slip: say where it goes.
                var yaml = file.Path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.Path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
                    ? " (a .ecs-policy.yaml file is given with --config-file)"
                    : "";
                Add(malformed[0].Line, malformed[0].Column, $"this is not an .editorconfig or .globalconfig file: {Quote(malformed[0].Text)} is neither a comment, a [section] nor a key = value line{yaml}");
                return problems;
            }

            foreach (var (line, column, text) in malformed)
            {
                Add(line, column, $"{Quote(text)} is neither a comment, a [section] nor a key = value line");
            }
        }

        foreach (var entry in file.Entries)
        {
            if (strict && !KeySyntax.IsMatch(entry.Key))
            {
                continue;
            }

            if (FileKeys.Contains(entry.Key))
            {
                if (strict && entry.Section is not null)
                {
                    Add(entry.Line, entry.KeyColumn, $"{entry.Key} is read only at the top of the file, above every [section]");
                }
                else if (strict && entry.Key.Equals("global_level", StringComparison.OrdinalIgnoreCase) && !int.TryParse(entry.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    Add(entry.Line, entry.ValueColumn, $"global_level must be a whole number, not {Quote(entry.Value)}");
                }

                continue;
            }

            var match = SeverityKey.Match(entry.Key);
            if (!match.Success)
            {
                if (strict)
                {
                    Add(entry.Line, entry.KeyColumn, $"{entry.Key} is not a setting of ecs-policy; use dotnet_diagnostic.<ID>.severity, dotnet_analyzer_diagnostic.category-<Category>.severity or dotnet_analyzer_diagnostic.severity");
                }

                continue;
            }

            var id = match.Groups["id"];
            var category = match.Groups["category"];
            var known = id.Success ? _ids.Contains(id.Value) : !category.Success || _categories.Contains(category.Value);
            var ours = strict || known || (id.Success && id.Value.StartsWith(CatalogPrefix, StringComparison.OrdinalIgnoreCase));
            if (!ours)
            {
                continue;
            }

            if (entry.Section is null && !file.IsGlobal)
            {
                Add(entry.Line, entry.KeyColumn, $"{entry.Key} is outside any section, so it applies to no file; put it under [*] or add is_global = true at the top");
            }

            if (id.Success && !known)
            {
                Add(entry.Line, entry.KeyColumn + id.Index, $"{id.Value} is not a rule of ecs-policy (ecs-policy rules lists them)");
            }
            else if (category.Success && !known)
            {
                Add(entry.Line, entry.KeyColumn + category.Index, $"{category.Value} is not a category of ecs-policy; use one of {string.Join(", ", _categories.Order(StringComparer.Ordinal))}");
            }

            if (!SeverityValues.Contains(entry.Value))
            {
                var hint = entry.Value.ToLowerInvariant() switch
                {
                    "note" or "info" => " (a note is suggestion)",
                    "hidden" => " (hidden is silent)",
                    _ => "",
                };
                Add(entry.Line, entry.ValueColumn, $"{Quote(entry.Value)} is not a severity; use one of {ValidSeverities}{hint}");
            }
        }

        return [.. problems.OrderBy(p => p.Line).ThenBy(p => p.Column)];
    }

    // A piece of the file in a one-line message: quoted, and cut when long.
    private static string Quote(string text) => "'" + (text.Length > 60 ? string.Concat(text.AsSpan(0, 57), "...") : text) + "'";

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

        var file = AnalyzerConfigFile.Parse(p, text);
        if (Check(file, strict: false) is { Count: > 0 } problems)
        {
            _problems[file.Path] = problems;
        }

        return file;
    });
}
