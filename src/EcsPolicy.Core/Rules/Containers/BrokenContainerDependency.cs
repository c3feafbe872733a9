using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2004: dependsOn names an unknown container, the container itself, or closes a cycle.</summary>
public sealed class BrokenContainerDependency : Rule
{
    /// <summary>At most this many containers of a cycle are named in its message; the rest are counted.</summary>
    internal const int NamedInCycle = 5;

    public override string Id => "ECS2004";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var index = ContainerIndex.Of(context);
        var graph = new DependencyGraph();
        foreach (var container in index.Containers)
        {
            var self = container.Name;
            foreach (var dependency in container.DependsOn)
            {
                var target = dependency.ContainerName;
                if (!ContainerIndex.IsName(target))
                {
                    continue;
                }

                if (ContainerIndex.IsName(self) && string.Equals(self.Value, target.Value, StringComparison.Ordinal))
                {
                    context.Report(target, $"Container '{ContainerIndex.Cut(self.Value)}' depends on itself, so it can never start. Remove this {PropRef.Of(container, "dependsOn")} entry.");
                }
                else if (index.IsKnownMissing(target.Value))
                {
                    var hint = index.CaseInsensitiveMatch(target.Value);
                    context.Report(
                        target,
                        FindingText.Of($"Container {ContainerIndex.Describe(container)} depends on '{ContainerIndex.Cut(target.Value)}', but no container in this task definition has that name")
                        + (hint != null ? $" (did you mean '{ContainerIndex.Cut(hint)}'? names are case-sensitive)" : "")
                        + FindingText.Of($". Fix the {PropRef.Of(dependency, "containerName")} or remove the dependency."));
                }
                else if (ContainerIndex.IsName(self) && index.Contains(target.Value))
                {
                    graph.Add(self.Value, target.Value, target);
                }
            }
        }

        foreach (var (named, members, closing) in graph.FindCycles(context.Budget))
        {
            context.Report(closing, CycleMessage(named, members));
        }
    }

    /// <summary>
    /// The dependency lists of the containers of a cycle, as each input calls them (the entries are in several
    /// containers, so no one container's key names them all).
    /// </summary>
    private static ByVocabulary DependsOn => new("dependsOn", cloudFormationJson: "DependsOn", copilot: "depends_on", cdk: "AddContainerDependencies");

    /// <summary>
    /// The message of a cycle of <paramref name="members"/> containers whose first ones are <paramref name="named"/>, in
    /// order, the first one again at the end. A long cycle names its first <see cref="NamedInCycle"/> containers and
    /// counts the others, so that the message stays short whatever the input.
    /// </summary>
    private static FindingText CycleMessage(IReadOnlyList<string> named, int members)
    {
        if (members <= NamedInCycle + 1)
        {
            return FindingText.Of($"Containers depend on each other in a cycle: {string.Join(" -> ", named.Select(ContainerIndex.Cut))} -> {ContainerIndex.Cut(named[0])}. None of them can start; remove one of these {DependsOn} entries.");
        }

        var more = (members - NamedInCycle).ToString("N0", CultureInfo.InvariantCulture);
        return FindingText.Of($"Containers depend on each other in a cycle of {members.ToString("N0", CultureInfo.InvariantCulture)} containers: ")
            + FindingText.Of($"{string.Join(" -> ", named.Take(NamedInCycle).Select(ContainerIndex.Cut))} -> (and {more} more) -> {ContainerIndex.Cut(named[0])}. ")
            + FindingText.Of($"None of them can start; remove one of these {DependsOn} entries.");
    }

    /// <summary>The dependsOn edges between named containers.</summary>
    private sealed class DependencyGraph
    {
        private const int OnPath = 1;
        private const int Done = 2;

        private readonly Dictionary<string, List<(string Target, Val<string> Value)>> _edges = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public void Add(string from, string to, Val<string> value)
        {
            if (!_edges.TryGetValue(from, out var list))
            {
                list = [];
                _edges.Add(from, list);
                _order.Add(from);
            }

            list.Add((to, value));
        }

        /// <summary>
        /// One cycle per back edge of a depth-first search in source order: its first containers (at most
        /// <see cref="NamedInCycle"/> + 1, from the one the back edge returns to), its length, and the dependsOn value
        /// that closes it. Every cyclic group of containers has at least one back edge, so every cycle is reported at
        /// least once. The search keeps its own stack (a chain of dependsOn as long as the file allows must not overflow
        /// the thread's), takes a step from <paramref name="budget"/> for each container and dependsOn entry it visits,
        /// and copies no more than the first few names of a cycle (a long chain with many back edges would otherwise
        /// copy the path once per edge). When the budget is spent it stops: the budget records the gap, and the cycles
        /// found until then are reported.
        /// </summary>
        public List<(List<string> Named, int Members, Val<string> Closing)> FindCycles(Budget budget)
        {
            var result = new List<(List<string>, int, Val<string>)>();
            if (_edges.Count == 0)
            {
                return result;
            }

            var state = new Dictionary<string, int>(StringComparer.Ordinal);

            // The containers on the current path, and where each is on it (to measure a cycle without searching the path).
            var path = new List<string>();
            var position = new Dictionary<string, int>(StringComparer.Ordinal);

            // The path's containers with the next of their edges to follow.
            var stack = new Stack<(string Node, int Edge)>();
            foreach (var start in _order)
            {
                if (state.ContainsKey(start))
                {
                    continue;
                }

                if (!budget.Step(_edges[start][0].Value.Location, "following the containers' dependsOn"))
                {
                    return result;
                }

                Enter(start);
                while (stack.Count > 0)
                {
                    var (node, edge) = stack.Pop();
                    var edges = _edges.TryGetValue(node, out var list) ? list : null;
                    if (edges is null || edge >= edges.Count)
                    {
                        path.RemoveAt(path.Count - 1);
                        position.Remove(node);
                        state[node] = Done;
                        continue;
                    }

                    stack.Push((node, edge + 1));
                    var (target, value) = edges[edge];
                    if (!budget.Step(value.Location, "following the containers' dependsOn"))
                    {
                        return result;
                    }

                    state.TryGetValue(target, out var s);
                    if (s == OnPath)
                    {
                        var from = position[target];
                        var members = path.Count - from;
                        result.Add((path.GetRange(from, Math.Min(members, NamedInCycle + 1)), members, value));
                    }
                    else if (s == 0)
                    {
                        Enter(target);
                    }
                }
            }

            return result;

            void Enter(string node)
            {
                state[node] = OnPath;
                position[node] = path.Count;
                path.Add(node);
                stack.Push((node, 0));
            }
        }
    }
}
