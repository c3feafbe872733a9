using EcsPolicy.Inputs;

namespace EcsPolicy.Engine;

/// <summary>
/// A stage of the linter: applies the in-file suppressions of one file (<see cref="Suppression"/>) to its findings, and
/// reports the suppressions themselves (ECS0007 without a reason, ECS0008 covering nothing). Findings that say a file
/// was not checked (<see cref="Linter.IsFailClosed"/>) are never suppressed.
/// </summary>
internal sealed class Suppressor(IReadOnlyList<Suppression> suppressions, bool includeSuppressed)
{
    private readonly HashSet<Suppression> _used = [];

    /// <summary>
    /// The findings that no suppression covers; the covered ones too, marked, when <see cref="LintOptions.IncludeSuppressed"/>.
    /// The suppressions that covered something are remembered (see <see cref="Findings"/>). Materialized, so that each
    /// finding is matched once.
    /// </summary>
    public List<Finding> Apply(IEnumerable<Finding> findings, SNode? objectRoot)
    {
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            Suppression? by = null;
            foreach (var suppression in Linter.IsFailClosed(finding.RuleId) ? [] : suppressions)
            {
                if (suppression.Covers(finding, objectRoot))
                {
                    by ??= suppression;
                    _used.Add(suppression);
                }
            }

            if (by is null)
            {
                result.Add(finding);
            }
            else if (includeSuppressed)
            {
                result.Add(finding with { SuppressedBy = new FindingSuppression(by.Reason, by.Location) });
            }
        }

        return result;
    }

    /// <summary>
    /// The findings about the suppressions themselves: ECS0007 for one without a reason, ECS0008 (when asked) for one that
    /// covers nothing. A suppression of several rules written once is reported once.
    /// </summary>
    /// <param name="withoutReason">The severity of ECS0007 (<see cref="Severity.None"/>: not reported).</param>
    /// <param name="unused">The severity of ECS0008 (<see cref="Severity.None"/>: not reported).</param>
    /// <param name="isOwnRuleId">Whether an ID is one of this run's rules, whose suppressions are ours to judge.</param>
    public IEnumerable<Finding> Findings(Severity withoutReason, Severity unused, Func<string, bool> isOwnRuleId)
    {
        // Only suppressions of our rules are ours to judge: "#pragma warning disable CS8618" in a CDK file is the
        // compiler's, an Aspire or IDE diagnostic's is theirs.
        foreach (var group in suppressions.Where(s => isOwnRuleId(s.RuleId)).GroupBy(s => s.Location))
        {
            var ids = string.Join(", ", group.Select(s => s.RuleId).Distinct(StringComparer.OrdinalIgnoreCase));
            if (withoutReason != Severity.None && group.All(s => string.IsNullOrWhiteSpace(s.Reason)))
            {
                yield return new Finding("ECS0007", withoutReason, "The suppression of " + ids + " gives no reason, so a reviewer cannot tell why the finding is accepted. Add one where it is written: after '--' in a YAML comment, as 'reason:' in template metadata, as a comment after a #pragma, or as the Justification of [SuppressMessage].", group.Key, "");
            }

            if (unused != Severity.None)
            {
                foreach (var suppression in group.Where(s => !_used.Contains(s)))
                {
                    yield return new Finding("ECS0008", unused, "The suppression of " + suppression.RuleId + " covers no finding: the problem was fixed or the suppression is in the wrong place. Remove it, or move it to the line the finding is on.", suppression.Location, "");
                }
            }
        }
    }
}
