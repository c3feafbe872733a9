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
public sealed record FileResult(string Path, bool Recognized, int TaskCount, IReadOnlyList<Finding> Findings, IReadOnlyList<string> InternalErrors);

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
    public FileResult LintFile(string path, byte[] content, bool explicitlyGiven)
    {
        var findings = new List<Finding>();
        var errors = new List<string>();
        var recognized = false;
        var tasks = 0;
        foreach (var loader in RuleRegistry.Loaders.Where(l => l.Accepts(path)))
        {
            Inputs.LoadResult result;
            try
            {
                result = loader.Load(path, content, explicitlyGiven);
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
            findings.AddRange(result.Findings.Select(f => f with { Severity = SeverityOf(f.RuleId) }).Where(f => f.Severity != Severity.None));
            foreach (var task in result.Tasks)
            {
                tasks++;
                findings.AddRange(Check(task, errors));
            }

            foreach (var service in result.Services)
            {
                findings.AddRange(Check(service, errors));
            }

            foreach (var cluster in result.Clusters)
            {
                findings.AddRange(Check(cluster, errors));
            }

            break;
        }

        if (!recognized && explicitlyGiven && errors.Count == 0 && RuleRegistry.Loaders.Any(l => l.Accepts(path)))
        {
            recognized = false;
        }

        findings.Sort(Finding.Order);
        return new FileResult(path, recognized, tasks, Dedupe(findings), errors);
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
