using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2003: more than 10 containers in one task definition.</summary>
public sealed class TooManyContainers : Rule
{
    /// <summary>The "Containers per task definition" service quota, which cannot be raised.</summary>
    public const int MaxContainers = 10;

    public override string Id => "ECS2003";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        // Only statically known containers count: an unknown item may be a conditional that yields nothing.
        var containers = task.ContainerDefinitions;
        if (containers.Count <= MaxContainers)
        {
            return;
        }

        var first = containers[MaxContainers];
        context.Report(
            first,
            $"The task definition has {containers.Count.ToString(CultureInfo.InvariantCulture)} containers; ECS allows at most {MaxContainers.ToString(CultureInfo.InvariantCulture)} per task definition and the quota cannot be raised. "
            + $"Move container {ContainerIndex.Describe(first)} and the ones after it to another task definition, or combine sidecars.");
    }
}
