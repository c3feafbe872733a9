using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>
/// The containers of one task definition by name, computed once per document and shared by the ECS2xxx rules.
/// </summary>
internal sealed class ContainerIndex
{
    /// <summary>The longest name a message quotes whole: ECS allows up to 255 characters, longer ones are cut.</summary>
    internal const int MaxQuotedName = 255;

    private readonly Dictionary<string, List<ContainerDefinition>> _byName = new(StringComparer.Ordinal);

    // The first name of each spelling up to letter case, for the "did you mean" hints: one look-up per reference
    // instead of a pass over every name.
    private readonly Dictionary<string, string> _byFoldedName = new(StringComparer.OrdinalIgnoreCase);

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
                if (!_byFoldedName.ContainsKey(name.Value))
                {
                    _byFoldedName.Add(name.Value, name.Value);
                }
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
    public string? CaseInsensitiveMatch(string name) => _byFoldedName.TryGetValue(name, out var match) ? match : null;

    /// <summary>
    /// Whether any container named <paramref name="name"/> satisfies <paramref name="test"/>, answered once per name
    /// and test and remembered in <paramref name="answers"/>: with duplicated names, asking for every dependency would
    /// pass over all the containers of a name once per reference to it.
    /// </summary>
    public bool AnyNamed(string name, Func<ContainerDefinition, bool> test, Dictionary<string, bool> answers)
    {
        if (!answers.TryGetValue(name, out var answer))
        {
            answer = Named(name).Any(test);
            answers.Add(name, answer);
        }

        return answer;
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

                // A dependency on the container's own name is ECS2004's; compared by name, since the targets are every
                // container of that name (many, when names are duplicated).
                var targets = Named(dependency.ContainerName.Value);
                if (targets.Count > 0 && !container.Name.Is(dependency.ContainerName.Value))
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
            return "'" + Cut(container.Name.Value) + "'";
        }

        var index = container.Node.Index;
        return index >= 0 ? "#" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "(unnamed)";
    }

    /// <summary>A name as messages quote it: whole up to <see cref="MaxQuotedName"/> characters, else its start and "…".</summary>
    public static string Cut(string name) => name.Length <= MaxQuotedName ? name : name.Substring(0, MaxQuotedName) + "…";

    /// <summary>
    /// Joins <paramref name="items"/> with <paramref name="separator"/>, at most <paramref name="max"/> of them: past
    /// that, the rest are counted ("a, b, c and 24,997 more"), so that a message stays short however long the list is.
    /// </summary>
    public static string JoinSome(IReadOnlyCollection<string> items, string separator, int max = 10)
    {
        if (items.Count <= max)
        {
            return string.Join(separator, items);
        }

        return string.Join(separator, items.Take(max)) + " and " + (items.Count - max).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " more";
    }
}
