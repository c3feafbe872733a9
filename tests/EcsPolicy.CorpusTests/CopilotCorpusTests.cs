using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Copilot's own manifests (its test data and end-to-end apps) and the CloudFormation stacks Copilot rendered from some
/// of them: every file loads; the findings are reviewed in approved/copilot.txt.
/// </summary>
public class CopilotCorpusTests
{
    [Fact]
    public void Every_manifest_and_rendered_stack_loads_and_findings_match_the_approved_list()
    {
        var files = Corpus.Files("copilot", ".yml", ".yaml").ToList();
        Assert.True(files.Count >= 40, $"expected the Copilot corpus, found {files.Count} files");
        var (report, results) = Corpus.LintAll(files);
        Assert.Empty(results.SelectMany(r => r.NotChecked));

        // Every file is a manifest Copilot accepts or a template it rendered: all recognised, none unparseable or invalid.
        Assert.All(results, r => Assert.True(r.Recognized, r.Path + " was not recognised"));
        var rejected = results.SelectMany(r => r.Findings).Where(f => f.RuleId is "ECS0001" or "ECS8001").ToList();
        Assert.True(rejected.Count == 0, string.Join("\n", rejected.Select(f => $"{f.Location} {f.RuleId}: {f.Message}")));

        // The ECS workloads have task definitions; the App Runner and static-site manifests are recognised and skipped.
        var manifests = results.Where(r => !IsRendered(r.Path)).ToList();
        Assert.All(manifests.Where(r => r.TaskCount == 0), r => Assert.True(
            r.Path.Contains("rdws", StringComparison.Ordinal) || r.Path.Contains("static-site", StringComparison.Ordinal) || r.Path.Contains("/apprunner/", StringComparison.Ordinal),
            r.Path + " has no task definition"));

        Golden.Verify(Repo.PathOf("tests", "EcsPolicy.CorpusTests", "approved", "copilot.txt"), report);
    }

    private static bool IsRendered(string path) =>
        path.EndsWith(".stack.yml", StringComparison.Ordinal) || Path.GetFileName(path).Contains("-template", StringComparison.Ordinal);
}
