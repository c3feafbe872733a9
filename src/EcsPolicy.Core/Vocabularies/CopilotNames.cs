namespace EcsPolicy.Vocabularies;

/// <summary>How a Copilot manifest names the properties of the task definition and service it produces.</summary>
public static class CopilotNames
{
    /// <summary>What <see cref="SNode.SourceKey"/> starts with on a value a <c>taskdef_overrides</c> rule wrote.</summary>
    public const string OverridePrefix = "taskdef_overrides:";

    /// <summary>The name Copilot gives the FireLens log router it adds for <c>logging</c>.</summary>
    private const string FireLensContainer = Inputs.Copilot.TaskDefinitionBuilder.FireLensContainer;

    /// <summary>
    /// The manifest keys that set a member of the task definition or the service Copilot renders, by shape and member.
    /// Read off <c>TaskDefinitionBuilder</c> and <c>ServiceBuilder</c> (the ground truth of how this tool reads a manifest)
    /// and Copilot's manifest reference (v1.33). Members Copilot always renders itself (network mode, compatibilities,
    /// roles, the awslogs configuration, EFS transit encryption of a managed file system) have no key.
    /// </summary>
    private static readonly Dictionary<(string Shape, string Member), string> TopLevel = new()
    {
        [("TaskDefinition", "cpu")] = "cpu",
        [("TaskDefinition", "memory")] = "memory",
        [("TaskDefinition", "runtimePlatform")] = "platform",
        [("TaskDefinition", "ephemeralStorage")] = "storage.ephemeral",
        [("TaskDefinition", "volumes")] = "storage.volumes",
        [("RuntimePlatform", "operatingSystemFamily")] = "platform.osfamily",
        [("RuntimePlatform", "cpuArchitecture")] = "platform.architecture",
        [("EphemeralStorage", "sizeInGiB")] = "storage.ephemeral",
        [("Service", "desiredCount")] = "count",
        [("Service", "capacityProviderStrategy")] = "count.spot",
        [("Service", "enableExecuteCommand")] = "exec",
        [("Service", "healthCheckGracePeriodSeconds")] = "http.healthcheck.grace_period",
        [("Service", "deploymentConfiguration")] = "deployment.rolling",
        [("DeploymentConfiguration", "minimumHealthyPercent")] = "deployment.rolling",
        [("DeploymentConfiguration", "maximumPercent")] = "deployment.rolling",
        [("Service", "networkConfiguration")] = "network.vpc",
        [("NetworkConfiguration", "awsvpcConfiguration")] = "network.vpc",
        [("AwsVpcConfiguration", "assignPublicIp")] = "network.vpc.placement",
        [("AwsVpcConfiguration", "subnets")] = "network.vpc.placement.subnets",
        [("AwsVpcConfiguration", "securityGroups")] = "network.vpc.security_groups",
    };

    /// <summary>The main container's members, from the top of the manifest.</summary>
    private static readonly Dictionary<string, string> MainContainer = new(StringComparer.Ordinal)
    {
        ["image"] = "image.location",
        ["portMappings"] = "image.port",
        ["repositoryCredentials"] = "image.credentials",
        ["dockerLabels"] = "image.docker_labels",
        ["dependsOn"] = "image.depends_on",
        ["healthCheck"] = "image.healthcheck",
        ["entryPoint"] = "entrypoint",
        ["command"] = "command",
        ["environment"] = "variables",
        ["environmentFiles"] = "env_file",
        ["secrets"] = "secrets",
        ["readonlyRootFilesystem"] = "storage.readonly_fs",
        ["mountPoints"] = "storage.volumes",
    };

    /// <summary>A sidecar's members, under <c>sidecars.&lt;name&gt;</c>.</summary>
    private static readonly Dictionary<string, string> Sidecar = new(StringComparer.Ordinal)
    {
        ["name"] = "",
        ["image"] = "image",
        ["essential"] = "essential",
        ["portMappings"] = "port",
        ["repositoryCredentials"] = "credentialsParameter",
        ["dockerLabels"] = "labels",
        ["dependsOn"] = "depends_on",
        ["healthCheck"] = "healthcheck",
        ["entryPoint"] = "entrypoint",
        ["command"] = "command",
        ["environment"] = "variables",
        ["environmentFiles"] = "env_file",
        ["secrets"] = "secrets",
        ["mountPoints"] = "mount_points",
    };

    /// <summary>The FireLens log router's members, under <c>logging</c>.</summary>
    private static readonly Dictionary<string, string> LogRouter = new(StringComparer.Ordinal)
    {
        ["image"] = "image",
        ["firelensConfiguration"] = "",
        ["environment"] = "variables",
        ["environmentFiles"] = "env_file",
        ["secrets"] = "secrets",
    };

