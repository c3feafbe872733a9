using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Hostile Copilot manifests (issue 18): numbers too large for any integer type are located ECS8001/ECS8002 findings
/// and the rest of the manifest is still checked; thousands of environments and taskdef_overrides rules cost bounded
/// work, and what the budget kept from being checked is an ECS0009 finding at the place with exit code 2.
/// </summary>
public class CopilotFailClosedTests
{
    private const string File = "copilot/api/manifest.yml";

    private const string Head = """
        name: api
        type: Backend Service
        image:
          location: public.ecr.aws/nginx/nginx:1.27

        """;

    private const string Longest = "2562047h47m16.854775807s";

    private static int ExitCode(FileResult result) => Runner.ExitCode([result], result.Findings, Severity.Error);

    private static (int Line, int Column) At(Finding finding) => (finding.Location.StartLine, finding.Location.StartColumn);

    private static string DurationMessage(string value, string path) =>
        "The duration " + value + " of " + path + " is out of range: Copilot reads it into Go's time.Duration, which holds at most "
        + Longest + " (about 292 years), so it refuses the manifest. Give a duration such as 10s, 5m or 1h30m.";

    [Theory]
    [InlineData("interval", "99999999999s")]
    [InlineData("timeout", "99999999999999999999999h")]
    [InlineData("start_period", "153722868m")]
    [InlineData("interval", "9223372037s")]
    public void A_health_check_duration_too_long_for_Go_is_ECS8001_at_the_value_and_the_rest_is_checked(string key, string duration)
    {
        var result = Lint.File(
            Head + $"""
            sidecars:
              envoy:
                image: public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.0.0-prod
                healthcheck:
                  command: ["CMD-SHELL", "curl -f http://localhost:9901/ready"]
                  {key}: {duration}
            env_file: config/app.txt
            """,
            File);

        Assert.Empty(result.NotChecked);
        Assert.DoesNotContain(result.Findings, f => f.RuleId == Linter.NotCheckedId);
        var findings = result.Findings.Only("ECS8001");
        Assert.Equal(2, findings.Count);
        Assert.Equal((10, 9 + key.Length), At(findings[0]));
        Assert.Equal(DurationMessage("'" + duration + "'", "sidecars.envoy.healthcheck." + key), findings[0].Message);

        // The rest of the manifest is still checked: Copilot's env_file check and the rules on the task definition.
        Assert.Equal((11, 11), At(findings[1]));
        Assert.StartsWith("The env_file 'config/app.txt' of the main container does not end in .env", findings[1].Message, StringComparison.Ordinal);
        Assert.Contains(result.Findings, f => f.RuleId == "ECS6009");
        Assert.Equal(1, ExitCode(result));
    }

