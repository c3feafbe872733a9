using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// The checks Copilot itself makes on a workload manifest (<c>internal/pkg/manifest/validate.go</c>, v1.33) that bear on
/// the task definition, as ECS8001: the platform, the images, sidecars, env files, storage and EFS, the Windows and ARM
/// restrictions and the deployment strategy. Copilot stops at its first error; this reports every one, each at the
/// value at fault. A manifest merged with an environment's overrides is checked the same way (Copilot validates each
/// environment's manifest). Copilot's container-dependency checks are not repeated here: the same mistakes reach the
/// model and are reported there, at the same place (an unknown status ECS0004, a missing target or a cycle ECS2004,
/// COMPLETE or SUCCESS on an essential container ECS2005).
/// </summary>
internal sealed class ManifestValidator
{
    internal static readonly string[] ShortPlatforms = ["linux/amd64", "linux/x86_64", "linux/arm", "linux/arm64", "windows/amd64", "windows/x86_64"];

    internal static readonly string[] OsFamilies = ["linux", "windows", "windows_server_2019_core", "windows_server_2019_full", "windows_server_2022_core", "windows_server_2022_full"];

    internal static readonly string[] X86 = ["x86_64", "amd64"];

    internal static readonly string[] Arm = ["arm", "arm64"];

    internal static readonly Regex VolumePath = new(@"^[a-zA-Z0-9\-\._/]+$", RegexOptions.CultureInvariant);

    private const string Web = "Load Balanced Web Service";
    private const string Backend = "Backend Service";
    private const string Worker = "Worker Service";
    private const string Job = "Scheduled Job";

    /// <summary>
    /// The manifest fields Copilot decodes into Go's <c>time.Duration</c>, as dotted paths (<c>a|b</c> is either key,
    /// <c>*</c> any key, a trailing <c>[]</c> every item of a list), with the workload types that have them (Copilot
    /// ignores keys its type does not have, so only these are read); null for every type.
    /// </summary>
    private static readonly (string Path, string[]? Types)[] DurationFields =
    [
        ("image.healthcheck.interval|timeout|start_period", null),
        ("sidecars.*.healthcheck.interval|timeout|start_period", null),
        ("http.healthcheck.interval|timeout|grace_period", [Web, Backend]),
        ("http.deregistration_delay", [Web, Backend]),
        ("http.additional_rules[].healthcheck.interval|timeout|grace_period", [Web, Backend]),
        ("http.additional_rules[].deregistration_delay", [Web, Backend]),
        ("nlb.healthcheck.interval|timeout|grace_period", [Web]),
        ("nlb.deregistration_delay", [Web]),
        ("nlb.additional_listeners[].healthcheck.interval|timeout|grace_period", [Web]),
        ("nlb.additional_listeners[].deregistration_delay", [Web]),
        ("count.cooldown.in|out", [Web, Backend, Worker]),
        ("count.cpu_percentage|memory_percentage|requests|response_time.cooldown.in|out", [Web, Backend, Worker]),
        ("count.response_time", [Web, Backend]),
        ("count.response_time.value", [Web, Backend]),
        ("subscribe.queue.retention|delay|timeout", [Worker]),
        ("subscribe.topics[].queue.retention|delay|timeout", [Worker]),
        ("timeout", [Job]),
    ];

    /// <summary>The manifest fields Copilot decodes into a Go integer type, with the type, its largest value and the workload types that have them.</summary>
    private static readonly (string Path, string Type, ulong Max, string[]? Types)[] IntegerFields =
    [
        ("cpu|memory", "int", long.MaxValue, null),
        ("count", "int", long.MaxValue, [Web, Backend, Worker]),
        ("storage.ephemeral", "int", long.MaxValue, null),
        ("image.port", "uint16", ushort.MaxValue, [Web, Backend]),
        ("image.healthcheck.retries", "int", long.MaxValue, null),
        ("sidecars.*.healthcheck.retries", "int", long.MaxValue, null),
        ("storage.volumes.*.efs.uid|gid", "uint32", uint.MaxValue, null),
    ];

    private readonly SNode _manifest;
    private readonly string _name;
    private readonly bool _requireImage;
    private readonly List<LoaderFinding> _findings = [];

    private ManifestValidator(SNode manifest, string workloadName, bool requireImage)
    {
        _manifest = manifest;
        _name = workloadName;
        _requireImage = requireImage;
    }

