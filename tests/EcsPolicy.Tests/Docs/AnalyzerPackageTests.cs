using System.Xml.Linq;
using EcsPolicy.Analyzers;
using EcsPolicy.Catalog;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Docs;

/// <summary>
/// The files the EcsPolicy.Analyzers package ships beside the analyzer. The .globalconfig presets are generated from rules/*.yaml;
/// regenerate with: ECSPOLICY_APPROVE=1 dotnet test tests/EcsPolicy.Tests --filter AnalyzerPackageTests
/// </summary>
public class AnalyzerPackageTests
{
    private static string Build(string name) => Repo.PathOf("src", "EcsPolicy.Analyzers.Package", "build", name);

    [Theory]
    [InlineData(AnalysisMode.Recommended)]
    [InlineData(AnalysisMode.Strict)]
    public void Each_preset_is_generated_from_the_catalog(AnalysisMode mode) =>
        Golden.Verify(Build(AnalyzerGlobalConfig.FileName(mode)), AnalyzerGlobalConfig.Generate(RuleCatalog.All, mode));

    [Fact]
    public void The_strict_preset_raises_every_note_to_a_warning_and_keeps_every_other_default()
    {
        var strict = Severities(File.ReadAllText(Build("EcsPolicy.Analyzers.strict.globalconfig")));
        var recommended = Severities(File.ReadAllText(Build("EcsPolicy.Analyzers.globalconfig")));
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal), strict.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(RuleCatalog.All, r => r.DefaultSeverity == Severity.Note);
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Equal(rule.DefaultSeverity == Severity.Note ? "warning" : rule.DefaultSeverity.ToAnalyzerConfigName(), strict[rule.Id]);
            Assert.Equal(rule.DefaultSeverity.ToAnalyzerConfigName(), recommended[rule.Id]);
        }

        Assert.DoesNotContain("suggestion", strict.Values);
        Assert.Contains("is_global = true", File.ReadAllLines(Build("EcsPolicy.Analyzers.strict.globalconfig")));
        Assert.Contains("global_level = -1", File.ReadAllLines(Build("EcsPolicy.Analyzers.strict.globalconfig")));
    }

    [Fact]
    public void The_props_add_the_preset_the_EcsPolicyAnalysisMode_property_names_and_the_package_ships_both()
    {
        var props = XDocument.Load(Build("EcsPolicy.Analyzers.props"));
        var presets = props.Descendants().Where(e => e.Name.LocalName == "GlobalAnalyzerConfigFiles").ToList();
        Assert.Equal(
            ["$(MSBuildThisFileDirectory)EcsPolicy.Analyzers.globalconfig|'$(EcsPolicyDefaultSeverities)' != 'false' and ('$(EcsPolicyAnalysisMode)' == 'recommended' or '$(EcsPolicyAnalysisMode)' == '')",
             "$(MSBuildThisFileDirectory)EcsPolicy.Analyzers.strict.globalconfig|'$(EcsPolicyDefaultSeverities)' != 'false' and '$(EcsPolicyAnalysisMode)' == 'strict'"],
            presets.Select(e => e.Attribute("Include")!.Value + "|" + e.Attribute("Condition")!.Value));
        var mode = props.Descendants().Single(e => e.Name.LocalName == "EcsPolicyAnalysisMode");
        Assert.Equal("recommended", mode.Value);

        // Another value fails the build with the accepted ones named.
        var targets = XDocument.Load(Build("EcsPolicy.Analyzers.targets"));
        var error = targets.Descendants().Single(e => e.Name.LocalName == "Error" && e.Attribute("Code")?.Value == "ECSPOLICY001");
        Assert.Contains("use recommended or strict", error.Attribute("Text")!.Value, StringComparison.Ordinal);

        var package = XDocument.Load(Repo.PathOf("src", "EcsPolicy.Analyzers.Package", "EcsPolicy.Analyzers.Package.csproj"));
        var packed = package.Descendants().Where(e => e.Name.LocalName == "None" && e.Attribute("Pack")?.Value == "true").Select(e => e.Attribute("Include")!.Value).ToList();
        foreach (var mode2 in Enum.GetValues<AnalysisMode>())
        {
            Assert.Contains("build/" + AnalyzerGlobalConfig.FileName(mode2), packed);
        }

        // The analyzer twice: for the .NET 8 SDK's compiler (Roslyn 4.8) and for current ones (4.14 and newer).
        Assert.Contains(package.Descendants(), e => e.Attribute("PackagePath")?.Value == "analyzers/dotnet/roslyn4.8/cs/%(Filename)%(Extension)");
        Assert.Contains(package.Descendants(), e => e.Attribute("PackagePath")?.Value == "analyzers/dotnet/roslyn4.14/cs/%(Filename)%(Extension)");
    }

    /// <summary>
    /// A project that imports the package's MSBuild files where NuGet does (the props before the project body, the
    /// targets after it) and sets <c>EcsPolicyAnalysisMode</c> in its body: MSBuild says which preset it gives the compiler.
    /// </summary>
    [Theory]
    [InlineData("", "EcsPolicy.Analyzers.globalconfig")]
    [InlineData("recommended", "EcsPolicy.Analyzers.globalconfig")]
    [InlineData("strict", "EcsPolicy.Analyzers.strict.globalconfig")]
    public async Task The_project_file_chooses_the_preset(string mode, string expected)
    {
        using var tree = new TempTree();
        var project = WriteProject(tree, mode);
        var (code, stdout, stderr) = await Processes.Run("dotnet", ["msbuild", project, "-getItem:GlobalAnalyzerConfigFiles", "-nologo", "-nodeReuse:false"], tree.Root, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, stdout + stderr);
        var presets = System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("Items").GetProperty("GlobalAnalyzerConfigFiles").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!).Where(p => p.Contains("EcsPolicy.Analyzers", StringComparison.Ordinal)).ToList();
        Assert.Equal([Build(expected)], presets);
    }

    [Fact]
    public async Task An_unknown_mode_fails_the_build_naming_the_accepted_ones()
    {
        using var tree = new TempTree();
        var project = WriteProject(tree, "lenient");
        var (code, stdout, _) = await Processes.Run("dotnet", ["msbuild", project, "-t:_EcsPolicyCheckAnalysisMode", "-nologo", "-nodeReuse:false"], tree.Root, TimeSpan.FromMinutes(3));
        Assert.Equal(1, code);
        Assert.Contains("error ECSPOLICY001: EcsPolicyAnalysisMode is 'lenient': use recommended or strict (see docs/analyzer.md in the EcsPolicy repository).", stdout, StringComparison.Ordinal);
    }

    private static string WriteProject(TempTree tree, string mode) => tree.Write("App.csproj", $"""
        <Project>
          <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
          <Import Project="{Build("EcsPolicy.Analyzers.props")}" />
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <EcsPolicyAnalysisMode>{mode}</EcsPolicyAnalysisMode>
          </PropertyGroup>
          <Import Project="{Build("EcsPolicy.Analyzers.targets")}" />
          <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
        </Project>
        """);

    private static Dictionary<string, string> Severities(string globalconfig) =>
        globalconfig.Split('\n').Where(l => l.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal))
            .Select(l => l.Split(" = "))
            .ToDictionary(p => p[0]["dotnet_diagnostic.".Length..^".severity".Length], p => p[1], StringComparer.Ordinal);

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
