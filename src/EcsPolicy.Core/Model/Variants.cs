namespace EcsPolicy.Model;

/// <summary>
/// The variants of one resource whose properties depend on template conditions (CloudFormation <c>Fn::If</c>): one
/// variant per assignment of true/false to <see cref="Conditions"/>, each a full model object over its own canonical
/// tree. Variant <c>i</c> gives condition <c>k</c> the value true when bit <c>n-1-k</c> of <c>i</c> is 0, so variant 0
/// is "every condition true". Only the variants that can happen (<see cref="Possible"/>) are built. The linter reports a finding of every variant once, and says under which conditions it
/// holds when it does not hold in every variant (<see cref="Qualify"/>).
/// A group can also be a list of named deployments instead (<see cref="ForEnvironments"/>: Copilot's
/// <c>environments:</c> overrides), worded "in environment 'prod'".
/// </summary>
public sealed class VariantGroup
{
    private readonly bool _environments;
    private readonly HashSet<int>? _possible;

    /// <summary>
    /// A group over <paramref name="conditions"/>. <paramref name="possible"/>: the variants that can happen (the others
    /// are combinations no parameter values give, or ones where the resource is not created); null when all can.
    /// Descriptions treat the others as "don't care", so they neither appear in nor lengthen what a message says.
    /// </summary>
    public VariantGroup(IReadOnlyList<string> conditions, IReadOnlyCollection<int>? possible = null)
    {
        Conditions = conditions;
        _possible = possible is null ? null : new HashSet<int>(possible);
    }

    private VariantGroup(IReadOnlyList<string> environments, bool named)
    {
        Conditions = environments;
        _environments = named;
    }

    /// <summary>
    /// The variants of a manifest with per-environment overrides: variant 0 is the manifest as written (what every
    /// environment without overrides deploys), variant <c>i</c> is environment <c>environments[i-1]</c>.
    /// </summary>
    public static VariantGroup ForEnvironments(IReadOnlyList<string> environments) => new(environments, named: true);

    /// <summary>The condition names, in the order they first appear in the resource (for <see cref="ForEnvironments"/>: the environment names).</summary>
    public IReadOnlyList<string> Conditions { get; }

    /// <summary>The variants that can happen (see the constructor); null when every one of <see cref="Count"/> can.</summary>
    public IReadOnlyCollection<int>? Possible => _possible;

    /// <summary>Whether variant <paramref name="variant"/> can happen.</summary>
    public bool IsPossible(int variant) => variant >= 0 && variant < Count && (_possible is null || _possible.Contains(variant));

    /// <summary>The number of variants: two to the number of conditions (environments: one more than their number).</summary>
    public int Count => _environments ? Conditions.Count + 1 : 1 << Conditions.Count;

    /// <summary>
    /// How a message says that it holds only in <paramref name="variants"/>, e.g. <c>when condition 'IsProd' is true</c>,
    /// <c>in environment 'prod'</c> or <c>except in environment 'test'</c>; null when they are all the variants.
    /// </summary>
    public string? Qualify(IReadOnlyCollection<int> variants)
    {
        if (!_environments)
        {
            return Describe(variants) is { } when ? "when " + when : null;
        }

        var set = new HashSet<int>(variants.Where(v => v >= 0 && v < Count));
        if (set.Count == Count)
        {
            return null;
        }

        // Environments without overrides deploy the manifest as written: a finding there holds everywhere but in the
        // environments whose overrides avoid it.
        return set.Contains(0)
            ? "except in " + Environments(Enumerable.Range(1, Conditions.Count).Where(v => !set.Contains(v)))
            : "in " + Environments(set.OrderBy(v => v));
    }

    /// <summary>What one variant stands for: its conditions (<see cref="Describe(int)"/>), or its environment.</summary>
    public string Label(int variant) =>
        !_environments ? Describe(variant)
        : variant == 0 ? "the manifest without environment overrides"
        : "environment '" + Conditions[variant - 1] + "'";

    private string Environments(IEnumerable<int> variants)
    {
        var names = variants.Select(v => "'" + Conditions[v - 1] + "'").ToList();
        return names.Count == 1
            ? "environment " + names[0]
            : "environments " + string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
    }

    /// <summary>The value condition <paramref name="condition"/> (an index into <see cref="Conditions"/>) has in variant <paramref name="variant"/>.</summary>
    public bool ValueOf(int variant, int condition) => (variant & (1 << (Conditions.Count - 1 - condition))) == 0;

    /// <summary>The condition values of one variant, by condition name.</summary>
    public IReadOnlyDictionary<string, bool> Assignment(int variant)
    {
        var result = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var k = 0; k < Conditions.Count; k++)
        {
            result[Conditions[k]] = ValueOf(variant, k);
        }

