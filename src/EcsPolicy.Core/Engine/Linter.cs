using System.Globalization;
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
    /// <summary>The members that name a list item in <see cref="AnchorOf"/>, in order of preference.</summary>
    private static readonly string[] ItemNames = ["name", "containerName", "sourceVolume", "key"];

    /// <summary>The thread's builder for <see cref="AnchorOf"/>.</summary>
    [ThreadStatic]
    private static System.Text.StringBuilder? t_anchor;

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
    /// The severity of a finding a loader raised: the rule's, except that a loader may report a case of the rule at a
    /// lower severity than the rule's default (e.g. a repeated key that AWS reads past), which then stays at most that.
    /// </summary>
    private Severity LoaderSeverity(Finding finding, IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        var configured = SeverityOf(finding.RuleId, fileSeverities);
        return RuleCatalog.DefaultSeverityOf(finding.RuleId) is { } standard && finding.Severity < standard && finding.Severity < configured
            ? finding.Severity
            : configured;
    }

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
        var suppressions = result.Suppressions;
        var used = new HashSet<Inputs.Suppression>();
        var failures = new Failures(this, notChecked, fileSeverities);
        findings.AddRange(Suppress(
            result.Findings.Select(f => f with { Severity = LoaderSeverity(f, fileSeverities) }).Where(f => f.Severity != Severity.None),
            null,
            suppressions,
            used));
        var variants = new Dictionary<VariantGroup, (string? Origin, List<(int Variant, IEnumerable<Finding> Findings)> Findings)>();
        foreach (var task in result.Tasks)
        {
            // The variants of one resource are one task definition.
            if (task.VariantGroup is null || !variants.ContainsKey(task.VariantGroup))
            {
                tasks++;
            }

            var checkedFindings = Check(task, failures, rules, budget);
            var all = result.TaskFindings.Count == 0 ? checkedFindings : checkedFindings.Concat(LoaderFindingsOf(result, task, fileSeverities));
            var own = WithAnchors(Suppress(all, task.Node, suppressions, used), task.Node, task.DisplayName);
            AddOrCollect(findings, variants, task.VariantGroup, task.VariantIndex, own, task.Origin);
        }

        foreach (var service in result.Services)
        {
            var own = WithAnchors(Suppress(Check(service, failures, rules, budget), service.Node, suppressions, used), service.Node, service.DisplayName);
            AddOrCollect(findings, variants, service.VariantGroup, service.VariantIndex, own, service.Origin);
        }

        foreach (var cluster in result.Clusters)
        {
            findings.AddRange(WithOrigin(WithAnchors(Suppress(Check(cluster, failures, rules, budget), cluster.Node, suppressions, used), cluster.Node, cluster.DisplayName), cluster.Origin));
        }

        foreach (var group in variants)
        {
            findings.AddRange(WithOrigin(MergeVariants(group.Key, group.Value.Findings), group.Value.Origin));
        }

        findings.AddRange(SuppressionFindings(suppressions, used, fileSeverities));
        for (var i = first; i < findings.Count; i++)
        {
            findings[i] = FindingRenderer.Render(findings[i], result.Vocabulary);
        }

        return tasks;
    }

    /// <summary>Runs every enabled rule on one task definition; a rule that fails adds its reason to <paramref name="internalErrors"/>.</summary>
    public IReadOnlyList<Finding> Check(TaskDefinition task, List<string>? internalErrors = null) => FindingRenderer.Render(Check(task, new Failures(this, internalErrors, null), _rules, new Budget()));

    /// <summary>Runs every enabled rule on one service (with the task definition it runs, when resolved).</summary>
    public IReadOnlyList<Finding> Check(Service service, List<string>? internalErrors = null) => FindingRenderer.Render(Check(service, new Failures(this, internalErrors, null), _rules, new Budget()));

    /// <summary>Runs every enabled rule on one cluster.</summary>
    public IReadOnlyList<Finding> Check(Cluster cluster, List<string>? internalErrors = null) => FindingRenderer.Render(Check(cluster, new Failures(this, internalErrors, null), _rules, new Budget()));

    // The findings get their anchors as they are made (see WithAnchors), so that they are not copied afterwards.
    private static List<Finding> Check(TaskDefinition task, Failures failures, (Rule, Severity)[] rules, Budget budget)
    {
        if (task.ContainersLeftOut is { Count: > 0 } leftOut)
        {
            budget.NotChecked(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "the task definition has {0:N0} containers (ECS allows 10), and the {1:N0} after the first {2:N0} were not checked",
                    leftOut.Count + TaskDefinition.MaxContainersChecked,
                    leftOut.Count,
                    TaskDefinition.MaxContainersChecked),
                leftOut.First);
        }

        return Run(rules, new DocumentContext(task, task.Node, task.DisplayName, budget), failures, task.AnchorLocation, task.DisplayName, (rule, context) => rule.Check(task, context));
    }

    private static List<Finding> Check(Service service, Failures failures, (Rule, Severity)[] rules, Budget budget) =>
        Run(rules, new DocumentContext(service.ResolvedTaskDefinition ?? NoTask(service.Node), service.Node, service.DisplayName, budget), failures, service.AnchorLocation, service.DisplayName, (rule, context) => rule.CheckService(service, context));

    private static List<Finding> Check(Cluster cluster, Failures failures, (Rule, Severity)[] rules, Budget budget) =>
        Run(rules, new DocumentContext(NoTask(cluster.Node), cluster.Node, cluster.DisplayName, budget), failures, cluster.AnchorLocation, cluster.DisplayName, (rule, context) => rule.CheckCluster(cluster, context));

    private static TaskDefinition NoTask(SNode near) =>
        TaskDefinition.Create(SNode.Object(near.Location, []), SourceFormat.TaskDefinitionJson, "");

    private static List<Finding> Run((Rule Rule, Severity Severity)[] rules, DocumentContext document, Failures failures, SourceLocation where, string objectName, Action<Rule, RuleContext> check)
    {
        var findings = new List<Finding>();
        RuleContext? context = null;
        foreach (var (rule, severity) in rules)
        {
            try
            {
                context = context is null ? new RuleContext(rule.Id, severity, document, findings) : context.For(rule.Id, severity);
                check(rule, context);
            }
            catch (Exception e)
            {
                failures.Add(findings, where, "running rule " + rule.Id + (objectName.Length > 0 ? " on '" + objectName + "'" : ""), e);
            }
        }

        return findings;
    }

    /// <summary>Where the internal errors of the rules go: ECS0009 findings among the object's, and their reasons.</summary>
    private sealed class Failures(Linter linter, List<string>? reasons, IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        public void Add(List<Finding> findings, SourceLocation where, string doing, Exception e) =>
            linter.AddInternalError(findings, reasons ?? [], where, doing, e, fileSeverities);
    }

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
            .Select(f => f with { Severity = LoaderSeverity(f, fileSeverities) })
            .Where(f => f.Severity != Severity.None);

    /// <summary>
    /// The findings with their <see cref="Finding.Anchor"/>: the object's name and the model path, list items named. The
    /// rules' findings have it already; the loaders' findings about the object get it here.
    /// </summary>
    private static List<Finding> WithAnchors(List<Finding> findings, SNode root, string objectName)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            if (findings[i].Anchor.Length == 0)
            {
                findings[i] = findings[i] with { Anchor = AnchorOf(root, objectName, findings[i].Path) };
            }
        }

        return findings;
    }

    /// <summary>
    /// A stable logical name for a place in the model: <c>object:member.member[item].member</c>, where a list item is
    /// named by its <c>name</c> (or <c>containerName</c>, <c>sourceVolume</c>, <c>key</c>) when it has one, else by its index.
    /// </summary>
    public static string AnchorOf(SNode root, string objectName, string path)
    {
        // Once per finding: the path's segments are walked in place, without splitting the path or LINQ, into the
        // thread's builder.
        var anchor = (t_anchor ??= new System.Text.StringBuilder(256)).Clear().Append(objectName).Append(':');
        var node = (SNode?)root;
        var first = true;
        for (var start = 0; start < path.Length;)
        {
            var end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            if (end > start)
            {
                var segment = path.Substring(start, end - start);
                if (segment.IndexOf('~') >= 0)
                {
                    segment = segment.Replace("~1", "/").Replace("~0", "~");
                }

                if (node is { Kind: NodeKind.Array } && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < node.Children.Count)
                {
                    node = node.Children[index];
                    anchor.Append('[').Append(ItemName(node) ?? segment).Append(']');
                }
                else
                {
                    node = node?.Kind == NodeKind.Object ? node.Get(segment) : null;
                    anchor.Append(first ? "" : ".").Append(segment);
                }

                first = false;
            }

            start = end + 1;
        }

        var text = anchor.ToString();
        if (anchor.Capacity > 4096)
        {
            t_anchor = null;
        }

        return text;
    }

    private static string? ItemName(SNode item)
    {
        foreach (var name in ItemNames)
        {
            if (item.Get(name) is { IsScalar: true } value)
            {
                return value.Scalar;
            }
        }

        return null;
    }

    /// <summary>
    /// The findings that no suppression covers; the covered ones too, marked, when <see cref="LintOptions.IncludeSuppressed"/>.
    /// The suppressions that covered something are added to <paramref name="used"/>. Materialized, so that each
    /// finding is matched once.
    /// </summary>
    private List<Finding> Suppress(IEnumerable<Finding> findings, SNode? objectRoot, IReadOnlyList<Inputs.Suppression> suppressions, HashSet<Inputs.Suppression> used)
    {
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            Inputs.Suppression? by = null;
            foreach (var suppression in IsFailClosed(finding.RuleId) ? [] : suppressions)
            {
                if (suppression.Covers(finding, objectRoot))
                {
                    by ??= suppression;
                    used.Add(suppression);
                }
            }

            if (by is null)
            {
                result.Add(finding);
            }
            else if (_options.IncludeSuppressed)
            {
                result.Add(finding with { SuppressedBy = new FindingSuppression(by.Reason, by.Location) });
            }
        }

        return result;
    }

    /// <summary>
    /// The findings about the suppressions themselves: ECS0007 for one without a reason, ECS0008 (when asked) for one that
    /// covers nothing. A suppression of several rules written once is reported once.
    /// </summary>
    private IEnumerable<Finding> SuppressionFindings(IReadOnlyList<Inputs.Suppression> suppressions, HashSet<Inputs.Suppression> used, IReadOnlyDictionary<string, Severity>? fileSeverities)
    {
        var withoutReason = SeverityOf("ECS0007", fileSeverities);
        var unused = _options.ReportUnusedSuppressions ? SeverityOf("ECS0008", fileSeverities) : Severity.None;

        // Only suppressions of our rules are ours to judge: "#pragma warning disable CS8618" in a CDK file is the
        // compiler's, an Aspire or IDE diagnostic's is theirs.
        foreach (var group in suppressions.Where(s => IsOwnRuleId(s.RuleId)).GroupBy(s => s.Location))
        {
            var ids = string.Join(", ", group.Select(s => s.RuleId).Distinct(StringComparer.OrdinalIgnoreCase));
            if (withoutReason != Severity.None && group.All(s => string.IsNullOrWhiteSpace(s.Reason)))
            {
                yield return new Finding("ECS0007", withoutReason, "The suppression of " + ids + " gives no reason, so a reviewer cannot tell why the finding is accepted. Add one where it is written: after '--' in a YAML comment, as 'reason:' in template metadata, as a comment after a #pragma, or as the Justification of [SuppressMessage].", group.Key, "");
            }

            if (unused != Severity.None)
            {
                foreach (var suppression in group.Where(s => !used.Contains(s)))
                {
                    yield return new Finding("ECS0008", unused, "The suppression of " + suppression.RuleId + " covers no finding: the problem was fixed or the suppression is in the wrong place. Remove it, or move it to the line the finding is on.", suppression.Location, "");
                }
            }
        }
    }

    /// <summary>Whether <paramref name="id"/> names a rule of EcsPolicy (ECSnnnn) or one of this run's custom policies.</summary>
    private bool IsOwnRuleId(string id) =>
        id.StartsWith("ECS", StringComparison.OrdinalIgnoreCase) || _options.Policies.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    private static void AddOrCollect(
        List<Finding> findings,
        Dictionary<VariantGroup, (string? Origin, List<(int Variant, IEnumerable<Finding> Findings)> Findings)> variants,
        VariantGroup? group,
        int variant,
        IEnumerable<Finding> own,
        string? origin)
    {
        if (group is null)
        {
            findings.AddRange(WithOrigin(own, origin));
            return;
        }

        if (!variants.TryGetValue(group, out var entry))
        {
            // The variants of one resource share its origin.
            variants[group] = entry = (origin, []);
        }

        entry.Findings.Add((variant, own));
    }

    /// <summary>
    /// Marks each finding with where the object comes from when the file alone does not tell (see
    /// <see cref="Service.Origin"/>), which the rendered message ends with (<see cref="FindingRenderer"/>).
    /// </summary>
    private static IEnumerable<Finding> WithOrigin(IEnumerable<Finding> findings, string? origin) =>
        string.IsNullOrEmpty(origin) ? findings : findings.Select(f => f with { Origin = origin });

    /// <summary>
    /// The findings of the variants of one resource (see <see cref="VariantGroup"/>), each once: a finding (same rule,
    /// location, path and message) of every variant as it is; one of some variants only with the conditions under
    /// which it holds (<see cref="VariantGroup.Qualify"/>, <see cref="Finding.When"/>), e.g. <c>when condition 'IsProd'
    /// is true</c> or <c>in environment 'prod'</c>, which the rendered message says. So when both
    /// branches of an <c>Fn::If</c> are wrong, each branch value is reported where it is written, with its condition.
    /// </summary>
    private static IEnumerable<Finding> MergeVariants(VariantGroup group, List<(int Variant, IEnumerable<Finding> Findings)> variants)
    {
        var holdsIn = new Dictionary<Finding, HashSet<int>>();
        var order = new List<Finding>();
        foreach (var (variant, own) in variants)
        {
            foreach (var finding in own)
            {
                if (!holdsIn.TryGetValue(finding, out var set))
                {
                    holdsIn[finding] = set = [];
                    order.Add(finding);
                }

                set.Add(variant);
            }
        }

        // Variants that failed to load hold nothing; a finding of all the others is still a finding of every variant.
        var loaded = new HashSet<int>(variants.Select(v => v.Variant));
        foreach (var finding in order)
        {
            var set = holdsIn[finding];
            var when = set.SetEquals(loaded) ? null : group.Qualify(set);
            yield return when is null ? finding : finding with { When = when };
        }
    }

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
