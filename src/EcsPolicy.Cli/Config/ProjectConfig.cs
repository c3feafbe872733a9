using System.Text.Json.Nodes;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// A project configuration file, <c>.ecs-policy.yaml</c> (or <c>.ecs-policy.yml</c>): the settings of <c>check</c> for
/// a repository, validated against schemas/ecs-policy-config.schema.json (embedded in the tool). Paths in it are relative
/// to its folder and are given here as full paths. Every mistake is a <see cref="ConfigError"/> at its line and column;
/// a file with any mistake is not used at all (a gate must not run with half of its settings).
/// </summary>
public sealed class ProjectConfig
{
    /// <summary>The file names looked for, in order of preference.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [".ecs-policy.yaml", ".ecs-policy.yml"];

    private ProjectConfig(string path)
    {
        Path = path;
        Directory = System.IO.Path.GetDirectoryName(path)!;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's folder, which its paths and globs are relative to.</summary>
    public string Directory { get; }

    /// <summary>The <c>exclude</c> globs as written.</summary>
    public IReadOnlyList<Located<string>> Exclude { get; private set; } = [];

    /// <summary>The <c>select</c> codes (upper case, comma lists split), each where it is written; null when the key is absent.</summary>
    public IReadOnlyList<Located<string>>? Select { get; private set; }

    /// <summary>The <c>ignore</c> codes (upper case, comma lists split), each where it is written.</summary>
    public IReadOnlyList<Located<string>> Ignore { get; private set; } = [];

    /// <summary>The <c>severity</c> map: rule ID (as written, compared without regard to case) to severity, located at the key.</summary>
    public IReadOnlyDictionary<string, Located<Severity>> Severity { get; private set; } = new Dictionary<string, Located<Severity>>();

    /// <summary><c>fail-level</c>, when given.</summary>
    public Located<Severity>? FailLevel { get; private set; }

    /// <summary><c>policies</c> as a full path, when given.</summary>
    public Located<string>? Policies { get; private set; }

    /// <summary><c>baseline</c> as a full path, when given.</summary>
    public Located<string>? Baseline { get; private set; }

    /// <summary>The <c>format</c> reports in the order written (files as full paths); empty when the key is absent.</summary>
    public IReadOnlyList<ConfigFormat> Formats { get; private set; } = [];

    /// <summary><c>output</c> as a full path, when given.</summary>
    public Located<string>? Output { get; private set; }

    /// <summary>The <c>exclude</c> globs, relative to <see cref="Directory"/>.</summary>
    public PathGlobs ExcludeGlobs { get; private set; } = null!;

    /// <summary>
    /// The configuration file for <paramref name="directory"/>: the nearest <c>.ecs-policy.yaml</c> or
    /// <c>.ecs-policy.yml</c> in it or its ancestors, looking no higher than the repository root (the first folder that
    /// holds <c>.git</c>, a folder or a file as in a worktree or submodule), so that a file in an enclosing repository or
    /// the home folder never applies inside a repository. When a folder holds both names, <c>.ecs-policy.yaml</c> is
    /// returned and <see cref="Load"/> reports that both exist (which one is meant is the user's to say). Null when there is none.
    /// </summary>
    public static string? Find(string directory)
    {
        for (var dir = System.IO.Path.GetFullPath(directory); !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            foreach (var name in FileNames)
            {
                var candidate = System.IO.Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            var git = System.IO.Path.Combine(dir, ".git");
            if (System.IO.Directory.Exists(git) || File.Exists(git))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Reads and validates the file at <paramref name="path"/> (read with <see cref="GuardedFile"/>: a pipe, a device or a
    /// huge file is refused, never waited on). Returns null with the errors, in file order, when there is any mistake:
    /// the file cannot be read, invalid YAML, a key written twice, more than one document, aliases that expand too far,
    /// not a mapping (a list, or a file of another tool such as a SARIF log), a key or value the schema does not allow,
    /// or both <c>.ecs-policy.yaml</c> and <c>.ecs-policy.yml</c> in its folder. An empty file (or one of only comments)
    /// is a configuration without settings.
    /// </summary>
    public static ProjectConfig? Load(string path, out IReadOnlyList<ConfigError> errors)
    {
        var full = System.IO.Path.GetFullPath(path);
        var config = new ProjectConfig(full);
        var found = new List<ConfigError>();
        errors = found;

        var name = System.IO.Path.GetFileName(full);
        if (FileNames.Contains(name, StringComparer.Ordinal))
        {
            var other = System.IO.Path.Combine(config.Directory, FileNames.First(n => n != name));
            if (File.Exists(other))
            {
                found.Add(new ConfigError(path, 1, 1, $"both {FileNames[0]} and {FileNames[1]} are in this folder; ecs-policy reads only {FileNames[0]}: merge the two and delete {FileNames[1]}"));
            }
        }

        if (!GuardedFile.TryReadText(full, out var text, out var reason))
        {
            found.Add(new ConfigError(path, 0, 0, "cannot read the configuration file: " + reason));
            return null;
        }

        var yaml = ProjectConfigYaml.Read(path, text, out var yamlErrors);
        found.AddRange(yamlErrors);
        if (yamlErrors.Count > 0)
        {
            return null;
        }

        if (!yaml.HasDocument)
        {
            config.ExcludeGlobs = new PathGlobs(config.Directory, []);
            return found.Count == 0 ? config : null;
        }

        if (yaml.Root is not JsonObject root)
        {
            var what = yaml.Root switch
            {
                JsonArray => "a list",
                null => "an empty value",
                _ => "a single value",
            };
            found.Add(new ConfigError(path, yaml.RootLocation.Line, yaml.RootLocation.Column, $"this is not an ecs-policy configuration: expected a mapping of keys such as {string.Join(", ", ProjectConfigSchema.Settings)}; found {what}"));
            return null;
        }

        // A mapping none of whose keys is a setting, or a misspelling of one, is another tool's file (a SARIF log, a task
        // definition): one message that says so, not one "unknown key" per key.
        var unknown = root.Where(p => !ProjectConfigSchema.Keys.Contains(p.Key, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0
            && !root.Any(p => ProjectConfigSchema.Settings.Contains(p.Key, StringComparer.Ordinal))
            && unknown.All(p => ProjectConfigSchema.Suggestion(p.Key) is null))
        {
            var first = yaml.Keys.TryGetValue("/" + ProjectConfigYaml.Escape(root.First().Key), out var at) ? at : yaml.RootLocation;
            var keys = string.Join(", ", root.Take(5).Select(p => p.Key)) + (root.Count > 5 ? ", ..." : "");
            found.Add(new ConfigError(path, first.Line, first.Column, $"this is not an ecs-policy configuration: none of its keys ({keys}) is a setting; expected a mapping of keys such as {string.Join(", ", ProjectConfigSchema.Settings)}"));
            return null;
        }

        found.AddRange(ProjectConfigSchema.Validate(path, yaml));
        if (found.Count > 0)
        {
            return null;
        }

        config.Read(root, yaml);
        var toStream = config.Formats.Where(f => f.File is null).ToList();
        if (toStream.Count > 1)
        {
            var where = config.Output is null ? "standard output" : "'output'";
            found.AddRange(toStream.Skip(1).Select(f => new ConfigError(path, f.Line, f.Column, $"'format' gives {toStream.Count} reports without a file, and only one can go to {where}; write the others as FORMAT:FILE")));
            return null;
        }

        return config;
    }

    /// <summary>
    /// Errors for the codes of <c>select</c> and <c>ignore</c> that cover no rule of <paramref name="knownIds"/>, and
    /// the <c>severity</c> keys that name no rule, each where it is written. Called once the rules are known (custom
    /// policies included): a code that matches nothing would silently leave a gate open.
    /// </summary>
    public IReadOnlyList<ConfigError> CheckRuleIds(IEnumerable<string> knownIds)
    {
        var ids = knownIds.ToList();
        var errors = new List<ConfigError>();
        foreach (var (key, codes) in new[] { ("select", Select ?? []), ("ignore", Ignore) })
        {
            foreach (var code in codes.Where(c => RuleSelection.Unknown([c.Value], ids).Count > 0))
            {
                errors.Add(new ConfigError(Path, code.Line, code.Column, $"'{code.Value}' in {key} matches no rule; run 'ecs-policy rules' for the list"));
            }
        }

        foreach (var (id, at) in Severity.Where(s => !ids.Contains(s.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(new ConfigError(Path, at.Line, at.Column, $"'{id}' in severity is not a rule; run 'ecs-policy rules' for the list"));
        }

        return [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
    }

    /// <summary>Whether an <c>exclude</c> glob matches <paramref name="fullPath"/> (relative to <see cref="Directory"/>) or one of its parent folders.</summary>
    public bool Excludes(string fullPath) => ExcludeGlobs.Matches(fullPath);

    /// <summary>Globs relative to <paramref name="baseDirectory"/>, as <c>--exclude GLOB</c> gives them (the base is then the current folder).</summary>
    public static PathGlobs Globs(string baseDirectory, IEnumerable<string> patterns) => new(baseDirectory, patterns);

    private void Read(JsonObject root, ProjectConfigYaml yaml)
    {
        Located<T> At<T>(string pointer, T value)
        {
            var (line, column) = yaml.Values.TryGetValue(pointer, out var v) ? v : yaml.RootLocation;
            return new Located<T>(value, line, column);
        }

        Located<string>? PathAt(string key) =>
            root[key] is JsonValue v ? At("/" + key, System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, v.GetValue<string>()))) : null;

        List<Located<string>> Strings(string key) => root[key] switch
        {
            JsonArray array => [.. array.Select((item, i) => At($"/{key}/{i}", item!.GetValue<string>()))],
            JsonValue one => [At("/" + key, one.GetValue<string>())],
            _ => [],
        };

        // Codes are split and upper-cased as RuleSelection reads them; each keeps the place of the string it came from.
        List<Located<string>> Codes(string key) =>
            [.. Strings(key).SelectMany(s => RuleSelection.Codes([s.Value]).Select(c => s with { Value = c })).DistinctBy(c => c.Value)];

        Exclude = Strings("exclude");
        ExcludeGlobs = new PathGlobs(Directory, Exclude.Select(e => e.Value));
        Select = root.ContainsKey("select") ? Codes("select") : null;
        Ignore = Codes("ignore");
        if (root["severity"] is JsonObject severities)
        {
            var map = new Dictionary<string, Located<Severity>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, value) in severities)
            {
                var (line, column) = yaml.Keys.TryGetValue("/severity/" + ProjectConfigYaml.Escape(id), out var k) ? k : yaml.RootLocation;
                map[id] = new Located<Severity>(Level(value!.GetValue<string>()), line, column);
            }

            Severity = map;
        }

        if (root["fail-level"] is JsonValue failLevel)
        {
            FailLevel = At("/fail-level", Level(failLevel.GetValue<string>()));
        }

        Policies = PathAt("policies");
        Baseline = PathAt("baseline");
        Output = PathAt("output");
        Formats = [.. Strings("format").Select(f =>
        {
            var colon = f.Value.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? new ConfigFormat(f.Value, null, f.Line, f.Column)
                : new ConfigFormat(f.Value[..colon], System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, f.Value[(colon + 1)..])), f.Line, f.Column);
        })];
    }

    private static Severity Level(string value) => value switch
    {
        "error" => EcsPolicy.Findings.Severity.Error,
        "warning" => EcsPolicy.Findings.Severity.Warning,
        "note" => EcsPolicy.Findings.Severity.Note,
        _ => EcsPolicy.Findings.Severity.None,
    };
}
