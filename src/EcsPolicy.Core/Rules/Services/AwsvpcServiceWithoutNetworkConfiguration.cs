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

        // The service has no networkConfiguration object yet: the members under it are referred to by shape alone.
        var network = PropRef.Of(service, "networkConfiguration");
        var awsvpc = new PropRef(nameof(NetworkConfiguration), "awsvpcConfiguration", null, null);
        context.Report(
            service,
            FindingText.Of($"Service {ServiceText.Name(service)} runs task definition {ServiceText.Task(task)} with {PropRef.Of(task, "networkMode")} \"awsvpc\" but has no {network}, so ECS rejects it. ")
            + FindingText.Of($"Add {network}.{awsvpc} with the subnets and security groups for the tasks."));
    }
}
