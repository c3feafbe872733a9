using EcsPolicy.Catalog;
using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Engine;

/// <summary>Settings for a lint run.</summary>
public sealed class LintOptions
{
    /// <summary>Severity per rule ID, overriding the catalog default; <see cref="Severity.None"/> switches a rule off.</summary>
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>();

    /// <summary>Report in-file suppressions that cover no finding (ECS0008).</summary>
    public bool ReportUnusedSuppressions { get; init; }

    /// <summary>Keep suppressed findings, marked with <see cref="Finding.SuppressedBy"/>, instead of dropping them.</summary>
    public bool IncludeSuppressed { get; init; }

    /// <summary>The team's own policies (<c>--policies DIR</c>), run with the built-in rules.</summary>
    public IReadOnlyList<Policies.CustomPolicy> Policies { get; init; } = [];

    /// <summary>
    /// Keep each finding's <see cref="Finding.Fix"/> (for <c>--fix</c> and the analyzer's code fixes). A fix refers to the
    /// file's tree, so a run that does not apply fixes drops them: a scan of thousands of files then keeps only its
    /// findings' text, not every file's tree, until the report is written.
    /// </summary>
    public bool KeepFixes { get; init; } = true;

    /// <summary>The rules to run (before <see cref="Policies"/>): every rule of the catalog unless a host chooses others.</summary>
    public IReadOnlyList<Rule> Rules { get; init; } = RuleRegistry.Rules;
}

/// <summary>
/// The outcome for one file. <paramref name="NotChecked"/> says why the file was not checked completely (an internal
/// error, a spent <see cref="Budget"/>, a file that cannot be read), one reason each; every reason also has its ECS0009
/// or ECS0001 finding among <paramref name="Findings"/>. Empty when the file was checked completely.
/// </summary>
public sealed record FileResult(string Path, bool Recognized, int TaskCount, IReadOnlyList<Finding> Findings, IReadOnlyList<string> NotChecked)
{
    /// <summary>Whether every part of the file was checked (see <see cref="NotChecked"/>).</summary>
    public bool CheckedCompletely => NotChecked.Count == 0;

    /// <summary>For a recognised input that does not run on ECS: what it is (see <see cref="Inputs.LoadResult.SkippedAs"/>).</summary>
    public string? SkippedAs { get; init; }
}

/// <summary>Loads inputs and runs every enabled rule on each task definition found.</summary>
public sealed class Linter
{
    private readonly (Rule Rule, Severity Severity)[] _rules;
    private readonly LintOptions _options;

    public Linter(LintOptions? options = null)
    {
        _options = options ?? new LintOptions();
        _rules = RulesAt(null);
    }

    /// <summary>Whether the run includes custom policies (<see cref="LintOptions.Policies"/>).</summary>
    public bool RunsCustomPolicies => _options.Policies.Count > 0;

    /// <summary>The rules that run, with their effective severity.</summary>
    public IEnumerable<(Rule Rule, Severity Severity)> EnabledRules => _rules;

    public Severity SeverityOf(string ruleId) => SeverityOf(ruleId, null);

    /// <summary>
    /// The severity of a rule for one file: <paramref name="fileSeverities"/> (the file's configuration), else the
    /// run's <see cref="LintOptions.SeverityOverrides"/>, else the catalog default.
    /// </summary>
    public Severity SeverityOf(string ruleId, IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        var configured = fileSeverities != null && fileSeverities.TryGetValue(ruleId, out var f) ? f
            : _options.SeverityOverrides.TryGetValue(ruleId, out var s) ? s
            : (Severity?)null;
        if (configured is { } severity && !(severity == Severity.None && IsFailClosed(ruleId)))
        {
            return severity;
        }

        return RuleCatalog.DefaultSeverityOf(ruleId)
            ?? _options.Policies.FirstOrDefault(p => p.Id == ruleId)?.Metadata.DefaultSeverity
            ?? Severity.Error;
    }

    /// <summary>
    /// A finding a loader raised, at the rule's severity for the file (loaders do not choose severities; one may cap an
    /// instance below its rule, e.g. a repeated key that AWS reads past, see <see cref="LoaderFinding.AtMost"/>).
    /// </summary>
    private Finding Rate(LoaderFinding finding, IReadOnlyDictionary<string, Severity>? fileSeverities) =>
        finding.Rated(SeverityOf(finding.RuleId, fileSeverities));

    /// <summary>The rule of a file that could not be read or parsed.</summary>
    public const string UnreadableId = "ECS0001";

    /// <summary>The rule of a file that was not checked completely (an internal error, a spent <see cref="Budget"/>).</summary>
    public const string NotCheckedId = "ECS0009";

