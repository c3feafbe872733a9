namespace EcsPolicy.Findings;

/// <summary>
/// A finding a loader raises about its input (ECS0001 unreadable text, ECS0010 template placeholders, ECS8001/8002 what
/// Copilot would reject): what and where, without a severity. How severe it is is the configuration's business
/// (<c>.editorconfig</c>, <c>.globalconfig</c>, the catalog's default), which the linter applies when it turns this into a
/// <see cref="Finding"/>; a loader only knows when one instance is less serious than its rule, which it says with
/// <see cref="AtMost"/>.
/// </summary>
/// <param name="RuleId">The rule, one the loader declares it raises.</param>
/// <param name="Message">What is wrong and how to fix it, in the input's own words (loaders write them so).</param>
/// <param name="Location">The exact span in the user's file.</param>
/// <param name="Path">The logical path in the model, or empty.</param>
public sealed record LoaderFinding(string RuleId, string Message, SourceLocation Location, string Path)
{
    /// <summary>
    /// A cap on this instance's severity, below the rule's (a repeated JSON key that AWS reads as its last value is a
    /// warning at most, and a note when both values are the same), or null for the configured severity.
    /// </summary>
    public Severity? AtMost { get; init; }

    /// <summary>This finding at <paramref name="configured"/>, the rule's severity for the file, capped by <see cref="AtMost"/>.</summary>
    public Finding Rated(Severity configured) =>
        new(RuleId, AtMost is { } cap && cap < configured ? cap : configured, Message, Location, Path);
}
