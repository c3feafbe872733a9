using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Rules;
using EcsPolicy.Rules.Containers;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Containers;

/// <summary>
/// Task definitions far past ECS's limits (10,000 containers in one dependsOn chain or cycle, thousands of port
/// mappings, one name shared by thousands of containers): the container rules report them as they report small ones,
/// with messages of bounded length, and where the work would still be too much they stop at the file's budget and say
/// so (ECS0009) instead of overflowing the stack or running for minutes.
/// </summary>
public class HostileContainerListTests
{
    private const int Containers = 10_000;

    /// <summary>
    /// A task definition with one container per line (line 4 + i holds container ci), each with only a name and its
    /// dependsOn: <paramref name="dependsOn"/> gives container i's targets. About 0.75 MB for a 10,000-chain, 1.8 MB for the 25,000 of issue 18.
    /// </summary>
    private static string Task(int count, Func<int, IEnumerable<string>> dependsOn)
    {
        var text = new StringBuilder("{\n\"family\": \"chain\",\n\"containerDefinitions\": [\n");
        for (var i = 0; i < count; i++)
        {
            var targets = dependsOn(i).Select(t => "{\"containerName\":\"" + t + "\",\"condition\":\"START\"}");
            text.Append("{\"name\":\"c").Append(i).Append("\",\"dependsOn\":[").Append(string.Join(",", targets)).Append("]}")
                .Append(i + 1 < count ? ",\n" : "\n");
        }

        return text.Append("]\n}\n").ToString();
    }

    private static IEnumerable<string> Next(int i) => i + 1 < Containers ? ["c" + (i + 1)] : [];

    /// <summary>The column where the value of the first containerName on container <paramref name="i"/>'s line starts.</summary>
    private static int TargetColumn(int i) => ("{\"name\":\"c" + i + "\",\"dependsOn\":[{\"containerName\":").Length + 1;

    private static FileResult LintWith(string text, Budget budget, params Rule[] rules) =>
        new Linter(new LintOptions { Rules = rules }).LintFile("task.json", Encoding.UTF8.GetBytes(text), true, new LoadContext { Budget = budget });