    /// <summary>
    /// The ECS8001 findings of one manifest (as written, or merged with an environment's overrides).
    /// <paramref name="requireImage"/> is false for a manifest as written whose every environment gives the main image:
    /// whether it is ever deployed without overrides is not known, so a missing image there is not reported.
    /// </summary>
    public static List<LoaderFinding> Validate(SNode manifest, string workloadName, bool requireImage = true)
    {
        var validator = new ManifestValidator(manifest, workloadName, requireImage);
        validator.Run();
        return validator._findings;
    }

    /// <summary>Whether the manifest gives the main container an image (a location or a build).</summary>
    public static bool HasImage(SNode manifest) =>
        manifest.Get("image") is { } image
        && (image.Kind == NodeKind.String
            || (image.Kind == NodeKind.Object && (image.Get("location") is { Kind: not NodeKind.Null } || image.Get("build") is { Kind: not NodeKind.Null })));

    private void Run()
    {
        var (windows, arm) = Platform();
        Image(_manifest.Get("image"), "the main container", required: _requireImage);
        EnvFile(_manifest, "the main container");
        if (Map(_manifest.Get("logging")) is { } logging)
        {
            EnvFile(logging, "the FireLens log router");
        }

        var sidecars = Map(_manifest.Get("sidecars"));
        foreach (var sidecar in sidecars?.Children ?? [])
        {
            Sidecar(sidecar);
        }

        var storage = Map(_manifest.Get("storage"));
        if (storage != null)
        {
            Storage(storage, windows);
        }

        if (windows)
        {
            Windows(storage);
        }

        if (arm)
        {
            Spot();
        }

        Ranges();
        if (Map(_manifest.Get("deployment"))?.Get("rolling") is { Kind: NodeKind.String } rolling
            && !rolling.Scalar!.Equals("default", StringComparison.OrdinalIgnoreCase)
            && !rolling.Scalar.Equals("recreate", StringComparison.OrdinalIgnoreCase))
        {
            Report(rolling, "The rolling deployment strategy '" + rolling.Scalar + "' is not one Copilot knows, so it refuses the manifest. Use 'default' (start new tasks before stopping old ones) or 'recreate'.");
        }
    }

    /// <summary>Checks <c>platform</c>; returns whether it is Windows and whether it is ARM.</summary>
    private (bool Windows, bool Arm) Platform()
    {
        var platform = _manifest.Get("platform");
        if (platform is { Kind: NodeKind.String })
        {
            var text = platform.Scalar!;
            if (text.Split('/').Length != 2)
            {
                Report(platform, "The platform '" + text + "' is not in the form [OS]/[Arch], so Copilot refuses the manifest. Use one of " + Series(ShortPlatforms) + ", or the map form with osfamily and architecture.");
                return (false, false);
            }

            if (!ShortPlatforms.Contains(text.ToLowerInvariant()))
            {
                Report(platform, "The platform '" + text + "' is not one Copilot accepts, so it refuses the manifest. Use one of " + Series(ShortPlatforms) + ", or the map form with osfamily and architecture for a Windows Server version.");
                return (false, false);
            }

            var parts = text.ToLowerInvariant().Split('/');
            return (parts[0] == "windows", Arm.Contains(parts[1]));
        }

        if (platform is { Kind: NodeKind.Object })
        {
            var os = platform.Get("osfamily");
            var arch = platform.Get("architecture");
            if ((os is null) != (arch is null))
            {
                Report(os ?? arch!, "The platform gives " + (os is null ? "architecture without osfamily" : "osfamily without architecture") + ", and Copilot refuses the manifest: the fields 'osfamily' and 'architecture' must both be given or both be left out.");
                return (false, false);
            }

            if (os is { Kind: NodeKind.String } && arch is { Kind: NodeKind.String })
            {
                var family = os.Scalar!.ToLowerInvariant();
                var architecture = arch.Scalar!.ToLowerInvariant();
                var windows = family.StartsWith("windows", StringComparison.Ordinal);
                if (!OsFamilies.Contains(family))
                {
                    Report(os, "The osfamily '" + os.Scalar + "' is not one Copilot accepts, so it refuses the manifest. Use one of " + Series(OsFamilies) + ".");
                }
                else if (!X86.Contains(architecture) && !(Arm.Contains(architecture) && !windows))
                {
                    Report(arch, "The architecture '" + arch.Scalar + "' is not one Copilot accepts with osfamily '" + os.Scalar + "', so it refuses the manifest. Use "
                        + (windows ? "x86_64 (Windows containers run only on x86_64)." : "x86_64, amd64, arm or arm64."));
                }
                else
                {
                    return (windows, Arm.Contains(architecture));
                }
            }
        }

        return (false, false);
    }

