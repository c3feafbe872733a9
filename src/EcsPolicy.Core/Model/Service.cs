namespace EcsPolicy.Model;

/// <summary>An ECS service (CreateService shape), from the formats that have services (CloudFormation, CDK).</summary>
public sealed partial class Service
{
    public static Service Create(SNode node, SourceFormat format, string displayName, TaskDefinition? taskDefinition = null) =>
        new(node) { Format = format, DisplayName = displayName, ResolvedTaskDefinition = taskDefinition };

    public SourceFormat Format { get; private init; }

    /// <summary>How messages name this service (a resource name, a construct path).</summary>
    public string DisplayName { get; private init; } = "";

    /// <summary>The task definition the service runs, when the loader could resolve the reference statically.</summary>
    public TaskDefinition? ResolvedTaskDefinition { get; private init; }
}

/// <summary>An ECS cluster (CreateCluster shape).</summary>
public sealed partial class Cluster
{
    public static Cluster Create(SNode node, SourceFormat format, string displayName) =>
        new(node) { Format = format, DisplayName = displayName };

    public SourceFormat Format { get; private init; }

    public string DisplayName { get; private init; } = "";
}
