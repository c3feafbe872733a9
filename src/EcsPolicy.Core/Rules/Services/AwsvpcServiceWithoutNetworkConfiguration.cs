using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>ECS7001: a service whose task definition uses awsvpc must say which subnets and security groups to use.</summary>
public sealed class AwsvpcServiceWithoutNetworkConfiguration : Rule
{
    public override string Id => "ECS7001";

    public override void CheckService(Service service, RuleContext context)
    {
        var task = service.ResolvedTaskDefinition;
        if (task is null || !task.NetworkMode.Is("awsvpc") || service.StateOf("networkConfiguration") != ValueState.Absent)
        {
            return;
        }

        context.Report(
            service,
            $"Service {ServiceText.Name(service)} runs task definition {ServiceText.Task(task)} with networkMode \"awsvpc\" but has no networkConfiguration, so ECS rejects it. "
            + "Add networkConfiguration.awsvpcConfiguration with the subnets and security groups for the tasks.");
    }
}
