using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

public class CliTests
{
    /// <summary>Clean under every rule, the hardening and logging policies included.</summary>
    private const string Clean = """
        {
          "family": "web",
          "networkMode": "awsvpc",
          "memory": "512",
          "containerDefinitions": [
            {
              "name": "web",
              "image": "public.ecr.aws/nginx/nginx:1.27",
              "user": "101:101",
              "readonlyRootFilesystem": true,
              "healthCheck": { "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] },
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" }
              }
            }
          ]
        }
        """;

    private const string Broken = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [,]\n}";

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Out, string Err) RunIn(string root, string format, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = paths, Format = format, RootDirectory = root }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void The_text_report_lists_defects_and_sums_notes_up_one_line_per_rule()
    {
        // One error (no essential container), warnings (an image without a tag, no log configuration), and notes: root user, writable root
        // filesystem, bridge network mode, no health check.
        using var tree = new TempTree();
        var file = tree.Write("task.json", """
            {
              "family": "web",
              "memory": "512",
              "containerDefinitions": [
                { "name": "a", "image": "nginx", "essential": false },
                { "name": "b", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": false }
              ]
            }
            """);

        var (code, output, _) = Run("check", file);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(1, code);
        Assert.Contains(lines, l => l.Contains("): error ECS2001: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("): warning ECS6007: ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("): note ", StringComparison.Ordinal));
        // The notes (root user and writable root filesystem of both containers, ...) are counted in one line, which has
        // no (line,col) for a problem matcher to take; every line before it is a finding.
        var header = Array.FindIndex(lines, l => l.EndsWith(" note(s) not shown; --severity note lists them.", StringComparison.Ordinal));
        Assert.Equal(lines.Length - 2, header);
        Assert.All(lines[..header], l => Assert.Matches(@"task\.json\(\d+,\d+\): (error|warning) ECS\d{4}: ", l));
        Assert.Matches(@"^1 error\(s\), 3 warning\(s\), \d+ note\(s\) in 1 task definition\(s\) from 1 file\(s\)\.$", lines[^1]);
        var notes = int.Parse(lines[^1].Split(", ")[2].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(notes >= 4, output);
        Assert.Equal($"{notes} note(s) not shown; --severity note lists them.", lines[header]);

        // --show-notes, or a fail level of note, lists each note where it is; the machine formats always hold every one.
        foreach (var args in new[] { new[] { "check", file, "--show-notes" }, new[] { "check", file, "--fail-level", "note" } })
        {
            var (_, listed, _) = Run(args);
            Assert.Contains("): note ECS6003: ", listed, StringComparison.Ordinal);
            Assert.DoesNotContain("not shown", listed, StringComparison.Ordinal);
        }

        Assert.Contains("\"ruleId\": \"ECS6003\"", Run("check", file, "--format", "json").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Clean_input_exits_0_with_a_summary()
    {
        using var tree = new TempTree();
        var (code, output, _) = Run("check", tree.Write("task.json", Clean));
        Assert.Equal(0, code);
        Assert.Contains("0 error(s), 0 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s).", output);
    }

    [Fact]
    public void A_finding_at_the_fail_level_exits_1_in_canonical_compiler_form()
    {
        using var tree = new TempTree();
        tree.Write("a/task.json", Broken);
        var (code, output, _) = RunIn(tree.Root, "text", Path.Combine(tree.Root, "a"));
        Assert.Equal(1, code);
        Assert.StartsWith("a/task.json(3,28): error ECS0001: ", output);
    }

    [Fact]
    public void Fail_level_none_exits_0_even_with_errors()
    {
        using var tree = new TempTree();
        Assert.Equal(0, Run("check", "--fail-level", "none", tree.Write("task.json", Broken)).Code);
    }

    [Theory]
    [InlineData("check", "--bogus", "x")]
    [InlineData("check", "--format", "xml", "x")]
    [InlineData("check")]
    [InlineData("lint", "x")]
    [InlineData("check", "--fail-level", "fatal", "x")]
    public void Usage_errors_exit_2(params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("ecs-policy:", err);
    }

    [Fact]
    public void A_missing_path_exits_2_and_the_rest_is_still_linted()
    {
        using var tree = new TempTree();
        var (code, output, err) = Run("check", tree.Write("task.json", Broken), Path.Combine(tree.Root, "missing.json"));
        Assert.Equal(2, code);
        Assert.Contains("missing.json(1,1): error ECS0001: The file cannot be read: no such file or directory.", output);
        Assert.Contains("missing.json was not checked completely: no such file or directory", err);
        Assert.Contains("; 1 file(s) not checked completely (ECS0001, ECS0009).", output);
    }

    [Fact]
    public void Walks_skip_build_and_vcs_folders_and_non_task_json()
    {
        using var tree = new TempTree();
        tree.Write("bin/task.json", Broken);
        tree.Write("obj/task.json", Broken);
        tree.Write("node_modules/x/task.json", Broken);
        tree.Write(".git/task.json", Broken);
        tree.Write("package.json", """{"name": "x", "version": "1.0.0"}""");
        tree.Write("src/task.json", Clean);
        var (code, output, _) = RunIn(tree.Root, "text", tree.Root);
        Assert.Equal(0, code);
        Assert.Contains("in 1 task definition(s) from 1 file(s); 1 file(s) skipped (not a recognised input).", output);
    }

    [Fact]
    public void Copilot_workloads_that_do_not_run_on_ECS_are_counted_as_skipped_in_the_summary()
    {
        using var tree = new TempTree();
        tree.Write("copilot/front/manifest.yml", "name: front\ntype: Request-Driven Web Service\nimage:\n  build: ./Dockerfile\n  port: 80\n");
        var (code, output, _) = RunIn(tree.Root, "text", tree.Root);
        Assert.Equal(0, code);
        Assert.Contains("in 0 task definition(s) from 1 file(s); 1 workload(s) skipped because they do not run on ECS (Request-Driven Web Service).", output);
    }

    [Fact]
    public void Output_option_writes_the_report_to_a_file()
    {
        using var tree = new TempTree();
        var report = Path.Combine(tree.Root, "report.json");
        var (code, output, _) = Run("check", "--format", "json", "--output", report, tree.Write("task.json", Broken));
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("\"ruleId\": \"ECS0001\"", File.ReadAllText(report));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("github")]
    [InlineData("gitlab")]
    [InlineData("junit")]
    public void Output_is_byte_identical_whatever_the_order_paths_are_given_in(string format)
    {
        using var tree = new TempTree();
        var files = Enumerable.Range(0, 12).Select(i => tree.Write($"d{i % 3}/t{i}.json", i % 2 == 0 ? Broken : Clean)).ToArray();
        var first = RunIn(tree.Root, format, files).Out;
        var reversed = RunIn(tree.Root, format, files.Reverse().ToArray()).Out;
        var walked = RunIn(tree.Root, format, tree.Root).Out;
        Assert.Equal(first, reversed);
        Assert.Equal(first, walked);
        Assert.Contains("d0/t0.json", first);
    }

    [Fact]
    public void Github_format_emits_escaped_workflow_commands()
    {
        using var tree = new TempTree();
        tree.Write("t,1.json", Broken);
        var (_, output, _) = RunIn(tree.Root, "github", tree.Root);
        Assert.StartsWith("::error file=t%2C1.json,line=3,endLine=3,col=28,endColumn=29,title=ECS0001%3A File cannot be parsed::", output);
    }

    [Fact]
    public void Rules_and_explain_show_the_catalog()
    {
        Assert.Contains("ECS0001  error", Run("rules").Out);
        var (code, output, _) = Run("explain", "ecs0001");
        Assert.Equal(0, code);
        Assert.StartsWith("ECS0001: File cannot be parsed\n", output);
        Assert.Equal(2, Run("explain", "ECS9999").Code);
    }

    [Theory]
    [InlineData("check", "--help")]
    [InlineData("--help")]
    public void Help_prints_usage_and_exits_0(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }
}