    /// <summary>
    /// Members of nested objects, under the key of the object (e.g. <c>image.healthcheck</c> + <c>start_period</c>): used
    /// when the object came from the manifest and the member did not.
    /// </summary>
    private static readonly Dictionary<(string Shape, string Member), string> Nested = new()
    {
        [("HealthCheck", "command")] = "command",
        [("HealthCheck", "interval")] = "interval",
        [("HealthCheck", "retries")] = "retries",
        [("HealthCheck", "timeout")] = "timeout",
        [("HealthCheck", "startPeriod")] = "start_period",
        [("LogConfiguration", "options")] = "destination",
        [("LogConfiguration", "secretOptions")] = "secretOptions",
        [("MountPoint", "containerPath")] = "path",
        [("MountPoint", "readOnly")] = "read_only",
        [("MountPoint", "sourceVolume")] = "source_volume",
        [("EFSVolumeConfiguration", "fileSystemId")] = "id",
        [("EFSVolumeConfiguration", "rootDirectory")] = "root_dir",
        [("EFSVolumeConfiguration", "authorizationConfig")] = "auth",
        [("EFSAuthorizationConfig", "iam")] = "iam",
        [("EFSAuthorizationConfig", "accessPointId")] = "access_point_id",
        [("Volume", "efsVolumeConfiguration")] = "efs",
    };

    /// <summary>
    /// The manifest key that sets <paramref name="prop"/> (e.g. <c>storage.readonly_fs</c>, <c>sidecars.nginx.essential</c>):
    /// the key the value was read from, else the key that would set it; null when no manifest key sets it (then only
    /// <c>taskdef_overrides</c> can, see <see cref="OverridePath"/>), and for a value a <c>taskdef_overrides</c> rule wrote
    /// (the rule is what sets it).
    /// </summary>
    public static string? Key(PropRef prop)
    {
        if (prop.Node?.SourceKey is { } written)
        {
            return written.StartsWith(OverridePrefix, StringComparison.Ordinal) ? null : written;
        }

        if (TopLevel.TryGetValue((prop.Shape, prop.Member), out var key))
        {
            return key;
        }

        if (prop.Shape == "ContainerDefinition" && prop.Owner is { } container)
        {
            return ContainerKey(container, prop.Member);
        }

        // A member of an object the manifest wrote (a health check, an EFS configuration, a mount point).
        if (prop.Owner?.SourceKey is { } owner && !owner.StartsWith(OverridePrefix, StringComparison.Ordinal)
            && Nested.TryGetValue((prop.Shape, prop.Member), out var member))
        {
            return owner + "." + member;
        }

        return null;
    }

    /// <summary>
    /// The <c>taskdef_overrides</c> path that sets <paramref name="prop"/>, e.g. <c>ContainerDefinitions[0].User</c>:
    /// CloudFormation property names under the <c>AWS::ECS::TaskDefinition</c>'s <c>Properties</c>, with the position of
    /// each container in the list Copilot renders (the main container, the log router, then the sidecars by name). A
    /// value a rule wrote gives the rule's own path.
    /// </summary>
    public static string OverridePath(PropRef prop)
    {
        if (prop.Node?.SourceKey is { } written && written.StartsWith(OverridePrefix, StringComparison.Ordinal))
        {
            return written.Substring(OverridePrefix.Length);
        }

        // The model's path spelled in CloudFormation names: a node's SourceName is the manifest key, not a CloudFormation name.
        return Names.CloudFormationPath(new PropRef(prop.Shape, prop.Member, prop.Owner, null));
    }

    /// <summary>
    /// JSON literal <paramref name="json"/> (the model's value of <paramref name="prop"/>) as the manifest writes it at
    /// <see cref="Key"/>: the manifest's words where Copilot translates them (<c>network.vpc.placement: private</c> for
    /// <c>DISABLED</c>, <c>platform.architecture: arm64</c>), integers for the task size (Copilot reads <c>cpu: "1024"</c>
    /// as a string and refuses it) and durations for a health check's seconds (<c>interval: 30s</c>).
    /// </summary>
    public static string Value(PropRef prop, string json)
    {
        var text = json.Length >= 2 && json[0] == '"' && json[json.Length - 1] == '"' && json.IndexOf('\\') < 0 ? json.Substring(1, json.Length - 2) : null;
        switch ((prop.Shape, prop.Member))
        {
            case ("TaskDefinition", "cpu" or "memory") when text != null && text.Length > 0 && text.All(IsDigit):
                return text;
            case ("AwsVpcConfiguration", "assignPublicIp") when text is "ENABLED" or "DISABLED":
                return text == "ENABLED" ? "public" : "private";
            case ("EFSAuthorizationConfig", "iam") when text is "ENABLED" or "DISABLED":
                return text == "ENABLED" ? "true" : "false";
            case ("RuntimePlatform", "cpuArchitecture" or "operatingSystemFamily") when text != null:
                return Names.Yaml("\"" + Platform(prop, text) + "\"");
            case ("HealthCheck", "interval" or "timeout" or "startPeriod") when json.Length > 0 && json.All(IsDigit):
                return json + "s";
            default:
                return Names.Yaml(json);
        }
    }

