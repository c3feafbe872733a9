namespace EcsPolicy.Model;

/// <summary>An ECS service (CreateService shape), from the formats that have services (CloudFormation, CDK).</summary>
public sealed partial class Service
{
    public static Service Create(
        SNode node,
        SourceFormat format,
        string displayName,
        TaskDefinition? taskDefinition = null,
        IReadOnlyDictionary<SNode, TargetGroup>? targetGroups = null,
        string? origin = null) =>
        Linked(new(node) { Format = format, DisplayName = displayName, ResolvedTaskDefinition = taskDefinition, TargetGroups = targetGroups, Origin = origin });

    /// <summary>
    /// The service, recorded with the task definition it runs (see <see cref="TaskDefinition.FargateService"/>): every
    /// way of creating a service goes through here, variants included.
    /// </summary>
    private static Service Linked(Service service)
    {
        service.ResolvedTaskDefinition?.LinkService(service);
        return service;
    }

    /// <summary>The target group of each load balancer entry (keyed by the entry's node), when the loader resolved them.</summary>
    private IReadOnlyDictionary<SNode, TargetGroup>? TargetGroups { get; init; }

    public SourceFormat Format { get; private init; }

    /// <summary>How messages name this service (a resource name, a construct path).</summary>
    public string DisplayName { get; private init; } = "";

    /// <summary>
    /// Where the object comes from, when the file alone does not tell its author, e.g. <c>construct MyStack/Api/TaskDef</c>
    /// for a resource that the AWS CDK synthesized; null otherwise. The linter ends every finding on the object with it,
    /// in brackets; rules do not use it.
    /// </summary>
    public string? Origin { get; private init; }

    /// <summary>Findings about the service as a whole point at its name, else at its opening.</summary>
    public override SourceLocation AnchorLocation => ServiceName.Node is { IsScalar: true } name ? name.Location : base.AnchorLocation;

    /// <summary>The task definition the service runs, when the loader could resolve the reference statically.</summary>
    public TaskDefinition? ResolvedTaskDefinition { get; private init; }

    /// <summary>The target group a load balancer entry points at, when the loader could resolve it.</summary>
    public TargetGroup? TargetGroupOf(LoadBalancer loadBalancer) =>
        TargetGroups != null && TargetGroups.TryGetValue(loadBalancer.Node, out var group) ? group : null;

    /// <summary>True when the service is known to run on Fargate: launch type FARGATE, or only Fargate capacity providers.</summary>
    public bool RunsOnFargate
    {
        get
        {
            if (LaunchType.IsKnown)
            {
                return LaunchType.Value == "FARGATE";
            }

            var providers = CapacityProviderStrategy;
            return LaunchType.IsAbsent && providers.IsComplete && providers.Count > 0
                && providers.All(p => p.CapacityProvider.IsKnown && p.CapacityProvider.Value is "FARGATE" or "FARGATE_SPOT");
        }
    }
}

/// <summary>
/// An Elastic Load Balancing target group that a service registers its tasks with (ELBv2 CreateTargetGroup names:
/// <c>healthCheckPort</c>, <c>port</c>, <c>protocol</c>, <c>targetType</c>), for the formats that have them.
/// </summary>
public sealed class TargetGroup : ModelObject
{
    private TargetGroup(SNode node)
        : base(node)
    {
    }

    public string DisplayName { get; private init; } = "";

    /// <summary>The port health checks go to; ELBv2's default is <c>traffic-port</c>.</summary>
    public Val<string> HealthCheckPort => Str("healthCheckPort");

    public Val<string> TargetType => Str("targetType");

    public static TargetGroup Create(SNode node, string displayName) => new(node) { DisplayName = displayName };
}

/// <summary>An ECS cluster (CreateCluster shape).</summary>
public sealed partial class Cluster
{
    public static Cluster Create(SNode node, SourceFormat format, string displayName, string? origin = null) =>
        new(node) { Format = format, DisplayName = displayName, Origin = origin };

    public SourceFormat Format { get; private init; }

    public string DisplayName { get; private init; } = "";

    /// <inheritdoc cref="Service.Origin"/>
    public string? Origin { get; private init; }

    /// <summary>Findings about the cluster as a whole point at its name, else at its opening.</summary>
    public override SourceLocation AnchorLocation => ClusterName.Node is { IsScalar: true } name ? name.Location : base.AnchorLocation;
}
