using System.Text.Json;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// <c>.ecs-policy.yaml</c> as a repository uses it: found from the checked paths upward to the repository root, its
/// settings applied, the command line over it, and every mistake in it one located line with exit 2.
/// </summary>
public sealed class ProjectConfigRunTests : IDisposable
{
    // ECS1001 (error) at (6,13); ECS5001 and ECS6007 (warnings); ECS5007, ECS6002, ECS6003 (notes).
    private const string Task = """
        {
          "family": "web",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "awsvpc",
          "cpu": "256",
          "memory": "3072",
          "containerDefinitions": [{ "name": "web", "image": "nginx:latest", "essential": true }]
        }

        """;

    private readonly TempTree _tree = new();

    public ProjectConfigRunTests()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Root, "repo", ".git"));
        _tree.Write("repo/deploy/task.json", Task);
        _tree.Write("repo/legacy/old.json", Task);
    }

    public void Dispose() => _tree.Dispose();

    private string Repo => Path.Combine(_tree.Root, "repo");

    [Fact]
    public void The_configuration_at_the_repository_root_applies_from_any_folder_below_it()
    {
        _tree.Write("repo/.ecs-policy.yaml", "exclude: [legacy]\nselect: [ECS1, ECS6]\nignore: [ECS6002]\nseverity:\n  ECS6003: error\n");

        var (code, stdout, stderr) = Executable.Run(Repo, "check", "--format", "json");
        Assert.Equal(1, code);
        Assert.Equal("2 error(s), 1 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s).\n", stderr);
        Assert.Equal(["deploy/task.json ECS1001 error", "deploy/task.json ECS6003 error", "deploy/task.json ECS6007 warning"], Findings(stdout));

        (code, stdout, _) = Executable.Run(Path.Combine(Repo, "deploy"), "check", "--format", "json");
        Assert.Equal(1, code);
        Assert.Equal(["task.json ECS1001 error", "task.json ECS6003 error", "task.json ECS6007 warning"], Findings(stdout));
    }

    [Fact]
    public void The_command_line_wins_over_the_configuration_and_adds_to_its_lists()
    {
        _tree.Write("repo/.ecs-policy.yaml", "select: [ECS1]\nignore: [ECS6002]\nfail-level: none\n");

        var (code, stdout, _) = Executable.Run(Repo, "check", "deploy", "--select", "ECS6", "--ignore", "ECS6003", "--fail-level", "warning", "--format", "json");

        Assert.Equal(1, code);
        Assert.Equal(["deploy/task.json ECS6007 warning"], Findings(stdout));
    }

    [Fact]
    public void Reports_and_the_fail_level_come_from_the_configuration()
    {
        _tree.Write("repo/.ecs-policy.yaml", "fail-level: none\nformat:\n  - text\n  - sarif:reports/ecs.sarif\n");

        var (code, stdout, _) = Executable.Run(Repo, "check", "deploy");

        Assert.Equal(0, code);
        Assert.Contains("deploy/task.json(6,13): error ECS1001:", stdout, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo, "reports", "ecs.sarif")));
        Assert.Equal(6, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void A_configuration_above_the_repository_root_is_not_used()
    {
        _tree.Write(".ecs-policy.yaml", "select: [ECS6007]\n");

        var (_, stdout, _) = Executable.Run(Repo, "check", "deploy", "--format", "json");

        Assert.Equal(6, Findings(stdout).Count);
    }

    [Fact]
    public void Config_file_names_the_configuration_and_no_config_reads_none()
    {
        _tree.Write("repo/.ecs-policy.yaml", "select: [ECS6007]\n");
        _tree.Write("ci/strict.yaml", "select: [ECS1001]\n");

        var (_, stdout, _) = Executable.Run(Repo, "check", "deploy", "--config-file", "../ci/strict.yaml", "--format", "json");
        Assert.Equal(["deploy/task.json ECS1001 error"], Findings(stdout));

        (_, stdout, _) = Executable.Run(Repo, "check", "deploy", "--no-config", "--format", "json");
        Assert.Equal(6, Findings(stdout).Count);
    }

    [Fact]
    public void Standard_input_takes_the_configuration_of_its_named_folder()
    {
        _tree.Write("repo/.ecs-policy.yaml", "select: [ECS1001]\n");

        var (code, stdout, _) = Executable.RunWith(_tree.Root, Task, null, "check", "-", "--stdin-filename", "repo/deploy/new.json");

        Assert.Equal(1, code);
        Assert.Equal("repo/deploy/new.json(6,13): error ECS1001", string.Join(':', stdout.Split(':').Take(2)));
    }

    [Theory]
    [InlineData("excludes: [legacy]\n", ".ecs-policy.yaml(1,1): error: unknown key 'excludes' (did you mean 'exclude'?); the keys are: exclude, select, ignore, severity, fail-level, policies, baseline, format, output")]
    [InlineData("fail-level: high\n", ".ecs-policy.yaml(1,13): error: 'fail-level' must be one of error, warning, note, none, not 'high'")]
    [InlineData("severity:\n  ECS6007: off\n", ".ecs-policy.yaml(2,12): error: 'severity.ECS6007' must be one of error, warning, note, none, not 'off'")]
    [InlineData("select: [ECS6, ECS9999]\n", ".ecs-policy.yaml(1,16): error: 'ECS9999' in select matches no rule; run 'ecs-policy rules' for the list")]
    public void A_mistake_in_the_configuration_is_one_located_line_and_exit_2(string config, string message)
    {
        _tree.Write("repo/.ecs-policy.yaml", config);

        var (code, stdout, stderr) = Executable.Run(Repo, "check", "deploy");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void A_file_that_is_not_a_configuration_is_refused()
    {
        _tree.Write("repo/results.sarif", "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": []\n}\n");

        var (code, _, stderr) = Executable.Run(Repo, "check", "deploy", "--config-file", "results.sarif");

        Assert.Equal(2, code);
        Assert.StartsWith("results.sarif(2,3): error: this is not an ecs-policy configuration: none of its keys ($schema, version, runs) is a setting", stderr, StringComparison.Ordinal);
    }

    private static List<string> Findings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => $"{f.GetProperty("file").GetString()} {f.GetProperty("ruleId").GetString()} {f.GetProperty("severity").GetString()}")];
    }
}
