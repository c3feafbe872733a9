namespace EcsPolicy.Model;

/// <summary>Whether a task definition runs on Fargate: by its own requiresCompatibilities, or because a service runs it there.</summary>
public sealed partial class TaskDefinition
{
    /// <summary>
    /// A service of the same file that runs this task definition on Fargate while the task definition itself does not
    /// say FARGATE (requiresCompatibilities absent or not statically known); null otherwise. ECS registers such a task
    /// definition for EC2 only when it does not fit Fargate, and then rejects the service, so the Fargate rules apply
    /// to it and name the service. A task definition that lists compatibilities without FARGATE is not linked: ECS7002
    /// reports that on the service.
    /// </summary>
    public Service? FargateService { get; private set; }

    /// <summary>True when the task runs on Fargate: <see cref="RequiresFargate"/>, or a <see cref="FargateService"/> runs it there.</summary>
    public bool OnFargate => RequiresFargate || FargateService != null;

    /// <summary>Records the first Fargate service that runs this task definition (see <see cref="FargateService"/>).</summary>
    internal void LinkService(Service service)
    {
        var compatibilities = RequiresCompatibilities;
        var saysNothing = compatibilities.State == ValueState.Absent || !compatibilities.IsComplete || compatibilities.Count == 0;
        if (FargateService is null && saysNothing && !RequiresFargate && service.RunsOnFargate)
        {
            FargateService = service;
        }
    }
}
