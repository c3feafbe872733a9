namespace EcsPolicy.Rules;

/// <summary>
/// One result: which rule, how severe, what is wrong (the message never repeats a secret value), and where.
/// </summary>
/// <param name="RuleId">The public rule ID, e.g. <c>ECS1001</c>.</param>
/// <param name="Severity">The effective severity.</param>
/// <param name="Message">What is wrong and how to fix it, in one or two sentences.</param>
/// <param name="Location">The exact span in the user's file.</param>
/// <param name="Path">The logical path in the model (JSON-pointer style), stable across edits that move lines.</param>
public sealed record Finding(string RuleId, Severity Severity, string Message, SourceLocation Location, string Path)
{
    /// <summary>The order of findings in every output: file, line, column, rule, message.</summary>
    public static readonly IComparer<Finding> Order = Comparer<Finding>.Create(Compare);

    private static int Compare(Finding? a, Finding? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null)
        {
            return -1;
        }

        if (b is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(a.Location.File, b.Location.File);
        if (c == 0)
        {
            c = a.Location.StartLine.CompareTo(b.Location.StartLine);
        }

        if (c == 0)
        {
            c = a.Location.StartColumn.CompareTo(b.Location.StartColumn);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.RuleId, b.RuleId);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(a.Message, b.Message);
        }

        return c;
    }
}
