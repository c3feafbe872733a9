using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>
/// ECS2010: port mappings that the task's network mode does not allow, duplicate container ports for one protocol,
/// and containerPortRange misuse.
/// </summary>
public sealed class PortMappingInvalidForNetworkMode : Rule
{
    /// <summary>At most this many port ranges per container.</summary>
    public const int MaxPortRanges = 100;

    public override string Id => "ECS2010";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var modeVal = task.NetworkModeOrDefault;
        var mode = modeVal.IsKnown ? modeVal.Value : null;
        foreach (var container in task.ContainerDefinitions)
        {
            var mappings = container.PortMappings;
            if (mappings.State != ValueState.Known)
            {
                continue;
            }

            if (mode == "none")
            {
                if (mappings.Count > 0 || mappings.UnknownItems > 0)
                {
                    context.Report(
                        mappings,
                        $"Container {ContainerIndex.Describe(container)} has port mappings, but networkMode \"none\" gives the task no external network. "
                        + "Remove portMappings, or use another network mode.");
                }

                continue;
            }

            CheckContainer(container, mappings, mode, context);
        }
    }

    private static void CheckContainer(ContainerDefinition container, ModelList<PortMapping> mappings, string? mode, RuleContext context)
    {
        var who = ContainerIndex.Describe(container);
        var staticHostPorts = mode is "awsvpc" or "host";
        var taken = new List<(long Low, long High, string Protocol)>();
        var ranges = 0;
        foreach (var mapping in mappings)
        {
            long low;
            long high;
            Val<string> range = mapping.ContainerPortRange;
            var hostPort = mapping.HostPort;
            SourceLocation at;
            string path;
            if (!range.IsAbsent)
            {
                if (!range.IsKnown)
                {
                    continue;
                }

                ranges++;
                if (ranges == MaxPortRanges + 1)
                {
                    context.Report(range, $"Container {who} has more than {MaxPortRanges.ToString(CultureInfo.InvariantCulture)} containerPortRange mappings; ECS allows at most {MaxPortRanges.ToString(CultureInfo.InvariantCulture)} per container. Merge adjacent ranges.");
                }

                if (mode is "host")
                {
                    context.Report(range, $"Container {who} uses containerPortRange, which needs networkMode \"bridge\" or \"awsvpc\" (this task uses \"host\"). List the ports with containerPort, or change the network mode.");
                }

                if (!hostPort.IsAbsent)
                {
                    context.Report(hostPort, $"Container {who} sets hostPort together with containerPortRange; ECS chooses the host ports for a range. Remove hostPort from this port mapping.");
                }

                if (!TryParseRange(range.Value, out low, out high))
                {
                    continue;
                }

                if (low >= high)
                {
                    context.Report(range, $"Container {who} has containerPortRange \"{range.Value}\": the first port must be less than the last port. Write the range as \"low-high\", or use containerPort for a single port.");
                    continue;
                }

                at = range.Location;
                path = range.Node?.Path ?? "";
            }
            else
            {
                var port = mapping.ContainerPort;
                if (!port.IsKnown)
                {
                    continue;
                }

                // hostPort 0 is treated like an omitted hostPort (ECS normalises it), so only a different non-zero port is reported.
                if (staticHostPorts && hostPort.IsKnown && hostPort.Value != 0 && hostPort.Value != port.Value)
                {
                    context.Report(
                        hostPort,
                        $"Container {who} maps containerPort {port.Value.ToString(CultureInfo.InvariantCulture)} to hostPort {hostPort.Value.ToString(CultureInfo.InvariantCulture)}, but with networkMode \"{mode}\" the host port must equal the container port. "
                        + $"Remove hostPort or set it to {port.Value.ToString(CultureInfo.InvariantCulture)}.");
                }

                low = high = port.Value;
                at = port.Location;
                path = port.Node?.Path ?? "";
            }

            var protocol = mapping.Protocol;
            if (protocol.IsUnknown)
            {
                continue;
            }

            var proto = protocol.IsKnown ? protocol.Value.ToLowerInvariant() : "tcp";
            foreach (var (takenLow, takenHigh, takenProtocol) in taken)
            {
                if (takenProtocol == proto && low <= takenHigh && takenLow <= high)
                {
                    var what = low == high && takenLow == takenHigh
                        ? $"maps container port {low.ToString(CultureInfo.InvariantCulture)}/{proto} twice"
                        : $"maps container ports {Describe(low, high)}/{proto} that overlap ports {Describe(takenLow, takenHigh)}/{proto} of another mapping";
                    context.Report(at, path, $"Container {who} {what}; a port can be in only one port mapping per container and protocol. Remove the duplicate or make the ranges disjoint.");
                    break;
                }
            }

            taken.Add((low, high, proto));
        }
    }

    private static string Describe(long low, long high) =>
        low == high ? low.ToString(CultureInfo.InvariantCulture) : low.ToString(CultureInfo.InvariantCulture) + "-" + high.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>"low-high"</c> with both ports in 1..65535; malformed text is left to the shape rules.</summary>
    internal static bool TryParseRange(string text, out long low, out long high)
    {
        low = high = 0;
        var dash = text.IndexOf('-');
        return dash > 0
            && long.TryParse(text.Substring(0, dash).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out low)
            && long.TryParse(text.Substring(dash + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out high)
            && low is >= 1 and <= 65535
            && high is >= 1 and <= 65535;
    }
}
