using EcsPolicy.Inputs;
using EcsPolicy.Rules;

namespace EcsPolicy.Engine;

/// <summary>
/// Every rule and input loader of this assembly, so adding one means adding one class: the list is written at compile
/// time by EcsPolicy.Generators (RuleRegistry.g.cs, every concrete <see cref="Rule"/> and <see cref="IInputLoader"/>
/// with a public parameterless constructor).
/// </summary>
public static partial class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<Rule>> LazyRules = new(() => CreateRules().OrderBy(r => r.Id, StringComparer.Ordinal).ToArray());
    private static readonly Lazy<IReadOnlyList<IInputLoader>> LazyLoaders = new(CreateLoaders);

    /// <summary>Every rule, ordered by ID.</summary>
    public static IReadOnlyList<Rule> Rules => LazyRules.Value;

    /// <summary>Every input loader, ordered by the full name of its type.</summary>
    public static IReadOnlyList<IInputLoader> Loaders => LazyLoaders.Value;
}
