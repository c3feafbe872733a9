namespace EcsPolicy.Engine;

/// <summary>
/// The last stage of a finding: its message in the vocabulary of the file (<see cref="Vocabulary"/>), from its parts
/// (<see cref="Finding.Text"/>) and qualifiers. No earlier stage edits a message's text; each adds a part or a qualifier
/// and this stage writes the sentence: the rule's text, the format's sentence about a default it filled in
/// (<see cref="Finding.FormatDefault"/>), the conditions or environments it holds in (<see cref="Finding.When"/>) before
/// the final period, and where the object comes from (<see cref="Finding.Origin"/>) in brackets.
/// </summary>
internal static class FindingRenderer
{
    /// <summary>
    /// The finding with its message rendered in <paramref name="vocabulary"/>. Its parts are dropped once rendered (they
    /// refer to the file's tree), and so is its fix unless <paramref name="keepFix"/>.
    /// </summary>
    public static Finding Render(Finding finding, Vocabulary vocabulary, bool keepFix = true)
    {
        var text = finding.Text?.Render(vocabulary) ?? finding.Message;
        if (finding.FormatDefault is { } note && !text.EndsWith(note, StringComparison.Ordinal))
        {
            text += " " + note;
        }

        if (finding.When is { } when)
        {
            text = text.EndsWith(".", StringComparison.Ordinal)
                ? text.Substring(0, text.Length - 1) + " (" + when + ")."
                : text + " (" + when + ")";
        }

        if (!string.IsNullOrEmpty(finding.Origin))
        {
            text += " [" + finding.Origin + "]";
        }

        var fix = keepFix ? finding.Fix : null;
        return string.Equals(text, finding.Message, StringComparison.Ordinal) && finding.Text is null && ReferenceEquals(fix, finding.Fix)
            ? finding
            : finding with { Message = text, Text = null, Fix = fix };
    }

    /// <summary>Findings rendered in the API's names (for callers that check one model object outside a file).</summary>
    public static IReadOnlyList<Finding> Render(List<Finding> findings)
    {
        for (var i = 0; i < findings.Count; i++)
        {
            findings[i] = Render(findings[i], Vocabulary.Api);
        }

        return findings;
    }
}
