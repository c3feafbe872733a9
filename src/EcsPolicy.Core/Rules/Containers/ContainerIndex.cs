using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>
/// The containers of one task definition by name, computed once per document and shared by the ECS2xxx rules.
/// </summary>
internal sealed class ContainerIndex
{
    private readonly Dictionary<string, List<ContainerDefinition>> _byName = new(StringComparer.Ordinal);

    private ContainerIndex(TaskDefinition task)
    {
        Containers = task.ContainerDefinitions;
        var complete = Containers.IsComplete;
        foreach (var container in Containers)
        {
            var name = container.Name;
            if (!IsName(name))
            {
                // A container without a statically known name could be the one any reference means.
                complete = false;
                continue;
            }

            if (!_byName.TryGetValue(name.Value, out var list))
            {
                list = new List<ContainerDefinition>(1);
                _byName.Add(name.Value, list);
            }

            list.Add(container);
        }

        NamesComplete = complete;
    }

    public ModelList<ContainerDefinition> Containers { get; }

    /// <summary>
    /// True when every container and its name is statically known, so "no container is named X" is a safe conclusion.
    /// </summary>
    public bool NamesComplete { get; }

    public static ContainerIndex Of(RuleContext context) => context.Document.Shared(task => new ContainerIndex(task));

    /// <summary>The containers named <paramref name="name"/> (more than one only when names are duplicated).</summary>
    public IReadOnlyList<ContainerDefinition> Named(string name) =>
        _byName.TryGetValue(name, out var list) ? list : (IReadOnlyList<ContainerDefinition>)[];

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>True when <paramref name="name"/> is known not to name any container of the task definition.</summary>
    public bool IsKnownMissing(string name) => NamesComplete && !_byName.ContainsKey(name);

    /// <summary>A name that differs only in letter case, for a "did you mean" hint; null when there is none.</summary>
    public string? CaseInsensitiveMatch(string name)
    {
        foreach (var key in _byName.Keys)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        return null;
    }

    /// <summary>
    /// True for a known, non-empty name. Empty strings are placeholders (CLI skeletons) that the shape rules report;
    /// the reference checks skip them.
    /// </summary>
    public static bool IsName(Val<string> name) => name.IsKnown && name.Value.Length > 0;

    /// <summary>
    /// Every dependsOn entry with one of <paramref name="conditions"/> whose target is another container that exists,
    /// with the containers of that name.
    /// </summary>
    public IEnumerable<(ContainerDefinition Container, ContainerDependency Dependency, IReadOnlyList<ContainerDefinition> Targets)> DependenciesWith(params string[] conditions)
    {
        foreach (var container in Containers)
        {
            foreach (var dependency in container.DependsOn)
            {
                if (!conditions.Any(dependency.Condition.Is) || !IsName(dependency.ContainerName))
                {
                    continue;
                }

                var targets = Named(dependency.ContainerName.Value);
                if (targets.Count > 0 && !targets.Contains(container))
                {
                    yield return (container, dependency, targets);
                }
            }
        }
    }

    /// <summary>How messages name a container: <c>'web'</c>, or its position when the name is not known.</summary>
    public static string Describe(ContainerDefinition container)
    {
        if (IsName(container.Name))
        {
            return "'" + container.Name.Value + "'";
        }

        var index = container.Node.Index;
        return index >= 0 ? "#" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "(unnamed)";
    }
}
