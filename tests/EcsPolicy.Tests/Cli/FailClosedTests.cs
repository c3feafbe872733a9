using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// The CLI fails closed: every file it was asked about is either checked or reported with a finding at a location and
/// exit code 2, whatever the file is (a pipe, a device, a link loop, a huge file) and wherever it is read (inputs,
/// configuration, policies, baselines, the SARIF re-read); its reports go where they were asked to or it says why in
/// one line; and one finding is always one line of text.
/// </summary>
public class FailClosedTests
{
    /// <summary>A task definition with one warning (an unpinned image), so that "still linted" shows in the report.</summary>
    private const string Unpinned = """
        {
          "family": "web",
          "containerDefinitions": [{ "name": "web", "image": "nginx:latest", "memory": 512 }]
        }
        """;

    /// <summary>A template whose YAML aliases expand past the reader's limit: checked only in part (ECS0009).</summary>
    private const string AliasBomb = """
        AWSTemplateFormatVersion: '2010-09-09'
        Metadata:
          a: &a [x, x, x, x, x, x, x, x, x, x]
          b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
          c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
          d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
          e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - { Name: web, Image: 'nginx:1.27', Memory: 512 }
        """;

    public static TheoryData<string> Formats() => ["text", "json", "sarif", "github", "gitlab", "junit"];

    private static (int Code, string Out, string Err) Run(CheckSettings settings)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        var code = Runner.Run(settings, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Out, string Err) Check(string root, params string[] paths) =>
        Run(new CheckSettings { Paths = paths, RootDirectory = root });

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public void A_named_pipe_given_by_name_is_ECS0001_and_exit_2_and_the_other_files_are_still_linted()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var pipe = Path.Combine(tree.Root, "pipe.json");
        MakeFifo(pipe);

        var (code, output, err) = Check(tree.Root, pipe, task);

