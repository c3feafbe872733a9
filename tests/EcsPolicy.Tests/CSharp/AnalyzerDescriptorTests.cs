using EcsPolicy.Analyzers;
using EcsPolicy.Catalog;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// The analyzer's descriptors carry what the rule files say (the IDE and a SARIF error log show their title, description,
/// category, severity, help link and tags), though they are read without parsing the rule files as YAML.
/// </summary>
public class AnalyzerDescriptorTests
{
    [Fact]
    public void Every_catalog_rule_has_a_descriptor_with_its_metadata()
    {
        var descriptors = new EcsPolicyAnalyzer().SupportedDiagnostics.ToDictionary(d => d.Id);
        Assert.All(RuleCatalog.All, rule =>
        {
            var d = descriptors[rule.Id];
            Assert.Equal(rule.Title, d.Title.ToString());
            Assert.Equal(rule.Rationale, d.Description.ToString());
            Assert.Equal("{0}", d.MessageFormat.ToString());
            Assert.Equal(rule.Category, d.Category);
            Assert.Equal(EcsPolicyAnalyzer.ToDiagnosticSeverity(rule.DefaultSeverity), d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
            Assert.Equal(rule.HelpUri, d.HelpLinkUri);
            Assert.Equal(rule.Tags, d.CustomTags);
        });
    }
}
