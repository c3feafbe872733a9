namespace EcsPolicy.Model;

/// <summary>The input format a task definition came from. Used for messages only, never for rule logic.</summary>
public enum SourceFormat
{
    /// <summary>register-task-definition input or describe-task-definition output.</summary>
    TaskDefinitionJson,

    /// <summary>A bare JSON array of container definitions: the task-level fields are unknown.</summary>
    ContainerDefinitionsJson,
    CloudFormation,
    CdkCSharp,
    Copilot,
}

public sealed partial class TaskDefinition
{
    /// <summary>Creates the model over a canonical tree built by a loader.</summary>
    /// <summary>
    /// The most containers of one task definition that are checked. ECS allows 10 (ECS2003 reports more); a hostile
    /// file may hold tens of thousands, each with findings of its own. Past this many, the rest are left out of the
    /// model and reported as not checked (ECS0009), so the work stays bounded.
    /// </summary>
    public const int MaxContainersChecked = 10_000;

    public static TaskDefinition Create(SNode node, SourceFormat format, string displayName, string? origin = null)
    {
        if (node.Get("containerDefinitions") is not { Kind: NodeKind.Array } containers || containers.Children.Count <= MaxContainersChecked)
        {
            return new(node) { Format = format, DisplayName = displayName, Origin = origin };
        }

        var kept = SNode.Array(containers.Location, containers.Children.Take(MaxContainersChecked).ToList());
        var members = node.Children.Select(c => (c.Name!, c.SourceName, c.NameLocation, ReferenceEquals(c, containers) ? kept : c)).ToList();
        return new(SNode.Object(node.Location, members))
        {
            Format = format,
            DisplayName = displayName,
            Origin = origin,
            ContainersLeftOut = (containers.Children.Count - MaxContainersChecked, containers.Children[MaxContainersChecked].Location),
        };
    }

    /// <summary>
    /// How many containers past <see cref="MaxContainersChecked"/> were left out of the model, and where the first of
    /// them is; (0, default) for none.
    /// </summary>
    public (int Count, SourceLocation First) ContainersLeftOut { get; private init; }

    public SourceFormat Format { get; private init; }

    /// <summary>How messages name this task definition (its family, a resource name, a construct path).</summary>
    public string DisplayName { get; private init; } = "";

    /// <inheritdoc cref="Service.Origin"/>
    public string? Origin { get; private init; }

    public string File => Node.Location.File;

    /// <summary>True when <c>requiresCompatibilities</c> is known to include FARGATE (whatever else it lists).</summary>
    public bool RequiresFargate
    {
        get
        {
            foreach (var c in RequiresCompatibilities)
            {
                if (c.Is("FARGATE"))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>True when <c>requiresCompatibilities</c> is not statically known, so FARGATE cannot be ruled out.</summary>
    public bool CompatibilitiesUnknown => !RequiresCompatibilities.IsComplete;

    /// <summary>
    /// The network mode; when absent, the API default <c>bridge</c> (flagged <see cref="Val{T}.IsDefault"/>), except
    /// for Windows task definitions, whose default is the Windows NAT mode, which has no name in the API, and for
    /// task definitions only for MANAGED_INSTANCES, whose default is <c>awsvpc</c>.
    /// </summary>
    public Val<string> NetworkModeOrDefault
    {
        get
        {
            var mode = NetworkMode;
            if (!mode.IsAbsent)
            {
                return mode;
            }

            // Amazon ECS Managed Instances default to awsvpc (their only other mode is host); the developer guide's
            // Managed Instances task definition parameters, checked 2026-12.
            if (RequiresCompatibilities.State == ValueState.Known && RequiresCompatibilities.IsComplete && RequiresCompatibilities.Count > 0
                && RequiresCompatibilities.All(c => c.Is("MANAGED_INSTANCES")))
            {
                return new Val<string>(ValueState.Known, "awsvpc", null, this, isDefault: true);
            }

            var os = RuntimePlatform?.OperatingSystemFamily;
            if (os is { IsKnown: false } && os.Value.IsUnknown)
            {
                return mode;
            }

            return os is { IsKnown: true } && os.Value.Value.StartsWith("WINDOWS", StringComparison.Ordinal)
                ? mode
                : new Val<string>(ValueState.Known, "bridge", null, this, isDefault: true);
        }
    }

    /// <summary>
    /// Task-level CPU in CPU units: <c>"1024"</c>, <c>1024</c>, or the vCPU form <c>"1 vCPU"</c>/<c>".5 vcpu"</c>
    /// (1 vCPU = 1024 units). Unknown when the text has another form (the shape rules report that).
    /// </summary>
    public Val<long> CpuUnits => Units(Cpu, "vcpu");

    /// <summary>Task-level memory in MiB: <c>"2048"</c>, <c>2048</c>, or the GB form <c>"2 GB"</c>/<c>"2GB"</c> (1 GB = 1024 MiB).</summary>
    public Val<long> MemoryMiB => Units(Memory, "gb");

    /// <summary>Parses the integer or unit form of task cpu/memory; the unit is matched case-insensitively.</summary>
    public static bool TryParseUnits(string text, string unit, out long value)
    {
        value = 0;
        var t = text.Trim();
        var scaled = false;
        if (t.EndsWith(unit, StringComparison.OrdinalIgnoreCase))
        {
            t = t.Substring(0, t.Length - unit.Length).TrimEnd();
            scaled = true;
        }

        if (t.Length == 0 || t.Any(ch => !(ch is >= '0' and <= '9' || ch == '.')) || t.Count(ch => ch == '.') > 1 || (!scaled && t.Contains('.')))
        {
            return false;
        }

        if (!decimal.TryParse(t, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var result = scaled ? number * 1024 : number;
        if (result != decimal.Truncate(result) || result > long.MaxValue)
        {
            return false;
        }

        value = (long)result;
        return true;
    }

    private Val<long> Units(Val<string> raw, string unit)
    {
        if (!raw.IsKnown)
        {
            return new Val<long>(raw.State, 0, raw.Node, this, false);
        }

        return TryParseUnits(raw.Value, unit, out var value)
            ? new Val<long>(ValueState.Known, value, raw.Node, this, false)
            : new Val<long>(ValueState.Unknown, 0, raw.Node, this, false);
    }
}
