using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcsPolicy.Vocabularies;

/// <summary>
/// How AWS CDK C# code names the properties of the task definitions and services it builds: the construct props of the
/// L2 constructs (<c>FargateTaskDefinition</c>, <c>AddContainer</c>'s <c>ContainerDefinitionOptions</c>,
/// <c>FargateService</c>, Amazon.CDK.Lib 2.160) where they differ from CloudFormation's names, and C# for a value. The L1
/// <c>Cfn*</c> props are CloudFormation's names, so for them <see cref="Property"/> is the name written or null.
/// </summary>
public static class CdkNames
{
    /// <summary>
    /// The construct prop (or method) of an L2 construct that sets a member, where it is not the CloudFormation name:
    /// read off the pairs the extractor passes to <c>Draft.Set</c> (the renderers of <c>src/EcsPolicy.CSharp/Constructs</c>).
    /// </summary>
    private static readonly Dictionary<(string Shape, string Member), string> ConstructProps = new()
    {
        [("TaskDefinition", "cpu")] = "Cpu",
        [("TaskDefinition", "memory")] = "MemoryLimitMiB",
        [("TaskDefinition", "requiresCompatibilities")] = "Compatibility",
        [("TaskDefinition", "containerDefinitions")] = "AddContainer(...)",
        [("TaskDefinition", "executionRoleArn")] = "ExecutionRole",
        [("TaskDefinition", "taskRoleArn")] = "TaskRole",
        [("TaskDefinition", "ephemeralStorage")] = "EphemeralStorageGiB",
        [("EphemeralStorage", "sizeInGiB")] = "EphemeralStorageGiB",
        [("ContainerDefinition", "name")] = "ContainerName",
        [("ContainerDefinition", "memory")] = "MemoryLimitMiB",
        [("ContainerDefinition", "memoryReservation")] = "MemoryReservationMiB",
        [("ContainerDefinition", "logConfiguration")] = "Logging",
        [("ContainerDefinition", "healthCheck")] = "HealthCheck",
        [("ContainerDefinition", "portMappings")] = "PortMappings",
        [("ContainerDefinition", "repositoryCredentials")] = "Credentials",
        [("ContainerDefinition", "resourceRequirements")] = "GpuCount",
        [("ContainerDefinition", "firelensConfiguration")] = "FirelensConfig",
        [("ContainerDefinition", "mountPoints")] = "AddMountPoints(...)",
        [("ContainerDefinition", "volumesFrom")] = "AddVolumesFrom(...)",
        [("ContainerDefinition", "dependsOn")] = "AddContainerDependencies(...)",
        [("ContainerDefinition", "links")] = "AddLink(...)",
        [("LogConfiguration", "logDriver")] = "Logging",
        [("LogConfiguration", "options")] = "Logging",
        [("Service", "healthCheckGracePeriodSeconds")] = "HealthCheckGracePeriod",
        [("Service", "capacityProviderStrategy")] = "CapacityProviderStrategies",
        [("Service", "placementStrategy")] = "PlacementStrategies",
        [("Service", "schedulingStrategy")] = "Daemon",
        [("DeploymentConfiguration", "maximumPercent")] = "MaxHealthyPercent",
        [("DeploymentConfiguration", "minimumHealthyPercent")] = "MinHealthyPercent",
        [("DeploymentConfiguration", "deploymentCircuitBreaker")] = "CircuitBreaker",
        [("AwsVpcConfiguration", "subnets")] = "VpcSubnets",
        [("Cluster", "settings")] = "ContainerInsights",
        [("ClusterSetting", "value")] = "ContainerInsights",
    };

    /// <summary>L2 props that take a number where the API model holds a string (the task size).</summary>
    private static readonly HashSet<(string Shape, string Member)> Numbers =
    [
        ("TaskDefinition", "cpu"),
        ("TaskDefinition", "memory"),
        ("ResourceRequirement", "value"),
    ];

