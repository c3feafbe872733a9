using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// Builds the canonical (ECS API) task definition that Copilot renders from one workload manifest (already merged
/// with an environment's overrides). Values the manifest gives point at where they are written; values Copilot adds
/// itself (Fargate, awsvpc, the roles, the log configuration) point at the manifest's <c>type:</c> value, and defaults
/// a user would want to change (cpu, memory) carry a <see cref="SNode.DefaultNote"/>. What only exists at deploy time
/// (images Copilot builds, <c>from_cfn</c> imports, the account and region) is <see cref="NodeKind.Unknown"/>.
/// </summary>
internal sealed class TaskDefinitionBuilder
{
    /// <summary>The FireLens log router container Copilot adds when <c>logging</c> is configured.</summary>
    public const string FireLensContainer = "firelens_log_router";

    private const string FluentBitImage = "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable";

    internal static readonly Regex Duration = new(@"^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?$", RegexOptions.CultureInvariant);

    private readonly SNode _manifest;
    private readonly string _workloadName;
    private readonly string _typeName;
    private readonly SNode _type;

    private TaskDefinitionBuilder(SNode manifest, string workloadName, SNode type)
    {
        _manifest = manifest;
        _workloadName = workloadName;
        _type = type;
        _typeName = type.Scalar ?? "";
    }

    /// <summary>The canonical task definition of <paramref name="manifest"/>.</summary>
    public static SNode Build(SNode manifest, string workloadName, SNode type) => new TaskDefinitionBuilder(manifest, workloadName, type).Build();

    private SourceLocation Here => _type.Location;

    private SNode Build()
    {
        var props = new Props(this);
        var name = _manifest.Get("name");
        props.Add("family", "name", name, SNode.CreateScalar(NodeKind.String, _workloadName, name?.Location ?? Here));
        props.AddGenerated("requiresCompatibilities", SNode.Array(Here, [Generated("FARGATE")]));
        props.AddGenerated("networkMode", Generated("awsvpc"));
        props.AddGenerated("executionRoleArn", SNode.Unknown("the execution role Copilot creates", Here, "arn"));
        props.AddGenerated("taskRoleArn", SNode.Unknown("the task role Copilot creates", Here, "arn"));

        var (os, arch, platform) = Platform();
        var windows = os is { Kind: NodeKind.String } && os.Scalar!.StartsWith("WINDOWS", StringComparison.Ordinal);
        props.Add("cpu", "cpu", _manifest.Get("cpu"), SizeNode("cpu", windows ? 1024 : 256, windows));
        props.Add("memory", "memory", _manifest.Get("memory"), SizeNode("memory", windows ? 2048 : 512, windows));
        if (platform != null && os != null && arch != null)
        {
            props.Add("runtimePlatform", "platform", platform, SNode.Object(platform.Location, [("operatingSystemFamily", "platform", platform.NameLocation, os), ("cpuArchitecture", "platform", platform.NameLocation, arch)]));
        }

        var storage = Map(_manifest.Get("storage"));
        if (storage?.Get("ephemeral") is { } ephemeral && !(ephemeral.Kind == NodeKind.Number && ephemeral.Scalar == "20"))
        {
            props.Add("ephemeralStorage", "ephemeral", ephemeral, SNode.Object(ephemeral.Location, [("sizeInGiB", "ephemeral", ephemeral.NameLocation, Keyed(Scalar(ephemeral), ephemeral))]));
        }

        var containers = new List<SNode> { MainContainer(storage) };
        var logging = Map(_manifest.Get("logging"));
        if (logging != null)
        {
            containers.Add(FireLensRouter(logging));
        }

        if (Map(_manifest.Get("sidecars")) is { } sidecars)
        {
            // Copilot renders the sidecars in the order of their names (convertSidecar sorts them), which is what
            // the [N] of a taskdef_overrides path counts.
            foreach (var sidecar in sidecars.Children.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                containers.Add(Sidecar(sidecar));
            }
        }

        props.AddGenerated("containerDefinitions", SNode.Array(Here, containers));
        if (Volumes(storage) is { } volumes)
        {
            props.Add("volumes", "volumes", storage!.Get("volumes"), volumes);
        }

        return SNode.Object(_manifest.Location, props.Items);
    }