    /// <summary>An image: a location or a build, not both and (for the main container and sidecars) not neither.</summary>
    private void Image(SNode? image, string container, bool required)
    {
        if (image is null || image.Kind == NodeKind.Null)
        {
            if (required)
            {
                Report(Type(), "The manifest gives no image for " + container + ", so Copilot refuses it. Add image.location (an image to pull) or image.build (a Dockerfile Copilot builds).");
            }

            return;
        }

        if (image.Kind != NodeKind.Object)
        {
            return;
        }

        var build = image.Get("build");
        var location = image.Get("location");
        var hasBuild = build is { } && build.Kind != NodeKind.Null;
        var hasLocation = location is { } && location.Kind != NodeKind.Null;
        if (hasBuild && hasLocation)
        {
            Report(location!, "The image of " + container + " gives both 'build' and 'location', and Copilot refuses the manifest: they are mutually exclusive. Keep the one you mean.");
        }
        else if (!hasBuild && !hasLocation && required)
        {
            Report(image, "The image of " + container + " gives neither 'build' nor 'location', so Copilot refuses the manifest. Add image.location (an image to pull) or image.build (a Dockerfile Copilot builds).");
        }
    }

    private void Sidecar(SNode sidecar)
    {
        var name = "sidecar '" + sidecar.Name + "'";
        var config = Map(sidecar);
        if (config is null)
        {
            Report(sidecar.NameLocation, sidecar.Path, "The " + name + " has no settings, so Copilot refuses the manifest: a sidecar needs at least an image.");
            return;
        }

        var image = config.Get("image");
        if (image is null || image.Kind == NodeKind.Null)
        {
            Report(sidecar.NameLocation, sidecar.Path, "The " + name + " has no image, so Copilot refuses the manifest. Add image (an image to pull), image.location or image.build.");
        }
        else
        {
            Image(image, "the " + name, required: true);
        }

        if (config.Get("port") is { IsScalar: true } port && port.Scalar!.IndexOf('/') is var slash and >= 0)
        {
            var protocol = port.Scalar.Substring(slash + 1);
            if (!protocol.Equals("tcp", StringComparison.OrdinalIgnoreCase) && !protocol.Equals("udp", StringComparison.OrdinalIgnoreCase))
            {
                Report(port, "The port of the " + name + " has the protocol '" + protocol + "', which Copilot refuses: a sidecar port is '<port>', '<port>/tcp' or '<port>/udp'.");
            }
        }

        foreach (var mount in config.Get("mount_points") is { Kind: NodeKind.Array } mounts ? mounts.Children : [])
        {
            if (Map(mount) is not { } mountPoint)
            {
                continue;
            }

            if (mountPoint.Get("source_volume") is not { IsScalar: true } source || string.IsNullOrEmpty(source.Scalar))
            {
                Report(mount, "A mount point of the " + name + " has no source_volume, so Copilot refuses the manifest. Name the volume (a key of storage.volumes) to mount.");
            }

            MountPath(mountPoint, mount, "A mount point of the " + name);
        }

        EnvFile(config, "the " + name);
    }

    /// <summary>The <c>path</c> of a volume or mount point: required, and only the characters Copilot allows.</summary>
    private void MountPath(SNode config, SNode at, string what)
    {
        var path = config.Get("path");
        if (path is null || path.Kind == NodeKind.Null || (path.IsScalar && path.Scalar!.Length == 0))
        {
            Report(at, what + " has no path, so Copilot refuses the manifest. Give the path inside the container where the volume is mounted.");
        }
        else if (path.IsScalar && !VolumePath.IsMatch(path.Scalar!))
        {
            Report(path, what + " has the path '" + path.Scalar + "', which Copilot refuses: a path may only contain the characters a-z, A-Z, 0-9, '.', '-', '_' and '/'.");
        }
    }

    private void EnvFile(SNode config, string container)
    {
        if (config.Get("env_file") is { IsScalar: true } envFile && !string.Equals(Path.GetExtension(envFile.Scalar!), ".env", StringComparison.Ordinal))
        {
            Report(envFile, "The env_file '" + envFile.Scalar + "' of " + container + " does not end in .env, so Copilot refuses the manifest. Rename the file so that its name ends in .env.");
        }
    }