    /// <summary>L2 props that take a <c>Duration</c> where the API model holds seconds.</summary>
    private static readonly HashSet<(string Shape, string Member)> Durations =
    [
        ("HealthCheck", "interval"),
        ("HealthCheck", "timeout"),
        ("HealthCheck", "startPeriod"),
        ("ContainerDefinition", "startTimeout"),
        ("ContainerDefinition", "stopTimeout"),
        ("Service", "healthCheckGracePeriodSeconds"),
    ];

    /// <summary>
    /// L2 props that take a member of a CDK enum (or enum-like class): the type and its members by the API value. The
    /// reverse of <c>EcsPolicy.CSharp.CdkNames</c>' values (jsii keeps the TypeScript member names).
    /// </summary>
    private static readonly Dictionary<(string Shape, string Member), (string Type, Dictionary<string, string> Members)> Enums = new()
    {
        [("TaskDefinition", "networkMode")] = ("NetworkMode", Members(("awsvpc", "AWS_VPC"), ("bridge", "BRIDGE"), ("host", "HOST"), ("none", "NONE"), ("nat", "NAT"))),
        [("TaskDefinition", "pidMode")] = ("PidMode", Members(("host", "HOST"), ("task", "TASK"))),
        [("TaskDefinition", "ipcMode")] = ("IpcMode", Members(("none", "NONE"), ("host", "HOST"), ("task", "TASK"))),
        [("RuntimePlatform", "cpuArchitecture")] = ("CpuArchitecture", Members(("X86_64", "X86_64"), ("ARM64", "ARM64"))),
        [("RuntimePlatform", "operatingSystemFamily")] = ("OperatingSystemFamily", Members(
            ("LINUX", "LINUX"),
            ("WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2019_CORE"),
            ("WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_FULL"),
            ("WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_CORE"),
            ("WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_FULL"),
            ("WINDOWS_SERVER_2004_CORE", "WINDOWS_SERVER_2004_CORE"),
            ("WINDOWS_SERVER_20H2_CORE", "WINDOWS_SERVER_20H2_CORE"))),
        [("PortMapping", "protocol")] = ("Protocol", Members(("tcp", "TCP"), ("udp", "UDP"))),
        [("PortMapping", "appProtocol")] = ("AppProtocol", Members(("http", "Http"), ("http2", "Http2"), ("grpc", "Grpc"))),
        [("ContainerDependency", "condition")] = ("ContainerDependencyCondition", Members(("START", "START"), ("COMPLETE", "COMPLETE"), ("SUCCESS", "SUCCESS"), ("HEALTHY", "HEALTHY"))),
        [("FirelensConfiguration", "type")] = ("FirelensLogRouterType", Members(("fluentbit", "FLUENTBIT"), ("fluentd", "FLUENTD"))),
        [("Service", "launchType")] = ("LaunchType", Members(("EC2", "EC2"), ("FARGATE", "FARGATE"), ("EXTERNAL", "EXTERNAL"))),
        [("Service", "propagateTags")] = ("PropagatedTagSource", Members(("SERVICE", "SERVICE"), ("TASK_DEFINITION", "TASK_DEFINITION"), ("NONE", "NONE"))),
        [("Service", "platformVersion")] = ("FargatePlatformVersion", Members(("LATEST", "LATEST"), ("1.4.0", "VERSION1_4"), ("1.3.0", "VERSION1_3"), ("1.2.0", "VERSION1_2"), ("1.1.0", "VERSION1_1"), ("1.0.0", "VERSION1_0"))),
    };

    /// <summary>The <c>LogDriver</c> factory of each log driver (<c>LogDriver.AwsLogs(...)</c>).</summary>
    private static readonly Dictionary<string, string> LogDrivers = new(StringComparer.Ordinal)
    {
        ["awslogs"] = "AwsLogs",
        ["awsfirelens"] = "Firelens",
        ["splunk"] = "Splunk",
        ["fluentd"] = "Fluentd",
        ["gelf"] = "Gelf",
        ["journald"] = "JournalD",
        ["json-file"] = "JsonFile",
        ["syslog"] = "Syslog",
        ["none"] = "None",
    };

