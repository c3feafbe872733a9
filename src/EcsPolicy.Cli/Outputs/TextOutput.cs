using System.Globalization;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// The MSBuild/compiler canonical form <c>path(line,col): error ECS1001: message</c>, which editors and CI problem
/// matchers understand, followed by a summary line. Defects lead: findings below <see cref="RunReport.TextMinimum"/>
/// (notes, by default) are not listed but counted in one line. On a terminal the severity is coloured
/// (<see cref="RunReport.Color"/>) and the source line with carets under the span follows each finding
/// (<see cref="RunReport.Snippets"/>); without the escapes and snippets the lines are the same bytes, so redirected
/// output stays stable. <see cref="RunReport.Quiet"/> writes the summary line only. Snippet lines start with a gutter
/// (<c> 12 | </c>), and are shown only on a terminal or with <c>--color always</c> (<see cref="ColorChoice.Snippets"/>), not in
/// the redirected logs that problem matchers read.
/// </summary>
public sealed class TextOutput : IOutputFormat
{
    // ANSI SGR: bold, red, yellow, cyan, blue (the snippet gutter), reset.
    private const string Bold = "\u001B[1m";
    private const string Reset = "\u001B[0m";
    private const string Gutter = "\u001B[34m";

    public string Name => "text";

    public void Write(RunReport report, TextWriter writer)
    {
        if (!report.Quiet)
        {
            WriteFindings(report, writer);
        }

        WriteSummary(report, writer);
    }

