using System.Text.Json;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// Baselines keyed by paths relative to the baseline file's folder: a baseline written at the repository root once
/// stopped matching after <c>cd examples &amp;&amp; ecs-policy check . --baseline ../b.json</c> (every finding came back
/// as new), because its paths were relative to the current folder.
/// </summary>
public sealed class BaselineTests : IDisposable
{
    private const string Task = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:latest\", \"memory\": 512, \"essential\": true }\n  ]\n}\n";

    private const string Pinned = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512, \"essential\": true }\n  ]\n}\n";

    private readonly TempTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public void A_baseline_written_at_the_root_matches_a_run_from_a_subfolder()
    {
        _tree.Write("examples/web.json", Task);
        _tree.Write("examples/api/api.json", Task.Replace("\"web\"", "\"api\"", StringComparison.Ordinal));

        var written = Executable.Run(_tree.Root, "check", ".", "--write-baseline", "b.json");
        Assert.Equal(0, written.Code);
        var baseline = File.ReadAllText(Path.Combine(_tree.Root, "b.json"));
        Assert.Contains("\"version\": 2,", baseline, StringComparison.Ordinal);
        Assert.Contains("\"file\": \"examples/api/api.json\"", baseline, StringComparison.Ordinal);

        // The findings come back reported relative to examples/, yet all are still baselined.
        var fromSubfolder = Executable.Run(Path.Combine(_tree.Root, "examples"), "check", ".", "--baseline", "../b.json", "--format", "json");
        Assert.Equal(0, fromSubfolder.Code);
        Assert.Empty(Findings(fromSubfolder.Stdout));
        // Standard output is the JSON report, so the summary goes to standard error, with what the baseline hid.
        Assert.Equal("0 error(s), 0 warning(s), 0 note(s) in 2 task definition(s) from 2 file(s); 12 finding(s) hidden by the baseline.\n", fromSubfolder.Stderr);

        // And a new finding is still new, reported where the run sees it.
        _tree.Write("examples/api/api.json", Task.Replace("\"web\"", "\"api\"", StringComparison.Ordinal).Replace("\"memory\": 512", "\"memory\": 512, \"privileged\": true", StringComparison.Ordinal));
        var changed = Executable.Run(Path.Combine(_tree.Root, "examples"), "check", ".", "--baseline", "../b.json", "--format", "json", "--fail-level", "warning");
        Assert.Equal(1, changed.Code);
        Assert.All(Findings(changed.Stdout), f => Assert.Equal("api/api.json", f.File));
        Assert.NotEmpty(Findings(changed.Stdout));
    }

    [Fact]
    public void Paths_outside_the_baseline_folder_are_kept_with_dot_dots_and_match_from_anywhere()
    {
        _tree.Write("deploy/web.json", Task);
        var baseline = Path.Combine(_tree.Root, "baselines", "b.json");
        Directory.CreateDirectory(Path.GetDirectoryName(baseline)!);

        Assert.Equal(0, Executable.Run(Path.Combine(_tree.Root, "deploy"), "check", "web.json", "--write-baseline", "../baselines/b.json").Code);
        Assert.Contains("\"file\": \"../deploy/web.json\"", File.ReadAllText(baseline), StringComparison.Ordinal);

        var fromRoot = Executable.Run(_tree.Root, "check", "deploy", "--baseline", baseline, "--format", "json");
        Assert.Equal(0, fromRoot.Code);
        Assert.Empty(Findings(fromRoot.Stdout));
    }