    private SNode SizeNode(string member, int fallback, bool windows)
    {
        if (_manifest.Get(member) is { } given && given.Kind != NodeKind.Null)
        {
            return given.IsScalar ? SNode.CreateScalar(NodeKind.String, given.Scalar, given.Location) : Scalar(given);
        }

        var text = fallback.ToString(CultureInfo.InvariantCulture);
        var note = char.ToUpperInvariant(member[0]) + member.Substring(1) + " " + text + " is Copilot's default for a " + (windows ? "Windows " : "") + _typeName + ": set " + member + " in the manifest to choose another.";
        return SNode.CreateDefault(NodeKind.String, text, Here, note);
    }

    /// <summary>The runtime platform Copilot renders (<c>convertPlatform</c>): the OS family and CPU architecture, and the manifest's node.</summary>
    private (SNode? Os, SNode? Arch, SNode? Platform) Platform()
    {
        var platform = _manifest.Get("platform");
        if (platform is null || platform.Kind == NodeKind.Null)
        {
            return (null, null, null);
        }

        if (platform.Kind == NodeKind.String)
        {
            var parts = platform.Scalar!.Split('/');
            return parts.Length == 2
                ? (OsFamily(parts[0], platform), Architecture(parts[1], platform), platform)
                : (Unknown("platform '" + platform.Scalar + "' is not in the form [OS]/[Arch]", platform), Unknown("platform '" + platform.Scalar + "' is not in the form [OS]/[Arch]", platform), platform);
        }

        if (platform.Kind == NodeKind.Object)
        {
            var os = platform.Get("osfamily");
            var arch = platform.Get("architecture");
            if (os is { Kind: NodeKind.String } && arch is { Kind: NodeKind.String })
            {
                return (OsFamily(os.Scalar!, os), Architecture(arch.Scalar!, arch), platform);
            }
        }

        return (null, null, null);
    }

    private static SNode OsFamily(string os, SNode at) => Keyed(OsFamilyValue(os, at), at);

    private static SNode Architecture(string arch, SNode at) => Keyed(ArchitectureValue(arch, at), at);

    private static SNode OsFamilyValue(string os, SNode at) => os.ToLowerInvariant() switch
    {
        "linux" => SNode.CreateScalar(NodeKind.String, "LINUX", at.Location),
        "windows" => SNode.CreateScalar(NodeKind.String, "WINDOWS_SERVER_2019_CORE", at.Location),
        var w when w.StartsWith("windows_server_", StringComparison.Ordinal) => SNode.CreateScalar(NodeKind.String, w.ToUpperInvariant(), at.Location),
        _ => Unknown("operating system '" + os + "' that Copilot does not accept", at),
    };

    private static SNode ArchitectureValue(string arch, SNode at) => arch.ToLowerInvariant() switch
    {
        "arm" or "arm64" => SNode.CreateScalar(NodeKind.String, "ARM64", at.Location),
        "amd64" or "x86_64" => SNode.CreateScalar(NodeKind.String, "X86_64", at.Location),
        _ => Unknown("architecture '" + arch + "' that Copilot does not accept", at),
    };