    private static void WriteFindings(RunReport report, TextWriter writer)
    {
        var snippets = report.Snippets ? new SourceSnippets(report.ReadText) : null;
        var secretLines = report.Snippets ? SecretLines(report) : null;

        // Written piece by piece: a report of many thousands of lines is not formatted into a string per line first.
        foreach (var f in report.Findings)
        {
            if (f.Severity < report.TextMinimum)
            {
                continue;
            }

            var colour = report.Color ? ColourOf(f.Severity) : null;
            Paint(writer, report.Color ? Bold : null, OutputText.OneLine(f.Location.File) + "(" + f.Location.StartLine.ToString(CultureInfo.InvariantCulture) + "," + f.Location.StartColumn.ToString(CultureInfo.InvariantCulture) + ")");
            writer.Write(": ");
            Paint(writer, colour is null ? null : Bold + colour, f.Severity.ToName());
            writer.Write(' ');
            Paint(writer, colour, f.RuleId);
            writer.Write(": ");
            writer.WriteLine(OutputText.OneLine(f.Message));

            if (snippets != null && !secretLines!.Contains((f.Location.File, f.Location.StartLine)) && snippets.For(f.Location) is var (source, carets))
            {
                var digits = f.Location.StartLine.ToString(CultureInfo.InvariantCulture).Length;
                Paint(writer, report.Color ? Gutter : null, SourceSnippets.Gutter(f.Location.StartLine, digits));
                writer.WriteLine(source);
                Paint(writer, report.Color ? Gutter : null, SourceSnippets.EmptyGutter(digits));
                var indent = carets.Length - carets.TrimStart(' ').Length;
                writer.Write(carets.AsSpan(0, indent));
                Paint(writer, colour, carets[indent..]);
                writer.WriteLine();
            }
        }

        // One line, with no (line,col), so that problem matchers do not take it for a finding.
        var hidden = report.Findings.Count(f => f.Severity < report.TextMinimum) + report.HiddenBelowSeverity;
        if (hidden > 0)
        {
            writer.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} not shown; --severity note lists them.",
                hidden,
                report.TextMinimum == Severity.Error ? "warning(s) and note(s)" : "note(s)"));
        }
    }

    /// <summary>
    /// The lines (file, line) whose snippet is never shown because they may hold a secret value. Findings about secrets
    /// word their messages without the value, but the source line has it. Which rules read secret values is said by their
    /// metadata, not by a list of IDs here: the category <c>Secrets</c> or the tag <c>secrets</c> or <c>credentials</c>
    /// (ECS3001 plaintext secrets, ECS3002 references that may be a pasted secret, ECS3006 AWS keys, and a custom policy
    /// that tags itself so). Deliberately broad, as a missing snippet costs little and an echoed key is a leak: every
    /// line of such a finding's span and the line on either side of it (where YAML writes the other half of a
    /// <c>Name:</c>/<c>Value:</c> entry; ECS3006 points at the name) is withheld for every finding, counting notes and
    /// findings not counted (suppressed or baselined), so that another rule's finding there (a minified file is one line)
    /// cannot show the value either.
    /// </summary>
    private static HashSet<(string File, int Line)> SecretLines(RunReport report)
    {
        var lines = new HashSet<(string, int)>();
        var all = report.Findings.Concat(report.NotCounted).Where(f => !f.Location.IsEmpty).ToList();
        if (all.Count == 0)
        {
            return lines;
        }

        // The built-in rules' category and tags come from the catalog's small table; the full metadata (RulesRun, which
        // parses every rule's YAML) only for a custom policy's findings.
        var secret = all.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)
            .Where(id => RuleCatalog.CategoryOf(id) is { } category
                ? HoldsSecrets(category, RuleCatalog.TagsOf(id))
                : report.RulesRun.FirstOrDefault(r => r.Id == id) is { } custom && HoldsSecrets(custom.Category, custom.Tags))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var f in all.Where(f => secret.Contains(f.RuleId)))
        {
            for (var line = f.Location.StartLine - 1; line <= Math.Max(f.Location.StartLine, f.Location.EndLine) + 1; line++)
            {
                lines.Add((f.Location.File, line));
            }
        }

        return lines;
    }

    private static bool HoldsSecrets(string category, IReadOnlyList<string> tags) =>
        string.Equals(category, "Secrets", StringComparison.OrdinalIgnoreCase)
        || tags.Any(t => string.Equals(t, "secrets", StringComparison.OrdinalIgnoreCase) || string.Equals(t, "credentials", StringComparison.OrdinalIgnoreCase));

    private static string ColourOf(Severity severity) => severity switch
    {
        Severity.Error => "\u001B[31m",
        Severity.Warning => "\u001B[33m",
        _ => "\u001B[36m",
    };

    private static void Paint(TextWriter writer, string? sgr, string text)
    {
        if (sgr is null)
        {
            writer.Write(text);
            return;
        }

        writer.Write(sgr);
        writer.Write(text);
        writer.Write(Reset);
    }

    private static void WriteSummary(RunReport report, TextWriter writer)
    {
        var skipped = report.Files.Count(f => !f.Recognized);
        var notChecked = report.NotChecked.Count();
        var notOnEcs = report.Files.Where(f => f.Recognized && f.SkippedAs != null).ToList();
        writer.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0} error(s), {1} warning(s), {2} note(s) in {3} task definition(s) from {4} file(s){7}{5}{8}{6}{9}{10}{11}.",
            report.Count(Severity.Error),
            report.Count(Severity.Warning),
            report.Count(Severity.Note),
            report.TaskCount,
            report.Files.Count(f => f.Recognized),
            skipped > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} file(s) skipped (not a recognised input)", skipped) : "",
            notChecked > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} file(s) not checked completely (ECS0001, ECS0009)", notChecked) : "",
            notOnEcs.Count > 0
                ? string.Format(CultureInfo.InvariantCulture, "; {0} workload(s) skipped because they do not run on ECS ({1})", notOnEcs.Count, string.Join(", ", notOnEcs.Select(f => f.SkippedAs).Distinct().OrderBy(t => t, StringComparer.Ordinal)))
                : "",
            report.SpecialFilesSkipped > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} special file(s) skipped (named pipes, devices, sockets or link loops)", report.SpecialFilesSkipped) : "",
            report.AlsoInCdkOut > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} finding(s) of cdk.out also found in the C# source, shown once there", report.AlsoInCdkOut) : "",
            report.BaselineHidden > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} finding(s) hidden by the baseline", report.BaselineHidden) : "",
            report.BaselineStale > 0 ? string.Format(CultureInfo.InvariantCulture, "{0} {1} baseline entr(y/ies) stale (--write-baseline rewrites it)", report.BaselineHidden > 0 ? "," : ";", report.BaselineStale) : ""));
    }
}
