using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>ECS7003: the DAEMON scheduling strategy on Fargate, or with the CODE_DEPLOY or EXTERNAL deployment controller.</summary>
public sealed class SchedulingStrategyNotAllowed : Rule
{
    public override string Id => "ECS7003";

    public override void CheckService(Service service, RuleContext context)
    {
        var strategy = service.SchedulingStrategy;
        if (!strategy.Is("DAEMON"))
        {
            return;
        }

        if (service.RunsOnFargate)
        {
            context.Report(strategy, $"Service {ServiceText.Name(service)} uses the DAEMON scheduling strategy on Fargate, which supports only REPLICA: there are no instances to run one task on each. Use REPLICA with a {PropRef.Of(service, "desiredCount")}.");
        }

        var controller = service.DeploymentController?.Type;
        if (controller is { IsKnown: true } type && type.Value is "CODE_DEPLOY" or "EXTERNAL")
        {
            context.Report(strategy, $"Service {ServiceText.Name(service)} uses the DAEMON scheduling strategy with the {type.Value} deployment controller, which supports only REPLICA. Use REPLICA, or the ECS deployment controller.");
        }
    }
}