    /// <summary>
    /// Whether a rule says that a file was not (completely) checked: ECS0001 and ECS0009. Such a finding is never
    /// switched off, suppressed in the file or hidden by a baseline, since a gate must not pass a file it did not check;
    /// its severity can still be changed.
    /// </summary>
    public static bool IsFailClosed(string ruleId) => ruleId is UnreadableId or NotCheckedId;

    // Plain loops: LINQ over these value tuples is compiled just in time on first use even in a ReadyToRun image, which
    // cost a fresh compiler process (the analyzer) and a one-file check 5 to 10 ms.
    private (Rule Rule, Severity Severity)[] RulesAt(IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        var rules = new (Rule Rule, Severity Severity)[_options.Rules.Count + _options.Policies.Count];
        var count = 0;
        foreach (var rule in _options.Rules)
        {
            Add(rule);
        }

        foreach (var policy in _options.Policies)
        {
            Add(policy);
        }

        if (count == rules.Length)
        {
            return rules;
        }

        var enabled = new (Rule Rule, Severity Severity)[count];
        Array.Copy(rules, enabled, count);
        return enabled;

        void Add(Rule rule)
        {
            if (SeverityOf(rule.Id, fileSeverities) is var severity and not Severity.None)
            {
                rules[count++] = (rule, severity);
            }
        }
    }

    /// <summary>
    /// Lints one file's content. Never throws: an internal failure or a spent <see cref="Budget"/> becomes an ECS0009
    /// finding, with its reason in <see cref="FileResult.NotChecked"/>. <paramref name="fileSeverities"/>: rule
    /// severities configured for this file (<see cref="Severity.None"/> turns a rule off), over the run's.
    /// </summary>
    public FileResult LintFile(string path, byte[] content, bool explicitlyGiven, Inputs.LoadContext? context = null, IReadOnlyDictionary<string, Severity>? fileSeverities = null)
    {
        var rules = fileSeverities is null || fileSeverities.Count == 0 ? _rules : RulesAt(fileSeverities);
        var findings = new List<Finding>();
        var notChecked = new List<string>();
        var recognized = false;
        var tasks = 0;
        string? skippedAs = null;
        var budget = context?.Budget ?? new Budget();
        var loadContext = context?.Budget is null ? new Inputs.LoadContext { ConstructPaths = context?.ConstructPaths, Budget = budget } : context;
        // The formats the file may be, in the detector's order of priority: the next is tried when a loader does not
        // recognise the file or fails on it.
        foreach (var format in Inputs.FormatDetector.Candidates(path, content, explicitlyGiven))
        {
            var loader = RuleRegistry.LoaderOf(format);
            Inputs.LoadResult result;
            try
            {
                result = loader.Load(path, content, explicitlyGiven, loadContext);
            }
            catch (Exception e)
            {
                // The file may still be another loader's; either way this one could not read it, which is reported.
                recognized = true;
                AddInternalError(findings, notChecked, SourceLocation.At(path, 1, 1), "reading the file as " + LoaderName(loader), e, fileSeverities);
                continue;
            }

            if (!result.Recognized)
            {
                continue;
            }

            recognized = true;
            skippedAs = result.SkippedAs;
            tasks += AddFindings(result, findings, notChecked, rules, fileSeverities, budget);
            break;
        }

        AddGaps(budget, findings, notChecked, fileSeverities);
        findings.Sort(Finding.Order);
        return new FileResult(path, recognized, tasks, Dedupe(findings), notChecked) { SkippedAs = skippedAs };
    }

    /// <summary>
    /// Lints the model objects that a front end outside the loaders built (e.g. the C# extractor, from source code
    /// rather than file bytes) exactly as <see cref="LintFile"/> lints a loaded file: loader findings, every object's
    /// findings ending with its origin, variants merged, in-file suppressions applied, sorted and deduplicated.
    /// <paramref name="budget"/>: the one the front end took from while building the model (its gaps are reported too).
    /// Never throws: an internal failure becomes an ECS0009 finding (see <see cref="LintFile"/>).
    /// </summary>
    public FileResult LintModel(string path, Inputs.LoadResult result, IReadOnlyDictionary<string, Severity>? fileSeverities = null, Budget? budget = null)
    {
        var findings = new List<Finding>();
        var notChecked = new List<string>();
        var tasks = 0;
        budget ??= new Budget();
        try
        {
            var rules = fileSeverities is null || fileSeverities.Count == 0 ? _rules : RulesAt(fileSeverities);
            tasks = AddFindings(result, findings, notChecked, rules, fileSeverities, budget);
        }
        catch (Exception e)
        {
            AddInternalError(findings, notChecked, SourceLocation.At(path, 1, 1), "checking the file", e, fileSeverities);
        }

        AddGaps(budget, findings, notChecked, fileSeverities);
        findings.Sort(Finding.Order);
        return new FileResult(path, result.Recognized || notChecked.Count > 0, tasks, Dedupe(findings), notChecked) { SkippedAs = result.SkippedAs };
    }

