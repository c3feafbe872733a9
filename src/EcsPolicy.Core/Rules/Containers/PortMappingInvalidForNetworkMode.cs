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
                        $"Container {ContainerIndex.Describe(container)} has port mappings, but {PropRef.Of(task, "networkMode")} \"none\" gives the task no external network. "
                        + $"Remove {PropRef.Of(container, "portMappings")}, or use another network mode.");
                }

                continue;
            }

            CheckContainer(task, container, mappings, mode, context);
        }
    }

    private static void CheckContainer(TaskDefinition task, ContainerDefinition container, ModelList<PortMapping> mappings, string? mode, RuleContext context)
    {
        var networkMode = PropRef.Of(task, "networkMode");
        var who = ContainerIndex.Describe(container);
        var staticHostPorts = mode is "awsvpc" or "host";
        var taken = new Dictionary<string, TakenPorts>(StringComparer.Ordinal);
        var ranges = 0;
        foreach (var mapping in mappings)
        {
            long low;
            long high;
            Val<string> range = mapping.ContainerPortRange;
            var hostPort = mapping.HostPort;
            var rangeProp = PropRef.Of(mapping, "containerPortRange");
            var hostPortProp = PropRef.Of(mapping, "hostPort");
            var containerPortProp = PropRef.Of(mapping, "containerPort");
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
                    context.Report(range, $"Container {who} has more than {MaxPortRanges.ToString(CultureInfo.InvariantCulture)} {rangeProp} mappings; ECS allows at most {MaxPortRanges.ToString(CultureInfo.InvariantCulture)} per container. Merge adjacent ranges.");
                }

                if (mode is "host")
                {
                    context.Report(range, $"Container {who} uses {rangeProp}, which needs {networkMode} \"bridge\" or \"awsvpc\" (this task uses \"host\"). List the ports with {containerPortProp}, or change the network mode.");
                }

                if (!hostPort.IsAbsent)
                {
                    context.Report(hostPort, $"Container {who} sets {hostPortProp} together with {rangeProp}; ECS chooses the host ports for a range. Remove {hostPortProp} from this port mapping.");
                }

                if (!TryParseRange(range.Value, out low, out high))
                {
                    continue;
                }

                if (low >= high)
                {
                    context.Report(range, $"Container {who} has {rangeProp} \"{range.Value}\": the first port must be less than the last port. Write the range as \"low-high\", or use {containerPortProp} for a single port.");
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
                        $"Container {who} maps {containerPortProp} {port.Value.ToString(CultureInfo.InvariantCulture)} to {hostPortProp} {hostPort.Value.ToString(CultureInfo.InvariantCulture)}, but with {networkMode} \"{mode}\" the host port must equal the container port. "
                        + $"Remove {hostPortProp} or set it to {port.Value.ToString(CultureInfo.InvariantCulture)}.");
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
            if (!taken.TryGetValue(proto, out var earlier))
            {
                earlier = new TakenPorts();
                taken.Add(proto, earlier);
            }

            if (earlier.FirstOverlap(low, high, at, context.Budget) is var (takenLow, takenHigh))
            {
                var what = low == high && takenLow == takenHigh
                    ? $"maps container port {low.ToString(CultureInfo.InvariantCulture)}/{proto} twice"
                    : $"maps container ports {Describe(low, high)}/{proto} that overlap ports {Describe(takenLow, takenHigh)}/{proto} of another mapping";
                context.Report(at, path, $"Container {who} {what}; a port can be in only one port mapping per container and protocol. Remove the duplicate or make the ranges disjoint.");
            }

            earlier.Add(low, high);
        }
    }

    /// <summary>
    /// The ports of one protocol that a container's earlier mappings take. Single ports are looked up by number, so that
    /// a container with many mappings is checked in time proportional to their number; only ranges are compared one by
    /// one, taking a step from the budget for each comparison (ECS allows 100 ranges per container, so an input with
    /// thousands of them spends the budget and is reported as not checked completely).
    /// </summary>
    private sealed class TakenPorts
    {
        private readonly Dictionary<long, int> _singles = [];
        private readonly List<(long Low, long High, int Order)> _ranges = [];
        private int _count;

        /// <summary>The earliest mapping whose ports overlap <paramref name="low"/>..<paramref name="high"/>, or null.</summary>
        public (long Low, long High)? FirstOverlap(long low, long high, SourceLocation at, Budget budget)
        {
            var first = int.MaxValue;
            (long, long)? found = null;
            if (low == high)
            {
                if (_singles.TryGetValue(low, out var order))
                {
                    first = order;
                    found = (low, low);
                }
            }
            else
            {
                // The single ports inside the range: by number or by entry, whichever is fewer.
                var width = high - low + 1;
                if (!budget.Step(at, "comparing the container's port mappings", Math.Min(width, _singles.Count)))
                {
                    return null;
                }

                if (width <= _singles.Count)
                {
                    for (var port = low; port <= high; port++)
                    {
                        if (_singles.TryGetValue(port, out var order) && order < first)
                        {
                            first = order;
                            found = (port, port);
                        }
                    }
                }
                else
                {
                    foreach (var single in _singles)
                    {
                        if (single.Key >= low && single.Key <= high && single.Value < first)
                        {
                            first = single.Value;
                            found = (single.Key, single.Key);
                        }
                    }
                }
            }

            if (_ranges.Count > 0 && !budget.Step(at, "comparing the container's port mappings", _ranges.Count))
            {
                return null;
            }

            foreach (var (takenLow, takenHigh, order) in _ranges)
            {
                if (low <= takenHigh && takenLow <= high && order < first)
                {
                    first = order;
                    found = (takenLow, takenHigh);
                }
            }

            return found;
        }

        public void Add(long low, long high)
        {
            if (low == high)
            {
                if (!_singles.ContainsKey(low))
                {
                    _singles.Add(low, _count);
                }
            }
            else
            {
                _ranges.Add((low, high, _count));
            }

            _count++;
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
