using EcsPolicy.Catalog;
using EcsPolicy.Engine;

namespace EcsPolicy.Cli.Outputs;

/// <summary>Everything an output format needs about one run, already in deterministic order.</summary>
public sealed class RunReport
{
    public required IReadOnlyList<FileResult> Files { get; init; }

    /// <summary>All findings, sorted by <see cref="Finding.Order"/>. Paths are relative to <see cref="RootDirectory"/> when under it.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>
    /// Findings shown in SARIF only, marked as not counting: suppressed in the file (<c>--include-suppressed</c>,
    /// <see cref="Finding.SuppressedBy"/>) or in the baseline (<c>--show-baselined</c>, <see cref="Finding.BaselineState"/>).
    /// </summary>
    public IReadOnlyList<Finding> NotCounted { get; init; } = [];

    /// <summary>Metadata of every rule that ran, ordered by ID.</summary>
    public required IReadOnlyList<RuleMetadata> RulesRun { get; init; }

    /// <summary>The effective severity of each rule that ran.</summary>
    public required IReadOnlyDictionary<string, Severity> Severities { get; init; }

    /// <summary>The directory paths are relative to (the current directory); SARIF's <c>%SRCROOT%</c>.</summary>
    public required string RootDirectory { get; init; }

    public required string ToolVersion { get; init; }

    /// <summary>
    /// Files a directory walk found but did not open because they are not regular files (named pipes, devices, sockets,
    /// symbolic link loops).
    /// </summary>
    public int SpecialFilesSkipped { get; init; }

    /// <summary>
    /// Findings of a CDK app's <c>cdk.out</c> templates left out because the same finding is reported in the app's C#
    /// source in this run (see <c>CdkDuplicates</c>).
    /// </summary>
    public int AlsoInCdkOut { get; init; }

    /// <summary>
    /// The lowest severity the text report lists one by one (<c>--severity</c>; warning by default, so that hardening
    /// notes never bury a defect); the findings below it are counted in one line. Other formats hold every finding of
    /// <see cref="Findings"/>.
    /// </summary>
    public Severity TextMinimum { get; init; } = Severity.Note;

    /// <summary>
    /// Findings left out of every report by an explicit <c>--severity</c> (below the lowest severity shown); they do not
    /// count for the exit code either.
    /// </summary>
    public int HiddenBelowSeverity { get; init; }

    /// <summary><c>-q/--quiet</c>: the text report is the summary line only.</summary>
    public bool Quiet { get; init; }

    /// <summary>The text report colours severities with ANSI escapes (a terminal, <c>--color</c>, <c>NO_COLOR</c>).</summary>
    public bool Color { get; init; }

    /// <summary>The text report shows the source line under each finding with a caret under its span (on a terminal).</summary>
    public bool Snippets { get; init; }

    /// <summary>Findings a baseline (<c>--baseline</c>) accepted: not reported, not counted, but said in the summary.</summary>
    public int BaselineHidden { get; init; }

    /// <summary>
    /// Baseline entries (counted per finding) that no finding of this run matched: fixed or gone, so the baseline can be
    /// written again smaller.
    /// </summary>
    public int BaselineStale { get; init; }

    /// <summary>
    /// The files that were not checked completely (exit code 2): unreadable, stopped by an internal error or by their
    /// budget. Each also has an ECS0001 or ECS0009 finding.
    /// </summary>
    public IEnumerable<FileResult> NotChecked => Files.Where(f => !f.CheckedCompletely);

    /// <summary>Reads a reported file's text (for fingerprints and snippets), or null when it cannot be read.</summary>
    public Func<string, string?> ReadText { get; init; } = _ => null;

    public int TaskCount => Files.Sum(f => f.TaskCount);

    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);
}

/// <summary>An output format, chosen by <see cref="Name"/>. The list of formats is written at build time by the RuleRegistryGenerator (no reflection).</summary>
public interface IOutputFormat
{
    /// <summary>The value of <c>--format</c>.</summary>
    string Name { get; }

    void Write(RunReport report, TextWriter writer);
}
