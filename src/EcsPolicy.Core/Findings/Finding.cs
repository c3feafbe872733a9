namespace EcsPolicy.Findings;

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
    /// <summary>For a finding the user suppressed in the file (kept only when asked): the suppression.</summary>
    public FindingSuppression? SuppressedBy { get; init; }

    /// <summary>
    /// Where the finding is in the model, stable across edits that move lines or reorder lists: the object's name and
    /// the path with list items named where they have a name, e.g. <c>web:containerDefinitions[app].image</c>.
    /// Empty for findings not about a model value.
    /// </summary>
    public string Anchor { get; init; } = "";

    /// <summary>
    /// The message as parts (see <see cref="FindingText"/>), which <see cref="Message"/> is rendered from in the vocabulary
    /// of the file; null for a message that is plain text.
    /// </summary>
    public FindingText? Text { get; init; }

    /// <summary>
    /// The fix the finding suggests, as an edit of the model (see <see cref="ModelEdit"/>), which <c>--fix</c> and the
    /// analyzer's code fixes apply; null when the rule knows no single fix.
    /// </summary>
    public ModelEdit? Fix { get; init; }

    /// <summary>
    /// For a finding of only some variants of an object: when it holds, e.g. <c>when condition 'IsProd' is true</c> or
    /// <c>in environment 'prod'</c>, which the rendered message says; null when it holds in every variant.
    /// </summary>
    public string? When { get; init; }

    /// <summary>
    /// For a finding at a value the input format fills in (a Copilot or CDK default): the sentence that says so, in the
    /// format's own words, which the rendered message ends with; null otherwise.
    /// </summary>
    public string? FormatDefault { get; init; }

    /// <summary>
    /// Against a baseline (<c>--baseline</c>): <c>new</c> or <c>unchanged</c> (SARIF's <c>baselineState</c>); null when
    /// no baseline is used.
    /// </summary>
    public string? BaselineState { get; init; }

    /// <summary>
    /// Where the object the finding is about comes from when the file alone does not tell, as the message ends with it
    /// (e.g. <c>construct MyStack/Api/TaskDef</c> for a CDK construct); null when unknown. The CLI matches findings on the
    /// same construct from a CDK app's source and its <c>cdk.out</c> by it.
    /// </summary>
    public string? Origin { get; init; }

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

/// <summary>An in-file suppression that covers a finding: its reason (null when none is given) and where it is written.</summary>
public sealed record FindingSuppression(string? Reason, SourceLocation Location);
