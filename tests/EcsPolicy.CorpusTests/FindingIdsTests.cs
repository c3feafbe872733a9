using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Which findings there are, without what they say: every finding on the corpus (task definitions, CloudFormation,
/// Copilot, the same files the corpus golden tests walk), on the CDK test apps (read statically from their C# source, as
/// <c>ecs-policy check</c> reads them, nothing synthesized) and on <c>examples/</c>, as rule ID, severity, place and
/// model path/anchor, in approved/ids.txt. No message text is in that file, so it must not change when only the wording
/// of messages changes: a difference there is a finding gained, lost or moved.
/// </summary>
public class FindingIdsTests
{
    [Fact]
    public void Rule_ids_places_and_paths_of_every_finding_match_the_approved_list()
    {
        var report = new StringBuilder();

        // The corpus, through the linter as the corpus golden tests run it (paths relative to the corpus).
        foreach (var (name, extensions) in new[]
        {
            ("taskdefs", new[] { ".json" }),
            ("cloudformation", new[] { ".json", ".yaml", ".yml", ".template" }),
            ("copilot", new[] { ".yml", ".yaml" }),
        })
        {
            var (_, results) = Corpus.LintAll(Corpus.Files(name, extensions));
            Assert.Empty(results.SelectMany(r => r.NotChecked));
            Section(report, "corpus/" + name, results.SelectMany(r => r.Findings)
                .Select(f => new Id(f.Location.File, f.Location.StartLine, f.Location.StartColumn, f.Severity.ToName(), f.RuleId, f.Path, f.Anchor)));
        }

        // The CDK test apps and the examples, through the CLI as a user runs it (paths relative to the repository).
        Section(report, "tests/cdk-apps", Check("tests", "cdk-apps"));
        Section(report, "examples", Check("examples"));

        Golden.Verify(Repo.PathOf("tests", "EcsPolicy.CorpusTests", "approved", "ids.txt"), report.ToString());
    }

    private sealed record Id(string File, int Line, int Column, string Severity, string Rule, string Path, string Anchor)
    {
        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}) {3} {4} path={5} anchor={6}", File, Line, Column, Severity, Rule, Path, Anchor);
    }

    // Sorted by the identifying fields alone: the usual finding order ends with the message, which would let a rewording
    // reorder two findings at the same place.
    private static void Section(StringBuilder report, string title, IEnumerable<Id> ids)
    {
        var sorted = ids.OrderBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line).ThenBy(i => i.Column)
            .ThenBy(i => i.Rule, StringComparer.Ordinal).ThenBy(i => i.Severity, StringComparer.Ordinal)
            .ThenBy(i => i.Path, StringComparer.Ordinal).ThenBy(i => i.Anchor, StringComparer.Ordinal).ToList();
        report.Append(CultureInfo.InvariantCulture, $"# {title}: {sorted.Count} finding(s)\n");
        foreach (var id in sorted)
        {
            report.Append(id).Append('\n');
        }

        report.Append('\n');
    }

    /// <summary>Runs <c>ecs-policy check DIR/ --format json</c> in-process from the repository root.</summary>
    private static List<Id> Check(params string[] folder)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = Runner.Run(new CheckSettings { Paths = [Repo.PathOf(folder) + "/"], Format = "json", RootDirectory = Repo.Root }, stdout, stderr);
        Assert.True(code is Runner.ExitOk or Runner.ExitFindings, $"check {string.Join('/', folder)} exited with {code}:\n{stderr}");
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Empty(json.RootElement.GetProperty("notChecked").EnumerateArray());
        return [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(f => new Id(
            f.GetProperty("file").GetString()!,
            f.GetProperty("line").GetInt32(),
            f.GetProperty("column").GetInt32(),
            f.GetProperty("severity").GetString()!,
            f.GetProperty("ruleId").GetString()!,
            f.GetProperty("path").GetString()!,
            f.GetProperty("anchor").GetString()!))];
    }
}
