using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2005: a COMPLETE or SUCCESS dependency waits for an essential container.</summary>
public sealed class CompletionDependencyOnEssential : Rule
{
    public override string Id => "ECS2005";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var index = ContainerIndex.Of(context);
        var someNotEssential = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (container, dependency, targets) in index.DependenciesWith("COMPLETE", "SUCCESS"))
        {
            var condition = dependency.Condition;
            var target = dependency.ContainerName;
            if (index.AnyNamed(target.Value, t => !t.Essential.Is(true), someNotEssential))
            {
                continue;
            }

            var name = ContainerIndex.Cut(target.Value);
            // The essential flag named as the input writes it (a sidecar's sidecars.<name>.essential in Copilot); what the
            // target says now is shown as code, not offered as a fix, so the fix is the edit to false.
            var essential = targets[0];
            var how = essential.Essential.IsDefault
                ? FindingText.Of($"essential by default ({new Quoted(PropRef.Of(essential, "essential"))} is omitted)")
                : FindingText.Of($"marked {ByVocabulary.Code(ModelEdit.Set(essential, "essential", "true"))}");
            context.Report(
                condition,
                FindingText.Of($"Container {ContainerIndex.Describe(container)} waits for '{name}' to {condition.Value}, but '{name}' is {how}: a container that is expected to exit cannot be essential. ")
                + FindingText.Of($"Set {ModelEdit.Set(essential, "essential", "false", safe: false)} on '{name}', or use condition START or HEALTHY."));
        }
    }
}

/// <summary>ECS2006: a HEALTHY dependency waits for a container that has no health check.</summary>
public sealed class HealthyDependencyWithoutHealthCheck : Rule
{
    public override string Id => "ECS2006";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var index = ContainerIndex.Of(context);
        var someHealthCheck = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (container, dependency, targets) in index.DependenciesWith("HEALTHY"))
        {
            var target = dependency.ContainerName;
            if (index.AnyNamed(target.Value, t => t.StateOf("healthCheck") != ValueState.Absent, someHealthCheck))
            {
                continue;
            }

            var name = ContainerIndex.Cut(target.Value);
            var healthCheck = targets.Count > 0 ? PropRef.Of(targets[0], "healthCheck") : new PropRef("ContainerDefinition", "healthCheck", null, null);
            context.Report(
                dependency.Condition,
                FindingText.Of($"Container {ContainerIndex.Describe(container)} waits for '{name}' to be HEALTHY, but '{name}' has no {healthCheck}, which the HEALTHY condition requires: without one ECS cannot confirm that '{name}' is healthy. ")
                + FindingText.Of($"Add {new WithArticle(healthCheck)} to '{name}', or use condition START."));
        }
    }
}