        Assert.Equal(2, code);
        Assert.Contains("pipe.json(1,1): error ECS0001: The file cannot be read: it is a named pipe (FIFO), not a file.", output);
        Assert.Contains("task.json(3,", output);
        Assert.Contains("ECS6007", output);
        Assert.Contains("ecs-policy: pipe.json was not checked completely: it is a named pipe (FIFO), not a file", err);
    }

    [Fact]
    public void Pipes_devices_and_link_loops_found_by_a_walk_are_never_opened_and_are_counted()
    {
        using var tree = new TempTree();
        tree.Write("task.json", Unpinned);
        for (var i = 0; i < 200; i++)
        {
            MakeFifo(Path.Combine(tree.Root, $"pipe{i:D3}.json"));
        }

        File.CreateSymbolicLink(Path.Combine(tree.Root, "zero.yaml"), "/dev/zero");
        File.CreateSymbolicLink(Path.Combine(tree.Root, "loop.json"), Path.Combine(tree.Root, "loop.json"));

        var (code, output, err) = Check(tree.Root, tree.Root);

        // A FIFO would block in open() until a writer comes: 200 of them used to cost 30 s each.
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("in 1 task definition(s) from 1 file(s); 202 special file(s) skipped (named pipes, devices, sockets or link loops).", output);
    }

    [Theory]
    [InlineData("/dev/zero", "it is a device, not a file")]
    [InlineData("loop", "it is a symbolic link that never resolves (a loop)")]
    public void A_device_or_a_link_loop_given_by_name_is_ECS0001_and_exit_2(string target, string reason)
    {
        using var tree = new TempTree();
        var link = Path.Combine(tree.Root, "task.json");
        File.CreateSymbolicLink(link, target == "loop" ? link : target);

        var (code, output, _) = Check(tree.Root, link);

        Assert.Equal(2, code);
        Assert.Contains("task.json(1,1): error ECS0001: The file cannot be read: " + reason + ".", output);
    }

    [Fact]
    public void A_configuration_file_that_is_a_device_or_a_pipe_is_reported_and_the_inputs_are_still_checked()
    {
        using var tree = new TempTree();
        tree.Write("a/task.json", Unpinned);
        tree.Write("b/task.json", Unpinned);
        File.CreateSymbolicLink(Path.Combine(tree.Root, "a", ".editorconfig"), "/dev/zero");
        MakeFifo(Path.Combine(tree.Root, "b", ".globalconfig"));

        var (code, output, _) = Check(tree.Root, tree.Root);

        // The severities of the files below were not known, so they were not checked as configured: exit 2.
        Assert.Equal(2, code);
        Assert.Contains("a/.editorconfig(1,1): error ECS0001: The file cannot be read: it is a device, not a file; the severities it sets were not applied.", output);
        Assert.Contains("b/.globalconfig(1,1): error ECS0001: The file cannot be read: it is a named pipe (FIFO), not a file; the severities it sets were not applied.", output);
        Assert.Contains("a/task.json(3,", output);
        Assert.Contains("b/task.json(3,", output);
    }

    [Theory]
    [InlineData("/dev/zero", "it is a device, not a file")]
    [InlineData("fifo", "it is a named pipe (FIFO), not a file")]
    public void A_config_option_that_cannot_be_read_is_one_line_and_exit_2(string kind, string reason)
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var config = Path.Combine(tree.Root, "ecs.editorconfig");
        if (kind == "fifo")
        {
            MakeFifo(config);
        }
        else
        {
            File.CreateSymbolicLink(config, kind);
        }

        var (code, output, err) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, ConfigFile = config });

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"ecs-policy: cannot read the configuration file {config}: {reason}.\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_policies_folder_with_a_pipe_a_device_or_a_link_loop_stops_the_run_with_the_reason()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var policies = Path.Combine(tree.Root, "policies");
        Directory.CreateDirectory(policies);
        MakeFifo(Path.Combine(policies, "pipe.yaml"));
        File.CreateSymbolicLink(Path.Combine(policies, "zero.yaml"), "/dev/zero");
        Directory.CreateSymbolicLink(Path.Combine(policies, "loop"), policies);

        var (code, output, err) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, PoliciesDirectory = policies });

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("2 policy file(s) are not regular files (named pipes, devices, sockets or symbolic link loops) and cannot be read.", err);
        Assert.Contains("nothing was checked", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void A_baseline_that_is_a_device_is_one_line_and_exit_2()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var baseline = Path.Combine(tree.Root, "baseline.json");
        File.CreateSymbolicLink(baseline, "/dev/zero");

        var (code, _, err) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, BaselineFile = baseline });

        Assert.Equal(2, code);
        Assert.Equal($"ecs-policy: cannot use the baseline {baseline}: it is a device, not a file\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Sarif_of_a_1_GB_file_is_valid_and_says_the_file_was_not_checked()
    {
        using var tree = new TempTree();
        tree.Write("task.json", Unpinned);
        using (var big = File.Create(Path.Combine(tree.Root, "big.json")))
        {
            // Sparse: a gigabyte the test does not write, which the report's fingerprint re-read must not read either.
            big.SetLength(1L << 30);
        }

        var (code, output, _) = Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root, Format = "sarif" });

        Assert.Equal(2, code);
        using var sarif = JsonDocument.Parse(output);
        var run = sarif.RootElement.GetProperty("runs")[0];
        var invocation = Assert.Single(run.GetProperty("invocations").EnumerateArray());
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.StartsWith("big.json was not checked completely: the file is 1,073,741,824 bytes", notification.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("big.json", notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        var result = run.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "ECS0001");
        Assert.False(result.TryGetProperty("partialFingerprints", out _));
        Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ECS6007");
    }

    [Fact]
    public void Sarif_of_a_run_that_checked_everything_says_so()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var (code, output, _) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, Format = "sarif" });
        Assert.Equal(0, code);
        using var sarif = JsonDocument.Parse(output);
        var invocation = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations").EnumerateArray());
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.False(invocation.TryGetProperty("toolExecutionNotifications", out _));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_file_not_checked_completely_is_in_every_format_with_exit_2(string format)
    {
        using var tree = new TempTree();
        tree.Write("template.yaml", AliasBomb);
        tree.Write("task.json", Unpinned);

        var (code, output, _) = Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root, Format = format, FailLevel = EcsPolicy.Findings.Severity.None });

        // Even with --fail-level none: a gate must not pass files it did not check.
        Assert.Equal(2, code);
        switch (format)
        {
            case "text":
                Assert.Contains("template.yaml(7,35): error ECS0009: This part of the file was not checked completely: the YAML expands to more than 100,000 values", output);
                Assert.Contains("; 1 file(s) not checked completely (ECS0001, ECS0009).", output);
                break;
            case "json":
                using (var json = JsonDocument.Parse(output))
                {
                    var entry = Assert.Single(json.RootElement.GetProperty("notChecked").EnumerateArray());
                    Assert.Equal("template.yaml", entry.GetProperty("file").GetString());
                    Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("notCheckedFiles").GetInt32());
                    Assert.Contains(json.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "ECS0009" && f.GetProperty("line").GetInt32() == 7);
                }

                break;
            case "sarif":
                using (var sarif = JsonDocument.Parse(output))
                {
                    var run = sarif.RootElement.GetProperty("runs")[0];
                    Assert.False(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
                    Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ECS0009");
                }

                break;
            case "github":
                Assert.Contains("::error file=template.yaml,line=7,", output);
                Assert.Contains("title=ECS0009%3A File not checked completely::", output);
                break;
            case "gitlab":
                using (var gitlab = JsonDocument.Parse(output))
                {
                    Assert.Contains(gitlab.RootElement.EnumerateArray(), i => i.GetProperty("check_name").GetString() == "ECS0009" && i.GetProperty("location").GetProperty("path").GetString() == "template.yaml");
                }

                break;
            case "junit":
                var root = XDocument.Parse(output).Root!;
                var suite = root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "template.yaml");
                var error = Assert.Single(suite.Descendants("error"));
                Assert.Equal("not-checked", (string?)error.Attribute("type"));
                Assert.Equal("1", (string?)root.Attribute("errors"));
                break;
        }
    }

    [Fact]
    public void ECS0009_cannot_be_switched_off_suppressed_or_baselined()
    {
        using var tree = new TempTree();
        var template = tree.Write("template.yaml", "# ecs-policy: ignore ECS0009 -- trying to hide it\n" + AliasBomb);
        var config = tree.Write("ecs.editorconfig", "is_global = true\ndotnet_diagnostic.ECS0009.severity = none\ndotnet_diagnostic.ECS0001.severity = none\n");
        var baseline = Path.Combine(tree.Root, "baseline.json");
        Assert.Equal(2, Run(new CheckSettings { Paths = [template], RootDirectory = tree.Root, WriteBaselineFile = baseline }).Code);

        var (code, output, _) = Run(new CheckSettings { Paths = [template], RootDirectory = tree.Root, ConfigFile = config, BaselineFile = baseline });

        Assert.Equal(2, code);
        Assert.Contains("template.yaml(8,35): error ECS0009: ", output);
        Assert.DoesNotContain("ECS0009", File.ReadAllText(baseline));
    }

    [Fact]
    public void Reports_go_into_folders_that_do_not_exist_yet()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var report = Path.Combine(tree.Root, "out", "reports", "ecs.sarif");
        var baseline = Path.Combine(tree.Root, "out", "baselines", "b.json");

        var (code, _, err) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, Format = "sarif", OutputFile = report, WriteBaselineFile = baseline });

        Assert.Equal(0, code);
        Assert.Equal("0 error(s), 2 warning(s), 4 note(s) in 1 task definition(s) from 1 file(s).\n", err.ReplaceLineEndings("\n"));
        Assert.Contains("\"ECS6007\"", File.ReadAllText(report));
        Assert.Contains("\"ECS6007\"", File.ReadAllText(baseline));
        Assert.Empty(Directory.GetFiles(Path.Combine(tree.Root, "out", "reports"), "*.tmp"));
    }

    [Theory]
    [InlineData("output")]
    [InlineData("baseline")]
    public void Writing_onto_a_folder_is_one_line_and_exit_2_even_with_fail_level_none(string which)
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var folder = Path.Combine(tree.Root, "reports");
        Directory.CreateDirectory(folder);
        var settings = which == "output"
            ? new CheckSettings { Paths = [task], RootDirectory = tree.Root, OutputFile = folder, FailLevel = EcsPolicy.Findings.Severity.None }
            : new CheckSettings { Paths = [task], RootDirectory = tree.Root, WriteBaselineFile = folder, FailLevel = EcsPolicy.Findings.Severity.None };

        var (code, output, err) = Run(settings);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var option = which == "output" ? "--output" : "--write-baseline";
        Assert.Equal($"ecs-policy: {option} {folder} is a folder; name a file to write to.\n", err.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Writing_the_report_onto_a_file_being_checked_is_refused_and_the_file_is_kept()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);

        var (code, _, err) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, OutputFile = task });

        Assert.Equal(2, code);
        Assert.Equal($"ecs-policy: --output {task} is one of the files being checked, which writing would overwrite; name another file.\n", err.ReplaceLineEndings("\n"));
        Assert.Equal(Unpinned, File.ReadAllText(task));
    }

    [Fact]
    public void An_earlier_report_found_by_the_walk_is_replaced_not_checked()
    {
        using var tree = new TempTree();
        tree.Write("task.json", Unpinned);
        var report = tree.Write("report.json", "{\"family\": \"x\", \"containerDefinitions\": [{\"name\": \"a\", \"image\": \"b:latest\"}]}");

        var (code, _, err) = Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root, Format = "json", OutputFile = report });

        Assert.Equal(0, code);
        Assert.Equal("0 error(s), 2 warning(s), 4 note(s) in 1 task definition(s) from 1 file(s).\n", err.ReplaceLineEndings("\n"));
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.All(json.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("task.json", f.GetProperty("file").GetString()));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("github")]
    public void A_value_with_line_breaks_or_escape_sequences_cannot_forge_or_hide_a_line(string format)
    {
        using var tree = new TempTree();

        // A container name that would print a finding of its own, and one that would erase the terminal's line.
        var task = tree.Write("task.json", """
            {
              "family": "web",
              "containerDefinitions": [
                { "name": "web\nsrc/other.json(99,1): error ECS9999: forged", "image": "nginx:latest", "memory": 512 },
                { "name": "x\u001b[2K\u001b[1A", "image": "nginx:latest", "memory": 512 }
              ]
            }
            """);

        var (_, output, _) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, Format = format, ShowNotes = true });

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.StartsWith("src/other.json", StringComparison.Ordinal) || l.StartsWith("::error file=src/other.json", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains(@"web\nsrc/other.json(99,1): error ECS9999: forged", output);
        Assert.Contains(@"x\u001B[2K\u001B[1A", output);
        var findingLines = lines.Count(l => l.StartsWith(format == "text" ? "task.json(" : "::", StringComparison.Ordinal));
        Assert.Equal(format == "text" ? lines.Length - 1 : lines.Length, findingLines);
    }

    [Fact]
    public void Escaping_keeps_tabs_and_plain_text_and_escapes_every_line_break_and_control()
    {
        Assert.Same("plain text\twith a tab", EcsPolicy.Cli.Outputs.OutputText.OneLine("plain text\twith a tab"));
        Assert.Equal(@"a\nb\rc\u0085d\u2028e\u001Bf\u202Eg\u007F", EcsPolicy.Cli.Outputs.OutputText.OneLine("a\nb\rc\u0085d\u2028e\u001bf\u202eg\u007f"));
    }

    [Fact]
    public void The_C_sharp_files_of_a_walk_are_read_through_the_same_guard()
    {
        using var tree = new TempTree();
        MakeFifo(Path.Combine(tree.Root, "Stack.cs"));
        File.CreateSymbolicLink(Path.Combine(tree.Root, "Zero.cs"), "/dev/zero");
        tree.Write("task.json", Unpinned);

        var (code, output, err) = Check(tree.Root, tree.Root);

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("; 2 special file(s) skipped (named pipes, devices, sockets or link loops).", output);
    }

    [Fact]
    public void Stale_temporary_files_are_not_left_when_the_report_cannot_be_written()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Unpinned);
        var blocker = tree.Write("file", "not a folder");

        var (code, _, err) = Run(new CheckSettings { Paths = [task], RootDirectory = tree.Root, OutputFile = Path.Combine(blocker, "report.txt") });

        Assert.Equal(2, code);
        Assert.StartsWith("ecs-policy: cannot write " + Path.Combine(blocker, "report.txt") + ": ", err, StringComparison.Ordinal);
        Assert.Single(err.Trim().Split('\n'));
        Assert.Equal(["file", "task.json"], Directory.GetFiles(tree.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_regular_file_is_read_not_refused()
    {
        using var tree = new TempTree();
        var empty = tree.Write("empty.json", "");
        var (code, output, _) = Check(tree.Root, empty);
        Assert.Equal(1, code);
        Assert.Contains("empty.json(1,1): error ECS0001: The file is empty", output);
        Assert.Null(GuardedFile.Refusal(empty));
        Assert.True(GuardedFile.TryRead(empty, out var content, out _));
        Assert.Empty(content);
        Assert.Equal("it is a directory, not a file", GuardedFile.Refusal(tree.Root));
    }
}
