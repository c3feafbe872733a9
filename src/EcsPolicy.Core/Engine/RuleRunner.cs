using System.Globalization;
using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Engine;

/// <summary>What a rule runner does with a rule that threw: adds the ECS0009 finding of the internal error.</summary>
internal delegate void RuleFailed(List<Finding> findings, SourceLocation where, string doing, Exception e);

/// <summary>
/// A stage of the linter: runs the enabled rules on one model object (a task definition, a service with the task
/// definition it runs, a cluster) through one <see cref="RuleContext"/>. A rule that throws does not stop the others.
/// </summary>
internal static class RuleRunner
{
    // The findings get their anchors as they are made (see Anchors.With), so that they are not copied afterwards.
    public static List<Finding> Check(TaskDefinition task, RuleFailed failed, (Rule, Severity)[] rules, Budget budget)
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

        return Run(rules, new DocumentContext(task, task.Node, task.DisplayName, budget), failed, task.AnchorLocation, task.DisplayName, (rule, context) => rule.Check(task, context));
    }

    public static List<Finding> Check(Service service, RuleFailed failed, (Rule, Severity)[] rules, Budget budget) =>
        Run(rules, new DocumentContext(service.ResolvedTaskDefinition ?? NoTask(service.Node), service.Node, service.DisplayName, budget), failed, service.AnchorLocation, service.DisplayName, (rule, context) => rule.CheckService(service, context));

    public static List<Finding> Check(Cluster cluster, RuleFailed failed, (Rule, Severity)[] rules, Budget budget) =>
        Run(rules, new DocumentContext(NoTask(cluster.Node), cluster.Node, cluster.DisplayName, budget), failed, cluster.AnchorLocation, cluster.DisplayName, (rule, context) => rule.CheckCluster(cluster, context));

    private static TaskDefinition NoTask(SNode near) =>
        TaskDefinition.Create(SNode.Object(near.Location, []), SourceFormat.TaskDefinitionJson, "");

    private static List<Finding> Run((Rule Rule, Severity Severity)[] rules, DocumentContext document, RuleFailed failed, SourceLocation where, string objectName, Action<Rule, RuleContext> check)
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
                failed(findings, where, "running rule " + rule.Id + (objectName.Length > 0 ? " on '" + objectName + "'" : ""), e);
            }
        }

        return findings;
    }
}
