using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>Every third-party CloudFormation template loads; the findings on them are reviewed in approved/cloudformation.txt.</summary>
public class CloudFormationCorpusTests
{
    [Fact]
    public void Every_template_loads_without_an_internal_error_and_findings_match_the_approved_list()
    {
        var files = Corpus.Files("cloudformation", ".json", ".yaml", ".yml", ".template").ToList();
        Assert.True(files.Count >= 80, $"expected the CloudFormation corpus, found {files.Count} files");
        var (report, results) = Corpus.LintAll(files);
        Assert.Empty(results.SelectMany(r => r.NotChecked));

        // Every template is recognised; only the upstream expected-result files and trivy's snippet collections are not.
        var unrecognised = results.Where(r => !r.Recognized).Select(r => r.Path).ToList();
        Assert.All(unrecognised, path => Assert.True(
            path.Contains("/results/", StringComparison.Ordinal) || path.EndsWith("positive_expected_result.json", StringComparison.Ordinal) || path.StartsWith("cloudformation/aquasecurity/", StringComparison.Ordinal),
            path + " was not recognised as a template"));
        Assert.Equal(12, unrecognised.Count);

        // The upstream files with duplicate keys (see ../shared/corpus/README.md) are the only ones that do not parse.
        var broken = results.SelectMany(r => r.Findings).Where(f => f.RuleId == "ECS0001").Select(f => f.Location.File).ToList();
        Assert.All(broken, path => Assert.True(
            path.Contains("efs_volume_with_disabled_transit_encryption/test/", StringComparison.Ordinal) || path.EndsWith("service-consul-connect-greeter-fargate.yml", StringComparison.Ordinal),
            path + " unexpectedly fails to parse"));

        Golden.Verify(Repo.PathOf("tests", "EcsPolicy.CorpusTests", "approved", "cloudformation.txt"), report);
    }
}
