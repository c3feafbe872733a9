using System.Globalization;
using System.Reflection;
using System.Text;
using EcsPolicy.Catalog;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Engine;

namespace EcsPolicy.Cli;

/// <summary>What <c>ecs-policy check</c> was asked to do.</summary>
public sealed class CheckSettings
{
    public required IReadOnlyList<string> Paths { get; init; }

    /// <summary>One report format (the API's shorthand for <see cref="Formats"/> with one value); null when not given.</summary>
    public string? Format { get; init; }

    /// <summary><c>--format FORMAT[:FILE]</c> values (see <see cref="ReportTargets"/>); null when not given.</summary>
    public IReadOnlyList<string>? Formats { get; init; }

    /// <summary><c>--output FILE</c>: where the report of the format given without a file goes.</summary>
    public string? OutputFile { get; init; }

    /// <summary><c>--fail-level</c>; null when not given (the project configuration's, else error).</summary>
    public Severity? FailLevel { get; init; }

    /// <summary><c>--severity</c>: the lowest severity reported, in every format and in the exit code; null when not given.</summary>
    public Severity? MinimumSeverity { get; init; }

    /// <summary><c>-q/--quiet</c>: the text report is its summary line only.</summary>
    public bool Quiet { get; init; }

    /// <summary><c>--color auto|always|never</c>.</summary>
    public string Color { get; init; } = "auto";

    /// <summary>Whether standard output is a terminal (for <c>--color auto</c>).</summary>
    public bool StdoutIsTerminal { get; init; }

    /// <summary><c>--select</c> codes; null when not given (the project configuration's, else every rule).</summary>
    public IReadOnlyList<string>? Select { get; init; }

    /// <summary><c>--ignore</c> codes, added to the project configuration's.</summary>
    public IReadOnlyList<string> Ignore { get; init; } = [];

    /// <summary><c>--exclude</c> globs, relative to the current directory, added to the project configuration's.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary><c>--stdin-filename</c>: the name of the input read from standard input (the path <c>-</c>).</summary>
    public string? StdinFileName { get; init; }

    /// <summary>Standard input, for the path <c>-</c> (the console's when null).</summary>
    public Func<Stream>? StandardInput { get; init; }

    /// <summary><c>--config-file FILE</c>: the project configuration for every path, instead of the one found.</summary>
    public string? ProjectConfigFile { get; init; }

    /// <summary><c>--no-config</c>: no project configuration file is read.</summary>
    public bool NoProjectConfig { get; init; }

    /// <summary>
    /// List every note in the text report. By default the text report lists errors and warnings, the defects, and sums
    /// notes (hardening advice) up one line per rule, so that they never bury a defect; notes are listed anyway when the
    /// fail level is note. Other formats always hold every finding.
    /// </summary>
    public bool ShowNotes { get; init; }

    /// <summary>The directory paths are reported relative to; the current directory by default.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>
    /// Where the kind of a file cannot be asked from the system (see <see cref="GuardedFile"/>): how long reading an
    /// empty-looking file may take before it is reported as unreadable.
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>--config FILE</c>: an editorconfig-format file whose severities override those found beside the inputs
    /// (<see cref="Config.SeverityConfiguration"/>).
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--report-unused-suppressions</c>: report in-file suppressions that cover nothing (ECS0008).</summary>
    public bool ReportUnusedSuppressions { get; init; }

    /// <summary><c>--include-suppressed</c>: write suppressed findings to SARIF, with <c>suppressions</c>.</summary>
    public bool IncludeSuppressed { get; init; }

    /// <summary><c>--baseline FILE</c>: report only the findings that are not in this baseline.</summary>
    public string? BaselineFile { get; init; }

    /// <summary><c>--show-baselined</c>: with a baseline, also write the baselined findings to SARIF (<c>baselineState: unchanged</c>).</summary>
    public bool ShowBaselined { get; init; }

    /// <summary><c>--write-baseline FILE</c>: record the findings of this run as the baseline.</summary>
    public string? WriteBaselineFile { get; init; }

    /// <summary>
    /// <c>--msbuild</c>: open C# projects with MSBuild for full semantics. This evaluates the project files (runs what
    /// they contain), so it is only for repositories you trust.
    /// </summary>
    public bool UseMsBuild { get; init; }

