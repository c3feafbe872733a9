using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2015: startTimeout or stopTimeout outside 2-120 seconds on Fargate.</summary>
public sealed class TimeoutOutOfRange : Rule
{
    public override string Id => "ECS2015";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.OnFargate)
        {
            return;
        }

        foreach (var container in task.ContainerDefinitions)
        {
            Check(task, container, container.StartTimeout, "startTimeout", context);
            Check(task, container, container.StopTimeout, "stopTimeout", context);
        }
    }

    private static void Check(TaskDefinition task, ContainerDefinition container, Val<long> value, string member, RuleContext context)
    {
        if (value.IsKnown && (value.Value < 2 || value.Value > 120))
        {
            context.Report(
                value,
                FindingText.Of($"Container {ContainerIndex.Describe(container)} sets {PropRef.Of(container, member)} {value.Value.ToString(CultureInfo.InvariantCulture)}; on Fargate it must be between 2 and 120 seconds. Set a value in that range.") + Fargate.FargateText.Via(task));
        }
    }
}