    [Fact]
    public void Classification_counts_the_hidden_findings_and_the_stale_entries_after_a_fix()
    {
        var file = _tree.Write("examples/web.json", Task);
        var before = Lint();
        var baseline = Baseline.Parse(Baseline.Of(before, _tree.Root, _tree.Root).ToJson(), _tree.Root);

        var unchanged = baseline.Classify(before, _tree.Root, ["examples/web.json"]);
        Assert.Equal(before.Count, unchanged.Hidden);
        Assert.Equal(0, unchanged.Stale);
        Assert.All(unchanged.Findings, f => Assert.Equal("unchanged", f.BaselineState));

        // The image pinned: ECS6007 is gone, its entry is stale; the others stay hidden.
        File.WriteAllText(file, Pinned);
        var after = Lint();
        var fixedOne = baseline.Classify(after, _tree.Root, ["examples/web.json"]);
        Assert.Equal(before.Count - 1, fixedOne.Hidden);
        Assert.Equal(1, fixedOne.Stale);
        Assert.DoesNotContain(after, f => f.RuleId == "ECS6007");

        // A run that did not check the file (pre-commit on other files) leaves its entries alone: not stale.
        Assert.Equal(0, baseline.Classify([], _tree.Root, ["other.json"]).Stale);

        // A file that no longer exists makes its entries stale even when the run did not name it.
        File.Delete(file);
        Assert.Equal(before.Count, baseline.Classify([], _tree.Root, []).Stale);
    }

    [Fact]
    public void A_version_1_baseline_is_read_relative_to_the_current_folder_with_a_note_to_write_it_again()
    {
        _tree.Write("examples/web.json", Task);
        Assert.Equal(0, Executable.Run(_tree.Root, "check", ".", "--write-baseline", "b.json").Code);
        // What ecs-policy wrote before version 2, run from the root: the same paths, relative to the current folder.
        var version1 = File.ReadAllText(Path.Combine(_tree.Root, "b.json")).Replace("\"version\": 2,", "\"version\": 1,", StringComparison.Ordinal);
        _tree.Write("ci/old.json", version1);

        var fromRoot = Executable.Run(_tree.Root, "check", ".", "--baseline", "ci/old.json", "--format", "json");
        Assert.Equal(0, fromRoot.Code);
        Assert.Empty(Findings(fromRoot.Stdout));
        Assert.Equal(
            "ecs-policy: the baseline ci/old.json is version 1, whose paths are relative to the folder the run starts in; write it again with --write-baseline to make them relative to the baseline's folder.",
            fromRoot.Stderr.Split('\n')[0]);
        Assert.EndsWith("; 6 finding(s) hidden by the baseline.\n", fromRoot.Stderr, StringComparison.Ordinal);

        // From elsewhere, its paths no longer name the files, as before: the findings are new.
        var fromSubfolder = Executable.Run(Path.Combine(_tree.Root, "examples"), "check", ".", "--baseline", "../ci/old.json", "--format", "json", "--fail-level", "warning");
        Assert.Equal(1, fromSubfolder.Code);
        Assert.NotEmpty(Findings(fromSubfolder.Stdout));
    }

    [Fact]
    public void A_baseline_newer_than_this_version_is_refused()
    {
        var task = _tree.Write("web.json", Task);
        var newer = _tree.Write("b.json", "{ \"version\": 3, \"tool\": \"ecs-policy\", \"findings\": [] }\n");
        var stderr = new StringWriter();

        Assert.Equal(2, Program.Run(["check", task, "--baseline", newer], new StringWriter(), stderr));
        Assert.Equal($"ecs-policy: cannot use the baseline {newer}: it is version 3, newer than this ecs-policy reads (2); update ecs-policy", stderr.ToString().Trim());
    }

    private List<Finding> Lint()
    {
        var stdout = new StringWriter();
        Runner.Run(new CheckSettings { Paths = [_tree.Root], Format = "json", RootDirectory = _tree.Root }, stdout, new StringWriter());
        return [.. Findings(stdout.ToString()).Select(f => new Finding(f.Rule, Severity.Warning, "", EcsPolicy.SourceLocation.At(f.File, 1, 1), "") { Anchor = f.Anchor })];
    }

    private static List<(string Rule, string File, string Anchor)> Findings(string json)
    {
        using var report = JsonDocument.Parse(json);
        return [.. report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("file").GetString()!, f.TryGetProperty("anchor", out var a) ? a.GetString() ?? "" : ""))];
    }
}