    private void Storage(SNode storage, bool windows)
    {
        if (storage.Get("ephemeral") is { Kind: NodeKind.Number } ephemeral
            && double.TryParse(ephemeral.Scalar, NumberStyles.Float, CultureInfo.InvariantCulture, out var size)
            && (size < 20 || size > 200))
        {
            Report(ephemeral, "The ephemeral storage of " + ephemeral.Scalar + " GiB is outside 20 to 200 GiB, so Copilot refuses the manifest. Give a size from 20 to 200.");
        }

        var managed = false;
        foreach (var volume in Map(storage.Get("volumes"))?.Children ?? [])
        {
            var config = Map(volume);
            if (config is null)
            {
                continue;
            }

            MountPath(config, volume, "The volume '" + volume.Name + "'");
            var efs = config.Get("efs");
            var usesManaged = efs is { Kind: NodeKind.Boolean, Scalar: "true" }
                || (Map(efs) is { } e && (e.Get("uid") != null || e.Get("gid") != null));
            if (usesManaged && !windows)
            {
                if (managed)
                {
                    Report(efs!, "The volume '" + volume.Name + "' asks for a second Copilot-managed EFS file system, and Copilot refuses the manifest: a workload can have at most one managed volume. Use an existing file system (efs.id) for the others.");
                }

                managed = true;
            }

            if (Map(efs) is { } advanced)
            {
                Efs(advanced, volume.Name!);
            }
        }
    }

    private void Efs(SNode efs, string volume)
    {
        var uid = efs.Get("uid");
        var gid = efs.Get("gid");
        var byo = efs.Get("id") ?? efs.Get("root_dir") ?? efs.Get("auth");
        var what = "The EFS settings of volume '" + volume + "'";
        if ((uid != null || gid != null) && byo != null)
        {
            Report(byo, what + " mix uid/gid (a file system Copilot creates) with id/root_dir/auth (one you bring), which Copilot refuses. Keep one kind.");
            return;
        }

        if ((uid is null) != (gid is null))
        {
            Report(uid ?? gid!, what + " give " + (uid is null ? "gid without uid" : "uid without gid") + ", which Copilot refuses: give both.");
        }

        if (uid is { Kind: NodeKind.Number, Scalar: "0" })
        {
            Report(uid, what + " give uid 0 (root), which Copilot refuses. Give the user ID the container runs as.");
        }

        var auth = Map(efs.Get("auth"));
        var root = efs.Get("root_dir");
        if (auth?.Get("access_point_id") is { } accessPoint && accessPoint.Kind != NodeKind.Null)
        {
            var rootOk = root is null || root.Kind == NodeKind.Null || (root.IsScalar && root.Scalar is "" or "/");
            var iamOk = auth.Get("iam") is not { Kind: NodeKind.Boolean, Scalar: "false" };
            if (!rootOk || !iamOk)
            {
                Report(rootOk ? auth.Get("iam")! : root!, what + " use an access point with " + (rootOk ? "auth.iam false" : "root_dir '" + root!.Scalar + "'") + ", which Copilot refuses: with access_point_id, root_dir must be empty or '/' and auth.iam must be true.");
            }
        }
        else if (root is { IsScalar: true } && root.Scalar!.Length > 0 && !VolumePath.IsMatch(root.Scalar))
        {
            Report(root, what + " give the root_dir '" + root.Scalar + "', which Copilot refuses: a path may only contain the characters a-z, A-Z, 0-9, '.', '-', '_' and '/'.");
        }
    }

    private void Windows(SNode? storage)
    {
        if (storage?.Get("readonly_fs") is { Kind: NodeKind.Boolean, Scalar: "true" } readOnly)
        {
            Report(readOnly, "readonly_fs is true on a Windows workload, which Copilot refuses: Windows containers cannot have a read-only root file system. Remove it.");
        }

        foreach (var volume in Map(storage?.Get("volumes"))?.Children ?? [])
        {
            if (Map(volume)?.Get("efs") is { } efs && efs.Kind != NodeKind.Null && efs is not { Kind: NodeKind.Boolean, Scalar: "false" })
            {
                Report(efs, "The volume '" + volume.Name + "' uses EFS on a Windows workload, which Copilot refuses: EFS is not supported with Windows containers on Fargate. Remove the efs settings or use a Linux platform.");
            }
        }

        var connect = Map(_manifest.Get("network"))?.Get("connect");
        if (connect is { Kind: NodeKind.Boolean, Scalar: "true" } || connect is { Kind: NodeKind.Object })
        {
            Report(connect, "Service Connect (network.connect) is enabled on a Windows workload, which Copilot refuses: Service Connect is not supported with Windows containers. Remove network.connect.");
        }
    }

