using System.Xml.Linq;
using EcsPolicy.Analyzers;
using EcsPolicy.Catalog;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Docs;

/// <summary>
/// The files the EcsPolicy.Analyzers package ships beside the analyzer. The .globalconfig is generated from rules/*.yaml;
/// regenerate with: ECSPOLICY_APPROVE=1 dotnet test tests/EcsPolicy.Tests --filter AnalyzerPackageTests
/// </summary>
public class AnalyzerPackageTests
{
    private static string Build(string name) => Repo.PathOf("src", "EcsPolicy.Analyzers.Package", "build", name);

    [Fact]
    public void The_globalconfig_holds_the_catalog_default_severities() =>
        Golden.Verify(Build("EcsPolicy.Analyzers.globalconfig"), AnalyzerGlobalConfig.Generate(RuleCatalog.All));

    [Fact]
    public void The_globalconfig_is_global_below_the_project_configuration_and_names_every_rule()
    {
        var lines = AnalyzerGlobalConfig.Generate(RuleCatalog.All).Split('\n');
        Assert.Contains("is_global = true", lines);
        Assert.Contains("global_level = -1", lines);
        Assert.Contains("dotnet_diagnostic.ECS1001.severity = error", lines);
        Assert.Contains("dotnet_diagnostic.ECS6007.severity = warning", lines);
        Assert.Contains("dotnet_diagnostic.ECS0007.severity = suggestion", lines);
        Assert.Equal(RuleCatalog.All.Count, lines.Count(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith('['));
    }

    [Theory]
    [InlineData("EcsPolicy.Analyzers.props")]
    [InlineData("EcsPolicy.Analyzers.targets")]
    public void The_MSBuild_files_are_valid_XML_without_double_dashes_in_comments(string name)
    {
        var document = XDocument.Load(Build(name));
        Assert.Equal("Project", document.Root!.Name.LocalName);
        Assert.DoesNotContain(document.DescendantNodes().OfType<XComment>(), c => c.Value.Contains("--", StringComparison.Ordinal));
    }
}
