using EcsPolicy.Model;

namespace EcsPolicy.Rules.Placement;

/// <summary>ECS4006: Fargate places tasks itself; constraints and strategies are not supported there.</summary>
public sealed class PlacementOnFargate : Rule
{
    public override string Id => "ECS4006";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (task.OnFargate && task.PlacementConstraints.State == ValueState.Known && task.PlacementConstraints.Count + task.PlacementConstraints.UnknownItems > 0)
        {
            context.Report(task.PlacementConstraints, FindingText.Of($"Placement constraints are not supported for tasks run on Fargate, and this task definition requires FARGATE. Remove {PropRef.Of(task, "placementConstraints")}, or drop FARGATE from {PropRef.Of(task, "requiresCompatibilities")}.") + Fargate.FargateText.Via(task));
        }
    }

    public override void CheckService(Service service, RuleContext context)
    {
        if (!service.RunsOnFargate)
        {
            return;
        }

        if (service.PlacementConstraints.State == ValueState.Known && service.PlacementConstraints.Count > 0)
        {
            context.Report(service.PlacementConstraints, $"Placement constraints are not supported for services on Fargate: Fargate chooses where tasks run. Remove {PropRef.Of(service, "placementConstraints")}.");
        }

        if (service.PlacementStrategy.State == ValueState.Known && service.PlacementStrategy.Count > 0)
        {
            context.Report(service.PlacementStrategy, $"Placement strategies are not supported for services on Fargate (tasks are spread across Availability Zones already). Remove {PropRef.Of(service, "placementStrategy")}.");
        }
    }
}
