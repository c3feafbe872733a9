using System.Globalization;
using System.Text;
using EcsPolicy.Catalog;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Engine;
using EcsPolicy.Rules;

namespace EcsPolicy.Cli;

/// <summary>What <c>ecs-policy check</c> was asked to do.</summary>
public sealed class CheckSettings
{
    public required IReadOnlyList<string> Paths { get; init; }

    public string Format { get; init; } = "text";

    public string? OutputFile { get; init; }

    public Severity FailLevel { get; init; } = Severity.Error;

    /// <summary>The directory paths are reported relative to; the current directory by default.</summary>
    public string? RootDirectory { get; init; }

    /// <summary>
    /// How long reading one file may take before it is reported as unreadable: a named pipe (FIFO) or a stalled
    /// network mount blocks in open or read, and .NET reports such files as normal ones.
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

    /// <summary><c>--policies DIR</c>: the team's own policies (YAML files), run with the built-in rules.</summary>
    public string? PoliciesDirectory { get; init; }

    /// <summary>A terminal to show the progress of long scans on (<see cref="ScanProgress"/>), or null for none.</summary>
    public TextWriter? Progress { get; init; }
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

        var root = Path.GetFullPath(settings.RootDirectory ?? Directory.GetCurrentDirectory());
        var unreadable = new List<(string Path, string Reason)>();
        var inputs = new SortedDictionary<string, (string Full, bool Explicit)>(StringComparer.Ordinal);
        foreach (var given in settings.Paths)
        {
            var full = Path.GetFullPath(given);
            if (File.Exists(full))
            {
                inputs[Display(full, root)] = (full, true);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in Walk(full, unreadable, root))
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
                unreadable.Add((given, "no such file or directory"));
            }
        }

        Config.AnalyzerConfigFile? explicitConfig = null;
        if (settings.ConfigFile is { } configFile)
        {
            try
            {
                explicitConfig = Config.AnalyzerConfigFile.Parse(configFile, File.ReadAllText(configFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"ecs-policy: cannot read the configuration file {configFile}: {e.Message}");
                return ExitUsageOrUnreadable;
            }
        }

        Baseline? baseline = null;
        if (settings.BaselineFile is { } baselineFile)
        {
            try
            {
                baseline = Baseline.Parse(File.ReadAllText(baselineFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
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

            policies = Policies.CustomPolicy.LoadDirectory(policiesDirectory, out var policyErrors);
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
        });
        var assembly = new CloudAssembly();
        // C# inputs are compiled per project (Roslyn is loaded only when there are some); the others are read file by file.
        var csharp = inputs.Where(i => CSharpInputs.IsCSharp(i.Value.Full)).Select(i => i.Value.Full).ToList();
        var entries = inputs.Where(i => !CSharpInputs.IsCSharp(i.Value.Full)).ToArray();
        var results = new FileResult[entries.Length];
        var progress = settings.Progress is { } terminal ? ScanProgress.Start(terminal, entries.Length) : null;
        void LintEntry(int i)
        {
            var (display, (full, isExplicit)) = (entries[i].Key, entries[i].Value);
            var length = LengthOf(full);
            if (length > MaxFileBytes && length is { } size)
            {
                // Not read at all: no template, manifest or task definition comes near this size.
                var message = string.Format(
                    CultureInfo.InvariantCulture,
                    "The file is {0:N0} bytes, more than the {1:N0} this tool reads: CloudFormation accepts templates up to 1 MB and ECS task definitions up to 64 KiB, so this is not one. Check that the right file is given.",
                    size,
                    MaxFileBytes);
                results[i] = new FileResult(display, true, 0, [new Finding("ECS0001", linter.SeverityOf("ECS0001"), message, SourceLocation.At(display, 1, 1), "")], []);
                return;
            }

            if (!TryRead(full, length, settings.ReadTimeout, out var content, out var reason))
            {
                lock (unreadable)
                {
                    unreadable.Add((display, reason));
                }

                results[i] = new FileResult(display, false, 0, [], []);
                progress?.FileDone();
                return;
            }

            var context = assembly.ConstructPaths(full) is { } paths ? new Inputs.LoadContext { ConstructPaths = paths } : null;
            results[i] = linter.LintFile(display, content, isExplicit, context, severities.For(full));
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

        if (csharp.Count > 0)
        {
            results = [.. results, .. CSharpInputs.Lint(csharp, root, linter, unreadable, severities.For, settings.UseMsBuild)];
        }

        foreach (var r in results)
        {
            foreach (var error in r.InternalErrors)
            {
                stderr.WriteLine($"ecs-policy: internal error on {r.Path}: {error}");
            }
        }

        var all = Sorted(results.SelectMany(r => r.Findings).ToList());
        var findings = all.Where(f => f.SuppressedBy is null).ToList();
        var notCounted = all.Where(f => f.SuppressedBy is not null).ToList();
        if (settings.WriteBaselineFile is { } writeBaseline)
        {
            File.WriteAllText(writeBaseline, Baseline.Of(findings).ToJson(), new UTF8Encoding(false));
        }

        if (baseline != null)
        {
            var classified = baseline.Classify(findings);
            findings = classified.Where(f => f.BaselineState == "new").Select(f => settings.ShowBaselined ? f : f with { BaselineState = null }).ToList();
            if (settings.ShowBaselined)
            {
                notCounted.AddRange(classified.Where(f => f.BaselineState == "unchanged"));
            }
        }

        var ruleIds = linter.EnabledRules.Select(r => r.Rule.Id).Concat(findings.Select(f => f.RuleId)).ToHashSet(StringComparer.Ordinal);
        var report = new RunReport
        {
            Files = results.Where(r => !unreadable.Any(u => u.Path == r.Path)).ToList(),
            Findings = findings,
            NotCounted = notCounted,
            // Parsed only when the format shows titles or help (not the text format): start-up matters on one file.
            RulesRun = new LazyList<RuleMetadata>(() => RuleCatalog.All.Concat(policies.Select(p => p.Metadata)).Where(m => ruleIds.Contains(m.Id)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList()),
            Severities = ruleIds.ToDictionary(id => id, id => linter.SeverityOf(id), StringComparer.Ordinal),
            RootDirectory = root,
            ToolVersion = ToolVersion,
            Unreadable = unreadable.OrderBy(u => u.Path, StringComparer.Ordinal).ToList(),
            ReadText = path => ReadText(path, root),
        };

        foreach (var (path, reason) in report.Unreadable)
        {
            stderr.WriteLine($"ecs-policy: cannot read {path}: {reason}");
        }

        if (settings.OutputFile is { } output)
        {
            // Streamed to the file: a large scan's report is never held in memory whole.
            using var file = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            format.Write(report, file);
        }
        else
        {
            format.Write(report, stdout);
        }

        if (report.Unreadable.Count > 0)
        {
            return ExitUsageOrUnreadable;
        }

        return settings.FailLevel != Severity.None && findings.Any(f => f.Severity >= settings.FailLevel) ? ExitFindings : ExitOk;
    }

    /// <summary>A path as shown to the user: relative to the root (with '/') when under it, else absolute.</summary>
    public static string Display(string fullPath, string root)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative.Replace('\\', '/');
    }

    /// <summary>Files larger than this are not read (no task definition, template or manifest comes near it).</summary>
    public const long MaxFileBytes = 16L << 20;

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

    /// <summary>The size of a file, or null when it cannot be had (then reading it says why).</summary>
    private static long? LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads a file. A regular file with content is read directly. A zero-length entry may be an empty file, or a named
    /// pipe, a device or a /proc file, which .NET reports as normal files: those are read on the side, at most
    /// <see cref="MaxFileBytes"/>, giving up after <paramref name="timeout"/>, so that nothing can hang the run.
    /// </summary>
    private static bool TryRead(string path, long? knownLength, TimeSpan timeout, out byte[] content, out string reason)
    {
        content = [];
        try
        {
            var length = knownLength ?? new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                reason = string.Format(CultureInfo.InvariantCulture, "the file is {0:N0} bytes, more than the {1:N0} this tool reads", length, MaxFileBytes);
                return false;
            }

            if (length > 0)
            {
                content = File.ReadAllBytes(path);
                reason = "";
                return true;
            }

            var read = Task.Run(() => ReadAtMost(path, MaxFileBytes));
            if (!read.Wait(timeout))
            {
                reason = "reading did not finish in " + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s (a named pipe or a device?)";
                return false;
            }

            content = read.Result ?? [];
            reason = read.Result is null ? "the file has no end (a device?)" : "";
            return read.Result is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || e.InnerException is IOException or UnauthorizedAccessException)
        {
            reason = (e.InnerException ?? e).Message;
            return false;
        }
    }

    private static byte[]? ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static string? ReadText(string path, string root)
    {
        try
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(root, path);

            // Decoded as GitHub's upload action does for its fingerprints: always UTF-8, keeping a byte order mark.
            return Encoding.UTF8.GetString(File.ReadAllBytes(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
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

    private static IEnumerable<string> Walk(string directory, List<(string, string)> unreadable, string root)
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

            var cloudAssembly = IsCloudAssembly(files);
            foreach (var file in files)
            {
                if ((RuleRegistry.Loaders.Any(l => l.Accepts(file)) || (!cloudAssembly && file.EndsWith(".cs", StringComparison.Ordinal)))
                    && !(cloudAssembly && IsCdkOwnFile(Path.GetFileName(file))))
                {
                    yield return file;
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
