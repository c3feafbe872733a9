using EcsPolicy.Model;

namespace EcsPolicy.Engine;

/// <summary>
/// A stage of the linter: the findings of the variants of one resource (a CloudFormation resource under conditions, a
/// Copilot manifest per environment) become one set, each finding once with the conditions it holds under
/// (<see cref="Finding.When"/>), and every finding of an object whose origin the file does not tell gets it
/// (<see cref="Finding.Origin"/>).
/// </summary>
internal sealed class VariantMerger
{
    private readonly Dictionary<VariantGroup, (string? Origin, List<(int Variant, IEnumerable<Finding> Findings)> Findings)> _variants = [];

    /// <summary>Adds the merged findings of every variant group to <paramref name="findings"/>.</summary>
    public void MergeInto(List<Finding> findings)
    {
        foreach (var group in _variants)
        {
            findings.AddRange(WithOrigin(MergeVariants(group.Key, group.Value.Findings), group.Value.Origin));
        }
    }

    /// <summary>Whether findings of a variant of <paramref name="group"/> were added already.</summary>
    public bool Has(VariantGroup group) => _variants.ContainsKey(group);

    /// <summary>
    /// Adds the findings of one model object: to <paramref name="findings"/> at once for an object without variants,
    /// else kept until <see cref="MergeInto"/>.
    /// </summary>
    public void Add(List<Finding> findings, VariantGroup? group, int variant, IEnumerable<Finding> own, string? origin)
    {
        if (group is null)
        {
            findings.AddRange(WithOrigin(own, origin));
            return;
        }

        if (!_variants.TryGetValue(group, out var entry))
        {
            // The variants of one resource share its origin.
            _variants[group] = entry = (origin, []);
        }

        entry.Findings.Add((variant, own));
    }

    /// <summary>
    /// Marks each finding with where the object comes from when the file alone does not tell (see
    /// <see cref="Service.Origin"/>), which the rendered message ends with (<see cref="FindingRenderer"/>).
    /// </summary>
    public static IEnumerable<Finding> WithOrigin(IEnumerable<Finding> findings, string? origin) =>
        string.IsNullOrEmpty(origin) ? findings : findings.Select(f => f with { Origin = origin });

    /// <summary>
    /// The findings of the variants of one resource (see <see cref="VariantGroup"/>), each once: a finding (same rule,
    /// location, path and message) of every variant as it is; one of some variants only with the conditions under
    /// which it holds (<see cref="VariantGroup.Qualify"/>, <see cref="Finding.When"/>), e.g. <c>when condition 'IsProd'
    /// is true</c> or <c>in environment 'prod'</c>, which the rendered message says. So when both
    /// branches of an <c>Fn::If</c> are wrong, each branch value is reported where it is written, with its condition.
    /// </summary>
    private static IEnumerable<Finding> MergeVariants(VariantGroup group, List<(int Variant, IEnumerable<Finding> Findings)> variants)
    {
        var holdsIn = new Dictionary<Finding, HashSet<int>>();
        var order = new List<Finding>();
        foreach (var (variant, own) in variants)
        {
            foreach (var finding in own)
            {
                if (!holdsIn.TryGetValue(finding, out var set))
                {
                    holdsIn[finding] = set = [];
                    order.Add(finding);
                }

                set.Add(variant);
            }
        }

        // Variants that failed to load hold nothing; a finding of all the others is still a finding of every variant.
        var loaded = new HashSet<int>(variants.Select(v => v.Variant));
        foreach (var finding in order)
        {
            var set = holdsIn[finding];
            var when = set.SetEquals(loaded) ? null : group.Qualify(set);
            yield return when is null ? finding : finding with { When = when };
        }
    }
}
