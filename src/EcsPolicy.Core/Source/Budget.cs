namespace EcsPolicy;

/// <summary>
/// How much work checking one file may take, in steps (a function resolved, a condition evaluated, a node merged, a
/// path segment followed) and in size (characters and nodes built from the file's values), and the places where it
/// could not be checked completely. Every resolver and evaluator whose work the input controls takes from it; when it is
/// spent, the value being computed becomes unknown, the place is recorded as a <see cref="Gap"/>, and the linter turns
/// the gaps into ECS0009 findings. So hostile input costs bounded time and memory, and what it kept from being checked
/// is reported instead of skipped. One budget per file, used by one thread at a time.
/// </summary>
public sealed class Budget
{
    /// <summary>
    /// The steps one file may take. The largest real templates and manifests take a few thousand to some tens of
    /// thousands (see bench/README.md); a step is well under a microsecond, so this stays far below a second.
    /// </summary>
    public const long DefaultSteps = 2_000_000;

    /// <summary>
    /// The characters and nodes one file may build beyond its own text (resolved joins and substitutions, merged
    /// manifests, expanded overrides). A task definition is at most 64 KiB, a template 1 MB: 8 million is a wide margin
    /// and caps the memory at tens of megabytes.
    /// </summary>
    public const long DefaultSize = 8_000_000;

    /// <summary>At most this many gaps are kept: past it, one more would only repeat what the first ones say.</summary>
    public const int MaxGaps = 20;

    private readonly List<Gap> _gaps = [];
    private long _steps;
    private long _size;

    public Budget(long steps = DefaultSteps, long size = DefaultSize)
    {
        StepLimit = steps;
        SizeLimit = size;
        _steps = steps;
        _size = size;
    }

    /// <summary>The steps this budget started with.</summary>
    public long StepLimit { get; }

    /// <summary>The size this budget started with.</summary>
    public long SizeLimit { get; }

    /// <summary>The steps taken so far.</summary>
    public long StepsTaken => StepLimit - Math.Max(0, _steps);

    /// <summary>The size built so far.</summary>
    public long SizeTaken => SizeLimit - Math.Max(0, _size);

    /// <summary>Whether the steps ran out: everything that takes from the budget gives up from then on.</summary>
    public bool IsSpent => _steps < 0 || _size < 0;

    /// <summary>The places the file could not be checked completely, in the order they were found.</summary>
    public IReadOnlyList<Gap> Gaps => _gaps;

    /// <summary>
    /// Takes <paramref name="steps"/> steps for <paramref name="work"/> (e.g. "resolving Fn::Join") at
    /// <paramref name="where"/>. False when the budget is spent: the caller gives up and makes its value unknown; the
    /// first time, the gap is recorded.
    /// </summary>
    public bool Step(SourceLocation where, string work, long steps = 1)
    {
        if (IsSpent)
        {
            return false;
        }

        _steps -= steps;
        if (_steps >= 0)
        {
            return true;
        }

        NotChecked(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} took more than the {1:N0} steps one file may take", work, StepLimit), where);
        return false;
    }

    /// <summary>
    /// Takes <paramref name="size"/> characters or nodes for what <paramref name="work"/> builds at
    /// <paramref name="where"/>; false, with the gap recorded, when that would pass the limit. A refused value takes
    /// nothing: that one value is unknown, and the rest of the file still gets what is left (a single oversized join does
    /// not silence every later check).
    /// </summary>
    public bool Build(SourceLocation where, string work, long size)
    {
        if (IsSpent)
        {
            return false;
        }

        size = Math.Max(0, size);
        if (size <= _size)
        {
            _size -= size;
            return true;
        }

        NotChecked(string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} would build more than the {1:N0} characters one file may build", work, SizeLimit), where);
        return false;
    }

    /// <summary>
    /// Records that the file could not be checked completely at <paramref name="where"/>, and why (e.g. "the interval
    /// 99999999999s is too large to be read"). The same reason at the same place is recorded once.
    /// </summary>
    public void NotChecked(string reason, SourceLocation where)
    {
        if (_gaps.Count >= MaxGaps)
        {
            return;
        }

        foreach (var gap in _gaps)
        {
            if (gap.Reason == reason && gap.Location == where)
            {
                return;
            }
        }

        _gaps.Add(new Gap(reason, where));
    }

    /// <summary>A place the file could not be checked completely: why, and where.</summary>
    public sealed record Gap(string Reason, SourceLocation Location);
}
