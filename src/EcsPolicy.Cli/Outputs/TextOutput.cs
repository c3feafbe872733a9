using System.Globalization;
using EcsPolicy.Rules;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// The MSBuild/compiler canonical form <c>path(line,col): error ECS1001: message</c>, which editors and CI
/// problem matchers understand, followed by a summary line.
/// </summary>
public sealed class TextOutput : IOutputFormat
{
    public string Name => "text";

    public void Write(RunReport report, TextWriter writer)
    {
        // Written piece by piece: a report of many thousands of lines is not formatted into a string per line first.
        foreach (var f in report.Findings)
        {
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

        var skipped = report.Files.Count(f => !f.Recognized);
        var notChecked = report.NotChecked.Count();
        var notOnEcs = report.Files.Where(f => f.Recognized && f.SkippedAs != null).ToList();
        writer.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "{0} error(s), {1} warning(s), {2} note(s) in {3} task definition(s) from {4} file(s){7}{5}{8}{6}.",
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
            report.SpecialFilesSkipped > 0 ? string.Format(CultureInfo.InvariantCulture, "; {0} special file(s) skipped (named pipes, devices, sockets or link loops)", report.SpecialFilesSkipped) : ""));
    }
}
