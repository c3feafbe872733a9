using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2004: dependsOn names an unknown container, the container itself, or closes a cycle.</summary>
public sealed class BrokenContainerDependency : Rule
{
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
                    context.Report(target, $"Container '{self.Value}' depends on itself, so it can never start. Remove this dependsOn entry.");
                }
                else if (index.IsKnownMissing(target.Value))
                {
                    var hint = index.CaseInsensitiveMatch(target.Value);
                    context.Report(
                        target,
                        $"Container {ContainerIndex.Describe(container)} depends on '{target.Value}', but no container in this task definition has that name"
                        + (hint != null ? $" (did you mean '{hint}'? names are case-sensitive)" : "")
                        + ". Fix the containerName or remove the dependency.");
                }
                else if (ContainerIndex.IsName(self) && index.Contains(target.Value))
                {
                    graph.Add(self.Value, target.Value, target);
                }
            }
        }

        foreach (var (cycle, closing) in graph.FindCycles())
        {
            context.Report(
                closing,
                $"Containers depend on each other in a cycle: {string.Join(" -> ", cycle)}. None of them can start; remove one of these dependsOn entries.");
        }
    }

    /// <summary>The dependsOn edges between named containers.</summary>
    private sealed class DependencyGraph
    {
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
        /// One cycle per back edge of a depth-first search in source order, with the dependsOn value that closes it.
        /// Every cyclic group of containers has at least one back edge, so every cycle is reported at least once.
        /// </summary>
        public List<(List<string> Cycle, Val<string> Closing)> FindCycles()
        {
            var result = new List<(List<string>, Val<string>)>();
            if (_edges.Count == 0)
            {
                return result;
            }

            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var path = new List<string>();
            foreach (var start in _order)
            {
                if (!state.ContainsKey(start))
                {
                    Visit(start, state, path, result);
                }
            }

            return result;
        }

        private void Visit(string node, Dictionary<string, int> state, List<string> path, List<(List<string>, Val<string>)> result)
        {
            const int OnPath = 1;
            const int Done = 2;
            state[node] = OnPath;
            path.Add(node);
            if (_edges.TryGetValue(node, out var edges))
            {
                foreach (var (target, value) in edges)
                {
                    state.TryGetValue(target, out var s);
                    if (s == OnPath)
                    {
                        var cycle = path.GetRange(path.LastIndexOf(target), path.Count - path.LastIndexOf(target));
                        cycle.Add(target);
                        result.Add((cycle, value));
                    }
                    else if (s == 0)
                    {
                        Visit(target, state, path, result);
                    }
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = Done;
        }
    }
}