    /// <summary>
    /// The result of a file that a front end could not check at all (<paramref name="e"/> stopped it while
    /// <paramref name="doing"/>, e.g. "reading the C# code"): one ECS0009 finding at the file's start.
    /// </summary>
    public FileResult Failed(string path, string doing, Exception e, IReadOnlyDictionary<string, Severity>? fileSeverities = null)
    {
        var findings = new List<Finding>();
        var notChecked = new List<string>();
        AddInternalError(findings, notChecked, SourceLocation.At(path, 1, 1), doing, e, fileSeverities);
        return new FileResult(path, true, 0, findings, notChecked);
    }

    /// <summary>
    /// The ECS0009 finding of a part of a file that was not checked, and why (a sentence part, e.g. "the resolved
    /// Fn::Join would build more than ...").
    /// </summary>
    public Finding NotCheckedFinding(string reason, SourceLocation where, IReadOnlyDictionary<string, Severity>? fileSeverities = null) =>
        new(NotCheckedId, SeverityOf(NotCheckedId, fileSeverities), NotCheckedMessage(reason), where, "");

    /// <summary>The message of an ECS0009 finding.</summary>
    public static string NotCheckedMessage(string reason) =>
        "This part of the file was not checked completely: " + reason + ". Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.";

    private void AddInternalError(List<Finding> findings, List<string> notChecked, SourceLocation where, string doing, Exception e, IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        // The exception's message is left out: it may quote a value of the file, and findings never repeat values.
        var what = e.GetType().Name + Where(e);
        notChecked.Add("an internal error (" + what + ") while " + doing);
        findings.Add(new Finding(
            NotCheckedId,
            SeverityOf(NotCheckedId, fileSeverities),
            "EcsPolicy could not finish " + doing + ": an internal error (" + what + ") stopped it, so findings may be missing. This is a bug in EcsPolicy: please report it with the file. The other checks of the file and the other files ran.",
            where,
            ""));
    }

    /// <summary>The ECS0009 findings of the places where <paramref name="budget"/> records the file was not checked.</summary>
    private void AddGaps(Budget budget, List<Finding> findings, List<string> notChecked, IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        foreach (var gap in budget.Gaps)
        {
            notChecked.Add(gap.Reason + " (" + gap.Location + ")");
            findings.Add(NotCheckedFinding(gap.Reason, gap.Location, fileSeverities));
        }
    }

    /// <summary>A loader's name as a user reads it: "CloudFormationLoader" is "CloudFormation".</summary>
    private static string LoaderName(Inputs.IInputLoader loader)
    {
        var name = loader.GetType().Name;
        return name.EndsWith("Loader", StringComparison.Ordinal) ? name.Substring(0, name.Length - 6) : name;
    }

    // Adds the findings of one load result; returns the number of task definitions (variants of one resource count once).
    private int AddFindings(Inputs.LoadResult result, List<Finding> findings, List<string> notChecked, (Rule Rule, Severity Severity)[] rules, IReadOnlyDictionary<string, Severity>? fileSeverities, Budget budget)
    {
        var tasks = 0;
        var first = findings.Count;
        var suppressor = new Suppressor(result.Suppressions, _options.IncludeSuppressed);
        var failures = Failed(notChecked, fileSeverities);
        findings.AddRange(suppressor.Apply(
            result.Findings.Select(f => Rate(f, fileSeverities)).Where(f => f.Severity != Severity.None),
            null));
        var variants = new VariantMerger();
        foreach (var task in result.Tasks)
        {
            // The variants of one resource are one task definition.
            if (task.VariantGroup is null || !variants.Has(task.VariantGroup))
            {
                tasks++;
            }

            var checkedFindings = RuleRunner.Check(task, failures, rules, budget);
            var all = result.TaskFindings.Count == 0 ? checkedFindings : checkedFindings.Concat(LoaderFindingsOf(result, task, fileSeverities));
            var own = Anchors.With(suppressor.Apply(all, task.Node), task.Node, task.DisplayName);
            variants.Add(findings, task.VariantGroup, task.VariantIndex, own, task.Origin);
        }

        foreach (var service in result.Services)
        {
            var own = Anchors.With(suppressor.Apply(RuleRunner.Check(service, failures, rules, budget), service.Node), service.Node, service.DisplayName);
            variants.Add(findings, service.VariantGroup, service.VariantIndex, own, service.Origin);
        }

        foreach (var cluster in result.Clusters)
        {
            findings.AddRange(VariantMerger.WithOrigin(Anchors.With(suppressor.Apply(RuleRunner.Check(cluster, failures, rules, budget), cluster.Node), cluster.Node, cluster.DisplayName), cluster.Origin));
        }

        variants.MergeInto(findings);

        findings.AddRange(suppressor.Findings(
            SeverityOf("ECS0007", fileSeverities),
            _options.ReportUnusedSuppressions ? SeverityOf("ECS0008", fileSeverities) : Severity.None,
            IsOwnRuleId));
        for (var i = first; i < findings.Count; i++)
        {
            findings[i] = FindingRenderer.Render(findings[i], result.Vocabulary, _options.KeepFixes);
        }

        return tasks;
    }