    private SNode MainContainer(SNode? storage)
    {
        var props = new Props(this);
        props.AddGenerated("name", Generated(_workloadName));
        var image = _manifest.Get("image");
        props.Add("image", "image", image, ImageOf(image, "main"));
        if (Map(image) is { } imageMap)
        {
            if (imageMap.Get("credentials") is { } credentials)
            {
                props.Add("repositoryCredentials", "credentials", credentials, SNode.Object(credentials.Location, [("credentialsParameter", "credentials", credentials.NameLocation, Keyed(Scalar(credentials), credentials))]));
            }

            if (imageMap.Get("port") is { } port && port.Kind != NodeKind.Null)
            {
                props.Add("portMappings", "port", port, SNode.Array(port.Location, [PortMapping(port)]));
            }

            if (Map(imageMap.Get("docker_labels") ?? imageMap.Get("labels")) is { } labels)
            {
                props.Add("dockerLabels", labels.Name, labels, StringMap(labels));
            }

            if (Map(imageMap.Get("depends_on")) is { } dependsOn)
            {
                props.Add("dependsOn", "depends_on", dependsOn, DependsOn(dependsOn));
            }

            if (imageMap.Get("healthcheck") is { } imageHealth)
            {
                props.Add("healthCheck", "healthcheck", imageHealth, HealthCheck(imageHealth));
            }
        }

        AddCommon(props, _manifest);
        if (storage?.Get("readonly_fs") is { } readOnly && readOnly.Kind != NodeKind.Null)
        {
            props.Add("readonlyRootFilesystem", "readonly_fs", readOnly, Scalar(readOnly));
        }

        if (Map(storage?.Get("volumes")) is { } volumes)
        {
            var mounts = new List<SNode>();
            foreach (var volume in volumes.Children)
            {
                if (Map(volume)?.Get("path") is { } path)
                {
                    var readOnlyMount = Map(volume)!.Get("read_only");
                    mounts.Add(Keyed(
                        SNode.Object(volume.Location, [
                            ("sourceVolume", null, volume.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, volume.Name, volume.NameLocation), volume)),
                            ("containerPath", "path", path.NameLocation, Keyed(Scalar(path), path)),
                            ("readOnly", "read_only", readOnlyMount?.NameLocation ?? volume.NameLocation, readOnlyMount is { Kind: NodeKind.Boolean } ? Keyed(Scalar(readOnlyMount), readOnlyMount) : SNode.CreateScalar(NodeKind.Boolean, "true", volume.NameLocation)),
                        ]),
                        volume));
                }
            }

