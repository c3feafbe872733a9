using System.Text.Json;
using System.Xml.Linq;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// The options of <c>check</c> that users of ruff, cfn-lint and checkov reach for, run through the real executable in a
/// repository-like folder: rule selection, excludes, the lowest severity shown, standard input, several reports in one run.
/// </summary>
public sealed class CheckOptionsTests : IDisposable
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

    public CheckOptionsTests()
    {
        _tree.Write("deploy/task.json", Task);
        _tree.Write("legacy/old.json", Task);
    }

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void Select_and_ignore_take_rule_ids_and_prefixes()
    {
        Assert.Equal(["ECS6002", "ECS6003"], RuleIds(Json("check", "deploy", "--select", "ECS6", "--ignore", "ECS6007", "--format", "json")));
        Assert.Equal(["ECS1001", "ECS5001"], RuleIds(Json("check", "deploy", "--select", "ecs1,ECS5001", "--format", "json")));
        Assert.Equal(["ECS1001", "ECS5001", "ECS6007"], RuleIds(Json("check", "deploy", "--ignore", "ECS5007", "--ignore", "ECS6002,ECS6003", "--format", "json")));
    }

    [Fact]
    public void A_rule_code_that_matches_no_rule_is_an_error_not_an_empty_selection()
    {
        var (code, stdout, stderr) = Executable.Run(_tree.Root, "check", "deploy", "--select", "ECS99", "--ignore", "ECS6007,ECS9999");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(
            "ecs-policy: --select ECS99 matches no rule; run 'ecs-policy rules' for the list.\n"
            + "ecs-policy: --ignore ECS9999 matches no rule; run 'ecs-policy rules' for the list.\n",
            stderr);
    }

    [Fact]
    public void Exclude_leaves_out_files_and_folders_and_build_folders_are_always_left_out()
    {
        _tree.Write("bin/Debug/task.json", Task);
        _tree.Write("deploy/generated/task.generated.json", Task);

        Assert.Equal(["deploy/task.json"], Files(Json("check", "--exclude", "legacy", "--exclude", "**/*.generated.json", "--format", "json")));
        Assert.Equal(["deploy/generated/task.generated.json", "deploy/task.json"], Files(Json("check", "--exclude", "legacy/**", "--format", "json")));
    }

    [Fact]
    public void Severity_leaves_the_findings_below_it_out_of_every_report_and_of_the_exit_code()
    {
        Assert.Equal(["ECS1001"], RuleIds(Json("check", "deploy", "--severity", "error", "--format", "json")));

        _tree.Write("ok/task.json", Task.Replace("\"3072\"", "\"512\"", StringComparison.Ordinal));
        var (code, _, _) = Executable.Run(_tree.Root, "check", "ok", "--severity", "error", "--fail-level", "warning");
        Assert.Equal(0, code);
        (code, _, _) = Executable.Run(_tree.Root, "check", "ok", "--fail-level", "warning");
        Assert.Equal(1, code);
    }

    [Fact]
    public void Standard_input_is_checked_under_the_name_stdin_filename_gives()
    {
        var (code, stdout, stderr) = Executable.RunWith(_tree.Root, Task, null, "check", "-", "--stdin-filename", "deploy/new.json", "--severity", "error");

        Assert.Equal(1, code);
        Assert.StartsWith("deploy/new.json(6,13): error ECS1001: Fargate does not support memory 3072 MiB with cpu 256", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
        Assert.False(File.Exists(Path.Combine(_tree.Root, "deploy/new.json")));
    }

    [Fact]
    public void Standard_input_without_a_name_is_json_or_yaml_by_its_content()
    {
        var (code, stdout, _) = Executable.RunWith(_tree.Root, Task, null, "check", "-", "--select", "ECS1001");
        Assert.Equal(1, code);
        Assert.StartsWith("stdin.json(6,13): error ECS1001:", stdout, StringComparison.Ordinal);

        const string Manifest = "name: api\ntype: Load Balanced Web Service\nimage:\n  location: nginx:latest\ncpu: 256\nmemory: 3072\n";
        (code, stdout, _) = Executable.RunWith(_tree.Root, Manifest, null, "check", "-", "--select", "ECS1001", "--stdin-filename", "copilot/api/manifest.yml");
        Assert.Equal(1, code);
        Assert.StartsWith("copilot/api/manifest.yml(6,9): error ECS1001:", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "check", "--stdin-filename", "x.json" }, "ecs-policy: --stdin-filename names the input read from standard input: give the path '-' too.")]
    [InlineData(new[] { "check", "-", "-" }, "ecs-policy: '-' (standard input) can be given once.")]
    [InlineData(new[] { "check", "-", "--fix" }, "ecs-policy: --fix writes the files it fixes, and standard input is not a file: check the file itself with --fix.")]
    public void Mistakes_with_standard_input_are_one_line_and_exit_2(string[] args, string message)
    {
        var (code, stdout, stderr) = Executable.RunWith(_tree.Root, Task, null, args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void Several_reports_are_written_in_one_run()
    {
        var (code, stdout, _) = Executable.Run(_tree.Root, "check", "deploy", "--format", "text", "--format", "sarif:out/results.sarif", "--format", "junit:out/junit.xml");

        Assert.Equal(1, code);
        Assert.Contains("deploy/task.json(6,13): error ECS1001:", stdout, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(_tree.Root, "out/results.sarif")));
        Assert.Equal(6, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        Assert.NotEmpty(XDocument.Load(Path.Combine(_tree.Root, "out/junit.xml")).Descendants("testcase"));
    }

    [Fact]
    public void The_summary_goes_to_standard_error_when_standard_output_is_not_the_text_report()
    {
        var (code, stdout, stderr) = Executable.Run(_tree.Root, "check", "deploy", "--format", "sarif");

        Assert.Equal(1, code);
        using (JsonDocument.Parse(stdout))
        {
        }

        Assert.Equal("1 error(s), 2 warning(s), 3 note(s) in 1 task definition(s) from 1 file(s).\n", stderr);
    }

    [Theory]
    [InlineData(new[] { "--format", "json", "--format", "sarif" }, "ecs-policy: --format: json and sarif would both go to standard output; give all but one a file (FORMAT:FILE).")]
    [InlineData(new[] { "--format", "yaml" }, "ecs-policy: --format: unknown format 'yaml' in 'yaml'; use one of: github, gitlab, json, junit, sarif, text, optionally with :FILE.")]
    [InlineData(new[] { "--format", "sarif:" }, "ecs-policy: --format: 'sarif:' names no file after the colon; write sarif:FILE, or sarif alone for standard output.")]
    [InlineData(new[] { "--format", "sarif:r.json", "--format", "json:r.json" }, "ecs-policy: --format: sarif and json would both be written to {root}/r.json; give each report its own file.")]
    public void Mistakes_in_reports_are_one_line_and_exit_2(string[] options, string message)
    {
        var (code, stdout, stderr) = Executable.Run(_tree.Root, ["check", "deploy", .. options]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(message.Replace("{root}", _tree.Root, StringComparison.Ordinal) + "\n", stderr);
    }

    [Fact]
    public void A_path_among_several_that_holds_no_input_is_a_warning()
    {
        Directory.CreateDirectory(Path.Combine(_tree.Root, "docs"));
        _tree.Write("docs/package.json", "{ \"name\": \"site\" }\n");

        var (code, _, stderr) = Executable.Run(_tree.Root, "check", "deploy", "docs", "--select", "ECS1001");

        Assert.Equal(1, code);
        Assert.Equal("ecs-policy: warning: no ECS inputs found under docs.\n", stderr);
    }

    [Fact]
    public void Dev_stdin_is_standard_input()
    {
        var (code, stdout, _) = Executable.RunWith(_tree.Root, Task, null, "check", "/dev/stdin", "--select", "ECS1001");

        Assert.Equal(1, code);
        Assert.StartsWith("stdin.json(6,13): error ECS1001:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_report_is_coloured_with_source_lines_and_NO_COLOR_turns_colour_off()
    {
        // script(1) runs the tool on a pseudo-terminal, as a user's shell does.
        var coloured = OnTerminal(null);
        Assert.Contains("\u001b[1m\u001b[31merror\u001b[0m \u001b[31mECS1001\u001b[0m: Fargate does not support memory 3072", coloured, StringComparison.Ordinal);
        Assert.Contains("\u001b[31m^^^^^^\u001b[0m", coloured, StringComparison.Ordinal);

        var plain = OnTerminal("1");
        Assert.DoesNotContain("\u001b[3", plain, StringComparison.Ordinal);
        Assert.Contains("deploy/task.json(6,13): error ECS1001: Fargate does not support memory 3072 MiB with cpu 256", plain, StringComparison.Ordinal);
        Assert.Contains(" 6 |   \"memory\": \"3072\",\n   |             ^^^^^^\n", plain, StringComparison.Ordinal);

        // Redirected, the report is plain and has no source lines, whatever NO_COLOR says.
        var (_, redirected, _) = Executable.Run(_tree.Root, "check", "deploy", "--select", "ECS1001");
        Assert.Equal("deploy/task.json(6,13): error ECS1001: Fargate does not support memory 3072 MiB with cpu 256: with this cpu use memory 512, 1024 or 2048 MiB, or keep this memory and use cpu 512 or 1024.\n1 error(s), 0 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s).\n", redirected);
    }

    private string OnTerminal(string? noColor)
    {
        var command = $"dotnet '{Path.Combine(AppContext.BaseDirectory, "ecs-policy.dll")}' check deploy --select ECS1001";
        var env = noColor is null ? null : new Dictionary<string, string> { ["NO_COLOR"] = noColor };
        var start = new System.Diagnostics.ProcessStartInfo("script") { WorkingDirectory = _tree.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm";
        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000));
        return output.Result.Replace("\r", "", StringComparison.Ordinal);
    }

    private JsonDocument Json(params string[] args)
    {
        var (code, stdout, stderr) = Executable.Run(_tree.Root, args);
        Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
        return JsonDocument.Parse(stdout);
    }

    private static string[] RuleIds(JsonDocument json) =>
        [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()!).Distinct().Order(StringComparer.Ordinal)];

    private static string[] Files(JsonDocument json) =>
        [.. json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("file").GetString()!).Distinct().Order(StringComparer.Ordinal)];
}
