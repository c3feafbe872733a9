using System.Globalization;

namespace EcsPolicy.CSharp;

/// <summary>
/// The AWS CDK names the extractor knows: construct and helper types by namespace, and the rendered value of the
/// members of the enums and enum-like classes of Amazon.CDK.Lib 2.160.0 (jsii enums keep the names of the TypeScript
/// members; the rendered value is the TypeScript value, e.g. <c>NetworkMode.AWS_VPC</c> is <c>awsvpc</c>).
/// </summary>
internal static class CdkNames
{
    public const string EcsNamespace = "Amazon.CDK.AWS.ECS";
    public const string PatternsNamespace = "Amazon.CDK.AWS.ECS.Patterns";
    public const string CoreNamespace = "Amazon.CDK";
    public const string ConstructsNamespace = "Constructs";

    private static readonly Dictionary<string, string> TypeNamespaces = new(StringComparer.Ordinal)
    {
        ["App"] = CoreNamespace,
        ["Stack"] = CoreNamespace,
        ["Stage"] = CoreNamespace,
        ["NestedStack"] = CoreNamespace,
        ["Duration"] = CoreNamespace,
        ["Construct"] = ConstructsNamespace,
        ["TaskDefinition"] = EcsNamespace,
        ["FargateTaskDefinition"] = EcsNamespace,
        ["Ec2TaskDefinition"] = EcsNamespace,
        ["ContainerDefinition"] = EcsNamespace,
        ["FirelensLogRouter"] = EcsNamespace,
        ["FargateService"] = EcsNamespace,
        ["Ec2Service"] = EcsNamespace,
        ["Cluster"] = EcsNamespace,
        ["CfnTaskDefinition"] = EcsNamespace,
        ["CfnService"] = EcsNamespace,
        ["CfnCluster"] = EcsNamespace,
        ["LinuxParameters"] = EcsNamespace,
        ["ContainerImage"] = EcsNamespace,
        ["EcrImage"] = EcsNamespace,
        ["RepositoryImage"] = EcsNamespace,
        ["AssetImage"] = EcsNamespace,
        ["LogDrivers"] = EcsNamespace,
        ["LogDriver"] = EcsNamespace,
        ["AwsLogDriver"] = EcsNamespace,
        ["FireLensLogDriver"] = EcsNamespace,
        ["SplunkLogDriver"] = EcsNamespace,
        ["GenericLogDriver"] = EcsNamespace,
        ["Secret"] = EcsNamespace,
        ["PlacementConstraint"] = EcsNamespace,
        ["PlacementStrategy"] = EcsNamespace,
        ["ApplicationLoadBalancedFargateService"] = PatternsNamespace,
        ["NetworkLoadBalancedFargateService"] = PatternsNamespace,
        ["ApplicationLoadBalancedEc2Service"] = PatternsNamespace,
        ["NetworkLoadBalancedEc2Service"] = PatternsNamespace,
        ["QueueProcessingFargateService"] = PatternsNamespace,
        ["ScheduledFargateTask"] = PatternsNamespace,
    };

    // Rendered values that differ from the member name; other members of these types render as their name.
    private static readonly Dictionary<string, Dictionary<string, string>> EnumValues = new(StringComparer.Ordinal)
    {
        ["NetworkMode"] = Map(("AWS_VPC", "awsvpc"), ("BRIDGE", "bridge"), ("HOST", "host"), ("NONE", "none"), ("NAT", "nat")),
        ["Protocol"] = Map(("TCP", "tcp"), ("UDP", "udp")),
        ["PidMode"] = Map(("HOST", "host"), ("TASK", "task")),
        ["IpcMode"] = Map(("NONE", "none"), ("HOST", "host"), ("TASK", "task")),
        ["Scope"] = Map(("TASK", "task"), ("SHARED", "shared")),
        ["AwsLogDriverMode"] = Map(("BLOCKING", "blocking"), ("NON_BLOCKING", "non-blocking")),
        ["FirelensLogRouterType"] = Map(("FLUENTBIT", "fluentbit"), ("FLUENTD", "fluentd")),
        ["FargatePlatformVersion"] = Map(("LATEST", "LATEST"), ("VERSION1_4", "1.4.0"), ("VERSION1_3", "1.3.0"), ("VERSION1_2", "1.2.0"), ("VERSION1_1", "1.1.0"), ("VERSION1_0", "1.0.0")),
        ["AppProtocol"] = Map(("Http", "http"), ("Http2", "http2"), ("Grpc", "grpc")),
        ["Compatibility"] = Map(),
        ["CpuArchitecture"] = Map(),
        ["OperatingSystemFamily"] = Map(),
        ["ContainerDependencyCondition"] = Map(),
        ["Capability"] = Map(),
        ["LaunchType"] = Map(),
        ["PropagatedTagSource"] = Map(),
        ["DeploymentControllerType"] = Map(),
        ["UlimitName"] = Map(),
        ["SplunkLogFormat"] = Map(("INLINE", "inline"), ("JSON", "json"), ("RAW", "raw")),
        ["BuiltInAttributes"] = Map(("INSTANCE_ID", "instanceId"), ("AVAILABILITY_ZONE", "attribute:ecs.availability-zone"), ("AMI_ID", "attribute:ecs.ami-id"), ("INSTANCE_TYPE", "attribute:ecs.instance-type"), ("OS_TYPE", "attribute:ecs.os-type")),
    };

    /// <summary>The namespace a known CDK type lives in, or null when the name is not one the extractor reads.</summary>
    public static string? NamespaceOf(string typeName) =>
        TypeNamespaces.TryGetValue(typeName, out var ns) ? ns : EnumValues.ContainsKey(typeName) ? EcsNamespace : null;

    /// <summary>
    /// The rendered value of <c>Type.Member</c> for a CDK enum or enum-like class (e.g. <c>awsvpc</c> for
    /// <c>NetworkMode.AWS_VPC</c>), or null when the type is not one of them.
    /// </summary>
    public static string? EnumValue(string typeName, string member)
    {
        if (!EnumValues.TryGetValue(typeName, out var values))
        {
            return null;
        }

        if (values.TryGetValue(member, out var value))
        {
            return value;
        }

        // UlimitName values are the lower-case names (NOFILE is "nofile").
        return typeName == "UlimitName" ? member.ToLowerInvariant() : member;
    }

    /// <summary>Whether <paramref name="typeName"/> is a CDK enum or enum-like class the extractor renders.</summary>
    public static bool IsEnumLike(string typeName) => EnumValues.ContainsKey(typeName);

    /// <summary>C# members of CDK props map to API members by lower-casing the first letter, but for these.</summary>
    public static string ApiName(string csharpName) => csharpName.Length == 0 ? csharpName : char.ToLowerInvariant(csharpName[0]) + csharpName.Substring(1);

    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Map(params (string Member, string Value)[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (member, value) in pairs)
        {
            map[member] = value;
        }

        return map;
    }
}
