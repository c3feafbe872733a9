using EcsPolicy.Inputs;
using EcsPolicy.Rules;

namespace EcsPolicy.Engine;

/// <summary>
/// Every rule and input loader of this assembly, so adding one means adding one class: the list is written at compile
/// time by EcsPolicy.Generators (RuleRegistry.g.cs, every concrete <see cref="Rule"/> and <see cref="IInputLoader"/>
/// with a public parameterless constructor). With the catalog (<c>rules/&lt;ID&gt;.yaml</c>), it says where every rule
/// ID comes from: a <see cref="Rule"/> class that checks the model, or the stage that raises the ID itself, a loader
/// (<see cref="IInputLoader.RaisesRules"/>) or the linter (<see cref="LinterRules"/>). Each ID has exactly one of them.
/// </summary>
public static partial class RuleRegistry
{
    private static readonly Lazy<IReadOnlyList<Rule>> LazyRules = new(() => CreateRules().OrderBy(r => r.Id, StringComparer.Ordinal).ToArray());
    private static readonly Lazy<IReadOnlyList<IInputLoader>> LazyLoaders = new(CreateLoaders);
    private static readonly Lazy<IReadOnlyDictionary<InputFormat, IInputLoader>> LazyLoaderOf = new(() => Loaders.SelectMany(l => l.Formats, (l, f) => (l, f)).ToDictionary(e => e.f, e => e.l));
    private static readonly Lazy<IReadOnlyList<string>> LazyStageRules = new(() =>
        Loaders.SelectMany(l => l.RaisesRules).Concat(LinterRules).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToArray());

    /// <summary>Every rule class, ordered by ID.</summary>
    public static IReadOnlyList<Rule> Rules => LazyRules.Value;

    /// <summary>Every input loader (ordered by the full name of its type, which decides nothing: see <see cref="LoaderOf"/>).</summary>
    public static IReadOnlyList<IInputLoader> Loaders => LazyLoaders.Value;

    /// <summary>
    /// The rule IDs the linter raises itself (<c>Engine/Linter.cs</c>), not a <see cref="Rule"/> class: ECS0007 and
    /// ECS0008 about the file's in-file suppressions (one without a reason, one that covers nothing), and ECS0009 for a
    /// file or part of one that was not checked completely (an internal error, a spent <see cref="Budget"/>).
    /// </summary>
    public static IReadOnlyList<string> LinterRules { get; } = ["ECS0007", "ECS0008", Linter.NotCheckedId];

    /// <summary>The rule IDs raised by a stage (a loader or the linter) rather than by a rule class, ordered.</summary>
    public static IReadOnlyList<string> StageRules => LazyStageRules.Value;

    /// <summary>The one loader of a format that <see cref="FormatDetector"/> names.</summary>
    public static IInputLoader LoaderOf(InputFormat format) => LazyLoaderOf.Value[format];

    /// <summary>
    /// Every rule ID a run of <paramref name="linter"/> may report, custom policies included: its enabled rules, and
    /// each ID a stage raises unless it is switched off (<see cref="Severity.None"/>); e.g. the rules a SARIF log lists.
    /// </summary>
    public static IEnumerable<string> EnabledIds(Linter linter) =>
        linter.EnabledRules.Select(r => r.Rule.Id).Concat(StageRules.Where(id => linter.SeverityOf(id) != Severity.None));
}
