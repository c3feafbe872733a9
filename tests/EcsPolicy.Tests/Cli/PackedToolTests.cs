using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using EcsPolicy.Catalog;
using EcsPolicy.Cli;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Tests.Support;
using Xunit.Abstractions;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// The CLI as users get it: packed as a dotnet tool, installed from the package with the GitHub Action's install script,
/// and run by the action's check script on the bundled examples, as the action does in a workflow (without the upload).
/// </summary>
public sealed class PackedToolTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task The_packed_tool_installs_runs_and_the_action_scripts_write_the_SARIF_report()
    {
        var clock = Stopwatch.StartNew();
        var feed = Path.Combine(_tree.Root, "feed");
        var tools = Path.Combine(_tree.Root, "tools");
        var githubPath = Path.Combine(_tree.Root, "github-path");
        var githubOutput = Path.Combine(_tree.Root, "github-output");
        var report = Path.Combine(_tree.Root, "out", "ecs-policy.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);

        // Pack the build the tests run against (the configuration of this test assembly).
        var configuration = typeof(PackedToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var pack = await Run("dotnet", ["pack", Repo.PathOf("src", "EcsPolicy.Cli"), "--no-build", "-c", configuration, "-o", feed, "--nologo", "-nodeReuse:false"]);
        Assert.True(pack.Code == 0, pack.Out + pack.Err);
        log.WriteLine($"pack: {clock.Elapsed.TotalSeconds:F1} s");

        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.Equal("EcsPolicy.Cli." + Runner.ToolVersion + ".nupkg", Path.GetFileName(package));
        using (var zip = ZipFile.OpenRead(package))
        {
            var nuspec = XDocument.Load(zip.GetEntry("EcsPolicy.Cli.nuspec")!.Open());
            Assert.Equal("EcsPolicy.Cli", nuspec.Descendants().Single(e => e.Name.LocalName == "id").Value);
            Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");
            var settings = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).Open());
            var command = Assert.Single(settings.Descendants("Command"));
            Assert.Equal("ecs-policy", command.Attribute("Name")?.Value);
            Assert.Equal("ecs-policy.dll", command.Attribute("EntryPoint")?.Value);
        }

        // Install with the action's script, from the folder only, into a fresh package cache (never an older build of the same version).
        var install = await Run("bash", [Repo.PathOf("scripts", "action", "install.sh")], new()
        {
            ["ECS_POLICY_SOURCE"] = feed,
            // Between release tags the version is a pre-release (docs/releasing.md), which "the latest" never picks.
            ["ECS_POLICY_VERSION"] = Runner.ToolVersion,
            ["ECS_POLICY_TOOL_PATH"] = tools,
            ["GITHUB_PATH"] = githubPath,
            ["NUGET_PACKAGES"] = Path.Combine(_tree.Root, "packages"),
        });
        Assert.True(install.Code == 0, install.Out + install.Err);
        Assert.Equal([tools, VersionAction.InformationalVersion], Lines(install.Out));
        Assert.Equal([tools], Lines(File.ReadAllText(githubPath)));
        log.WriteLine($"install: {clock.Elapsed.TotalSeconds:F1} s");

        var tool = Path.Combine(tools, "ecs-policy");
        var version = await Run(tool, ["--version"]);
        Assert.Equal((0, VersionAction.InformationalVersion), (version.Code, version.Out.TrimEnd('\n')));
        Assert.Equal(Runner.ToolVersion, version.Out.TrimEnd('\n'));

        var rules = await Run(tool, ["rules"]);
        Assert.Equal(0, rules.Code);
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), Lines(rules.Out).Skip(1).Where(l => !l.StartsWith(' ')).Select(l => l.Split(' ')[0]));
        Assert.Contains(Lines(rules.Out), l => l.StartsWith("ECS1001  error", StringComparison.Ordinal));

        var explain = await Run(tool, ["explain", "ECS1001"]);
        Assert.Equal((0, TerminalMarkdown.Render(RuleDocs.ExplainPage(RuleCatalog.Get("ECS1001")), RuleCommands.Width)), (explain.Code, explain.Out));

        // The action's check step, in the checkout, with the installed tool on PATH as GITHUB_PATH puts it there.
        var check = await Run("bash", [Repo.PathOf("scripts", "action", "check.sh")], new()
        {
            ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["ECS_POLICY_PATHS"] = "examples/",
            ["ECS_POLICY_OUTPUT"] = report,
            ["GITHUB_OUTPUT"] = githubOutput,
        });
        Assert.True(check.Code == 0, check.Out + check.Err);
        Assert.Equal(["exit-code=1", "report=" + report], Lines(File.ReadAllText(githubOutput)));
        Assert.Contains("ecs-policy check examples/ --format sarif --fail-level error --output " + report, check.Err);

        // The report is the one the in-process CLI writes for the same run, and has the examples' findings.
        var sarif = File.ReadAllText(report);
        var expected = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Runner.Run(new CheckSettings { Paths = [Repo.PathOf("examples") + "/"], Format = "sarif", RootDirectory = Repo.Root }, expected, TextWriter.Null);
        Assert.Equal(expected.ToString(), sarif);
        using var doc = JsonDocument.Parse(sarif);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "ECS0002"
            && r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString() == "examples/broken/sidecars.json");

        // The last step fails the job with ecs-policy's exit code.
        var verdict = await Run("bash", [Repo.PathOf("scripts", "action", "verdict.sh")], new() { ["ECS_POLICY_EXIT_CODE"] = "1" });
        Assert.Equal(1, verdict.Code);
        Assert.StartsWith("::error title=ecs-policy::findings at or above the fail level (error)", verdict.Out);
        Assert.Equal(0, (await Run("bash", [Repo.PathOf("scripts", "action", "verdict.sh")], new() { ["ECS_POLICY_EXIT_CODE"] = "0" })).Code);
        log.WriteLine($"total: {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task The_check_script_passes_paths_options_and_the_exit_code_on()
    {
        // A stand-in for the tool that records its arguments and exits as ecs-policy would with findings.
        var fake = Path.Combine(_tree.Root, "fake-ecs-policy");
        var argsFile = Path.Combine(_tree.Root, "args");
        await File.WriteAllTextAsync(fake, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$ARGS_FILE\"\nfor ((i = 1; i <= $#; i++)); do if [ \"${!i}\" = --output ]; then j=$((i + 1)); echo '[]' > \"${!j}\"; fi; done\nexit 1\n");
        var githubOutput = Path.Combine(_tree.Root, "github-output");
        var check = await Run("bash", [Repo.PathOf("scripts", "action", "check.sh")], new()
        {
            ["ECS_POLICY_COMMAND"] = "bash " + fake,
            ["ARGS_FILE"] = argsFile,
            ["ECS_POLICY_PATHS"] = " infra/*.json\n  copilot/ ",
            ["ECS_POLICY_FORMAT"] = "gitlab",
            ["ECS_POLICY_FAIL_LEVEL"] = "warning",
            ["GITHUB_OUTPUT"] = githubOutput,
        }, workingDirectory: _tree.Root);
        Assert.True(check.Code == 0, check.Err);
        Assert.Equal(["check", "infra/*.json", "copilot/", "--format", "gitlab", "--fail-level", "warning", "--output", "gl-code-quality-report.json"], Lines(File.ReadAllText(argsFile)));
        Assert.Equal(["exit-code=1", "report=gl-code-quality-report.json"], Lines(File.ReadAllText(githubOutput)));

        // No report (a usage error): the step fails with the tool's exit code.
        await File.WriteAllTextAsync(fake, "#!/usr/bin/env bash\nexit 2\n");
        var broken = await Run("bash", [Repo.PathOf("scripts", "action", "check.sh")], new() { ["ECS_POLICY_COMMAND"] = "bash " + fake }, workingDirectory: _tree.Root);
        Assert.Equal(2, broken.Code);
        Assert.Contains("wrote no report", broken.Err);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private Task<(int Code, string Out, string Err)> Run(string file, string[] args, Dictionary<string, string>? env = null, string? workingDirectory = null) =>
        Processes.Run(file, args, workingDirectory ?? Repo.Root, TimeSpan.FromMinutes(3), log, env, name => name is "GITHUB_OUTPUT" or "GITHUB_PATH");
}