            if (mounts.Count > 0)
            {
                props.Add("mountPoints", "volumes", volumes, SNode.Array(volumes.Location, mounts));
            }
        }

        var logging = Map(_manifest.Get("logging"));
        props.AddGenerated("logConfiguration", logging is null ? AwsLogs() : FireLensLogConfiguration(logging));
        return SNode.Object(Here, props.Items);
    }

    private SNode FireLensRouter(SNode logging)
    {
        var props = new Props(this);
        var at = _manifest.Get("logging")!;
        props.Add("name", "logging", at, SNode.CreateScalar(NodeKind.String, FireLensContainer, at.NameLocation));
        var image = logging.Get("image");
        props.Add("image", "image", image, image is { Kind: NodeKind.String } ? Scalar(image) : SNode.CreateScalar(NodeKind.String, FluentBitImage, at.NameLocation));
        var options = new List<(string, string?, SourceLocation, SNode)>
        {
            ("enable-ecs-log-metadata", "enableMetadata", logging.Get("enableMetadata")?.NameLocation ?? at.NameLocation, logging.Get("enableMetadata") is { } metadata ? Keyed(SNode.CreateScalar(NodeKind.String, metadata.Scalar ?? "true", metadata.Location), metadata) : SNode.CreateScalar(NodeKind.String, "true", at.NameLocation)),
        };
        if (logging.Get("configFilePath") is { } configFile)
        {
            options.Add(("config-file-type", "configFilePath", configFile.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, "file", configFile.Location), configFile)));
            options.Add(("config-file-value", "configFilePath", configFile.NameLocation, Keyed(Scalar(configFile), configFile)));
        }

        props.Add("firelensConfiguration", "logging", at, SNode.Object(at.Location, [
            ("type", "logging", at.NameLocation, SNode.CreateScalar(NodeKind.String, "fluentbit", at.NameLocation)),
            ("options", "logging", at.NameLocation, Keyed(SNode.Object(at.Location, options), at)),
        ]));
        AddVariablesAndSecrets(props, logging);
        props.AddGenerated("logConfiguration", AwsLogs());
        return SNode.Object(at.Location, props.Items);
    }

    private SNode Sidecar(SNode sidecar)
    {
        var props = new Props(this);
        props.Add("name", null, sidecar, SNode.CreateScalar(NodeKind.String, sidecar.Name, sidecar.NameLocation));
        var config = Map(sidecar);
        if (config is null)
        {
            return Keyed(SNode.Object(sidecar.Location, props.Items), sidecar);
        }

        var image = config.Get("image");
        props.Add("image", "image", image, ImageOf(image, sidecar.Name!));
        if (config.Get("essential") is { } essential && essential.Kind != NodeKind.Null)
        {
            props.Add("essential", "essential", essential, Scalar(essential));
        }

        if (config.Get("port") is { } port && port.Kind != NodeKind.Null)
        {
            props.Add("portMappings", "port", port, SNode.Array(port.Location, [PortMapping(port)]));
        }

        if (config.Get("credentialsParameter") is { } credentials)
        {
            props.Add("repositoryCredentials", "credentialsParameter", credentials, SNode.Object(credentials.Location, [("credentialsParameter", "credentialsParameter", credentials.NameLocation, Keyed(Scalar(credentials), credentials))]));
        }

        if (Map(config.Get("labels")) is { } labels)
        {
            props.Add("dockerLabels", "labels", labels, StringMap(labels));
        }

        if (Map(config.Get("depends_on")) is { } dependsOn)
        {
            props.Add("dependsOn", "depends_on", dependsOn, DependsOn(dependsOn));
        }

        if (config.Get("mount_points") is { Kind: NodeKind.Array } mountPoints)
        {
            props.Add("mountPoints", "mount_points", mountPoints, SNode.Array(mountPoints.Location, mountPoints.Children.Select(MountPoint)));
        }

        if (config.Get("healthcheck") is { } health && health.Kind != NodeKind.Null)
        {
            props.Add("healthCheck", "healthcheck", health, HealthCheck(health));
        }

        AddCommon(props, config);
        props.AddGenerated("logConfiguration", AwsLogs());
        return Keyed(SNode.Object(sidecar.Location, props.Items), sidecar);
    }

    /// <summary>The fields the main container and sidecars share: variables, env_file, secrets, entrypoint and command.</summary>
    private void AddCommon(Props props, SNode config)
    {
        if (config.Get("entrypoint") is { } entryPoint && entryPoint.Kind != NodeKind.Null)
        {
            props.Add("entryPoint", "entrypoint", entryPoint, CommandOf(entryPoint));
        }

        if (config.Get("command") is { } command && command.Kind != NodeKind.Null)
        {
            props.Add("command", "command", command, CommandOf(command));
        }

        if (Map(config.Get("depends_on")) is { } dependsOn && !props.Has("dependsOn"))
        {
            props.Add("dependsOn", "depends_on", dependsOn, DependsOn(dependsOn));
        }

        AddVariablesAndSecrets(props, config);
    }

    private void AddVariablesAndSecrets(Props props, SNode config)
    {
        if (Map(config.Get("variables")) is { } variables)
        {
            props.Add("environment", "variables", variables, SNode.Array(variables.Location, variables.Children.Select(v => NameValue(v, "value", VariableValue(v)))));
        }

        if (config.Get("env_file") is { Kind: NodeKind.String } envFile)
        {
            props.Add("environmentFiles", "env_file", envFile, SNode.Array(envFile.Location, [SNode.Object(envFile.Location, [
                ("value", "env_file", envFile.NameLocation, SNode.Unknown("the S3 object Copilot uploads " + envFile.Scalar + " to", envFile.Location, "arn")),
                ("type", "env_file", envFile.NameLocation, SNode.CreateScalar(NodeKind.String, "s3", envFile.Location)),
            ])]));
        }

        if (Map(config.Get("secrets")) is { } secrets)
        {
            props.Add("secrets", "secrets", secrets, Secrets(secrets));
        }
    }

    private SNode FireLensLogConfiguration(SNode logging)
    {
        var at = _manifest.Get("logging")!;
        var props = new List<(string, string?, SourceLocation, SNode)>
        {
            ("logDriver", "logging", at.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, "awsfirelens", at.NameLocation), at)),
        };
        if (Map(logging.Get("destination")) is { } destination)
        {
            props.Add(("options", "destination", destination.NameLocation, Keyed(StringMap(destination), destination)));
        }

        if (Map(logging.Get("secretOptions")) is { } secretOptions)
        {
            props.Add(("secretOptions", "secretOptions", secretOptions.NameLocation, Keyed(Secrets(secretOptions), secretOptions)));
        }

        // Generated, but by the manifest's logging key: the key that changes it.
        return Keyed(SNode.Object(at.Location, props), at);
    }

    private SNode AwsLogs() => SNode.Object(Here, [
        ("logDriver", null, Here, Generated("awslogs")),
        ("options", null, Here, SNode.Object(Here, [
            ("awslogs-region", null, Here, SNode.Unknown("the region Copilot deploys to", Here)),
            ("awslogs-group", null, Here, SNode.Unknown("the log group Copilot creates", Here)),
            ("awslogs-stream-prefix", null, Here, Generated("copilot")),
        ])),
    ]);

    private SNode? Volumes(SNode? storage)
    {
        if (Map(storage?.Get("volumes")) is not { } volumes || volumes.Children.Count == 0)
        {
            return null;
        }

        var items = new List<SNode>();
        foreach (var volume in volumes.Children)
        {
            var props = new List<(string, string?, SourceLocation, SNode)>
            {
                ("name", null, volume.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, volume.Name, volume.NameLocation), volume)),
            };
            var efs = Map(volume)?.Get("efs");
            if (efs is { Kind: NodeKind.Boolean, Scalar: "true" })
            {
                // A managed file system: Copilot creates it and chooses its settings, which no manifest key changes.
                props.Add(("efsVolumeConfiguration", "efs", efs.NameLocation, Keyed(SNode.Object(efs.Location, [
                    ("fileSystemId", "efs", efs.NameLocation, SNode.Unknown("the file system Copilot creates", efs.Location)),
                    ("transitEncryption", "efs", efs.NameLocation, SNode.CreateScalar(NodeKind.String, "ENABLED", efs.Location)),
                    ("authorizationConfig", "efs", efs.NameLocation, SNode.Object(efs.Location, [
                        ("iam", "efs", efs.NameLocation, SNode.CreateScalar(NodeKind.String, "ENABLED", efs.Location)),
                        ("accessPointId", "efs", efs.NameLocation, SNode.Unknown("the access point Copilot creates", efs.Location)),
                    ])),
                ]), efs)));
            }
            else if (Map(efs) is { } config)
            {
                props.Add(("efsVolumeConfiguration", "efs", efs!.NameLocation, Keyed(Efs(config), efs)));
            }

            items.Add(Keyed(SNode.Object(volume.Location, props), volume));
        }

        return SNode.Array(volumes.Location, items);
    }

    private static SNode Efs(SNode efs)
    {
        var props = new List<(string, string?, SourceLocation, SNode)>();
        if (efs.Get("id") is { } id)
        {
            props.Add(("fileSystemId", "id", id.NameLocation, Keyed(Scalar(id), id)));
        }
        else if (efs.Get("uid") is { } || efs.Get("gid") is { })
        {
            props.Add(("fileSystemId", "uid", efs.Location, SNode.Unknown("the file system Copilot creates", efs.Location)));
        }

        if (efs.Get("root_dir") is { } root)
        {
            props.Add(("rootDirectory", "root_dir", root.NameLocation, Keyed(Scalar(root), root)));
        }

        props.Add(("transitEncryption", "efs", efs.NameLocation, SNode.CreateScalar(NodeKind.String, "ENABLED", efs.Location)));
        var auth = Map(efs.Get("auth"));
        var iam = auth?.Get("iam");
        var accessPoint = auth?.Get("access_point_id");
        var authProps = new List<(string, string?, SourceLocation, SNode)>
        {
            ("iam", "iam", iam?.NameLocation ?? efs.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, iam is { Kind: NodeKind.Boolean, Scalar: "false" } ? "DISABLED" : "ENABLED", iam?.Location ?? efs.Location), iam)),
        };
        if (accessPoint != null)
        {
            authProps.Add(("accessPointId", "access_point_id", accessPoint.NameLocation, Keyed(Scalar(accessPoint), accessPoint)));
        }

        props.Add(("authorizationConfig", "auth", auth?.NameLocation ?? efs.NameLocation, Keyed(SNode.Object(auth?.Location ?? efs.Location, authProps), auth)));
        return SNode.Object(efs.Location, props);
    }

    private static SNode MountPoint(SNode item)
    {
        var props = new List<(string, string?, SourceLocation, SNode)>();
        if (item.Get("source_volume") is { } source)
        {
            props.Add(("sourceVolume", "source_volume", source.NameLocation, Keyed(Scalar(source), source)));
        }

        if (item.Get("path") is { } path)
        {
            props.Add(("containerPath", "path", path.NameLocation, Keyed(Scalar(path), path)));
        }

        var readOnly = item.Get("read_only");
        props.Add(("readOnly", "read_only", readOnly?.NameLocation ?? item.Location, readOnly is { Kind: NodeKind.Boolean } ? Keyed(Scalar(readOnly), readOnly) : SNode.CreateScalar(NodeKind.Boolean, "true", item.Location)));
        return Keyed(SNode.Object(item.Location, props), item);
    }

    private SNode ImageOf(SNode? image, string container)
    {
        if (image is null || image.Kind == NodeKind.Null)
        {
            return SNode.Unknown("no image given for container '" + container + "'", Here);
        }

        if (image.Kind == NodeKind.String)
        {
            return Scalar(image);
        }

        if (image.Kind == NodeKind.Object)
        {
            if (image.Get("location") is { } location && location.Kind != NodeKind.Null)
            {
                return Keyed(Scalar(location), location);
            }

            if (image.Get("build") is { } build)
            {
                return SNode.Unknown("the image Copilot builds and pushes", build.Location);
            }
        }

        return Unknown("an image Copilot does not accept", image);
    }

    /// <summary>A port mapping from <c>port</c>: a number, or <c>"&lt;port&gt;[/tcp|udp]"</c>.</summary>
    private static SNode PortMapping(SNode port)
    {
        var text = port.Scalar ?? "";
        var slash = text.IndexOf('/');
        var number = slash < 0 ? text : text.Substring(0, slash);
        var protocol = slash < 0 ? "tcp" : text.Substring(slash + 1).ToLowerInvariant();
        var containerPort = int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? SNode.CreateScalar(NodeKind.Number, number, port.Location)
            : Unknown("port '" + text + "' that is not a number", port);
        return Keyed(
            SNode.Object(port.Location, [
                ("containerPort", "port", port.NameLocation, Keyed(containerPort, port)),
                ("protocol", "port", port.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, protocol, port.Location), port)),
            ]),
            port);
    }

    private static SNode DependsOn(SNode dependsOn) =>
        SNode.Array(dependsOn.Location, dependsOn.Children.Select(d => Keyed(
            SNode.Object(d.NameLocation, [
                ("containerName", "depends_on", d.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, d.Name, d.NameLocation), d)),
                ("condition", null, d.NameLocation, Keyed(d.Kind == NodeKind.String ? SNode.CreateScalar(NodeKind.String, d.Scalar!.ToUpperInvariant(), d.Location) : Scalar(d), d)),
            ]),
            d)));

    /// <summary>A container health check with Copilot's defaults for the fields not given (interval 10s, retries 2, timeout 5s, start period 0s).</summary>
    private static SNode HealthCheck(SNode health)
    {
        var config = Map(health);
        var command = config?.Get("command") ?? (config is null ? health : null);
        var props = new List<(string, string?, SourceLocation, SNode)>();
        if (command != null)
        {
            var value = command.Kind == NodeKind.String
                ? SNode.Array(command.Location, [SNode.CreateScalar(NodeKind.String, "CMD-SHELL", command.Location), Scalar(command)])
                : CommandOf(command);
            props.Add(("command", "command", command.NameLocation, Keyed(value, command)));
        }

        props.Add(DurationOf(config, "interval", "interval", 10, health));
        props.Add(DurationOf(config, "retries", "retries", 2, health));
        props.Add(DurationOf(config, "timeout", "timeout", 5, health));
        props.Add(DurationOf(config, "start_period", "startPeriod", 0, health));
        return SNode.Object(health.Location, props);
    }

    private static (string, string?, SourceLocation, SNode) DurationOf(SNode? config, string key, string member, int fallback, SNode health)
    {
        var given = config?.Get(key);
        if (given is null || given.Kind == NodeKind.Null)
        {
            return (member, key, health.NameLocation, SNode.CreateScalar(NodeKind.Number, fallback.ToString(CultureInfo.InvariantCulture), health.NameLocation));
        }

        if (given.Kind == NodeKind.Number)
        {
            // A number past what Go holds is one Copilot cannot read (ManifestValidator reports it): not a value here.
            return Durations.IsTooLongInteger(given.Scalar!)
                ? (member, key, given.NameLocation, Keyed(Unknown(key + " " + given.Scalar + " that is longer than Copilot can read", given), given))
                : (member, key, given.NameLocation, Keyed(Scalar(given), given));
        }

        var match = given.Kind == NodeKind.String ? Duration.Match(given.Scalar!) : Match.Empty;
        if (!match.Success || given.Scalar!.Length == 0)
        {
            return (member, key, given.NameLocation, Keyed(Unknown("duration '" + given.Scalar + "' that Copilot does not accept", given), given));
        }

        // The digits are the manifest's, as many as it writes: read with a range check, never int.Parse.
        if (!Durations.TrySeconds(Group(match, 1), Group(match, 2), Group(match, 3), out var seconds))
        {
            return (member, key, given.NameLocation, Keyed(Unknown("duration '" + given.Scalar + "' that is longer than Copilot can read", given), given));
        }

        return (member, key, given.NameLocation, Keyed(SNode.CreateScalar(NodeKind.Number, seconds.ToString(CultureInfo.InvariantCulture), given.Location), given));

        static string? Group(Match m, int i) => m.Groups[i].Success ? m.Groups[i].Value : null;
    }

    /// <summary>An entrypoint or command: a list as it is, a string split as a shell would (Copilot uses shlex).</summary>
    private static SNode CommandOf(SNode node)
    {
        if (node.Kind == NodeKind.Array)
        {
            return SNode.Array(node.Location, node.Children.Select(c => c.IsScalar ? SNode.CreateScalar(NodeKind.String, c.Scalar, c.Location) : Scalar(c)));
        }

        if (node.Kind != NodeKind.String)
        {
            return Scalar(node);
        }

        var words = ShellWords(node.Scalar!);
        return words is null
            ? Unknown("a command line Copilot cannot split", node)
            : SNode.Array(node.Location, words.Select(w => SNode.CreateScalar(NodeKind.String, w, node.Location)));
    }

    private static List<string>? ShellWords(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                {
                    current.Append(text[++i]);
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                current.Append(text[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote != '\0')
        {
            return null;
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static SNode VariableValue(SNode value) =>
        value.Kind == NodeKind.Object && value.Get("from_cfn") is { } import
            ? SNode.Unknown("the CloudFormation export '" + import.Scalar + "'", value.Location)
            : value.IsScalar ? SNode.CreateScalar(NodeKind.String, value.Scalar, value.Location) : Scalar(value);

    private static SNode Secrets(SNode secrets) =>
        SNode.Array(secrets.Location, secrets.Children.Select(s => NameValue(s, "valueFrom", SecretValue(s))));

    /// <summary>
    /// A secret's <c>valueFrom</c>: a plain string passes through (an SSM parameter name or an ARN); the
    /// <c>secretsmanager</c> form is the ARN of a secret in the account and region Copilot deploys to, whose text
    /// is therefore unknown (its form is an ARN); <c>from_cfn</c> is an import.
    /// </summary>
    private static SNode SecretValue(SNode value)
    {
        if (value.Kind == NodeKind.Object)
        {
            if (value.Get("secretsmanager") is { } name)
            {
                return SNode.Unknown("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:" + name.Scalar, name.Location, "arn");
            }

            if (value.Get("from_cfn") is { } import)
            {
                return SNode.Unknown("the CloudFormation export '" + import.Scalar + "'", import.Location);
            }
        }

        return value.IsScalar ? SNode.CreateScalar(NodeKind.String, value.Scalar, value.Location) : Scalar(value);
    }

    private static SNode NameValue(SNode entry, string member, SNode value) =>
        Keyed(
            SNode.Object(entry.NameLocation, [
                ("name", null, entry.NameLocation, Keyed(SNode.CreateScalar(NodeKind.String, entry.Name, entry.NameLocation), entry)),
                (member, null, entry.NameLocation, Keyed(value, entry)),
            ]),
            entry);

    private static SNode StringMap(SNode map) =>
        SNode.Object(map.Location, map.Children.Select(c => (c.Name!, (string?)null, c.NameLocation, Keyed(c.IsScalar ? SNode.CreateScalar(NodeKind.String, c.Scalar, c.Location) : Scalar(c), c))));

    /// <summary>A copy of a scalar of the manifest; anything else is not a value Copilot accepts there, so unknown.</summary>
    private static SNode Scalar(SNode node) =>
        node.IsScalar || node.Kind is NodeKind.Unknown or NodeKind.Null ? SNode.CopyScalar(node) : Unknown("a value Copilot does not accept here", node);

    private static SNode Unknown(string reason, SNode at) => SNode.Unknown(reason, at.Location);

    private static SNode? Map(SNode? node) => node is { Kind: NodeKind.Object } ? node : null;

    /// <summary><paramref name="value"/> with the key path of the manifest node it is read from (see <see cref="ManifestKey"/>).</summary>
    private static SNode Keyed(SNode value, SNode? from) => ManifestKey.Keyed(value, from);

    private SNode Generated(string text) => SNode.CreateScalar(NodeKind.String, text, Here);

    /// <summary>The properties of one canonical object, each with the manifest key it comes from.</summary>
    private sealed class Props(TaskDefinitionBuilder owner)
    {
        public List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> Items { get; } = [];

        public bool Has(string name) => Items.Any(i => i.Name == name);

        /// <summary>A property the manifest gives at <paramref name="from"/> (the key's location), or Copilot's default when absent.</summary>
        public void Add(string name, string? sourceName, SNode? from, SNode value)
        {
            if (Has(name))
            {
                return;
            }

            // The key of the manifest node, unless the value was read from a deeper key (image.location, platform.osfamily).
            if (value.SourceKey is null && from != null)
            {
                ManifestKey.Keyed(value, from);
            }

            Items.Add((name, sourceName, from?.NameLocation ?? owner.Here, value));
        }

        /// <summary>A property Copilot always renders, located at the manifest's <c>type</c>.</summary>
        public void AddGenerated(string name, SNode value) => Items.Add((name, null, owner.Here, value));
    }
}
