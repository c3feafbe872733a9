using System.Text.RegularExpressions;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// What GitHub and pre-commit read from this repository (action.yml, .pre-commit-hooks.yaml) and the setups docs/ci.md
/// tells users to copy: they name inputs, scripts, formats and options that exist.
/// </summary>
public class CiFilesTests
{
    private static readonly string[] RequiredInputs = ["paths", "format", "output", "fail-level", "version", "source", "category"];

    [Fact]
    public void The_action_is_a_composite_that_sets_up_dotnet_installs_runs_uploads_and_fails_on_findings()
    {
        var action = Load("action.yml");
        var inputs = Map(action, "inputs");
        foreach (var name in RequiredInputs)
        {
            Assert.True(inputs.Children.ContainsKey(name), "no input " + name);
            Assert.True(Map(inputs, name).Children.ContainsKey("description"), "input " + name + " has no description");
        }

        Assert.Equal("sarif", Scalar(Map(inputs, "format"), "default"));
        Assert.Equal("error", Scalar(Map(inputs, "fail-level"), "default"));
        Assert.Equal("composite", Scalar(Map(action, "runs"), "using"));

        var steps = Seq(Map(action, "runs"), "steps").Children.Cast<YamlMappingNode>().ToList();
        var uses = steps.Select(s => s.Children.TryGetValue("uses", out var u) ? u.ToString() : "").ToList();
        Assert.Equal("actions/setup-dotnet@v5", uses[0]);
        var upload = steps.Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString() == "github/codeql-action/upload-sarif@v4");
        Assert.Equal("${{ steps.check.outputs.report }}", Scalar(Map(upload, "with"), "sarif_file"));
        Assert.Equal("${{ inputs.category }}", Scalar(Map(upload, "with"), "category"));
        Assert.Contains("inputs.format == 'sarif'", Scalar(upload, "if"));

        // Shell steps run scripts of this repository, in the order cache key, install, check, verdict; inputs reach them
        // through env.
        var scripts = steps.Where(s => s.Children.ContainsKey("run")).Select(s => Scalar(s, "run")).ToList();
        Assert.Equal(
            ["cache-key.sh", "install.sh", "check.sh", "verdict.sh"],
            scripts.Select(s => Regex.Match(s, "^\"\\$GITHUB_ACTION_PATH/scripts/action/([a-z-]+\\.sh)\"$").Groups[1].Value));

