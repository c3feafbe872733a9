using System.Globalization;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// The MSBuild/compiler canonical form <c>path(line,col): error ECS1001: message</c>, which editors and CI
/// problem matchers understand, followed by a summary line. Defects lead: unless <see cref="RunReport.ShowNotes"/>, notes
/// (hardening advice) are not listed one by one but summed up one line per rule, most frequent first.
/// </summary>
public sealed class TextOutput : IOutputFormat
{
    public string Name => "text";

    public void Write(RunReport report, TextWriter writer)
    {
        // Written piece by piece: a report of many thousands of lines is not formatted into a string per line first.
        foreach (var f in report.Findings)
        {
            if (f.Severity == Severity.Note && !report.ShowNotes)
            {
                continue;
            }

            writer.Write(OutputText.OneLine(f.Location.File));
            writer.Write('(');
            writer.Write(f.Location.StartLine.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(f.Location.StartColumn.ToString(CultureInfo.InvariantCulture));
            writer.Write("): ");
            writer.Write(f.Severity.ToName());
            writer.Write(' ');
            writer.Write(f.RuleId);
            writer.Write(": ");
            writer.WriteLine(OutputText.OneLine(f.Message));
        }

        if (!report.ShowNotes)
        {
            WriteNoteSummary(report, writer);
        }

        var skipped = report.Files.Count(f => !f.Recognized);
        var notChecked = report.NotChecked.Count();
        var notOnEcs = report.Files.Where(f => f.Recognized && f.SkippedAs != null).ToList();
        writer.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0} error(s), {1} warning(s), {2} note(s) in {3} task definition(s) from {4} file(s){7}{5}{8}{6}{9}.",
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
            report.AlsoInCdkOut > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} finding(s) of cdk.out also found in the C# source, shown once there", report.AlsoInCdkOut) : ""));
    }

    // One line per rule: "  note ECS6003 x12: Container runs as root". Indented, and with no (line,col), so that problem
    // matchers do not take it for a finding.
    private static void WriteNoteSummary(RunReport report, TextWriter writer)
    {
        var byRule = report.Findings.Where(f => f.Severity == Severity.Note).GroupBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Count: g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (byRule.Count == 0)
        {
            return;
        }

        var titles = report.RulesRun.ToDictionary(r => r.Id, r => r.Title, StringComparer.Ordinal);
        writer.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} note(s), not listed (--show-notes lists them):", byRule.Sum(r => r.Count)));
        foreach (var (id, count) in byRule)
        {
            writer.Write("  note ");
            writer.Write(id);
            writer.Write(" x");
            writer.Write(count.ToString(CultureInfo.InvariantCulture));
            writer.Write(": ");
            writer.WriteLine(OutputText.OneLine(titles.TryGetValue(id, out var title) ? title : id));
        }
    }
}
