using System.Globalization;
using System.Text;
using EcsPolicy.Catalog;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Engine;

namespace EcsPolicy.Cli;

/// <summary>What <c>ecs-policy check</c> was asked to do.</summary>
public sealed class CheckSettings
{
    public required IReadOnlyList<string> Paths { get; init; }

    public string Format { get; init; } = "text";

    public string? OutputFile { get; init; }

    public Severity FailLevel { get; init; } = Severity.Error;

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

    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules", ".git"];

    public static string ToolVersion => typeof(Runner).Assembly.GetName().Version is { } v
        ? string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}", v.Major, v.Minor, v.Build)
        : "0.0.0";

    /// <summary>Every report format, ordered by name (<see cref="OutputFormats"/>).</summary>
    public static IReadOnlyList<IOutputFormat> Formats => OutputFormats.All;

    public static int Run(CheckSettings settings, TextWriter stdout, TextWriter stderr)
    {
        var format = Formats.FirstOrDefault(f => f.Name == settings.Format);
        if (format is null)
        {
            stderr.WriteLine($"ecs-policy: unknown format '{settings.Format}'; use one of: {string.Join(", ", Formats.Select(f => f.Name))}.");
            return ExitUsageOrUnreadable;
        }

        if (settings.UseMsBuild && !CSharpInputs.MsBuildAvailable)
        {
            stderr.WriteLine("ecs-policy: --msbuild is not available in the native build of ecs-policy, which cannot load MSBuild; run the .NET build (dotnet tool install --global EcsPolicy.Cli) for it, or leave the option out to read C# without MSBuild.");
            return ExitUsageOrUnreadable;
        }

        GuardedFile.FallbackTimeout = settings.ReadTimeout;
        var root = Path.GetFullPath(settings.RootDirectory ?? Directory.GetCurrentDirectory());
        var unreadable = new List<(string Path, string Reason)>();
        var inputs = new SortedDictionary<string, (string Full, bool Explicit)>(StringComparer.Ordinal);
        var walk = new WalkCounts();
        foreach (var given in settings.Paths)
        {
            var full = Path.GetFullPath(given);
            if (File.Exists(full))
            {
                inputs[Display(full, root)] = (full, true);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full, unreadable, root, walk))
                {
                    var display = Display(file, root);
                    if (!inputs.ContainsKey(display))
                    {
                        inputs[display] = (file, false);
                    }
                }
            }
            else
            {
                unreadable.Add((Display(full, root), "no such file or directory"));
            }
        }

        // Where the reports go is checked before any work: an unwritable place is a usage error, not a late crash. A report
        // of an earlier run that the walk found is not an input (it is about to be replaced); a file named as one is.
        foreach (var target in new[] { settings.OutputFile, settings.WriteBaselineFile })
        {
            var full = target is null ? null : Path.GetFullPath(target);
            foreach (var walked in inputs.Where(i => !i.Value.Explicit && i.Value.Full == full).Select(i => i.Key).ToList())
            {
                inputs.Remove(walked);
            }
        }

        var outputs = new OutputTargets(inputs.Values.Select(i => i.Full));
        if (!outputs.Check("--output", settings.OutputFile, stderr) || !outputs.Check("--write-baseline", settings.WriteBaselineFile, stderr))
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
        if (settings.BaselineFile is { } baselineFile)
        {
            try
            {
                baseline = GuardedFile.TryReadText(baselineFile, out var baselineText, out var why)
                    ? Baseline.Parse(baselineText)
                    : throw new IOException(why);
            }
            catch (Exception e) when (e is IOException or FormatException)
            {
                stderr.WriteLine($"ecs-policy: cannot use the baseline {baselineFile}: {e.Message}");
                return ExitUsageOrUnreadable;
            }
        }

        IReadOnlyList<Policies.CustomPolicy> policies = [];
        if (settings.PoliciesDirectory is { } policiesDirectory)
        {
            if (!Directory.Exists(policiesDirectory))
            {
                stderr.WriteLine($"ecs-policy: the policies directory {policiesDirectory} does not exist.");
                return ExitUsageOrUnreadable;
            }

            var files = PolicyFiles(policiesDirectory, out var readErrors);
            policies = Policies.CustomPolicy.Load(files, out var parseErrors);
            var policyErrors = readErrors.Concat(parseErrors).ToList();
            foreach (var error in policyErrors)
            {
                stderr.WriteLine(error.ToString());
            }

            if (policyErrors.Count > 0)
            {
                stderr.WriteLine($"ecs-policy: {policyErrors.Count} error(s) in the policies; nothing was checked.");
                return ExitUsageOrUnreadable;
            }
        }

        var severities = new Config.SeverityConfiguration(explicitConfig, policies);
        var linter = new Linter(new LintOptions
        {
            ReportUnusedSuppressions = settings.ReportUnusedSuppressions,
            IncludeSuppressed = settings.IncludeSuppressed,
            Policies = policies,
            KeepFixes = settings.Fix,
        });
        var assembly = new CloudAssembly();
        // C# inputs are compiled per project (Roslyn is loaded only when there are some); the others are read file by file.
        var csharp = inputs.Where(i => CSharpInputs.IsCSharp(i.Value.Full)).Select(i => i.Value.Full).ToList();
        var entries = inputs.Where(i => !CSharpInputs.IsCSharp(i.Value.Full)).ToArray();
        var results = new FileResult[entries.Length];
        var progress = settings.Progress is { } terminal ? ScanProgress.Start(terminal, entries.Length) : null;
        FileResult LintContent(int i, byte[] content)
        {
            var (display, (full, isExplicit)) = (entries[i].Key, entries[i].Value);
            return linter.LintFile(display, content, isExplicit, assembly.ConstructPaths(full) is { } paths ? new Inputs.LoadContext { ConstructPaths = paths } : null, severities.For(full));
        }

        void LintEntry(int i)
        {
            results[i] = GuardedFile.TryRead(entries[i].Value.Full, out var content, out var reason) ? LintContent(i, content) : Unreadable(linter, entries[i].Key, reason);
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
            results = [.. results, .. CSharpInputs.Lint(csharp, root, linter, unreadable, severities.For, settings.UseMsBuild)];
        }

        // Paths and folders that could not be read at all are files that were not checked, reported like the others; so
        // are configuration files that exist but cannot be read, since the files under them were not checked as configured.
        results = [
            .. results,
            .. unreadable.Select(u => Unreadable(linter, u.Path, u.Reason)),
            .. severities.Unreadable.Select(u => Unreadable(linter, Display(u.Path, root), u.Reason + "; the severities it sets were not applied")),
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
        if (baseline != null)
        {
            // A file that was not checked is never accepted by a baseline: its findings stay new.
            var classified = baseline.Classify(findings).Select(f => Linter.IsFailClosed(f.RuleId) ? f with { BaselineState = "new" } : f).ToList();
            findings = classified.Where(f => f.BaselineState == "new").Select(f => settings.ShowBaselined ? f : f with { BaselineState = null }).ToList();
            if (settings.ShowBaselined)
            {
                notCounted.AddRange(classified.Where(f => f.BaselineState == "unchanged"));
            }
        }

        var ruleIds = RuleRegistry.EnabledIds(linter).Concat(findings.Select(f => f.RuleId)).ToHashSet(StringComparer.Ordinal);
        var report = new RunReport
        {
            Files = results,
            Findings = findings,
            NotCounted = notCounted,
            // Parsed only when the format shows titles or help (not the text format): start-up matters on one file.
            RulesRun = new LazyList<RuleMetadata>(() => RuleCatalog.All.Concat(policies.Select(p => p.Metadata)).Where(m => ruleIds.Contains(m.Id)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList()),
            Severities = ruleIds.ToDictionary(id => id, id => linter.SeverityOf(id), StringComparer.Ordinal),
            RootDirectory = root,
            ToolVersion = ToolVersion,
            SpecialFilesSkipped = walk.Special,
            AlsoInCdkOut = alsoInCdkOut,
            TextMinimum = settings.ShowNotes || settings.FailLevel == Severity.Note ? Severity.Note : Severity.Warning,
            ReadText = path => ReadText(path, root),
        };

        if (settings.WriteBaselineFile is { } writeBaseline
            && !OutputTargets.Write(writeBaseline, writer => writer.Write(Baseline.Of(all.Where(f => f.SuppressedBy is null && !Linter.IsFailClosed(f.RuleId))).ToJson()), stderr))
        {
            return ExitUsageOrUnreadable;
        }

        // Nothing recognised as an ECS input (and nothing unreadable): CI would go green having checked nothing.
        var empty = results.All(r => !r.Recognized) && results.All(r => r.CheckedCompletely);
        if (empty)
        {
            stderr.WriteLine($"ecs-policy: no ECS inputs found under {string.Join(", ", settings.Paths)}: nothing was checked{(settings.AllowEmpty ? "" : " (--allow-empty accepts this)")}.");
        }

        if (settings.OutputFile is { } output)
        {
            // Streamed to a file beside it, then moved over it: a large scan's report is never held in memory whole, and a
            // failed write never leaves a truncated report behind.
            if (!OutputTargets.Write(output, writer => format.Write(report, writer), stderr))
            {
                return ExitUsageOrUnreadable;
            }
        }
        else
        {
            format.Write(report, stdout);
        }

        // Writing a baseline records the findings rather than failing on them; a file not checked still fails the run.
        return empty && !settings.AllowEmpty ? ExitUsageOrUnreadable
            : settings.WriteBaselineFile is not null ? ExitCode(results, [], Severity.None)
            : ExitCode(results, findings, settings.FailLevel);
    }

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
    private static List<int> ApplyFixes(KeyValuePair<string, (string Full, bool Explicit)>[] entries, FileResult[] results, CloudAssembly assembly, bool unsafeFixes, Func<int, byte[], IReadOnlyList<Finding>> relint, TextWriter stderr)
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

    /// <summary>The result of a path that could not be read: an ECS0001 finding at its start, and the reason.</summary>
    private static FileResult Unreadable(Linter linter, string display, string reason) =>
        new(display, true, 0, [new Finding(Linter.UnreadableId, linter.SeverityOf(Linter.UnreadableId), "The file cannot be read: " + reason + ". Nothing in it was checked; give a readable file, or leave this path out of the check.", SourceLocation.At(display, 1, 1), "")], [reason]);

    /// <summary>
    /// The policy files (<c>*.yaml</c>, <c>*.yml</c>) of a directory and its subdirectories, in path order, read through
    /// <see cref="GuardedFile"/>. One that cannot be read is an error, as a malformed one is: its rules would silently
    /// not run.
    /// </summary>
    private static List<(string Path, byte[] Content)> PolicyFiles(string directory, out List<Policies.PolicyError> errors)
    {
        var unreadable = new List<(string Path, string Reason)>();
        var counts = new WalkCounts();
        var files = WalkFiles(directory, unreadable, Directory.GetCurrentDirectory(), counts, f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var result = new List<(string, byte[])>();
        errors = [.. unreadable.Select(u => new Policies.PolicyError(SourceLocation.At(u.Path, 1, 1), "The policies folder cannot be read: " + u.Reason + "."))];
        if (counts.Special > 0)
        {
            errors.Add(new Policies.PolicyError(SourceLocation.At(directory, 1, 1), counts.Special.ToString(CultureInfo.InvariantCulture) + " policy file(s) are not regular files (named pipes, devices, sockets or symbolic link loops) and cannot be read."));
        }

        foreach (var file in files)
        {
            if (GuardedFile.TryRead(file, out var content, out var reason))
            {
                result.Add((file, content));
            }
            else
            {
                errors.Add(new Policies.PolicyError(SourceLocation.At(file, 1, 1), "The policy file cannot be read: " + reason + "."));
            }
        }

        return result;
    }

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
    private sealed class WalkCounts
    {
        /// <summary>Pipes, devices, sockets and link loops among the files that would have been read (never opened).</summary>
        public int Special;
    }

    private static IEnumerable<string> Walk(string directory, List<(string, string)> unreadable, string root, WalkCounts counts) =>
        WalkFiles(directory, unreadable, root, counts, null);

    /// <summary>
    /// The files under <paramref name="directory"/> that are inputs (<paramref name="wanted"/> null) or that
    /// <paramref name="wanted"/> accepts. Symbolic links to directories are not followed, and files that are not regular
    /// files (pipes, devices, sockets, link loops) are counted in <paramref name="counts"/> instead of being returned.
    /// </summary>
    private static IEnumerable<string> WalkFiles(string directory, List<(string, string)> unreadable, string root, WalkCounts counts, Func<string, bool>? wanted)
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
                var take = wanted?.Invoke(file)
                    ?? ((RuleRegistry.Loaders.Any(l => l.Accepts(file)) || (!cloudAssembly && file.EndsWith(".cs", StringComparison.Ordinal)))
                        && !(cloudAssembly && IsCdkOwnFile(Path.GetFileName(file))));
                if (!take)
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
                if (Array.IndexOf(SkippedDirectories, name) < 0 && !(cloudAssembly && IsAsset(name)) && new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }
    }
}
