using System.Globalization;
using System.Text.Json;
using EcsPolicy.Catalog;
using EcsPolicy.Cli;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Outputs;

/// <summary>The GitLab Code Quality report (<c>--format gitlab</c>), read the way GitLab reads it.</summary>
public sealed class GitlabOutputTests
{
    /// <summary>Fargate on bridge networking (error), no log configuration (warning), no health check (note).</summary>
    internal const string Broken = """
        {
          "family": "billing",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "bridge",
          "cpu": "256",
          "memory": "512",
          "containerDefinitions": [
            { "name": "worker", "image": "public.ecr.aws/docker/library/busybox:1.36", "user": "1000", "readonlyRootFilesystem": true }
          ]
        }
        """;

    internal const string SecretKey = "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY";

    /// <summary>Long-lived AWS keys in the environment: ECS3006, an error with security severity 9.0.</summary>
    internal static readonly string Credentials = """
        {
          "family": "reports",
          "containerDefinitions": [
            {
              "name": "reports",
              "image": "public.ecr.aws/aws-cli/aws-cli:2.17.0",
              "memory": 256,
              "environment": [{ "name": "AWS_SECRET_ACCESS_KEY", "value": "
        """ + SecretKey + """
        " }]
            }
          ]
        }
        """;

    /// <summary>Clean under every rule.</summary>
    internal const string Clean = """
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

    /// <summary>Two task definitions in one template that are the same: their findings are identical.</summary>
    private const string Twins = """
        Resources:
          TaskA:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: twin
              ContainerDefinitions:
                - Name: api
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Memory: 512
          TaskB:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: twin
              ContainerDefinitions:
                - Name: api
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Memory: 512
        """;

    private static readonly string[] CodeClimateSeverities = ["info", "minor", "major", "critical", "blocker"];

    [Fact]
    public void Report_is_an_array_of_code_climate_issues_one_per_finding()
    {
        using var tree = new TempTree();
        tree.Write("infra/dir a/broken.json", Broken);
        tree.Write("infra/clean.json", Clean);
        tree.Write("keys.json", Credentials);
        var (code, output, _) = ReportRun.Check(tree.Root, "gitlab", tree.Root);
        Assert.Equal(Runner.ExitFindings, code);

        var expected = ReportRun.JsonFindings(tree.Root, tree.Root);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var issues = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Count, issues.Count);
        Assert.Contains(issues, i => PathOf(i) == "infra/dir a/broken.json");
        for (var i = 0; i < issues.Count; i++)
        {
            var issue = issues[i];
            var finding = expected[i];
            var ruleId = finding.GetProperty("ruleId").GetString()!;
            Assert.Equal("issue", issue.GetProperty("type").GetString());
            Assert.Equal(ruleId, issue.GetProperty("check_name").GetString());
            Assert.Equal(ruleId + ": " + finding.GetProperty("message").GetString(), issue.GetProperty("description").GetString());
            Assert.Contains(issue.GetProperty("severity").GetString(), CodeClimateSeverities);
            Assert.Matches("^[0-9a-f]{64}$", issue.GetProperty("fingerprint").GetString());
            var category = Assert.Single(issue.GetProperty("categories").EnumerateArray()).GetString();
            Assert.Equal(RuleCatalog.Get(ruleId).IsSecurity ? "Security" : "Bug Risk", category);

            // GitLab wants the path relative to the repository, with forward slashes, and a 1-based line.
            Assert.Equal(finding.GetProperty("file").GetString(), PathOf(issue));
            Assert.False(System.IO.Path.IsPathRooted(PathOf(issue)));
            Assert.DoesNotContain("\\", PathOf(issue));
            var lines = issue.GetProperty("location").GetProperty("lines");
            Assert.Equal(finding.GetProperty("line").GetInt32(), lines.GetProperty("begin").GetInt32());
            Assert.Equal(finding.GetProperty("endLine").GetInt32(), lines.GetProperty("end").GetInt32());
        }

        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
    }

    [Fact]
    public void Severities_are_info_minor_major_and_critical_for_critical_security_errors()
    {
        using var tree = new TempTree();
        tree.Write("broken.json", Broken);
        tree.Write("keys.json", Credentials);
        using var doc = JsonDocument.Parse(ReportRun.Check(tree.Root, "gitlab", tree.Root).Out);
        var bySeverity = doc.RootElement.EnumerateArray()
            .Select(i => (Rule: i.GetProperty("check_name").GetString()!, Severity: i.GetProperty("severity").GetString()!))
            .ToList();
        var json = ReportRun.JsonFindings(tree.Root, tree.Root).Select(f => f.GetProperty("severity").GetString()).ToList();
        Assert.Contains("error", json);
        Assert.Contains("warning", json);
        Assert.Contains("note", json);
        for (var i = 0; i < json.Count; i++)
        {
            var expected = json[i] switch
            {
                "note" => "info",
                "warning" => "minor",
                _ => bySeverity[i].Rule == "ECS3006" ? "critical" : "major",
            };
            Assert.Equal(expected, bySeverity[i].Severity);
        }

        // AWS keys in the environment are a warning by default (they run, exposed: docs/severity.md), so a minor issue;
        // a team that raises the rule to error gets a critical one, from its security score.
        Assert.Contains(("ECS1003", "major"), bySeverity);
        Assert.Contains(("ECS3006", "minor"), bySeverity);
        Assert.Equal("9.0", RuleCatalog.Get("ECS3006").SecuritySeverity);
        Assert.Equal("critical", GitlabOutput.SeverityOf(Severity.Error, RuleCatalog.Get("ECS3006")));

        // A security rule below the critical score stays major; lowering a rule's severity lowers the issue's.
        Assert.Equal("major", GitlabOutput.SeverityOf(Severity.Error, RuleCatalog.Get("ECS3001")));
        Assert.Equal("minor", GitlabOutput.SeverityOf(Severity.Warning, RuleCatalog.Get("ECS3006")));
    }

    [Fact]
    public void Fingerprints_survive_moved_lines_and_change_with_the_finding()
    {
        using var tree = new TempTree();
        var file = tree.Write("task.json", Broken);
        var before = Issues(tree.Root);

        // Lines added above the findings: same fingerprints, other lines.
        File.WriteAllText(file, "\n\n\n" + Broken);
        var moved = Issues(tree.Root);
        Assert.Equal(before.Select(i => i.Fingerprint), moved.Select(i => i.Fingerprint));
        Assert.Equal(before.Select(i => i.Line + 3), moved.Select(i => i.Line));

        // The same findings in another file, and other findings, have other fingerprints.
        File.Delete(file);
        tree.Write("other.json", Broken);
        var renamed = Issues(tree.Root);
        Assert.Empty(renamed.Select(i => i.Fingerprint).Intersect(before.Select(i => i.Fingerprint)));
        File.WriteAllText(Path.Combine(tree.Root, "other.json"), Broken.Replace("\"bridge\"", "\"host\"", StringComparison.Ordinal));
        var changed = Issues(tree.Root).Single(i => i.Rule == "ECS1003");
        Assert.DoesNotContain(changed.Fingerprint, renamed.Select(i => i.Fingerprint));

    }

    [Fact]
    public void Fingerprint_is_the_hash_of_rule_file_model_path_message_and_occurrence()
    {
        using var tree = new TempTree();
        tree.Write("infra/task.json", Broken);
        var finding = ReportRun.JsonFindings(tree.Root, tree.Root).Single(f => f.GetProperty("ruleId").GetString() == "ECS1003");
        var anchor = finding.GetProperty("anchor").GetString()!;
        Assert.EndsWith(":networkMode", anchor, StringComparison.Ordinal);
        var message = finding.GetProperty("message").GetString()!;
        var expected = GitlabOutput.Fingerprint("ECS1003", "infra/task.json", anchor, message, 1);
        Assert.Equal(expected, Issues(tree.Root).Single(i => i.Rule == "ECS1003").Fingerprint);
        Assert.NotEqual(expected, GitlabOutput.Fingerprint("ECS1003", "infra/task.json", anchor, message, 2));
        Assert.NotEqual(expected, GitlabOutput.Fingerprint("ECS1003", "infra/task.json", anchor.Replace("networkMode", "cpu", StringComparison.Ordinal), message, 1));
    }

    [Fact]
    public void Identical_findings_get_distinct_fingerprints_that_do_not_change_between_runs()
    {
        using var tree = new TempTree();
        tree.Write("stack.yaml", Twins);
        var first = Issues(tree.Root);
        var twins = first.GroupBy(i => (i.Rule, i.Description)).Where(g => g.Count() == 2).ToList();
        Assert.NotEmpty(twins);
        foreach (var pair in twins)
        {
            Assert.NotEqual(pair.First().Fingerprint, pair.Last().Fingerprint);
            Assert.NotEqual(pair.First().Line, pair.Last().Line);
        }

        Assert.Equal(first.Count, first.Select(i => i.Fingerprint).Distinct().Count());
        Assert.Equal(first, Issues(tree.Root));
    }

    [Fact]
    public void Output_is_byte_identical_whatever_the_order_files_are_created_and_given_in()
    {
        var names = new[] { "b/task.json", "a/keys.json", "c.json", "a/twins.yaml" };
        var texts = new[] { Broken, Credentials, Clean, Twins };

        string RunIn(int[] order)
        {
            using var tree = new TempTree();
            foreach (var i in order)
            {
                tree.Write(names[i], texts[i]);
            }

            return ReportRun.Check(tree.Root, "gitlab", [.. order.Select(i => Path.Combine(tree.Root, names[i]))]).Out;
        }

        var forward = RunIn([0, 1, 2, 3]);
        Assert.Equal(forward, RunIn([0, 1, 2, 3]));
        Assert.Equal(forward, RunIn([3, 1, 2, 0]));
        Assert.Equal(forward, RunIn([2, 3, 0, 1]));
        Assert.DoesNotContain("\r", forward);
        Assert.EndsWith("]\n", forward);
    }

    [Fact]
    public void A_clean_run_is_an_empty_array()
    {
        using var tree = new TempTree();
        tree.Write("task.json", Clean);
        var (code, output, _) = ReportRun.Check(tree.Root, "gitlab", tree.Root);
        Assert.Equal(Runner.ExitOk, code);
        Assert.Equal("[]\n", output);
    }

    [Fact]
    public void Secret_values_are_not_in_the_report()
    {
        using var tree = new TempTree();
        tree.Write("keys.json", Credentials);
        var output = ReportRun.Check(tree.Root, "gitlab", tree.Root).Out;
        Assert.Contains("ECS3006", output);
        Assert.DoesNotContain(SecretKey, output);
        Assert.DoesNotContain(SecretKey.Substring(0, 12), output);
    }

    [Fact]
    public void Format_gitlab_is_accepted_on_the_command_line_and_writes_to_the_output_file()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", Broken);
        var report = Path.Combine(tree.Root, "gl-code-quality-report.json");
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(Runner.ExitFindings, Program.Run(["check", task, "--format", "gitlab", "--output", report], stdout, stderr));
        Assert.Equal("", stdout.ToString());
        // The report is in a file, so the log gets the summary line.
        Assert.Equal("1 error(s), 1 warning(s), 1 note(s) in 1 task definition(s) from 1 file(s).\n", stderr.ToString().ReplaceLineEndings("\n"));
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Contains(doc.RootElement.EnumerateArray(), i => i.GetProperty("check_name").GetString() == "ECS1003");
    }

    private static string PathOf(JsonElement issue) => issue.GetProperty("location").GetProperty("path").GetString()!;

    private static List<(string Rule, string Description, string Fingerprint, int Line)> Issues(string root)
    {
        using var doc = JsonDocument.Parse(ReportRun.Check(root, "gitlab", root).Out);
        return doc.RootElement.EnumerateArray()
            .Select(i => (
                i.GetProperty("check_name").GetString()!,
                i.GetProperty("description").GetString()!,
                i.GetProperty("fingerprint").GetString()!,
                i.GetProperty("location").GetProperty("lines").GetProperty("begin").GetInt32()))
            .ToList();
    }
}
