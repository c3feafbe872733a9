using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2005: a COMPLETE or SUCCESS dependency waits for an essential container.</summary>
public sealed class CompletionDependencyOnEssential : Rule
{
    public override string Id => "ECS2005";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (container, dependency, targets) in ContainerIndex.Of(context).DependenciesWith("COMPLETE", "SUCCESS"))
        {
            var condition = dependency.Condition;
            var target = dependency.ContainerName;
            if (targets.Any(t => !t.Essential.Is(true)))
            {
                continue;
            }

            var how = targets[0].Essential.IsDefault ? "essential by default (\"essential\" is omitted)" : "marked \"essential\": true";
            context.Report(
                condition,
                $"Container {ContainerIndex.Describe(container)} waits for '{target.Value}' to {condition.Value}, but '{target.Value}' is {how}: a container that is expected to exit cannot be essential. "
                + $"Set \"essential\": false on '{target.Value}', or use condition START or HEALTHY.");
        }
    }
}

/// <summary>ECS2006: a HEALTHY dependency waits for a container that has no health check.</summary>
public sealed class HealthyDependencyWithoutHealthCheck : Rule
{
    public override string Id => "ECS2006";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (container, dependency, targets) in ContainerIndex.Of(context).DependenciesWith("HEALTHY"))
        {
            var target = dependency.ContainerName;
            if (targets.Any(t => t.StateOf("healthCheck") != ValueState.Absent))
            {
                continue;
            }

            context.Report(
                dependency.Condition,
                $"Container {ContainerIndex.Describe(container)} waits for '{target.Value}' to be HEALTHY, but '{target.Value}' has no healthCheck, which the HEALTHY condition requires: without one ECS cannot confirm that '{target.Value}' is healthy. "
                + $"Add a healthCheck to '{target.Value}', or use condition START.");
        }
    }
}