    /// <summary>
    /// The construct property (or method) that sets <paramref name="prop"/>, e.g. <c>MemoryLimitMiB</c>,
    /// <c>ReadonlyRootFilesystem</c>: the one the code wrote, else the L2 construct's when it is not the CloudFormation
    /// name; null when the CloudFormation spelling is the CDK's too (and for the L1 <c>Cfn*</c> props).
    /// </summary>
    public static string? Property(PropRef prop)
    {
        if (prop.Node?.SourceKey is { } written)
        {
            return IsMethod(written) ? written + "(...)" : written;
        }

        if (IsLevel1(prop))
        {
            return null;
        }

        // The TaskDefinition construct (with a Compatibility) names the task memory MemoryMiB, the Fargate and EC2 ones MemoryLimitMiB.
        if (prop is { Shape: "TaskDefinition", Member: "memory" } && prop.Owner?.Get("requiresCompatibilities") is { SourceKey: "Compatibility" })
        {
            return "MemoryMiB";
        }

        return ConstructProps.TryGetValue((prop.Shape, prop.Member), out var name) ? name : null;
    }

    /// <summary>
    /// The construct property or method path of a nested property (<see cref="PropRef.SubPath"/>) where it is not the
    /// outer prop followed by CloudFormation's names: the method the code called (<c>AddCapabilities</c>), and on an L2
    /// container the methods of <c>LinuxParameters</c> for capabilities (<c>LinuxParameters.AddCapabilities(...)</c>,
    /// <c>LinuxParameters.DropCapabilities(...)</c>); null otherwise.
    /// </summary>
    public static string? Nested(PropRef prop)
    {
        var outer = prop.Outer;
        if (prop.Node?.SourceKey is { } written && IsMethod(written))
        {
            return (Property(outer) ?? Names.CloudFormation(outer)) + "." + written + "(...)";
        }

        if (IsLevel1(prop))
        {
            return null;
        }

        // An L2 construct flattens some nested members into props of its own (EphemeralStorageGiB, MaxHealthyPercent).
        if (Names.Inner(prop) is { } inner && ConstructProps.TryGetValue((inner.Shape, inner.Member), out var flat))
        {
            return flat;
        }

        if (prop is not { Shape: "ContainerDefinition", Member: "linuxParameters" } || prop.SubPath[0] != "capabilities")
        {
            return null;
        }

        return prop.SubPath.Count switch
        {
            1 => "LinuxParameters.AddCapabilities(...)",
            2 when prop.SubPath[1] == "add" => "LinuxParameters.AddCapabilities(...)",
            2 when prop.SubPath[1] == "drop" => "LinuxParameters.DropCapabilities(...)",
            _ => null,
        };
    }

    /// <summary>JSON literal <paramref name="json"/> as a C# value of <paramref name="prop"/> (e.g. <c>NetworkMode.AWS_VPC</c>).</summary>
    public static string Literal(PropRef prop, string json)
    {
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(json);
            value = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return json;
        }

        var key = (prop.Shape, prop.Member);
        if (!IsLevel1(prop))
        {
            if (L2Literal(key, value) is { } l2)
            {
                return l2;
            }
        }