    [Fact]
    public void A_chain_of_10000_dependsOn_is_checked_completely_without_a_cycle_finding()
    {
        var text = Task(Containers, Next);
        Assert.InRange(text.Length, 650_000, 850_000);

        var result = Lint.File(text);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        Assert.Empty(result.Findings.Only("ECS0009"));
        Assert.Empty(result.Findings.Only("ECS2004"));

        // The chain is reported for what it is: far more containers than ECS allows.
        var tooMany = Assert.Single(result.Findings.Only("ECS2003"));
        Assert.Equal((4 + 10, 9), (tooMany.Location.StartLine, tooMany.Location.StartColumn));
        Assert.StartsWith("The task definition has 10000 containers; ECS allows at most 10", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chain_of_25000_dependsOn_is_checked_up_to_10000_containers_and_the_rest_is_ECS0009_with_exit_2()
    {
        // The input of issue 18 (1.8 MB; it aborted the CLI with a stack overflow): past TaskDefinition.MaxContainersChecked
        // the containers are left out of the model, so the work is bounded, and the file says so.
        using var tree = new TempTree();
        var text = Task(25_000, i => i + 1 < 25_000 ? ["c" + (i + 1)] : []);
        Assert.InRange(text.Length, 1_700_000, 2_000_000);
        var file = tree.Write("chain.json", text);
        var stdout = new StringWriter { NewLine = "\n" };

        var code = EcsPolicy.Cli.Runner.Run(new EcsPolicy.Cli.CheckSettings { Paths = [file], RootDirectory = tree.Root }, stdout, new StringWriter());

        Assert.Equal(2, code);
        Assert.Contains("chain.json(10004,1): error ECS0009: This part of the file was not checked completely: the task definition has 25,000 containers (ECS allows 10), and the 15,000 after the first 10,000 were not checked.", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("chain.json(14,9): error ECS2003: The task definition has 10000 containers;", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_CLI_checks_a_chain_of_10000_dependsOn_completely_and_exits_1_for_its_errors()
    {
        using var tree = new TempTree();
        var file = tree.Write("chain.json", Task(Containers, Next));
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();

        var code = EcsPolicy.Cli.Runner.Run(new EcsPolicy.Cli.CheckSettings { Paths = [file], RootDirectory = tree.Root }, stdout, stderr);

        Assert.Equal(1, code);
        Assert.Contains("chain.json(14,9): error ECS2003: The task definition has 10000 containers;", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ECS0009", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not checked completely", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_of_10000_containers_is_one_finding_that_names_five_of_them()
    {
        var text = Task(Containers, i => i + 1 < Containers ? ["c" + (i + 1)] : ["c0"]);

        var result = Lint.File(text);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var cycle = Assert.Single(result.Findings.Only("ECS2004"));
        Assert.Equal((4 + Containers - 1, TargetColumn(Containers - 1)), (cycle.Location.StartLine, cycle.Location.StartColumn));
        Assert.Equal(
            "Containers depend on each other in a cycle of 10,000 containers: c0 -> c1 -> c2 -> c3 -> c4 -> (and 9,995 more) -> c0. "
            + "None of them can start; remove one of these dependsOn entries.",
            cycle.Message);
    }

    [Fact]
    public void A_cycle_of_six_is_named_whole()
    {
        var result = Lint.File(Task(6, i => ["c" + ((i + 1) % 6)]));

        var cycle = Assert.Single(result.Findings.Only("ECS2004"));
        Assert.Equal((4 + 5, TargetColumn(5)), (cycle.Location.StartLine, cycle.Location.StartColumn));
        Assert.Equal(
            "Containers depend on each other in a cycle: c0 -> c1 -> c2 -> c3 -> c4 -> c5 -> c0. None of them can start; remove one of these dependsOn entries.",
            cycle.Message);
    }

    [Fact]
    public void Every_container_of_a_long_chain_depending_back_on_the_first_is_one_short_finding_each()
    {
        // c_i depends on c_i+1 and, from c1 on, on c0 as well: 24,999 back edges, the cycle of c_i being i + 1 long.
        var text = Task(Containers, i => i == 0 ? ["c1"] : i + 1 < Containers ? ["c" + (i + 1), "c0"] : ["c0"]);

        var result = Lint.File(text);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var cycles = result.Findings.Only("ECS2004");
        Assert.Equal(Containers - 1, cycles.Count);
        Assert.All(cycles, c => Assert.InRange(c.Message.Length, 1, 220));
        var longest = cycles.Single(c => c.Location.StartLine == 4 + Containers - 1);
        Assert.Equal(
            "Containers depend on each other in a cycle of 10,000 containers: c0 -> c1 -> c2 -> c3 -> c4 -> (and 9,995 more) -> c0. "
            + "None of them can start; remove one of these dependsOn entries.",
            longest.Message);
        var shortest = cycles.Single(c => c.Location.StartLine == 4 + 1);
        Assert.Equal("Containers depend on each other in a cycle: c0 -> c1 -> c0. None of them can start; remove one of these dependsOn entries.", shortest.Message);
    }

    [Fact]
    public void A_dependsOn_walk_past_the_budget_is_ECS0009_at_the_dependsOn_where_it_stopped()
    {
        var text = Task(Containers, Next);

        // One step for the first container, then one per dependsOn entry: the 1,001st step is c999's entry.
        var result = LintWith(text, new Budget(steps: 1_000), new BrokenContainerDependency());

        Assert.False(result.CheckedCompletely);
        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        Assert.Equal((4 + 999, TargetColumn(999)), (gap.Location.StartLine, gap.Location.StartColumn));
        Assert.Equal(
            "This part of the file was not checked completely: following the containers' dependsOn took more than the 1,000 steps one file may take. "
            + "Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.",
            gap.Message);
    }

    [Fact]
    public void A_cycle_found_before_the_budget_ran_out_is_still_reported()
    {
        // c0 <-> c1 closes a cycle on the third step; the chain on from c2 spends the budget.
        var text = Task(Containers, i => i == 1 ? ["c0", "c2"] : Next(i));

        var result = LintWith(text, new Budget(steps: 100), new BrokenContainerDependency());

        var cycle = Assert.Single(result.Findings.Only("ECS2004"));
        Assert.Equal((4 + 1, TargetColumn(1)), (cycle.Location.StartLine, cycle.Location.StartColumn));
        Assert.Contains("c0 -> c1 -> c0", cycle.Message, StringComparison.Ordinal);
        Assert.Single(result.Findings.Only("ECS0009"));
    }

    [Fact]
    public void A_long_cycle_message_cuts_a_long_container_name()
    {
        var name = new string('n', 10_000);
        var text = "{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"" + name + "\",\"dependsOn\":[{\"containerName\":\"b\"}]},{\"name\":\"b\",\"dependsOn\":[{\"containerName\":\"" + name + "\"}]}]}";

        var cycle = Assert.Single(Lint.Text(text).Only("ECS2004"));

        var cut = new string('n', ContainerIndex.MaxQuotedName) + "…";
        Assert.Equal($"Containers depend on each other in a cycle: {cut} -> b -> {cut}. None of them can start; remove one of these dependsOn entries.", cycle.Message);
    }

    [Fact]
    public void Thousands_of_references_to_names_that_differ_in_case_each_get_their_hint()
    {
        // Every container depends on the upper-case spelling of the next one's name.
        var text = Task(Containers, i => i + 1 < Containers ? ["C" + (i + 1)] : []);

        var findings = Lint.File(text).Findings.Only("ECS2004");

        Assert.Equal(Containers - 1, findings.Count);
        var last = findings.Single(f => f.Location.StartLine == 4 + Containers - 2);
        Assert.Equal(
            "Container 'c9998' depends on 'C9999', but no container in this task definition has that name (did you mean 'c9999'? names are case-sensitive). Fix the containerName or remove the dependency.",
            last.Message);
    }

    [Fact]
    public void Dependencies_on_a_name_that_thousands_of_containers_share_are_judged_once_per_name()
    {
        // 12,500 essential containers named "db" and 12,500 "app" containers waiting for db to COMPLETE.
        var text = new StringBuilder("{\n\"family\": \"f\",\n\"containerDefinitions\": [\n");
        for (var i = 0; i < Containers; i++)
        {
            text.Append(i % 2 == 0
                ? "{\"name\":\"db\",\"image\":\"postgres:16\",\"memory\":64}"
                : "{\"name\":\"app" + i + "\",\"image\":\"nginx:1.27\",\"memory\":64,\"dependsOn\":[{\"containerName\":\"db\",\"condition\":\"COMPLETE\"}]}");
            text.Append(i + 1 < Containers ? ",\n" : "\n");
        }

        var result = Lint.File(text.Append("]\n}\n").ToString());

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        Assert.Equal(Containers / 2, result.Findings.Only("ECS2005").Count);
        Assert.Equal((Containers / 2) - 1, result.Findings.Only("ECS2002").Count);
    }

    [Fact]
    public void Every_container_non_essential_names_ten_and_counts_the_rest()
    {
        var text = "{\"family\":\"f\",\"containerDefinitions\":["
            + string.Join(",", Enumerable.Range(0, Containers).Select(i => "{\"name\":\"c" + i + "\",\"image\":\"nginx:1.27\",\"memory\":64,\"essential\":false}"))
            + "]}";

        var finding = Assert.Single(Lint.Text(text).Only("ECS2001"));

        Assert.StartsWith(
            "Every container ('c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9' and 9,990 more) is marked \"essential\": false",
            finding.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mount_of_a_missing_volume_names_ten_of_the_10000_volumes_and_counts_the_rest()
    {
        var volumes = string.Join(",", Enumerable.Range(0, Containers).Select(i => "{\"name\":\"v" + i + "\"}"));
        var containers = string.Join(",\n", Enumerable.Range(0, Containers).Select(i => "{\"name\":\"c" + i + "\",\"image\":\"nginx:1.27\",\"memory\":64,\"mountPoints\":[{\"sourceVolume\":\"gone\",\"containerPath\":\"/d\"}]}"));
        var text = "{\"family\":\"f\",\"volumes\":[" + volumes + "],\n\"containerDefinitions\":[\n" + containers + "\n]}";

        var result = Lint.File(text);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var findings = result.Findings.Only("ECS2011");
        Assert.Equal(Containers, findings.Count);
        Assert.Equal(
            "Container 'c9999' mounts sourceVolume 'gone', but the task's volumes are 'v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9' and 9,990 more. Add a volume named 'gone' to the task's volumes, or fix the name.",
            findings[^1].Message);
    }

    [Fact]
    public void A_container_with_50000_log_options_has_each_unknown_one_reported_at_its_name()
    {
        // Objects this wide are looked up through a table; each finding's anchor looks up its way down from the task.
        const int Count = 50_000;
        var options = string.Join(",\n", Enumerable.Range(0, Count).Select(i => "\"awslogs-opt" + i + "\": \"x\""));
        var text = "{\"family\":\"f\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"memory\":64,\n\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\n"
            + options + ",\n\"awslogs-group\": \"g\", \"awslogs-region\": \"us-east-1\"}}}]}";

        var result = Lint.File(text);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var findings = result.Findings.Only("ECS5002");
        Assert.Equal(Count, findings.Count);
        Assert.Equal((3 + Count - 1, 1), (findings[^1].Location.StartLine, findings[^1].Location.StartColumn));
        Assert.Equal("f:containerDefinitions[web].logConfiguration.options.awslogs-opt49999", findings[^1].Anchor);
    }

    [Fact]
    public void Thirty_thousand_port_mappings_find_the_one_duplicate_port_at_its_place()
    {
        // Ports 1..29,999 once (port p on line 2 + p), then port 80 again as the last mapping.
        const int Count = 30_000;
        var mappings = string.Join(",\n", Enumerable.Range(1, Count - 1).Select(p => "{\"containerPort\":" + p + "}"));
        var text = "{\"family\":\"f\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"memory\":64,\n\"portMappings\":[\n"
            + mappings + ",\n{\"containerPort\":80}\n]}]}";

        var result = Lint.File(text);

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var duplicate = Assert.Single(result.Findings.Only("ECS2010"));
        Assert.Equal((2 + Count, 18), (duplicate.Location.StartLine, duplicate.Location.StartColumn));
        Assert.Equal(
            "Container 'web' maps container port 80/tcp twice; a port can be in only one port mapping per container and protocol. Remove the duplicate or make the ranges disjoint.",
            duplicate.Message);
    }

    [Fact]
    public void Thousands_of_port_ranges_spend_the_budget_and_say_so_at_the_range_where_it_stopped()
    {
        // 3,000 disjoint two-port ranges: comparing each with the ones before it takes 4.5 million steps.
        const int Count = 3_000;
        var ranges = string.Join(",\n", Enumerable.Range(0, Count).Select(i => "{\"containerPortRange\":\"" + (1000 + (2 * i)) + "-" + (1001 + (2 * i)) + "\"}"));
        var text = "{\"family\":\"f\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx:1.27\",\"memory\":64,\n\"portMappings\":[\n"
            + ranges + "\n]}]}";

        var result = LintWith(text, new Budget(), new PortMappingInvalidForNetworkMode());

        Assert.False(result.CheckedCompletely);
        var gap = Assert.Single(result.Findings.Only("ECS0009"));

        // The budget runs out at the range whose comparisons pass 2,000,000 in all: 0 + 1 + ... + k > 2,000,000 first at k = 2,000.
        Assert.Equal((3 + 2000, 23), (gap.Location.StartLine, gap.Location.StartColumn));
        Assert.Contains("comparing the container's port mappings took more than the 2,000,000 steps one file may take", gap.Message, StringComparison.Ordinal);

        // The limit of 100 ranges is reported all the same.
        Assert.Single(result.Findings.Only("ECS2010"));
    }
}