    /// <summary>Runs every enabled rule on one task definition; a rule that fails adds its reason to <paramref name="internalErrors"/>.</summary>
    public IReadOnlyList<Finding> Check(TaskDefinition task, List<string>? internalErrors = null) => FindingRenderer.Render(RuleRunner.Check(task, Failed(internalErrors, null), _rules, new Budget()));

    /// <summary>Runs every enabled rule on one service (with the task definition it runs, when resolved).</summary>
    public IReadOnlyList<Finding> Check(Service service, List<string>? internalErrors = null) => FindingRenderer.Render(RuleRunner.Check(service, Failed(internalErrors, null), _rules, new Budget()));

    /// <summary>Runs every enabled rule on one cluster.</summary>
    public IReadOnlyList<Finding> Check(Cluster cluster, List<string>? internalErrors = null) => FindingRenderer.Render(RuleRunner.Check(cluster, Failed(internalErrors, null), _rules, new Budget()));

    /// <summary>Where the internal errors of the rules go: ECS0009 findings among the object's, and their reasons.</summary>
    private RuleFailed Failed(List<string>? reasons, IReadOnlyDictionary<string, Severity>? fileSeverities) =>
        (findings, where, doing, e) => AddInternalError(findings, reasons ?? [], where, doing, e, fileSeverities);

    /// <summary>
    /// Where an internal error happened, for the bug report: the type and method of the innermost frame of ours, read
    /// from the stack trace's text ("at EcsPolicy.Rules.X.Check(...)"), which an ahead-of-time compiled CLI also writes
    /// (it keeps no reflection data for <c>StackFrame.GetMethod</c>). The word before the method is skipped, not
    /// matched: a host in another language writes it in that language ("bei" in German).
    /// </summary>
    internal static string Where(Exception e) => Where(e.StackTrace);

    internal static string Where(string? stackTrace)
    {
        foreach (var line in (stackTrace ?? "").Split('\n'))
        {
            var text = line.Trim();
            var start = text.IndexOf(' ') + 1;
            if (start == 0 || string.CompareOrdinal(text, start, "EcsPolicy.", 0, 10) != 0)
            {
                continue;
            }

            var end = text.IndexOf('(', start);
            var name = text.Substring(start, (end < 0 ? text.Length : end) - start);
            var method = name.LastIndexOf('.');
            var type = name.LastIndexOf('.', method - 1);
            return " (in " + name.Substring(type + 1) + ")";
        }

        return "";
    }

    /// <summary>The findings the loader raised about <paramref name="task"/>, at their configured severity.</summary>
    private IEnumerable<Finding> LoaderFindingsOf(Inputs.LoadResult result, TaskDefinition task, IReadOnlyDictionary<string, Severity>? fileSeverities) =>
        result.TaskFindings
            .Where(t => ReferenceEquals(t.Task, task))
            .SelectMany(t => t.Findings)
            .Select(f => Rate(f, fileSeverities))
            .Where(f => f.Severity != Severity.None);

    /// <summary>Whether <paramref name="id"/> names a rule of EcsPolicy (ECSnnnn) or one of this run's custom policies.</summary>
    private bool IsOwnRuleId(string id) =>
        id.StartsWith("ECS", StringComparison.OrdinalIgnoreCase) || _options.Policies.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<Finding> Dedupe(List<Finding> sorted)
    {
        var result = new List<Finding>(sorted.Count);
        foreach (var f in sorted)
        {
            if (result.Count == 0 || !result[result.Count - 1].Equals(f))
            {
                result.Add(f);
            }
        }

        return result;
    }
}