        // The tool built from the action's sources when the feed does not have it: restored before the install under the
        // key of cache-key.sh, in the folder install.sh looks in and builds into, and saved only after a build.
        var install = steps.Single(s => s.Children.TryGetValue("id", out var id) && id.ToString() == "install");
        var buildDir = Scalar(Map(install, "env"), "ECS_POLICY_BUILD_DIR");
        Assert.Equal("${{ runner.temp }}/ecs-policy-build", buildDir);
        var restore = steps.IndexOf(steps.Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString() == "actions/cache/restore@v5"));
        var save = steps.IndexOf(steps.Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString() == "actions/cache/save@v5"));
        Assert.True(restore < steps.IndexOf(install) && steps.IndexOf(install) < save);
        foreach (var cache in new[] { steps[restore], steps[save] })
        {
            Assert.Equal(buildDir, Scalar(Map(cache, "with"), "path"));
            Assert.Equal("${{ steps.cache-key.outputs.key }}", Scalar(Map(cache, "with"), "key"));
        }

        Assert.Equal("${{ steps.install.outputs.installed-from == 'build' }}", Scalar(steps[save], "if"));
        Assert.Equal("check", Scalar(steps.Single(s => s.Children.ContainsKey("run") && Scalar(s, "run").Contains("check.sh", StringComparison.Ordinal)), "id"));
        foreach (var step in steps.Where(s => s.Children.ContainsKey("run")))
        {
            Assert.Equal("bash", Scalar(step, "shell"));
            Assert.DoesNotContain("${{", Scalar(step, "run"));
        }
    }

    [Fact]
    public void Every_input_the_action_uses_is_declared_and_every_script_exists()
    {
        var text = File.ReadAllText(Repo.PathOf("action.yml"));
        var declared = Map(Load("action.yml"), "inputs").Children.Keys.Select(k => k.ToString()).ToHashSet();
        var used = Regex.Matches(text, @"inputs\.([A-Za-z0-9_-]+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Empty(used.Except(declared));
        Assert.Empty(declared.Except(used));
        foreach (Match m in Regex.Matches(text, @"\$GITHUB_ACTION_PATH/([^""' ]+)"))
        {
            var script = Repo.PathOf(m.Groups[1].Value.Split('/'));
            Assert.True(File.Exists(script), script);
            Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, script + " is not executable");
        }
    }

    [Fact]
    public void The_pre_commit_hook_runs_ecs_policy_check_on_the_files_the_tool_reads()
    {
        var hooks = (YamlSequenceNode)LoadNode(".pre-commit-hooks.yaml");
        var hook = (YamlMappingNode)Assert.Single(hooks.Children);
        Assert.Equal("ecs-policy", Scalar(hook, "id"));
        // language: dotnet: pre-commit builds the tool from this repository at the user's rev (.ci/pre-commit-check.sh).
        Assert.Equal("dotnet", Scalar(hook, "language"));
        // --allow-empty: a commit of files that are not ECS inputs (a package.json) must not fail the hook.
        Assert.Equal("ecs-policy check --allow-empty", Scalar(hook, "entry"));

        // pre-commit matches `files` with Python's re.search; the pattern means the same in .NET.
        var files = new Regex(Scalar(hook, "files"));
        foreach (var name in new[] { "task.json", "infra/stack.yaml", "copilot/api/manifest.yml", "a/b.template", "UPPER.JSON" })
        {
            Assert.Matches(files, name);
            Assert.True(RuleRegistry.Loaders.Any(l => l.Accepts(name)), name);
        }

        // CDK C# source, read statically by the CLI (a staged project or solution file is read with its sources).
        foreach (var name in new[] { "infra/Program.cs", "infra/Infra.csproj", "Infra.sln" })
        {
            Assert.Matches(files, name);
            Assert.True(CSharpInputs.IsCSharp(name), name);
        }

        foreach (var name in new[] { "README.md", "task.json.bak", "Program.py", "notes.csv" })
        {
            Assert.DoesNotMatch(files, name);
        }

        // pre-commit's own configuration is in every repository that uses the hook and is never an ECS input.
        var exclude = new Regex(Scalar(hook, "exclude"));
        foreach (var name in new[] { ".pre-commit-config.yaml", "sub/.pre-commit-config.yaml", ".pre-commit-hooks.yaml" })
        {
            Assert.Matches(exclude, name);
        }

        Assert.DoesNotMatch(exclude, "infra/pre-commit-config.yaml");
    }

    [Fact]
    public void The_documented_github_workflow_uses_the_action_with_its_inputs_and_code_scanning_permission()
    {
        var doc = File.ReadAllText(Repo.PathOf("docs", "ci.md"));
        var workflow = YamlBlocks(doc).Single(b => b.Contains("on:", StringComparison.Ordinal) && b.Contains("uses: ecs-policy/ecs-policy@", StringComparison.Ordinal));
        var root = (YamlMappingNode)Parse(workflow);
        Assert.Equal("write", Scalar(Map(root, "permissions"), "security-events"));
        var declared = Map(Load("action.yml"), "inputs").Children.Keys.Select(k => k.ToString()).ToHashSet();
        var steps = Seq(Map(Map(root, "jobs"), "ecs-policy"), "steps").Children.Cast<YamlMappingNode>();
        var step = steps.Single(s => s.Children.TryGetValue("uses", out var u) && u.ToString().StartsWith("ecs-policy/ecs-policy@", StringComparison.Ordinal));
        Assert.All(Map(step, "with").Children.Keys.Select(k => k.ToString()), k => Assert.Contains(k, declared));

        // The inputs table lists every input.
        foreach (var input in declared)
        {
            Assert.Contains("| `" + input + "` |", doc);
        }
    }

    [Fact]
    public void The_documented_pre_commit_setup_pins_a_tag_or_a_commit_of_this_repository()
    {
        var doc = File.ReadAllText(Repo.PathOf("docs", "ci.md"));
        var config = (YamlMappingNode)Parse(YamlBlocks(doc).Single(b => b.Contains("rev:", StringComparison.Ordinal)));
        var repo = (YamlMappingNode)Assert.Single(Seq(config, "repos").Children);
        Assert.Equal("https://github.com/ecs-policy/ecs-policy", Scalar(repo, "repo"));
        Assert.Matches(@"^(v\d+\.\d+\.\d+|[0-9a-f]{40})$", Scalar(repo, "rev"));
        var hook = (YamlMappingNode)Assert.Single(Seq(repo, "hooks").Children);
        Assert.Equal("ecs-policy", Scalar(hook, "id"));
    }

    [Fact]
    public void The_documented_commands_use_formats_and_options_that_exist()
    {
        var doc = File.ReadAllText(Repo.PathOf("docs", "ci.md"));
        var formats = Runner.Formats.Select(f => f.Name).ToHashSet();
        var commands = Regex.Matches(doc, @"ecs-policy check [^\n`]*").Select(m => m.Value).ToList();
        Assert.True(commands.Count >= 5, string.Join("\n", commands));
        foreach (var command in commands)
        {
            foreach (Match m in Regex.Matches(command, @"--format (\w+)"))
            {
                Assert.Contains(m.Groups[1].Value, formats);
            }

            foreach (Match m in Regex.Matches(command, @"(--[a-z-]+)"))
            {
                Assert.Contains(m.Groups[1].Value, new[] { "--format", "--output", "--fail-level", "--allow-empty" });
            }
        }

        foreach (var format in formats.Where(f => f is "sarif" or "github" or "gitlab" or "junit"))
        {
            Assert.Contains("`" + format + "`", doc);
        }

        // Every YAML block parses.
        foreach (var block in YamlBlocks(doc))
        {
            Parse(block);
        }
    }

    private static IEnumerable<string> YamlBlocks(string markdown) =>
        Regex.Matches(markdown, "```yaml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value);

    private static YamlMappingNode Load(string file) => (YamlMappingNode)LoadNode(file);

    private static YamlNode LoadNode(string file) => Parse(File.ReadAllText(Repo.PathOf(file)));

    private static YamlNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlMappingNode map ? map : throw new Xunit.Sdk.XunitException("no mapping " + key);

    private static YamlSequenceNode Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlSequenceNode seq ? seq : throw new Xunit.Sdk.XunitException("no sequence " + key);

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) && value is YamlScalarNode s ? s.Value ?? "" : throw new Xunit.Sdk.XunitException("no scalar " + key);
}
