using EcsPolicy.Catalog;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Tests.Rules;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Docs;

/// <summary>
/// docs/rules/*.md, docs/rules/README.md and the README rule table are generated from rules/*.yaml; these tests fail
/// when they are stale. Each bad example is shown with the message the rule gives at its marked place, linted as its
/// input (<see cref="ExampleLint"/>: a CloudFormation template, a Copilot manifest, CDK C#), in that input's words. Regenerate with: ECSPOLICY_APPROVE=1 dotnet test tests/EcsPolicy.Tests --filter RuleDocsTests
/// </summary>
public class RuleDocsTests
{
    public static TheoryData<string> RuleIds() => [.. RuleCatalog.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_page_is_generated_from_its_metadata(string id) =>
        Golden.Verify(Repo.PathOf("docs", "rules", id + ".md"), RuleDocs.Page(RuleCatalog.Get(id), example => ExampleLint.MessagesAtMarker(id, example, RuleExamplesTests.AllReported)));

    [Fact]
    public void Rule_index_is_current() =>
        Golden.Verify(Repo.PathOf("docs", "rules", "README.md"), RuleDocs.Index(RuleCatalog.All));

    [Fact]
    public void Readme_rule_table_is_current()
    {
        var path = Repo.PathOf("README.md");
        var readme = File.ReadAllText(path);
        Assert.Contains(RuleDocs.ReadmeStart, readme);
        Golden.Verify(path, RuleDocs.UpdateReadme(readme, RuleCatalog.All));
    }

    [Fact]
    public void No_page_without_a_rule()
    {
        var ids = RuleCatalog.All.Select(m => m.Id + ".md").ToHashSet();
        var pages = Directory.GetFiles(Repo.PathOf("docs", "rules"), "ECS*.md").Select(Path.GetFileName);
        Assert.DoesNotContain(pages, p => !ids.Contains(p!));
    }

    [Fact]
    public void Every_rule_file_in_the_repository_is_embedded()
    {
        var files = Directory.GetFiles(Repo.PathOf("rules"), "ECS*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(files, RuleCatalog.All.Select(m => m.Id));
    }

    [Fact]
    public void Help_uri_points_at_the_rule_page()
    {
        foreach (var rule in RuleCatalog.All)
        {
            Assert.EndsWith("docs/rules/" + rule.Id + ".md", rule.HelpUri);
        }
    }
}
