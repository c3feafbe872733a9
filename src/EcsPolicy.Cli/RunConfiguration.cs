using EcsPolicy.Catalog;
using EcsPolicy.Cli.Config;

namespace EcsPolicy.Cli;

/// <summary>
/// The settings of one check: the command line over the project configuration (<c>.ecs-policy.yaml</c>) of each
/// checked path, found from the path upward to the repository root (or named with <c>--config-file</c>). A flag given on
/// the command line wins over the file; <c>--ignore</c> and <c>--exclude</c> add to the file's lists, <c>--select</c>
/// replaces its list. Settings of the whole run (reports, fail level, baseline, policies) must not differ between the
/// configuration files of one run's paths: a run checking two repositories with different gates is refused rather than
/// one gate being picked silently.
/// </summary>
internal sealed class RunConfiguration
{
    private static readonly string[] AlwaysExcluded = ["bin", "obj", "node_modules", ".git"];

    private readonly CheckSettings _settings;
    private readonly ProjectConfig?[] _configs;
    private readonly PathGlobs _cliExcludes;

    private RunConfiguration(CheckSettings settings, ProjectConfig?[] configs, string currentDirectory)
    {
        _settings = settings;
        _configs = configs;
        _cliExcludes = ProjectConfig.Globs(currentDirectory, settings.Exclude);
    }

    /// <summary>The reports to write.</summary>
    public IReadOnlyList<ReportTarget> Reports { get; private set; } = [];

    public Severity FailLevel { get; private set; } = Severity.Error;

    public string? BaselineFile { get; private set; }

    public string? PoliciesDirectory { get; private set; }

    /// <summary>The configuration files of the run, each once, in the order of the paths.</summary>
    public IEnumerable<ProjectConfig> Configs => _configs.OfType<ProjectConfig>().Distinct();

    /// <summary>The project configuration of the checked path at <paramref name="index"/>, or null for none.</summary>
    public ProjectConfig? ConfigOf(int index) => _configs[index];

    /// <summary>
    /// Reads the configuration of every path and resolves the run's settings; null, with one line per mistake on
    /// <paramref name="stderr"/> (<c>file(line,col): error: ...</c>), when a file or a value is wrong.
    /// </summary>
    /// <param name="directories">For each checked path, the folder its configuration is searched from.</param>
    public static RunConfiguration? Resolve(CheckSettings settings, IReadOnlyList<string> directories, TextWriter stderr)
    {
        var cwd = Directory.GetCurrentDirectory();
        var loaded = new Dictionary<string, ProjectConfig?>(StringComparer.Ordinal);
        var ok = true;
        ProjectConfig? Load(string? path)
        {
            if (path is null)
            {
                return null;
            }

            var full = Path.GetFullPath(path);
            if (!loaded.TryGetValue(full, out var config))
            {
                config = ProjectConfig.Load(full, out var errors);
                foreach (var error in errors)
                {
                    stderr.WriteLine(error.Format(Runner.Display(error.File, cwd)));
                }

                ok &= errors.Count == 0 && config is not null;
                loaded[full] = config;
            }

            return config;
        }

        if (settings.ProjectConfigFile is { } named && !File.Exists(named))
        {
            stderr.WriteLine($"ecs-policy: --config-file {named}: no such file.");
            return null;
        }

        var configs = directories
            .Select(d => settings.NoProjectConfig ? null : Load(settings.ProjectConfigFile ?? ProjectConfig.Find(d)))
            .ToArray();
        if (!ok)
        {
            return null;
        }

        var run = new RunConfiguration(settings, configs, cwd);
        var distinct = run.Configs.ToList();

        // One value per run-wide key: the command line's, else the one the configuration files agree on.
        T? Agreed<T>(string key, Func<ProjectConfig, T?> value, Func<T, string> show)
            where T : class
        {
            var values = distinct.Where(c => value(c) is not null).Select(c => (Config: c, Value: value(c)!)).ToList();
            if (values.Select(v => show(v.Value)).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                stderr.WriteLine($"ecs-policy: the checked paths have configuration files that set '{key}' differently ({string.Join(", ", values.Select(v => v.Config.Path + ": " + show(v.Value)))}); check them in separate runs, or name one file with --config-file.");
                ok = false;
            }

            return values.Count > 0 ? values[0].Value : default;
        }

        run.FailLevel = settings.FailLevel
            ?? (Agreed("fail-level", c => c.FailLevel?.Value.ToName(), s => s) is { } level && SeverityNames.TryParse(level, out var parsed) ? parsed : Severity.Error);
        run.BaselineFile = settings.BaselineFile ?? Agreed("baseline", c => c.Baseline?.Value, s => s);
        run.PoliciesDirectory = settings.PoliciesDirectory ?? Agreed("policies", c => c.Policies?.Value, s => s);
        var configFormats = Agreed("format", c => c.Formats.Count > 0 ? c.Formats : null, f => string.Join(",", f.Select(t => t.Format + ":" + t.File)));
        var configOutput = Agreed("output", c => c.Output?.Value, s => s);
        var cliFormats = settings.Formats ?? (settings.Format is { } single ? [single] : null);
        IReadOnlyList<ReportTarget>? reports;
        if (cliFormats is not null || configFormats is null)
        {
            reports = ReportTargets.Parse(cliFormats ?? ["text"], settings.OutputFile ?? configOutput, cwd, "--format", stderr);
        }
        else
        {
            var source = distinct.First(c => c.Formats.Count > 0);
            reports = ReportTargets.Parse(configFormats.Select(f => f.File is null ? f.Format : f.Format + ":" + f.File), settings.OutputFile ?? configOutput, source.Directory, source.Path, stderr);
        }

        if (reports is null || !ok)
        {
            return null;
        }

        run.Reports = reports;
        return run;
    }

