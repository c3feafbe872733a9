using EcsPolicy.Inputs;
using EcsPolicy.Rules;

namespace EcsPolicy.Engine;

/// <summary>Finds the rules and loaders in this assembly by reflection, so adding one means adding one class.</summary>
public static class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<Rule>> LazyRules = new(() => Create<Rule>().OrderBy(r => r.Id, StringComparer.Ordinal).ToArray());
    private static readonly Lazy<IReadOnlyList<IInputLoader>> LazyLoaders = new(() => Create<IInputLoader>().OrderBy(l => l.GetType().FullName, StringComparer.Ordinal).ToArray());

    /// <summary>Every rule, ordered by ID.</summary>
    public static IReadOnlyList<Rule> Rules => LazyRules.Value;

    /// <summary>Every input loader.</summary>
    public static IReadOnlyList<IInputLoader> Loaders => LazyLoaders.Value;

    private static IEnumerable<T> Create<T>() =>
        typeof(RuleRegistry).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) != null)
            .Select(t => (T)Activator.CreateInstance(t)!);
}