    private void Spot()
    {
        var count = Map(_manifest.Get("count"));
        var spot = count?.Get("spot") ?? Map(count?.Get("range"))?.Get("spot_from");
        if (spot is { } && spot.Kind != NodeKind.Null)
        {
            Report(spot, "Fargate Spot (count." + (spot.Name == "spot" ? "spot" : "range.spot_from") + ") is requested for an ARM workload, which Copilot refuses: Fargate Spot does not run ARM tasks. Remove it, or use an x86_64 platform.");
        }
    }

    /// <summary>
    /// Durations and whole numbers too large for the Go types Copilot reads them into: Copilot cannot read the manifest.
    /// The digits are never parsed into a fixed-size integer here (see <see cref="Durations"/>), so no length of them
    /// stops the check.
    /// </summary>
    private void Ranges()
    {
        var type = Type().Scalar;
        foreach (var (field, types) in DurationFields)
        {
            if (types is not null && !types.Contains(type))
            {
                continue;
            }

            foreach (var (value, path) in At(field))
            {
                if (value.Kind == NodeKind.String ? Durations.IsOutOfRange(value.Scalar!) : value.Kind == NodeKind.Number && Durations.IsTooLongInteger(value.Scalar!))
                {
                    Report(value, "The duration " + Quoted(value) + " of " + path + " is out of range: Copilot reads it into Go's time.Duration, which holds at most "
                        + Durations.Longest + " (about 292 years), so it refuses the manifest. Give a duration such as 10s, 5m or 1h30m.");
                }
            }
        }

        foreach (var (field, goType, max, types) in IntegerFields)
        {
            if (types is not null && !types.Contains(type))
            {
                continue;
            }

            foreach (var (value, path) in At(field))
            {
                if (value.Kind == NodeKind.Number && IsWholeAbove(value.Scalar!, max))
                {
                    Report(value, "The number " + value.Scalar + " of " + path + " is out of range: Copilot reads it into a Go " + goType
                        + ", which holds at most " + max.ToString(CultureInfo.InvariantCulture) + ", so it refuses the manifest. Give the value you mean.");
                }
            }
        }

        static string Quoted(SNode value) => value.Kind == NodeKind.String ? "'" + value.Scalar + "'" : value.Scalar!;
    }

    /// <summary>Whether <paramref name="number"/> is a whole number (digits, optionally signed) past <paramref name="max"/> in size.</summary>
    private static bool IsWholeAbove(string number, ulong max)
    {
        var digits = (number.Length > 0 && number[0] is '+' or '-' ? number.Substring(1) : number).TrimStart('0');
        if (digits.Length == 0 || !digits.All(c => c is >= '0' and <= '9'))
        {
            return false;
        }

        return digits.Length > 20 || !ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max;
    }

    /// <summary>The values at a dotted field path (see <see cref="DurationFields"/>), each with its path as written.</summary>
    private List<(SNode Value, string Path)> At(string field)
    {
        var found = new List<(SNode, string)>();
        Walk(_manifest, field.Split('.'), 0, "");
        return found;

        void Walk(SNode node, string[] segments, int i, string path)
        {
            if (i == segments.Length)
            {
                if (node.Kind != NodeKind.Null)
                {
                    found.Add((node, path));
                }

                return;
            }

            if (node.Kind != NodeKind.Object)
            {
                return;
            }

            var segment = segments[i];
            var items = segment.EndsWith("[]", StringComparison.Ordinal);
            var keys = (items ? segment.Substring(0, segment.Length - 2) : segment).Split('|');
            foreach (var child in node.Children)
            {
                if (keys[0] != "*" && !keys.Contains(child.Name!))
                {
                    continue;
                }

                var childPath = path.Length == 0 ? child.Name! : path + "." + child.Name;
                if (!items)
                {
                    Walk(child, segments, i + 1, childPath);
                }
                else if (child.Kind == NodeKind.Array)
                {
                    foreach (var item in child.Children)
                    {
                        Walk(item, segments, i + 1, childPath + "[" + item.Index.ToString(CultureInfo.InvariantCulture) + "]");
                    }
                }
            }
        }
    }

    private SNode Type() => _manifest.Get("type")!;

    private void Report(SNode at, string message) => Report(at.Location, at.Path, message);

    private void Report(SourceLocation location, string path, string message) =>
        _findings.Add(new LoaderFinding("ECS8001", message, location, path));

    private static SNode? Map(SNode? node) => node is { Kind: NodeKind.Object } ? node : null;

    private static string Series(IReadOnlyList<string> values) =>
        string.Join(", ", values.Take(values.Count - 1)) + " or " + values[values.Count - 1];
}