        return result;
    }

    /// <summary>The variant whose condition values are <paramref name="assignment"/> (conditions it does not name count as true).</summary>
    public int VariantOf(IReadOnlyDictionary<string, bool> assignment)
    {
        var variant = 0;
        for (var k = 0; k < Conditions.Count; k++)
        {
            if (assignment.TryGetValue(Conditions[k], out var value) && !value)
            {
                variant |= 1 << (Conditions.Count - 1 - k);
            }
        }

        return variant;
    }

    /// <summary>The conditions of one variant, e.g. <c>condition 'IsProd' is true and condition 'HasLogs' is false</c>.</summary>
    public string Describe(int variant) => Describe([variant]) ?? "";

    /// <summary>
    /// When exactly the variants <paramref name="variants"/> hold, in words: the fewest literals that say it (e.g.
    /// <c>condition 'IsProd' is true</c>), alternatives joined by ", or ". Null when they are all the variants.
    /// </summary>
    public string? Describe(IReadOnlyCollection<int> variants)
    {
        var wanted = new HashSet<int>(variants.Where(IsPossible));
        if (Enumerable.Range(0, Count).Where(IsPossible).All(wanted.Contains))
        {
            return null;
        }

        // Every cube (each condition true, false or free), largest first; a greedy cover of the wanted variants by
        // the cubes whose possible variants are all wanted (the variants that cannot happen may be in any cube). With
        // at most five conditions there are at most 243 cubes.
        var cubes = new List<int[]>();
        var cube = new int[Conditions.Count];
        Enumerate(0);
        var chosen = new List<int[]>();
        var covered = new HashSet<int>();
        foreach (var candidate in cubes.OrderBy(c => c.Count(v => v != 0)))
        {
            var members = Enumerable.Range(0, Count).Where(v => IsPossible(v) && Matches(candidate, v)).ToList();
            if (members.All(wanted.Contains) && members.Any(m => !covered.Contains(m)))
            {
                chosen.Add(candidate);
                covered.UnionWith(members);
            }
        }

        return string.Join(", or ", chosen.Select(c => string.Join(" and ", Enumerable.Range(0, c.Length)
            .Where(k => c[k] != 0)
            .Select(k => "condition '" + Conditions[k] + "' is " + (c[k] > 0 ? "true" : "false")))));

        void Enumerate(int k)
        {
            if (k == cube.Length)
            {
                cubes.Add((int[])cube.Clone());
                return;
            }

            // Fixed before free: among descriptions of one length, the one naming the conditions written first.
            foreach (var value in new[] { 1, -1, 0 })
            {
                cube[k] = value;
                Enumerate(k + 1);
            }
        }
    }

    private bool Matches(int[] cube, int variant)
    {
        for (var k = 0; k < cube.Length; k++)
        {
            if (cube[k] != 0 && (cube[k] > 0) != ValueOf(variant, k))
            {
                return false;
            }
        }

        return true;
    }
}

public sealed partial class TaskDefinition
{
    /// <summary>One variant of a task definition whose properties depend on template conditions.</summary>
    public static TaskDefinition CreateVariant(SNode node, SourceFormat format, string displayName, VariantGroup group, int variant, string? origin = null) =>
        new(node) { Format = format, DisplayName = displayName, VariantGroup = group, VariantIndex = variant, Origin = origin };

    /// <summary>The variants this task definition is one of, or null when its properties do not depend on conditions.</summary>
    public VariantGroup? VariantGroup { get; private init; }

    /// <summary>Which variant of <see cref="VariantGroup"/> this is.</summary>
    public int VariantIndex { get; private init; }

    /// <summary>The conditions this variant stands for, e.g. <c>condition 'IsProd' is true</c> or <c>environment 'prod'</c>; null when not a variant.</summary>
    public string? VariantCondition => VariantGroup?.Label(VariantIndex);
}

public sealed partial class Service
{
    /// <summary>One variant of a service whose properties (or whose task definition's) depend on template conditions.</summary>
    public static Service CreateVariant(
        SNode node,
        SourceFormat format,
        string displayName,
        TaskDefinition? taskDefinition,
        VariantGroup group,
        int variant,
        IReadOnlyDictionary<SNode, TargetGroup>? targetGroups = null,
        string? origin = null) =>
        Linked(new(node) { Format = format, DisplayName = displayName, ResolvedTaskDefinition = taskDefinition, VariantGroup = group, VariantIndex = variant, TargetGroups = targetGroups, Origin = origin });

    /// <summary>The variants this service is one of, or null when it does not depend on conditions.</summary>
    public VariantGroup? VariantGroup { get; private init; }

    /// <summary>Which variant of <see cref="VariantGroup"/> this is.</summary>
    public int VariantIndex { get; private init; }

    /// <summary>The conditions this variant stands for; null when not a variant.</summary>
    public string? VariantCondition => VariantGroup?.Label(VariantIndex);
}