        return CSharp(value) ?? json;
    }

    private static string? L2Literal((string Shape, string Member) key, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (Numbers.Contains(key) && text != null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return text;
        }

        if (Durations.Contains(key) && value.ValueKind == JsonValueKind.Number)
        {
            return "Duration.Seconds(" + value.GetRawText() + ")";
        }

        if (Enums.TryGetValue(key, out var type) && text != null && type.Members.TryGetValue(text, out var member))
        {
            return type.Type + "." + member;
        }

        switch (key)
        {
            case ("Ulimit", "name") when text != null:
                return "UlimitName." + text.ToUpperInvariant();
            case ("AwsVpcConfiguration", "assignPublicIp") when text is "ENABLED" or "DISABLED":
                return text == "ENABLED" ? "true" : "false";
            case ("Service", "schedulingStrategy") when text is "DAEMON" or "REPLICA":
                return text == "DAEMON" ? "true" : "false";
            case ("ClusterSetting", "value") when text is "enabled" or "disabled":
                return text == "enabled" ? "true" : "false";
            case ("TaskDefinition", "requiresCompatibilities") when value.ValueKind == JsonValueKind.Array:
                return Compatibility(value);
            case ("LogConfiguration", "logDriver") when text != null && LogDrivers.TryGetValue(text, out var factory):
                return "LogDriver." + factory + "(...)";
            case ("DeploymentConfiguration", "deploymentCircuitBreaker") when value.ValueKind == JsonValueKind.Object:
                return value.TryGetProperty("rollback", out var rollback) && rollback.ValueKind == JsonValueKind.True
                    ? "new DeploymentCircuitBreaker { Rollback = true }"
                    : "new DeploymentCircuitBreaker()";
            case ("ContainerDefinition", "logConfiguration") when value.ValueKind == JsonValueKind.Object
                && value.TryGetProperty("logDriver", out var driver) && driver.ValueKind == JsonValueKind.String && LogDrivers.TryGetValue(driver.GetString()!, out var factory):
                return "LogDriver." + factory + "(...)";
            default:
                return null;
        }
    }

    // Compatibility has one member per combination CDK offers.
    private static string? Compatibility(JsonElement list)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            names.Add(item.GetString()!);
        }

        return string.Join(",", names) switch
        {
            "EC2" => "Compatibility.EC2",
            "FARGATE" => "Compatibility.FARGATE",
            "EC2,FARGATE" => "Compatibility.EC2_AND_FARGATE",
            "EXTERNAL" => "Compatibility.EXTERNAL",
            _ => null,
        };
    }

    /// <summary>A JSON scalar or list of scalars as C#; null for what C# has no plain literal for (an object).</summary>
    private static string? CSharp(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Null:
                return "null";
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.String:
                return StringLiteral(value.GetString()!);
            case JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind is JsonValueKind.Object or JsonValueKind.Array || CSharp(item) is not { } one)
                    {
                        return null;
                    }

                    items.Add(one);
                }

                return items.Count == 0 ? "new string[0]" : "new[] { " + string.Join(", ", items) + " }";
            default:
                return null;
        }
    }

    public static string StringLiteral(string text)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    literal.Append("\\\"");
                    break;
                case '\\':
                    literal.Append("\\\\");
                    break;
                case '\n':
                    literal.Append("\\n");
                    break;
                case '\r':
                    literal.Append("\\r");
                    break;
                case '\t':
                    literal.Append("\\t");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        literal.Append(c);
                    }

                    break;
            }
        }

        return literal.Append('"').ToString();
    }

    /// <summary>
    /// Whether <paramref name="prop"/> belongs to an L1 <c>Cfn*</c> construct, whose props are CloudFormation's: told by
    /// what the extractor renders for every L2 construct and never for an L1 one without the user writing it (an L2 task
    /// definition's container list has no construct prop, nor an L2 service's deployment configuration; an L1 cluster's
    /// settings are ClusterSettings). Without an owner it cannot be told, and the L2 names are used.
    /// </summary>
    public static bool IsLevel1(PropRef prop)
    {
        var root = prop.Owner;
        if (root is null)
        {
            return false;
        }

        while (root.Parent != null)
        {
            root = root.Parent;
        }

        if (root.Get("containerDefinitions") is { } containers)
        {
            return containers.SourceKey != null;
        }

        if (root.Get("deploymentConfiguration") is { } deployment)
        {
            return deployment.SourceKey != null;
        }

        if (root.Get("settings") is { } settings)
        {
            return settings.SourceKey == "ClusterSettings";
        }

        // A cluster without settings reads the same in both; a task definition or service without what L2 always renders is L1.
        return prop.Shape is not ("Cluster" or "ClusterSetting");
    }

    // A value a method added (AddPortMappings, DropCapabilities) rather than a prop: CDK's props never start so.
    private static bool IsMethod(string name) =>
        (name.StartsWith("Add", StringComparison.Ordinal) && name.Length > 3 && char.IsUpper(name[3]))
        || (name.StartsWith("Drop", StringComparison.Ordinal) && name.Length > 4 && char.IsUpper(name[4]));

    private static Dictionary<string, string> Members(params (string Value, string Member)[] pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (value, member) in pairs)
        {
            map[value] = member;
        }

        return map;
    }
}