    /// <summary>
    /// Whether a file or folder is left out: <c>bin</c>, <c>obj</c>, <c>node_modules</c> and <c>.git</c>, the
    /// <c>--exclude</c> globs and the <c>exclude</c> globs of the path's configuration.
    /// </summary>
    public bool Excluded(string fullPath, ProjectConfig? config, bool isDirectory) =>
        (isDirectory && IsAlwaysExcluded(Path.GetFileName(fullPath)))
        || _cliExcludes.Matches(fullPath)
        || (config?.Excludes(fullPath) ?? false);

    /// <summary>Whether a folder of this name is left out of every walk.</summary>
    public static bool IsAlwaysExcluded(string name) => Array.IndexOf(AlwaysExcluded, name) >= 0;

    /// <summary>The rules reported under a configuration: <c>--select</c> over its select, its ignore and <c>--ignore</c>.</summary>
    public RuleSelection SelectionOf(ProjectConfig? config) =>
        new(_settings.Select ?? config?.Select?.Select(c => c.Value).ToList() ?? [], [.. config?.Ignore.Select(c => c.Value) ?? [], .. _settings.Ignore]);

    /// <summary>
    /// The mistakes in rule codes, once custom policies (whose IDs are rules too) are known: a code of
    /// <c>--select</c>/<c>--ignore</c> or a rule named in a configuration that matches no rule.
    /// </summary>
    public bool CheckRuleIds(IReadOnlyCollection<string> knownIds, TextWriter stderr)
    {
        var ok = true;
        foreach (var (option, codes) in new[] { ("--select", _settings.Select ?? []), ("--ignore", _settings.Ignore) })
        {
            foreach (var unknown in RuleSelection.Unknown(codes, knownIds))
            {
                stderr.WriteLine(RuleSelection.NoRuleMessage(option, unknown));
                ok = false;
            }
        }

        foreach (var error in Configs.SelectMany(c => c.CheckRuleIds(knownIds)))
        {
            stderr.WriteLine(error.Format(Runner.Display(error.File, Directory.GetCurrentDirectory())));
            ok = false;
        }

        return ok;
    }

    /// <summary>The IDs of every rule a run may report: the catalog's and the custom policies'.</summary>
    public static IReadOnlyCollection<string> KnownIds(IEnumerable<Policies.CustomPolicy> policies) =>
        [.. RuleCatalog.Ids, .. policies.Select(p => p.Id)];
}
