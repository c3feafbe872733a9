using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// A run must not pass having checked nothing (`check package.json` once said "0 file(s); 1 skipped" and exited 0);
/// `check` with no path checks the current directory; `version` is a command as well as `--version`.
/// </summary>
public sealed class EmptyRunTests : IDisposable
{
    private const string Task = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [{ \"name\": \"web\", \"image\": \"nginx\", \"memory\": 512, \"essential\": false }]\n}\n";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_run_that_finds_no_ECS_input_says_so_and_exits_2_unless_empty_is_allowed()
    {
        var file = _tree.Write("package.json", "{ \"name\": \"web\", \"version\": \"1.0.0\" }\n");
        var stderr = new StringWriter();

        Assert.Equal(2, Program.Run(["check", file], new StringWriter(), stderr));
        Assert.Equal($"ecs-policy: no ECS inputs found under {file}: nothing was checked (--allow-empty accepts this).", stderr.ToString().Trim());

        stderr = new StringWriter();
        Assert.Equal(0, Program.Run(["check", file, "--allow-empty"], new StringWriter(), stderr));
        Assert.Equal($"ecs-policy: no ECS inputs found under {file}: nothing was checked.", stderr.ToString().Trim());
    }

    [Fact]
    public void Check_without_a_path_checks_the_current_directory()
    {
        _tree.Write("deploy/task.json", Task);
        var (code, stdout, _) = Executable.Run(_tree.Root, "check");

        Assert.Equal(1, code);
        Assert.Contains("deploy/task.json(3,91): error ECS2001", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_is_a_command_as_well_as_an_option()
    {
        var command = new StringWriter();
        var option = new StringWriter();

        Assert.Equal(0, Program.Run(["version"], command, new StringWriter()));
        Assert.Equal(0, Program.Run(["--version"], option, new StringWriter()));
        Assert.Equal(option.ToString(), command.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", command.ToString());
    }
}
