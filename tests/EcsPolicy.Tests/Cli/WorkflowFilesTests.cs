using System.Text.RegularExpressions;
using EcsPolicy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// This repository's GitHub workflows (.github/workflows) parse, and run what .ci/run checks here: ci.yml runs .ci/run
/// with the tags MinVer needs, release.yml runs scripts/release.sh on v* tags for the four platforms and publishes.
/// </summary>
public class WorkflowFilesTests
{
    [Fact]
    public void Ci_runs_the_ci_script_on_linux_with_the_tags_and_builds_and_tests_on_windows_and_macos()
    {
        var ci = Load("ci.yml");
        var on = Map(ci, "on");
        Assert.True(on.Children.ContainsKey("push") && on.Children.ContainsKey("pull_request"));

        var jobs = Map(ci, "jobs");
        var linux = Map(jobs, "linux");
        Assert.Equal("ubuntu-latest", Scalar(linux, "runs-on"));
        Assert.Contains("bash .ci/run", Runs(linux));
        Assert.Equal("0", Scalar(Map(Checkout(linux), "with"), "fetch-depth"));

        var others = Map(jobs, "build-and-test");
        var os = Seq(Map(Map(others, "strategy"), "matrix"), "os").Children.Select(n => n.ToString());
        Assert.Equal(["windows-latest", "macos-latest"], os);
        Assert.Equal(["dotnet build Policy.sln -warnaserror", "dotnet test tests/EcsPolicy.Tests"], Runs(others));
        Assert.Equal("0", Scalar(Map(Checkout(others), "with"), "fetch-depth"));
    }

    [Fact]
    public void Release_runs_the_release_script_on_v_tags_for_four_platforms_and_publishes_packages_and_the_release()
    {
        var release = Load("release.yml");
        Assert.Equal(["v[0-9]+.[0-9]+.[0-9]+", "v[0-9]+.[0-9]+.[0-9]+-*"], Seq(Map(Map(release, "on"), "push"), "tags").Children.Select(n => n.ToString()));

        var jobs = Map(release, "jobs");
        var native = Map(jobs, "native");
        var matrix = Seq(Map(Map(native, "strategy"), "matrix"), "include").Children.Cast<YamlMappingNode>()
            .ToDictionary(m => Scalar(m, "rid"), m => Scalar(m, "runner"));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["linux-x64"] = "ubuntu-latest",
                ["linux-arm64"] = "ubuntu-24.04-arm",
                ["osx-arm64"] = "macos-14",
                ["win-x64"] = "windows-latest",
            },
            matrix);
        Assert.Contains("bash scripts/release.sh --native dist", Runs(native));
        Assert.Contains("bash scripts/release.sh --packages dist", Runs(Map(jobs, "packages")));
        foreach (var job in new[] { native, Map(jobs, "packages") })
        {
            Assert.Equal("0", Scalar(Map(Checkout(job), "with"), "fetch-depth"));
        }

        var publish = Map(jobs, "publish");
        Assert.Equal(["native", "packages"], Seq(publish, "needs").Children.Select(n => n.ToString()));
        var runs = string.Join("\n", Runs(publish));
        Assert.Contains("bash scripts/release.sh --checksums dist", runs);
        Assert.Contains("dotnet nuget push", runs);
        Assert.Contains("gh release create", runs);
        Assert.Contains(Steps(publish), s => s.Children.TryGetValue("env", out var env)
            && ((YamlMappingNode)env).Children.Values.Any(v => v.ToString() == "${{ secrets.NUGET_API_KEY }}"));
        Assert.Equal("write", Scalar(Map(publish, "permissions"), "contents"));
    }

    [Fact]
    public void Workflows_use_current_major_versions_of_the_actions_and_only_scripts_that_exist()
    {
        foreach (var file in new[] { "ci.yml", "release.yml" })
        {
            var text = File.ReadAllText(Repo.PathOf(".github", "workflows", file));
            foreach (Match use in Regex.Matches(text, @"uses: (\S+)@v(\d+)"))
            {
                var minimum = use.Groups[1].Value switch
                {
                    "actions/checkout" or "actions/setup-dotnet" or "actions/upload-artifact" => 5,
                    "actions/download-artifact" => 6,
                    var other => throw new Xunit.Sdk.XunitException(file + " uses an action this test does not know: " + other),
                };
                Assert.True(int.Parse(use.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= minimum, file + ": " + use.Value);
            }

            foreach (Match script in Regex.Matches(text, @"bash ((?:\.ci|scripts)/[\w./-]+)"))
            {
                Assert.True(File.Exists(Repo.PathOf(script.Groups[1].Value.Split('/'))), file + " runs " + script.Groups[1].Value + ", which does not exist");
            }
        }
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repo.PathOf(".github", "workflows", file))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<YamlMappingNode> Steps(YamlMappingNode job) => [.. Seq(job, "steps").Children.Cast<YamlMappingNode>()];

    private static List<string> Runs(YamlMappingNode job) =>
        [.. Steps(job).Where(s => s.Children.ContainsKey("run")).Select(s => Scalar(s, "run").Trim())];

    private static YamlMappingNode Checkout(YamlMappingNode job) =>
        Steps(job).First(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("actions/checkout@", StringComparison.Ordinal));

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map ? map : throw new Xunit.Sdk.XunitException("no mapping " + key);

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode seq ? seq : throw new Xunit.Sdk.XunitException("no sequence " + key);

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode s ? s.Value ?? "" : throw new Xunit.Sdk.XunitException("no scalar " + key);
}
