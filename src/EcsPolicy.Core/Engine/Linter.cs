using EcsPolicy.Catalog;
using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Engine;

/// <summary>Settings for a lint run.</summary>
public sealed class LintOptions
{
    /// <summary>Severity per rule ID, overriding the catalog default; <see cref="Severity.None"/> switches a rule off.</summary>
    public IReadOnlyDictionary<string, Severity> SeverityOverrides { get; init; } = new Dictionary<string, Severity>();
}

/// <summary>The outcome for one file.</summary>
public sealed record FileResult(string Path, bool Recognized, int TaskCount, IReadOnlyList<Finding> Findings, IReadOnlyList<string> InternalErrors)
{
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
        _rules = RuleRegistry.Rules
            .Select(r => (r, SeverityOf(r.Id)))
            .Where(x => x.Item2 != Severity.None)
            .ToArray();
    }

    /// <summary>The rules that run, with their effective severity.</summary>
    public IEnumerable<(Rule Rule, Severity Severity)> EnabledRules => _rules;

    public Severity SeverityOf(string ruleId) =>
        _options.SeverityOverrides.TryGetValue(ruleId, out var s) ? s : RuleCatalog.Find(ruleId)?.DefaultSeverity ?? Severity.Error;

    /// <summary>Lints one file's content. Never throws: an internal failure is returned in <see cref="FileResult.InternalErrors"/>.</summary>
    public FileResult LintFile(string path, byte[] content, bool explicitlyGiven, Inputs.LoadContext? context = null)
    {
        var findings = new List<Finding>();
        var errors = new List<string>();
        var recognized = false;
        var tasks = 0;
        string? skippedAs = null;
        foreach (var loader in RuleRegistry.Loaders.Where(l => l.Accepts(path)))
        {
            Inputs.LoadResult result;
            try
            {
                result = loader.Load(path, content, explicitlyGiven, context);
            }
            catch (Exception e)
            {
                errors.Add(loader.GetType().Name + ": " + e.GetType().Name + ": " + e.Message);
                continue;
            }

            if (!result.Recognized)
            {
                continue;
            }

            recognized = true;
            skippedAs = result.SkippedAs;
            tasks += AddFindings(result, findings, errors);
            break;
        }

        if (!recognized && explicitlyGiven && errors.Count == 0 && RuleRegistry.Loaders.Any(l => l.Accepts(path)))
        {
            recognized = false;
        }

        findings.Sort(Finding.Order);
        return new FileResult(path, recognized, tasks, Dedupe(findings), errors) { SkippedAs = skippedAs };
    }

    /// <summary>
    /// Lints the model objects that a front end outside the loaders built (e.g. the C# extractor, from source code
    /// rather than file bytes) exactly as <see cref="LintFile"/> lints a loaded file: loader findings, every object's
    /// findings ending with its origin, variants merged, in-file suppressions applied, sorted and deduplicated.
    /// Never throws: an internal failure is returned in <see cref="FileResult.InternalErrors"/>.
    /// </summary>
    public FileResult LintModel(string path, Inputs.LoadResult result)
    {
        var findings = new List<Finding>();
        var errors = new List<string>();
        var tasks = 0;
        try
        {
            tasks = AddFindings(result, findings, errors);
        }
        catch (Exception e)
        {
            errors.Add(e.GetType().Name + ": " + e.Message);
        }

        findings.Sort(Finding.Order);
        return new FileResult(path, result.Recognized, tasks, Dedupe(findings), errors) { SkippedAs = result.SkippedAs };
    }

    // Adds the findings of one load result; returns the number of task definitions (variants of one resource count once).
    private int AddFindings(Inputs.LoadResult result, List<Finding> findings, List<string> errors)
    {
        var tasks = 0;
        var suppressions = result.Suppressions;
        findings.AddRange(result.Findings
            .Select(f => f with { Severity = SeverityOf(f.RuleId) })
            .Where(f => f.Severity != Severity.None && !suppressions.Any(s => s.Covers(f, null))));
        var variants = new Dictionary<VariantGroup, (string? Origin, List<(int Variant, IEnumerable<Finding> Findings)> Findings)>();
        foreach (var task in result.Tasks)
        {
            // The variants of one resource are one task definition.
            if (task.VariantGroup is null || !variants.ContainsKey(task.VariantGroup))
            {
                tasks++;
            }

            var own = Unsuppressed(Check(task, errors), task.Node, suppressions);
            AddOrCollect(findings, variants, task.VariantGroup, task.VariantIndex, own, task.Origin);
        }

        foreach (var service in result.Services)
        {
            var own = Unsuppressed(Check(service, errors), service.Node, suppressions);
            AddOrCollect(findings, variants, service.VariantGroup, service.VariantIndex, own, service.Origin);
        }

        foreach (var cluster in result.Clusters)
        {
            findings.AddRange(WithOrigin(Unsuppressed(Check(cluster, errors), cluster.Node, suppressions), cluster.Origin));
        }

        foreach (var group in variants)
        {
            findings.AddRange(WithOrigin(MergeVariants(group.Key, group.Value.Findings), group.Value.Origin));
        }

        return tasks;
    }

    /// <summary>Runs every enabled rule on one task definition.</summary>
    public IReadOnlyList<Finding> Check(TaskDefinition task, List<string>? internalErrors = null) =>
        Run(new DocumentContext(task), internalErrors, (rule, context) => rule.Check(task, context));

    /// <summary>Runs every enabled rule on one service (with the task definition it runs, when resolved).</summary>
    public IReadOnlyList<Finding> Check(Service service, List<string>? internalErrors = null) =>
        Run(new DocumentContext(service.ResolvedTaskDefinition ?? NoTask(service.Node)), internalErrors, (rule, context) => rule.CheckService(service, context));

    /// <summary>Runs every enabled rule on one cluster.</summary>
    public IReadOnlyList<Finding> Check(Cluster cluster, List<string>? internalErrors = null) =>
        Run(new DocumentContext(NoTask(cluster.Node)), internalErrors, (rule, context) => rule.CheckCluster(cluster, context));

    private static TaskDefinition NoTask(SNode near) =>
        TaskDefinition.Create(SNode.Object(near.Location, []), SourceFormat.TaskDefinitionJson, "");

    private List<Finding> Run(DocumentContext document, List<string>? internalErrors, Action<Rule, RuleContext> check)
    {
        var findings = new List<Finding>();
        foreach (var (rule, severity) in _rules)
        {
            try
            {
                check(rule, new RuleContext(rule.Id, severity, document, findings));
            }
            catch (Exception e)
            {
                internalErrors?.Add(rule.Id + ": " + e.GetType().Name + ": " + e.Message);
            }
        }

        return findings;
    }

    private static IEnumerable<Finding> Unsuppressed(IEnumerable<Finding> findings, SNode objectRoot, IReadOnlyList<Inputs.Suppression> suppressions) =>
        suppressions.Count == 0 ? findings : findings.Where(f => !suppressions.Any(s => s.Covers(f, objectRoot)));

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
    /// Ends each message with where the object comes from when the file alone does not tell (see
    /// <see cref="Service.Origin"/>), e.g. <c>... through a load balancer. [construct MyStack/Api/Service]</c>; after the
    /// conditions of a variant, so that those stay part of the sentence they qualify.
    /// </summary>
    private static IEnumerable<Finding> WithOrigin(IEnumerable<Finding> findings, string? origin) =>
        string.IsNullOrEmpty(origin) ? findings : findings.Select(f => f with { Message = f.Message + " [" + origin + "]" });

    /// <summary>
    /// The findings of the variants of one resource (see <see cref="VariantGroup"/>), each once: a finding (same rule,
    /// location, path and message) of every variant as it is; one of some variants only with the conditions under
    /// which it holds (<see cref="VariantGroup.Qualify"/>), e.g. <c>(when condition 'IsProd' is true)</c> or
    /// <c>(in environment 'prod')</c>, before the message's final period. So when both
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
            yield return when is null ? finding : finding with { Message = WithCondition(finding.Message, when) };
        }
    }

    private static string WithCondition(string message, string when) =>
        message.EndsWith(".", StringComparison.Ordinal)
            ? message.Substring(0, message.Length - 1) + " (" + when + ")."
            : message + " (" + when + ")";

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
