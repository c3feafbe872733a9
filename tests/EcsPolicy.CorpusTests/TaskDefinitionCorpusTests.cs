using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>Every third-party task definition loads; the findings on them are reviewed in approved/taskdefs.txt.</summary>
public class TaskDefinitionCorpusTests
{
    [Fact]
    public void Every_task_definition_loads_without_an_internal_error_and_findings_match_the_approved_list()
    {
        var files = Corpus.Files("taskdefs", ".json").ToList();
        Assert.True(files.Count >= 100, $"expected the task-definition corpus, found {files.Count} files");
        var (report, results) = Corpus.LintAll(files);
        Assert.Empty(results.SelectMany(r => r.NotChecked));
        Assert.All(results, r => Assert.True(r.Recognized, r.Path + " was not recognised as a task definition"));

        // The one upstream file that is not valid JSON (see ../shared/corpus/README.md), at the place the README gives.
        var broken = results.SelectMany(r => r.Findings).Where(f => f.RuleId == "ECS0001").ToList();
        var only = Assert.Single(broken);
        Assert.EndsWith("fluent-bit/dynatrace/task-definition.json", only.Location.File);
        Assert.Equal((34, 20), (only.Location.StartLine, only.Location.StartColumn));

        Golden.Verify(Repo.PathOf("tests", "EcsPolicy.CorpusTests", "approved", "taskdefs.txt"), report);
    }
}
