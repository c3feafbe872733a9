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
            var how = targets[0].Essential.IsDefault ? "essential by default (\"essential\" is omitted)" : "marked \"essential\": true";
            context.Report(
                condition,
                $"Container {ContainerIndex.Describe(container)} waits for '{name}' to {condition.Value}, but '{name}' is {how}: a container that is expected to exit cannot be essential. "
                + $"Set \"essential\": false on '{name}', or use condition START or HEALTHY.");
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
        foreach (var (container, dependency, _) in index.DependenciesWith("HEALTHY"))
        {
            var target = dependency.ContainerName;
            if (index.AnyNamed(target.Value, t => t.StateOf("healthCheck") != ValueState.Absent, someHealthCheck))
            {
                continue;
            }

            var name = ContainerIndex.Cut(target.Value);
            context.Report(
                dependency.Condition,
                $"Container {ContainerIndex.Describe(container)} waits for '{name}' to be HEALTHY, but '{name}' has no healthCheck, which the HEALTHY condition requires: without one ECS cannot confirm that '{name}' is healthy. "
                + $"Add a healthCheck to '{name}', or use condition START.");
        }
    }
}
