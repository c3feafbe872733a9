using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>ECS7002: a service on Fargate runs a task definition that is not Fargate-compatible.</summary>
public sealed class FargateServiceWithNonFargateTask : Rule
{
    public override string Id => "ECS7002";

    public override void CheckService(Service service, RuleContext context)
    {
        var task = service.ResolvedTaskDefinition;
        if (task is null || !service.RunsOnFargate)
        {
            return;
        }

        var compatibilities = task.RequiresCompatibilities;
        FindingText? why = null;
        if (compatibilities.State == ValueState.Known && compatibilities.IsComplete && compatibilities.Count > 0 && !task.RequiresFargate)
        {
            why = FindingText.Of($"lists {PropRef.Of(task, "requiresCompatibilities")} [{string.Join(", ", compatibilities.Select(c => c.Value))}] without FARGATE");
        }

        // A task definition without requiresCompatibilities is on Fargate through this service
        // (TaskDefinition.FargateService): the Fargate rules check it and name the service, so nothing is repeated here.
        if (why is null)
        {
            return;
        }

        var message = FindingText.Of($"Service {ServiceText.Name(service)} runs on Fargate, but its task definition {ServiceText.Task(task)} {why}; ECS rejects the service. ")
            + FindingText.Of($"Make the task definition Fargate-compatible ({PropRef.Of(task, "requiresCompatibilities")} FARGATE, {PropRef.Of(task, "networkMode")} awsvpc, task-level {PropRef.Of(task, "cpu")} and {PropRef.Of(task, "memory")}), or run the service on EC2.");
        if (service.LaunchType.IsKnown)
        {
            context.Report(service.LaunchType, message);
        }
        else
        {
            context.Report(service.CapacityProviderStrategy, message);
        }
    }
}