    /// <summary>
    /// How a message names a property no manifest key sets: as the <c>taskdef_overrides</c> path that would set it
    /// (<c>taskdef_overrides path ContainerDefinitions[0].User</c>), so the reader knows where such a path goes.
    /// </summary>
    public static string OverridePhrase(PropRef prop) =>
        prop.Node?.SourceKey is { } written && written.StartsWith(OverridePrefix, StringComparison.Ordinal)
            ? OverridePath(prop) // The manifest's own override rule wrote it: its path is what the reader sees there.
            : "taskdef_overrides path " + OverridePath(prop);

    /// <summary>
    /// The manifest key of a nested property (<see cref="PropRef.SubPath"/>), e.g. <c>image.healthcheck.command</c>: the
    /// key its value was read from, else the outer member's key followed by the key of each member inside it; null when
    /// one of them has no key (then only <c>taskdef_overrides</c> sets it).
    /// </summary>
    public static string? NestedKey(PropRef prop)
    {
        if (prop.Node?.SourceKey is { } written)
        {
            return written.StartsWith(OverridePrefix, StringComparison.Ordinal) ? null : written;
        }

        // A nested member with a key of its own (storage.ephemeral for ephemeralStorage.sizeInGiB).
        if (Names.Inner(prop) is { } innermost && TopLevel.TryGetValue((innermost.Shape, innermost.Member), out var own))
        {
            return own;
        }

        if (Key(prop.Outer) is not { } key)
        {
            return null;
        }

        var structure = Names.StructureOf(Names.Structure(prop.Shape)?.Member(prop.Member));
        foreach (var member in prop.SubPath)
        {
            if (structure is null || !Nested.TryGetValue((structure.Name, member), out var inner))
            {
                return null;
            }

            key = Join(key, inner);
            structure = Names.StructureOf(structure.Member(member));
        }

        return key;
    }

    /// <summary>The <see cref="SNode.SourceKey"/> of a value written by the <c>taskdef_overrides</c> rule at <paramref name="path"/>.</summary>
    public static string OverrideKey(string path) => OverridePrefix + path;

    private static string? ContainerKey(SNode container, string member)
    {
        // Copilot renders the main container first; the FireLens router and sidecars follow (TaskDefinitionBuilder).
        if (container.Index == 0)
        {
            return MainContainer.TryGetValue(member, out var main) ? main : null;
        }

        if (container.SourceKey is { } sidecar && sidecar.StartsWith("sidecars.", StringComparison.Ordinal))
        {
            return Sidecar.TryGetValue(member, out var key) ? Join(sidecar, key) : null;
        }

        if (container.Get("name") is { Scalar: FireLensContainer } && container.Get("firelensConfiguration") is { SourceKey: { } logging })
        {
            return LogRouter.TryGetValue(member, out var key) ? Join(logging, key) : null;
        }

        return null;
    }

    /// <summary>
    /// A platform field as the manifest writes it: lower case under <c>platform.osfamily</c> and
    /// <c>platform.architecture</c>; where the manifest wrote <c>platform: [OS]/[Arch]</c>, that string with the field changed.
    /// </summary>
    private static string Platform(PropRef prop, string value)
    {
        if (prop.Node?.SourceKey != "platform" || prop.Owner is not { } platform)
        {
            return value.ToLowerInvariant();
        }

        var os = prop.Member == "operatingSystemFamily" ? value : platform.Get("operatingSystemFamily")?.Scalar;
        var arch = prop.Member == "cpuArchitecture" ? value : platform.Get("cpuArchitecture")?.Scalar;
        var family = os == "LINUX" ? "linux" : os == "WINDOWS_SERVER_2019_CORE" ? "windows" : null;
        return family is null || arch is null ? value.ToLowerInvariant() : family + "/" + arch.ToLowerInvariant();
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static string Join(string prefix, string key) => key.Length == 0 ? prefix : prefix + "." + key;
}