    /// <summary>How many files are linted at once; all cores when null. The output does not depend on it.</summary>
    public int? MaxParallelism { get; init; }

    /// <summary><c>--allow-empty</c>: a run that finds no ECS input under its paths exits 0 instead of 2.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary><c>--policies DIR</c>: the team's own policies (YAML files), run with the built-in rules.</summary>
    public string? PoliciesDirectory { get; init; }

    /// <summary>A terminal to show the progress of long scans on (<see cref="ScanProgress"/>), or null for none.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>
    /// <c>--fix</c>: apply the safe fixes of the findings to the JSON and YAML inputs (see <see cref="Fixes.FixApplier"/>),
    /// print each change, and report what remains. C# is fixed by the analyzer's code fixes, never here.
    /// </summary>
    public bool Fix { get; init; }

    /// <summary><c>--unsafe-fixes</c>: with <see cref="Fix"/>, also apply the fixes that may change what a task does.</summary>
    public bool UnsafeFixes { get; init; }
}

/// <summary>Runs a check: walks paths, lints files, writes the chosen format, returns the exit code.</summary>
public static class Runner
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitUsageOrUnreadable = 2;

    /// <summary>
    /// The package version (from the git tag, see docs/releasing.md), e.g. <c>1.2.3</c> or <c>1.2.4-alpha.0.5</c>: the
    /// informational version without the build metadata (<c>+commit</c>) that the SDK appends, so that a report of the
    /// same input by the same release is the same bytes whichever build of it ran.
    /// </summary>
    public static string ToolVersion { get; } = PackageVersion(
        typeof(Runner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    internal static string PackageVersion(string? informationalVersion) =>
        string.IsNullOrEmpty(informationalVersion) ? "0.0.0" : informationalVersion.Split('+')[0];

    /// <summary>Every report format, ordered by name (<see cref="OutputFormats"/>).</summary>
    public static IReadOnlyList<IOutputFormat> Formats => OutputFormats.All;

    public static int Run(CheckSettings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.UseMsBuild && !CSharpInputs.MsBuildAvailable)
        {
            stderr.WriteLine("ecs-policy: --msbuild is not available in the native build of ecs-policy, which cannot load MSBuild; run the .NET build (dotnet tool install --global EcsPolicy.Cli) for it, or leave the option out to read C# without MSBuild.");
            return ExitUsageOrUnreadable;
        }

        if (StdinMistake(settings) is { } stdinMistake)
        {
            stderr.WriteLine("ecs-policy: " + stdinMistake);
            return ExitUsageOrUnreadable;
        }

        GuardedFile.FallbackTimeout = settings.ReadTimeout;
        var root = Path.GetFullPath(settings.RootDirectory ?? Directory.GetCurrentDirectory());
        var stdinName = Path.GetFullPath(settings.StdinFileName ?? "stdin");

        // Each path's project configuration is searched from its folder (a file's folder, standard input's named folder).
        var run = RunConfiguration.Resolve(
            settings,
            [.. settings.Paths.Select(p => p == "-" ? Path.GetDirectoryName(stdinName)! : Directory.Exists(p) ? Path.GetFullPath(p) : Path.GetDirectoryName(Path.GetFullPath(p)) ?? root)],
            stderr);
        if (run is null)
        {
            return ExitUsageOrUnreadable;
        }

        var unreadable = new List<(string Path, string Reason)>();
        var inputs = new SortedDictionary<string, Input>(StringComparer.Ordinal);
        var walk = new WalkCounts();
        for (var index = 0; index < settings.Paths.Count; index++)
        {
            var given = settings.Paths[index];
            var config = run.ConfigOf(index);
            if (given == "-")
            {
                var stream = settings.StandardInput?.Invoke() ?? Console.OpenStandardInput();
                if (ReadStandardInput(stream, out var content, out var why))
                {
                    var full = settings.StdinFileName is null ? Path.Combine(root, StdinDefaultName(content)) : stdinName;
                    inputs[Display(full, root)] = new Input(full, true, index, content);
                }
                else
                {
                    unreadable.Add(("-", why));
                }

                continue;
            }

            var path = Path.GetFullPath(given);
            if (File.Exists(path))
            {
                // A named file obeys the excludes too, so that pre-commit's and editors' file lists follow the configuration.
                if (!run.Excluded(path, config, isDirectory: false))
                {
                    inputs[Display(path, root)] = new Input(path, true, index, null);
                }
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in WalkFiles(path, unreadable, root, walk, (p, isDirectory) => run.Excluded(p, config, isDirectory)))
                {
                    inputs.TryAdd(Display(file, root), new Input(file, false, index, null));
                }
            }
            else
            {
                unreadable.Add((Display(path, root), "no such file or directory"));
            }
        }

        // Where the reports go is checked before any work: an unwritable place is a usage error, not a late crash. A report
        // of an earlier run that the walk found is not an input (it is about to be replaced); a file named as one is.
        var targets = run.Reports.Select(r => (r.Option, r.File)).Append((Option: "--write-baseline", File: settings.WriteBaselineFile)).ToList();
        foreach (var (_, target) in targets)
        {
            var full = target is null ? null : Path.GetFullPath(target);
            foreach (var walked in inputs.Where(i => !i.Value.Explicit && i.Value.Full == full).Select(i => i.Key).ToList())
            {
                inputs.Remove(walked);
            }
        }

        var outputs = new OutputTargets(inputs.Values.Select(i => i.Full));
        if (!targets.All(t => outputs.Check(t.Option, t.File, stderr)))
        {
            return ExitUsageOrUnreadable;
        }

        Config.AnalyzerConfigFile? explicitConfig = null;
        if (settings.ConfigFile is { } configFile)
        {
            if (!GuardedFile.TryReadText(configFile, out var configText, out var why))
            {
                stderr.WriteLine($"ecs-policy: cannot read the configuration file {configFile}: {why}.");
                return ExitUsageOrUnreadable;
            }

            explicitConfig = Config.AnalyzerConfigFile.Parse(configFile, configText);
        }

        Baseline? baseline = null;
        if (run.BaselineFile is { } baselineFile)
        {
            try
            {
                baseline = GuardedFile.TryReadText(baselineFile, out var baselineText, out var why)
                    ? Baseline.Parse(baselineText, Path.GetDirectoryName(Path.GetFullPath(baselineFile))!)
                    : throw new IOException(why);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                stderr.WriteLine($"ecs-policy: cannot use the baseline {baselineFile}: {e.Message}");
                return ExitUsageOrUnreadable;
            }

            if (baseline.Version == 1)
            {
                stderr.WriteLine($"ecs-policy: the baseline {baselineFile} is version 1, whose paths are relative to the folder the run starts in; write it again with --write-baseline to make them relative to the baseline's folder.");
            }
        }

        IReadOnlyList<Policies.CustomPolicy> policies = [];
        if (run.PoliciesDirectory is { } policiesDirectory)
        {
            if (PolicyDirectory.Load(policiesDirectory, stderr) is not { } loaded)
            {
                return ExitUsageOrUnreadable;
            }

            policies = loaded;
        }

        var knownIds = RunConfiguration.KnownIds(policies);
        if (!run.CheckRuleIds(knownIds, stderr))
        {
            return ExitUsageOrUnreadable;
        }

        var severities = new Config.SeverityConfiguration(explicitConfig, policies);
        if (severities.ExplicitProblems.Count > 0)
        {
            foreach (var problem in severities.ExplicitProblems)
            {
                stderr.WriteLine(problem.Format(settings.ConfigFile!));
            }

            stderr.WriteLine($"ecs-policy: {severities.ExplicitProblems.Count} error(s) in the configuration file {settings.ConfigFile}; nothing was checked.");
            return ExitUsageOrUnreadable;
        }

        var linter = new Linter(new LintOptions
        {
            ReportUnusedSuppressions = settings.ReportUnusedSuppressions,
            IncludeSuppressed = settings.IncludeSuppressed,
            Policies = policies,
            KeepFixes = settings.Fix,
            // The rules the command line leaves out are off for the whole run (they are not listed among the rules run);
            // a configuration file's selection applies to the files under it.
            SeverityOverrides = Unselected(new RuleSelection(settings.Select ?? [], settings.Ignore), knownIds),
        });

        // Per checked path: the rules its selection leaves out (off, whatever a severity setting says).
        var unselected = Enumerable.Range(0, settings.Paths.Count).Select(i => Unselected(run.SelectionOf(run.ConfigOf(i)), knownIds)).ToArray();
        var projectSeverities = Enumerable.Range(0, settings.Paths.Count).Select(i => run.ConfigOf(i)?.Severity.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.OrdinalIgnoreCase)).ToArray();
        IReadOnlyDictionary<string, Severity> SeveritiesOf(string full, int given)
        {
            var configured = severities.For(full, projectSeverities[given]);
            if (unselected[given].Count == 0)
            {
                return configured;
            }

            var merged = new Dictionary<string, Severity>(configured.Count + unselected[given].Count, StringComparer.Ordinal);
            foreach (var pair in configured.Concat(unselected[given]))
            {
                merged[pair.Key] = pair.Value;
            }

            return merged;
        }

        var assembly = new CloudAssembly();
        // C# inputs are compiled per project (Roslyn is loaded only when there are some); the others are read file by file.
        var csharp = inputs.Where(i => CSharpInputs.IsCSharp(i.Value.Full)).Select(i => i.Value.Full).ToList();
        var givenOf = inputs.Values.GroupBy(i => i.Full, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Given, StringComparer.Ordinal);
        var entries = inputs.Where(i => !CSharpInputs.IsCSharp(i.Value.Full)).ToArray();
        var results = new FileResult[entries.Length];
        var progress = settings.Progress is { } terminal ? ScanProgress.Start(terminal, entries.Length) : null;
        FileResult LintContent(int i, byte[] content)
        {
            var (display, input) = (entries[i].Key, entries[i].Value);
            return linter.LintFile(display, content, input.Explicit, assembly.ConstructPaths(input.Full) is { } paths ? new Inputs.LoadContext { ConstructPaths = paths } : null, SeveritiesOf(input.Full, input.Given));
        }

        void LintEntry(int i)
        {
            var input = entries[i].Value;
            results[i] = input.Content is { } content ? LintContent(i, content)
                : GuardedFile.TryRead(input.Full, out var read, out var reason) ? LintContent(i, read)
                : Unreadable(linter, entries[i].Key, reason);
            progress?.FileDone();
        }

        // One file is linted on this thread: starting the thread pool for it would cost more than it is worth.
        if (entries.Length == 1)
        {
            LintEntry(0);
        }
        else
        {
            Parallel.For(0, entries.Length, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelism ?? -1 }, LintEntry);
        }
        progress?.Dispose();

        if (settings.Fix)
        {
            // Each fixed file is linted again, so the report holds what remains (ruff's --fix does the same).
            IReadOnlyList<Finding> Relint(int i, byte[] content) => [.. LintContent(i, content).Findings.Where(f => f.SuppressedBy is null)];
            foreach (var i in ApplyFixes(entries, results, assembly, settings.UnsafeFixes, Relint, stderr))
            {
                LintEntry(i);
            }
        }

        if (csharp.Count > 0)
        {
            results = [.. results, .. CSharpInputs.Lint(csharp, root, linter, unreadable, full => SeveritiesOf(full, givenOf.TryGetValue(full, out var g) ? g : 0), settings.UseMsBuild)];
        }

        // Paths and folders that could not be read at all are files that were not checked, reported like the others; so
        // are configuration files that exist but cannot be read, since the files under them were not checked as configured.
        results = [
            .. results,
            .. unreadable.Select(u => Unreadable(linter, u.Path, u.Reason)),
            .. severities.Unreadable.Select(u => Unreadable(linter, Display(u.Path, root), u.Reason + "; the severities it sets were not applied")),
            .. severities.Problems.GroupBy(p => p.File).Select(g => ConfigErrors(linter, Display(g.Key, root), g)),
        ];
        foreach (var r in results)
        {
            foreach (var reason in r.NotChecked)
            {
                stderr.WriteLine($"ecs-policy: {OutputText.OneLine(r.Path)} was not checked completely: {OutputText.OneLine(reason)}");
            }
        }

        // A CDK app checked from its source and its cdk.out in one run: each finding once, at the C# location.
        var (all, alsoInCdkOut) = CdkDuplicates.Remove(Sorted(results.SelectMany(r => r.Findings).ToList()));
        var findings = all.Where(f => f.SuppressedBy is null).ToList();
        var notCounted = all.Where(f => f.SuppressedBy is not null).ToList();
        var (baselineHidden, baselineStale) = (0, 0);
        if (baseline != null)
        {
            // A file that was not checked is never accepted by a baseline: its findings stay new.
            var classified = baseline.Classify(findings, root, results.Select(r => r.Path));
            findings = classified.Findings.Where(f => f.BaselineState == "new").Select(f => settings.ShowBaselined ? f : f with { BaselineState = null }).ToList();
            if (settings.ShowBaselined)
            {
                notCounted.AddRange(classified.Findings.Where(f => f.BaselineState == "unchanged"));
            }

            (baselineHidden, baselineStale) = (classified.Hidden, classified.Stale);
        }

        // --severity leaves the findings below it out of every report and of the exit code (a file not checked still fails).
        var belowSeverity = 0;
        if (settings.MinimumSeverity is { } minimum)
        {
            belowSeverity = findings.Count(f => f.Severity < minimum);
            findings = findings.Where(f => f.Severity >= minimum).ToList();
        }

        var ruleIds = RuleRegistry.EnabledIds(linter).Concat(findings.Select(f => f.RuleId)).ToHashSet(StringComparer.Ordinal);
        var rulesRun = new LazyList<RuleMetadata>(() => RuleCatalog.All.Concat(policies.Select(p => p.Metadata)).Where(m => ruleIds.Contains(m.Id)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList());
        var ruleSeverities = ruleIds.ToDictionary(id => id, id => linter.SeverityOf(id), StringComparer.Ordinal);
        RunReport Report(bool terminal, bool quiet) => new()
        {
            Files = results,
            Findings = findings,
            NotCounted = notCounted,
            // Parsed only when the format shows titles or help (not the text format): start-up matters on one file.
            RulesRun = rulesRun,
            Severities = ruleSeverities,
            RootDirectory = root,
            ToolVersion = ToolVersion,
            SpecialFilesSkipped = walk.Special,
            AlsoInCdkOut = alsoInCdkOut,
            TextMinimum = settings.MinimumSeverity ?? (settings.ShowNotes || run.FailLevel == Severity.Note ? Severity.Note : Severity.Warning),
            HiddenBelowSeverity = belowSeverity,
            Quiet = quiet,
            Color = terminal && Outputs.ColorChoice.Resolve(settings.Color, settings.StdoutIsTerminal, Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM")),
            Snippets = terminal && Outputs.ColorChoice.Snippets(settings.Color, settings.StdoutIsTerminal),
            ReadText = path => ReadText(path, root),
            BaselineHidden = baselineHidden,
            BaselineStale = baselineStale,
        };

        if (settings.WriteBaselineFile is { } writeBaseline
            && !OutputTargets.Write(writeBaseline, writer => writer.Write(Baseline.Of(all.Where(f => f.SuppressedBy is null), root, Path.GetDirectoryName(Path.GetFullPath(writeBaseline))!).ToJson()), stderr))
        {
            return ExitUsageOrUnreadable;
        }

        // Nothing recognised as an ECS input (and nothing unreadable): CI would go green having checked nothing.
        var empty = results.All(r => !r.Recognized) && results.All(r => r.CheckedCompletely);
        if (empty)
        {
            stderr.WriteLine($"ecs-policy: no ECS inputs found under {string.Join(", ", settings.Paths)}: nothing was checked{(settings.AllowEmpty ? "" : " (--allow-empty accepts this)")}.");
        }
        else
        {
            // A path among several that holds no input is probably a typo or a wrong folder: said, without failing the run.
            var found = new bool[settings.Paths.Count];
            foreach (var r in results.Where(r => r.Recognized || !r.CheckedCompletely))
            {
                if (inputs.TryGetValue(r.Path, out var input))
                {
                    found[input.Given] = true;
                }
                else if (CSharpInputs.IsCSharp(r.Path))
                {
                    // A solution or project stands for the C# files it compiles, which are reported under their own paths.
                    foreach (var given in csharp.Select(c => givenOf[c]))
                    {
                        found[given] = true;
                    }
                }
            }

            foreach (var (path, index) in settings.Paths.Select((p, i) => (p, i)).Where(p => !found[p.i] && !unreadable.Any(u => u.Path == Display(Path.GetFullPath(p.p), root))))
            {
                stderr.WriteLine($"ecs-policy: warning: no ECS inputs found under {path}.");
            }
        }

        foreach (var target in run.Reports)
        {
            // A file is streamed to a file beside it, then moved over it: a large scan's report is never held in memory
            // whole, and a failed write never leaves a truncated report behind.
            if (target.File is { } file)
            {
                if (!OutputTargets.Write(file, writer => target.Format.Write(Report(terminal: false, quiet: false), writer), stderr))
                {
                    return ExitUsageOrUnreadable;
                }
            }
            else
            {
                target.Format.Write(Report(terminal: target.Format is TextOutput, quiet: settings.Quiet), stdout);
            }
        }

        // The summary line goes to standard error when standard output is not the text report (a SARIF or JSON stream,
        // or nothing), so that a CI log always says what was found.
        if (!run.Reports.Any(r => r.File is null && r.Format is TextOutput))
        {
            new TextOutput().Write(Report(terminal: false, quiet: true), stderr);
        }

        // Writing a baseline records the findings rather than failing on them; a file not checked still fails the run.
        return empty && !settings.AllowEmpty ? ExitUsageOrUnreadable
            : settings.WriteBaselineFile is not null ? ExitCode(results, [], Severity.None)
            : ExitCode(results, findings, run.FailLevel);
    }

    /// <summary>A file to check: its full path, whether it was named (not found by a walk), the checked path it came from, and its content when read from standard input.</summary>
    private sealed record Input(string Full, bool Explicit, int Given, byte[]? Content);

    /// <summary>What is wrong with the use of standard input (the path <c>-</c>), or null.</summary>
    private static string? StdinMistake(CheckSettings settings)
    {
        var count = settings.Paths.Count(p => p == "-");
        return count > 1 ? "'-' (standard input) can be given once."
            : count == 0 && settings.StdinFileName is not null ? "--stdin-filename names the input read from standard input: give the path '-' too."
            : count == 1 && settings.Fix ? "--fix writes the files it fixes, and standard input is not a file: check the file itself with --fix."
            : count == 1 && settings.StdinFileName is { } name && CSharpInputs.IsCSharp(name) ? "C# is checked by project, not from standard input: give the .cs file's path (or use the analyzer in the editor)."
            : null;
    }

    /// <summary>Standard input, read whole but never more than a file may hold (<see cref="GuardedFile.MaxBytes"/>).</summary>
    private static bool ReadStandardInput(Stream stream, out byte[] content, out string reason)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > GuardedFile.MaxBytes)
            {
                (content, reason) = ([], $"standard input is larger than {GuardedFile.MaxBytes >> 20} MiB, the most a file may hold");
                return false;
            }

            buffer.Write(chunk, 0, read);
        }

        (content, reason) = (buffer.ToArray(), "");
        return true;
    }

    /// <summary>
    /// The name standard input is checked and reported under when <c>--stdin-filename</c> does not give one: JSON when
    /// it starts with a brace or bracket, else YAML (the format of a file is decided by its name).
    /// </summary>
    private static string StdinDefaultName(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('{') || text.StartsWith('[') ? "stdin.json" : "stdin.yaml";
    }

    /// <summary>The severity overrides that turn off every rule of <paramref name="knownIds"/> the selection leaves out.</summary>
    private static Dictionary<string, Severity> Unselected(RuleSelection selection, IEnumerable<string> knownIds) =>
        selection.IsAll ? new(StringComparer.Ordinal) : knownIds.Where(id => !selection.Includes(id)).ToDictionary(id => id, _ => Severity.None, StringComparer.Ordinal);

    /// <summary>
    /// The exit code of a check: 2 when any file was not checked completely (unreadable, an internal error, a spent
    /// budget), whatever the fail level, since a gate must not pass what it did not check; else 1 when a reported
    /// finding is at <paramref name="failLevel"/> or above; else 0.
    /// </summary>
    public static int ExitCode(IEnumerable<FileResult> results, IEnumerable<Finding> reported, Severity failLevel) =>
        results.Any(r => !r.CheckedCompletely) ? ExitUsageOrUnreadable
        : failLevel != Severity.None && reported.Any(f => f.Severity >= failLevel) ? ExitFindings
        : ExitOk;

    /// <summary>
    /// <c>--fix</c>: applies the fixes of each file's reported findings (suppressed ones are left alone) and writes the
    /// files, printing each change and why a file was left as it is; returns the indexes of the files written.
    /// </summary>
    private static List<int> ApplyFixes(KeyValuePair<string, Input>[] entries, FileResult[] results, CloudAssembly assembly, bool unsafeFixes, Func<int, byte[], IReadOnlyList<Finding>> relint, TextWriter stderr)
    {
        var written = new List<int>();
        var changes = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            var (display, full) = (entries[i].Key, entries[i].Value.Full);
            var findings = results[i].Findings.Where(f => f.SuppressedBy is null).ToList();
            if (!findings.Any(f => f.Fix is not null))
            {
                continue;
            }

            if (assembly.ConstructPaths(full) is not null || findings.Any(f => f.Origin?.StartsWith("construct ", StringComparison.Ordinal) == true))
            {
                // A template the CDK synthesized (in cdk.out, or with the CDK's construct paths) is written by `cdk synth`
                // again: the fix belongs in the CDK app.
                stderr.WriteLine($"{display}: not fixed: the template is generated by cdk synth; fix the CDK app (the analyzer's code fixes do in C#)");
                continue;
            }

            if (!GuardedFile.TryRead(full, out var content, out var unreadable))
            {
                stderr.WriteLine($"{display}: not fixed: the file cannot be read again ({unreadable})");
                continue;
            }

            var index = i;
            var result = Fixes.FixApplier.ApplyRepeatedly(display, content, findings, fixedContent => relint(index, fixedContent), unsafeFixes);
            foreach (var refusal in result.Skipped.Concat(result.Refusals))
            {
                stderr.WriteLine(OutputText.OneLine(refusal.ToString()));
            }

            if (result.Content is null)
            {
                continue;
            }

            try
            {
                File.WriteAllBytes(full, result.Content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"{display}: not fixed: the file cannot be written ({e.Message})");
                continue;
            }

            foreach (var change in result.Applied)
            {
                stderr.WriteLine(OutputText.OneLine(change.ToString()));
            }

            changes += result.Applied.Count;
            written.Add(i);
        }

        stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "ecs-policy: fixed {0} finding(s) in {1} file(s).", changes, written.Count));
        return written;
    }

    // A mistake in a configuration file found beside the inputs (see Config.SeverityConfiguration.Problems): an ECS0001
    // finding at its line, and a run that exits 2, since the files under it were not checked as configured. Recognised,
    // as an unreadable configuration file is, so that every report (JUnit too) lists it.
    private static FileResult ConfigErrors(Linter linter, string display, IEnumerable<Config.ConfigError> problems) =>
        new(display, true, 0, [.. problems.Select(p => new Finding(Linter.UnreadableId, linter.SeverityOf(Linter.UnreadableId), p.Message + "; this setting was not applied.", SourceLocation.At(display, p.Line, p.Column), ""))], [.. problems.Select(p => $"line {p.Line}: {p.Message}; this setting was not applied")]);

    /// <summary>The result of a path that could not be read: an ECS0001 finding at its start, and the reason.</summary>
    private static FileResult Unreadable(Linter linter, string display, string reason) =>
        new(display, true, 0, [new Finding(Linter.UnreadableId, linter.SeverityOf(Linter.UnreadableId), "The file cannot be read: " + reason + ". Nothing in it was checked; give a readable file, or leave this path out of the check.", SourceLocation.At(display, 1, 1), "")], [reason]);

    /// <summary>A path as shown to the user: relative to the root (with '/') when under it, else absolute.</summary>
    public static string Display(string fullPath, string root)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative.Replace('\\', '/');
    }

    /// <summary>
    /// The findings in <see cref="Finding.Order"/>. Each file's findings come sorted and the files in path order, so the
    /// list usually is already: checked in one pass, sorted only when it is not.
    /// </summary>
    private static List<Finding> Sorted(List<Finding> findings)
    {
        for (var i = 1; i < findings.Count; i++)
        {
            if (Finding.Order.Compare(findings[i - 1], findings[i]) > 0)
            {
                return [.. findings.OrderBy(f => f, Finding.Order)];
            }
        }

        return findings;
    }

    private static string? ReadText(string path, string root)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(root, path);

        // Decoded as GitHub's upload action does for its fingerprints: always UTF-8, keeping a byte order mark.
        return GuardedFile.TryRead(full, out var content, out _) ? Encoding.UTF8.GetString(content) : null;
    }

    /// <summary>
    /// Whether a directory is an AWS CDK cloud assembly (what <c>cdk synth</c> writes to <c>cdk.out</c>, and each nested
    /// <c>assembly-*</c> directory of it): it holds a <c>manifest.json</c> and the version file <c>cdk.out</c>.
    /// </summary>
    private static bool IsCloudAssembly(string[] files) =>
        files.Any(f => Path.GetFileName(f) == "manifest.json") && files.Any(f => Path.GetFileName(f) == "cdk.out");

    /// <summary>
    /// The CDK's own files in a cloud assembly, which are not inputs: the manifest, the construct tree, asset manifests,
    /// and staged assets (<c>asset.*</c>, copies of the app's files that are linted where they live). The stacks'
    /// templates (<c>*.template.json</c>, nested stacks' included) are linted.
    /// </summary>
    private static bool IsCdkOwnFile(string name) =>
        name is "manifest.json" or "tree.json"
        || name.EndsWith(".assets.json", StringComparison.Ordinal)
        || IsAsset(name);

    private static bool IsAsset(string name) => name.StartsWith("asset.", StringComparison.Ordinal);

    /// <summary>What a directory walk left out on purpose, for the summary.</summary>
    internal sealed class WalkCounts
    {
        /// <summary>Pipes, devices, sockets and link loops among the files that would have been read (never opened).</summary>
        public int Special;
    }

    /// <summary>
    /// The files under <paramref name="directory"/> that are inputs (<paramref name="wanted"/> null) or that
    /// <paramref name="wanted"/> accepts, leaving out what <paramref name="excluded"/> (path, is a folder) excludes. Symbolic links to directories are not followed, and files that are not regular
    /// files (pipes, devices, sockets, link loops) are counted in <paramref name="counts"/> instead of being returned.
    /// </summary>
    internal static IEnumerable<string> WalkFiles(string directory, List<(string Path, string Reason)> unreadable, string root, WalkCounts counts, Func<string, bool, bool> excluded, Func<string, bool>? wanted = null)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = Directory.GetDirectories(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable.Add((Display(dir, root), e.Message));
                continue;
            }

            var cloudAssembly = wanted is null && IsCloudAssembly(files);
            foreach (var file in files)
            {
                // The project configuration is ecs-policy's own file, not an input (nor a file skipped).
                var take = wanted?.Invoke(file) ?? (!Config.ProjectConfig.FileNames.Contains(Path.GetFileName(file))
                    && (RuleRegistry.Loaders.Any(l => l.Accepts(file)) || (!cloudAssembly && file.EndsWith(".cs", StringComparison.Ordinal)))
                    && !(cloudAssembly && IsCdkOwnFile(Path.GetFileName(file))));
                if (!take || excluded(file, false))
                {
                    continue;
                }

                if (GuardedFile.Refusal(file) is null)
                {
                    yield return file;
                }
                else
                {
                    counts.Special++;
                }
            }

            foreach (var sub in dirs)
            {
                var name = Path.GetFileName(sub);
                // Symbolic links to directories are not followed: that is how a link loop can never hang the walk.
                if (!excluded(sub, true) && !(cloudAssembly && IsAsset(name)) && new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