    [Fact]
    public void The_longest_duration_Go_holds_is_no_finding_and_reaches_the_rules_as_seconds()
    {
        var result = Lint.File(
            Head.Replace("image:\n", "image:\n  healthcheck:\n    command: curl -f http://localhost/\n    interval: 9223372036s\n", StringComparison.Ordinal),
            File);

        Assert.Empty(result.NotChecked);
        Assert.Empty(result.Findings.Only("ECS8001"));
        var interval = Assert.Single(result.Findings.Only("ECS2012"));
        Assert.Equal((6, 15), At(interval));
        Assert.Contains("health check image.healthcheck.interval 9223372036;", interval.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http:\n  healthcheck:\n    grace_period: 99999999999s\n", "http.healthcheck.grace_period", 7, 19)]
    [InlineData("http:\n  deregistration_delay: 2562048h\n", "http.deregistration_delay", 6, 25)]
    [InlineData("http:\n  additional_rules:\n    - path: /admin\n      healthcheck:\n        interval: 1e9999s\n", null, 0, 0)]
    [InlineData("http:\n  additional_rules:\n    - path: /admin\n      deregistration_delay: 99999999999999999999.5h\n", "http.additional_rules[0].deregistration_delay", 8, 29)]
    [InlineData("count:\n  cooldown:\n    out: 99999999999s\n", "count.cooldown.out", 7, 10)]
    [InlineData("count:\n  range: 1-10\n  cpu_percentage:\n    value: 70\n    cooldown:\n      in: 99999999999s\n", "count.cpu_percentage.cooldown.in", 10, 11)]
    [InlineData("timeout: 99999999999h\n", null, 0, 0)]
    [InlineData("subscribe:\n  queue:\n    retention: 99999999999h\n", null, 0, 0)]
    [InlineData("sidecars:\n  envoy:\n    image: nginx:1.27\n    healthcheck:\n      interval: 99999999999999999999999\n", "sidecars.envoy.healthcheck.interval", 9, 17)]
    public void Every_duration_Copilot_reads_is_range_checked(string tail, string? path, int line, int column)
    {
        var result = Lint.File(Head + tail, File);

        Assert.Empty(result.NotChecked);
        var findings = result.Findings.Only("ECS8001");
        if (path is null)
        {
            // '1e9999s' is not a Go duration at all: not this check's to report, and nothing throws. A Backend
            // Service has no job timeout and no queue: Copilot ignores those keys, and so does the check.
            Assert.Empty(findings);
            return;
        }

        var finding = Assert.Single(findings);
        Assert.Equal((line, column), At(finding));
        var value = tail.Split('\n')[line - 5].Split(": ")[^1];
        Assert.Equal(DurationMessage(char.IsDigit(value[^1]) ? value : "'" + value + "'", path), finding.Message);
        Assert.Equal(1, ExitCode(result));
    }

    [Theory]
    [InlineData("2562047h47m16.854775807s", false)]
    [InlineData("2562047h47m16.854775808s", true)]
    [InlineData("9223372036854775807ns", false)]
    [InlineData("9223372036854775808ns", true)]
    [InlineData("00000000000000000000000000010s", false)]
    [InlineData("1.5h", false)]
    [InlineData(".5m", false)]
    [InlineData("+90s", false)]
    [InlineData("0", false)]
    [InlineData("10", false)]
    [InlineData("1x", false)]
    [InlineData("153722867m", false)]
    [InlineData("153722868m", true)]
    [InlineData("1.99999999999999999999999999999999999999h", false)]
    [InlineData("99999999999999999999999999999999999999999999s", true)]
    public void Go_duration_range_is_read_exactly_at_its_edges(string text, bool outOfRange) =>
        Assert.Equal(outOfRange, EcsPolicy.Inputs.Copilot.Durations.IsOutOfRange(text));

    [Theory]
    [InlineData("Scheduled Job", "on:\n  schedule: \"@daily\"\ntimeout: 99999999999999h", "timeout", 7, 10)]
    [InlineData("Load Balanced Web Service", "nlb:\n  port: 443/tcp\n  healthcheck:\n    timeout: 99999999999s", "nlb.healthcheck.timeout", 8, 14)]
    [InlineData("Worker Service", "subscribe:\n  topics:\n    - name: events\n      service: api\n      queue:\n        delay: 99999999999s", "subscribe.topics[0].queue.delay", 10, 16)]
    public void A_duration_only_some_workload_types_have_is_range_checked_in_those(string type, string tail, string path, int line, int column)
    {
        var result = Lint.File(Head.Replace("Backend Service", type, StringComparison.Ordinal) + tail, File);

        Assert.Empty(result.NotChecked);
        var finding = Assert.Single(result.Findings.Only("ECS8001"));
        Assert.Equal((line, column), At(finding));
        Assert.Equal(DurationMessage("'" + tail.Split('\n')[line - 5].Split(": ")[^1] + "'", path), finding.Message);
    }

    [Theory]
    [InlineData("cpu: 99999999999999999999999", "cpu", "int", "9223372036854775807", 5, 6)]
    [InlineData("count: 99999999999999999999", "count", "int", "9223372036854775807", 5, 8)]
    [InlineData("storage:\n  ephemeral: 99999999999999999999", "storage.ephemeral", "int", "9223372036854775807", 6, 14)]
    [InlineData("storage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        uid: 99999999999\n        gid: 1000", "storage.volumes.data.efs.uid", "uint32", "4294967295", 10, 14)]
    public void A_whole_number_too_large_for_the_Go_type_Copilot_reads_it_into_is_ECS8001(string tail, string path, string goType, string max, int line, int column)
    {
        var result = Lint.File(Head + tail, File);

        Assert.Empty(result.NotChecked);
        var finding = Assert.Single(result.Findings.Only("ECS8001"), f => f.Message.Contains(" is out of range", StringComparison.Ordinal));
        Assert.Equal((line, column), At(finding));
        var number = tail.Split('\n')[line - 5].Split(": ")[^1];
        Assert.Equal(
            "The number " + number + " of " + path + " is out of range: Copilot reads it into a Go " + goType + ", which holds at most " + max + ", so it refuses the manifest. Give the value you mean.",
            finding.Message);
    }

    [Fact]
    public void A_main_container_port_past_uint16_is_ECS8001()
    {
        var result = Lint.File(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
              port: 99999999999
            """,
            File);

        Assert.Empty(result.NotChecked);
        var finding = Assert.Single(result.Findings.Only("ECS8001"));
        Assert.Equal((5, 9), At(finding));
        Assert.Equal("The number 99999999999 of image.port is out of range: Copilot reads it into a Go uint16, which holds at most 65535, so it refuses the manifest. Give the value you mean.", finding.Message);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("99999999999999999999999999999999")]
    [InlineData("5000000")]
    public void A_taskdef_override_index_past_int_is_ECS8002_out_of_range_and_the_other_rules_apply(string index)
    {
        var result = Lint.File(
            Head + $"""
            taskdef_overrides:
              - path: ContainerDefinitions[{index}].Cpu
                value: 256
              - path: ContainerDefinitions[0].ReadonlyRootFilesystem
                value: true
            """,
            File);

        Assert.Empty(result.NotChecked);
        var finding = Assert.Single(result.Findings.Only("ECS8002"));
        Assert.Equal((6, 11), At(finding));
        Assert.Equal(
            "The taskdef_overrides path 'ContainerDefinitions[" + index + "].Cpu' uses item " + index + " of ContainerDefinitions, which is out of range: ContainerDefinitions has 1 item in the task definition Copilot renders, so Copilot cannot apply it. Use [-] to add an item at the end, or an index below 1.",
            finding.Message);

        // The next rule still applies: the root file system is read-only, so ECS6002 (writable root) is gone.
        Assert.Empty(result.Findings.Only("ECS6002"));
        Assert.Equal(1, ExitCode(result));
    }

    [Fact]
    public void A_taskdef_override_path_deeper_than_any_property_is_not_followed_and_is_ECS0009()
    {
        var deep = string.Join(".", Enumerable.Repeat("LinuxParameters", 10_000));
        var result = Lint.File(
            Head + $"""
            taskdef_overrides:
              - path: {deep}
                value: true
              - path: ContainerDefinitions[0].ReadonlyRootFilesystem
                value: true
            """,
            File);

        var gap = Assert.Single(result.Findings.Only(Linter.NotCheckedId));
        Assert.Equal((6, 11), At(gap));
        Assert.Equal(
            Linter.NotCheckedMessage("the taskdef_overrides path has 10,000 segments, more than the " + EcsPolicy.Inputs.Copilot.TaskdefOverrides.MaxSegments + " this tool follows, so this rule was not applied"),
            gap.Message);
        Assert.Empty(result.Findings.Only("ECS6002"));
        Assert.Single(result.NotChecked);
        Assert.Equal(2, ExitCode(result));
    }

    [Fact]
    public void Taskdef_overrides_that_keep_growing_a_list_stop_at_the_budget_with_ECS0009_at_the_first_rule_not_applied()
    {
        const int rules = 3_000;
        var text = new StringBuilder(Head).Append("taskdef_overrides:\n");
        for (var i = 0; i < rules; i++)
        {
            text.Append("  - path: ContainerDefinitions[0].Ulimits[-]\n    value: {Name: nofile, SoftLimit: 1024, HardLimit: 2048}\n");
        }

        var result = Lint.File(text.ToString(), File);

        var gap = Assert.Single(result.Findings.Only(Linter.NotCheckedId));
        var match = Regex.Match(gap.Message, @"^This part of the file was not checked completely: ([\d,]+) of the 3,000 taskdef_overrides rules, from this one on, were not applied: applying them would take more than the work one file may take \(each rule copies the lists and objects on its path\)\. ");
        Assert.True(match.Success, gap.Message);
        var left = int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(left, 1, rules - 100);

        // At the path of the first rule not applied (each rule is two lines from line 6).
        Assert.Equal((6 + (2 * (rules - left)), 11), At(gap));
        Assert.Equal(2, ExitCode(result));
    }

    [Theory]
    [InlineData(4_000)]
    [InlineData(90_000)]
    public void Empty_environments_deploy_the_manifest_as_written_and_are_checked_once(int count)
    {
        var environments = new StringBuilder("environments:\n");
        for (var i = 0; i < count; i++)
        {
            environments.Append(i % 2 == 0 ? "  env" : "  stage").Append(i.ToString("D5", CultureInfo.InvariantCulture)).Append(i % 3 == 0 ? ": {}\n" : ":\n");
        }

        var plain = Lint.File(Head + "memory: 4096\n", File);
        var result = Lint.File(Head + "memory: 4096\n" + environments, File);

        Assert.Empty(result.NotChecked);
        Assert.Equal(1, result.TaskCount);
        Assert.Equal(plain.Findings.Describe(), result.Findings.Describe());
        Assert.Contains(result.Findings, f => f.RuleId == "ECS1001" && f.Location.StartLine == 5 && !f.Message.Contains("environment", StringComparison.Ordinal));
        Assert.Equal(1, ExitCode(result));
    }

    [Fact]
    public void Empty_environments_beside_ones_with_overrides_deploy_the_manifest_as_written()
    {
        var result = Lint.File(
            """
            name: api
            type: Backend Service
            memory: 4096
            environments:
              test:
              staging: {}
              prod:
                image:
                  location: public.ecr.aws/nginx/nginx:1.27
                memory: 512
            """,
            File);

        Assert.Empty(result.NotChecked);

        // test and staging deploy the manifest as written, which has no image and a memory Fargate cannot pair with cpu 256.
        var image = Assert.Single(result.Findings.Only("ECS8001"));
        Assert.Equal((2, 7), At(image));
        Assert.EndsWith("(except in environment 'prod').", image.Message, StringComparison.Ordinal);
        var size = Assert.Single(result.Findings.Only("ECS1001"));
        Assert.Equal((3, 9), At(size));
        Assert.EndsWith("(except in environment 'prod').", size.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environments_past_the_budget_are_one_ECS0009_at_the_environments_key_with_their_number()
    {
        const int count = 3_000;
        var text = new StringBuilder(Head).Append("platform: linux/arm64\nenvironments:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("  env").Append(i.ToString("D5", CultureInfo.InvariantCulture)).Append(":\n    count:\n      spot: ").Append(i % 5 + 1).Append('\n');
        }

        var result = Lint.File(text.ToString(), File);

        var gap = Assert.Single(result.Findings.Only(Linter.NotCheckedId));
        Assert.Equal((6, 1), At(gap));
        var match = Regex.Match(gap.Message, @"^This part of the file was not checked completely: the overrides of ([\d,]+) of the 3,000 environments that have overrides \(from 'env(\d+)' on\) were not checked: each environment is a copy of the manifest that every rule checks, and these would take more than half of the work one file may take\. ");
        Assert.True(match.Success, gap.Message);
        var left = int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.InRange(left, 1, count - 100);
        Assert.Equal(count - left, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));

        // The environments checked still have their findings: Fargate Spot on ARM, each at its own override.
        var spot = result.Findings.Only("ECS8001");
        Assert.Equal(count - left, spot.Count);
        Assert.Equal((9, 13), At(spot[0]));
        Assert.EndsWith("(in environment 'env00000').", spot[0].Message, StringComparison.Ordinal);
        Assert.Equal(2, ExitCode(result));
    }

    [Fact]
    public void A_large_manifest_times_many_environments_stops_at_the_budget()
    {
        var text = new StringBuilder(Head).Append("variables:\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append("  V").Append(i).Append(": x\n");
        }

        text.Append("environments:\n");
        for (var i = 0; i < 200; i++)
        {
            text.Append("  e").Append(i).Append(":\n    count: 2\n");
        }

        var result = Lint.File(text.ToString(), File);

        var gap = Assert.Single(result.Findings.Only(Linter.NotCheckedId));
        Assert.Equal((20_006, 1), At(gap));
        Assert.Contains(" of the 200 environments that have overrides (from 'e", gap.Message, StringComparison.Ordinal);
        Assert.Equal(2, ExitCode(result));
    }

    [Fact]
    public void The_loader_without_a_file_budget_reports_the_environments_it_did_not_check_itself()
    {
        var text = new StringBuilder(Head).Append("environments:\n");
        for (var i = 0; i < 3_000; i++)
        {
            text.Append("  env").Append(i).Append(":\n    count: 2\n");
        }

        var result = new CopilotLoader().Load(File, Encoding.UTF8.GetBytes(text.ToString()), explicitlyGiven: true);

        var gap = Assert.Single(result.Findings, f => f.RuleId == Linter.NotCheckedId);
        Assert.Equal((5, 1), (gap.Location.StartLine, gap.Location.StartColumn));
        Assert.Contains(" of the 3,000 environments that have overrides", gap.Message, StringComparison.Ordinal);
        Assert.True(result.Tasks.Count < 3_000);
    }
}
