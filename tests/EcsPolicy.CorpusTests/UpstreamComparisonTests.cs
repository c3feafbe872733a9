using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Our findings next to the upstream tools' expected results for the same concept (cfn-lint results JSON and
/// good/bad folders, KICS positive_expected_result.json and positive/negative files, checkov -PASSED/-FAILED file
/// names, trivy good/bad snippets). Every row, agreeing or not, is in approved/upstream-comparison.txt, so each
/// disagreement is reviewed; ../shared/corpus/README.md names the upstream results that are known to be wrong.
/// </summary>
public class UpstreamComparisonTests
{
    private const string CfnLint = "cloudformation/aws-cloudformation/cfn-lint/test/fixtures/";
    private const string CfnLintV0 = "cloudformation/aws-cloudformation/cfn-lint-10b6a8b5/test/fixtures/templates/";
    private const string Kics = "cloudformation/Checkmarx/kics/assets/queries/cloudFormation/aws/";
    private const string Checkov = "cloudformation/bridgecrewio/checkov/tests/cloudformation/checks/resource/aws/";
    private const string Trivy = "cloudformation/aquasecurity/trivy-checks/checks/cloud/aws/ecs/";

    /// <summary>cfn-lint rule IDs and the rules of ours that check the same thing.</summary>
    private static readonly (string Upstream, string[] Ours)[] CfnLintRules =
    [
        ("E3054", ["ECS7002"]),
        ("E3052", ["ECS7001"]),
        ("E3047", ["ECS1001"]),
        ("E3042", ["ECS2001"]),
        ("E3049", ["ECS7005"]),
        ("E1040", ["ECS5003"]),
    ];

    /// <summary>cfn-lint v0 fixtures (labelled by their good/bad folder only), by file name.</summary>
    private static readonly (string File, string Concept, string[] Ours)[] CfnLintV0Files =
    [
        ("test_ecs_task_definition_essential_container.yml", "essential container", ["ECS2001"]),
        ("test_fargate_scheduling_strategy.yaml", "Fargate scheduling strategy", ["ECS7003"]),
        ("allowed_values.yaml", "allowed values", ["ECS0004"]),
    ];

    /// <summary>KICS queries and the rules of ours that check the same thing (none: we have no such rule).</summary>
    private static readonly (string Query, string Concept, string[] Ours)[] KicsQueries =
    [
        ("ecs_task_definition_invalid_cpu_or_memory", "Fargate CPU/memory", ["ECS1001"]),
        ("ecs_task_definition_healthcheck_missing", "container health check", ["ECS5007"]),
        ("ecs_task_definition_network_mode_not_recommended", "network mode", ["ECS6010"]),
        ("efs_volume_with_disabled_transit_encryption", "EFS transit encryption", ["ECS6008", "ECS6011"]),
        ("ecs_cluster_not_encrypted_at_rest", "EFS transit encryption", ["ECS6008", "ECS6011"]),
        ("empty_roles_for_ecs_cluster_task_definitions", "task role", []),
    ];

    private static readonly (string Folder, string Concept, string[] Ours)[] CheckovChecks =
    [
        ("example_ECSClusterContainerInsights", "CKV_AWS_65 container insights", ["ECS5006"]),
        ("example_ECSTaskDefinitionEFSVolumeEncryption", "CKV_AWS_97 EFS transit encryption", ["ECS6008", "ECS6011"]),
    ];

    private static readonly (string File, string Concept, string[] Ours)[] TrivyChecks =
    [
        ("enable_container_insight.yaml", "container insights", ["ECS5006"]),
        ("enable_in_transit_encryption.yaml", "EFS transit encryption", ["ECS6008", "ECS6011"]),
        ("no_plaintext_secrets.yaml", "plaintext secrets", ["ECS3001", "ECS3006"]),
    ];

    private readonly Linter _linter = new();
    private readonly Dictionary<string, IReadOnlyList<Finding>> _findings = new(StringComparer.Ordinal);

    [Fact]
    public void Our_findings_next_to_the_upstream_expected_results_match_the_approved_comparison()
    {
        var rows = new List<Row>();
        rows.AddRange(CfnLintRows());
        rows.AddRange(CfnLintV0Rows());
        rows.AddRange(KicsRows());
        rows.AddRange(CheckovRows());
        rows.AddRange(TrivyRows());
        Assert.True(rows.Count >= 60, $"expected rows for every upstream result, got {rows.Count}");

        var sb = new StringBuilder();
        sb.Append("# agree | source | concept (ours) | file | upstream | ours\n");
        sb.Append("# 'yes, other line': both report it, at different places (upstream points at a resource or a parent node).\n");
        foreach (var row in rows)
        {
            sb.Append(row.Agreement).Append(" | ").Append(row.Source).Append(" | ").Append(row.Concept)
                .Append(" (").Append(row.Ours.Length == 0 ? "no rule" : string.Join("/", row.Ours)).Append(") | ")
                .Append(row.File.AsSpan("cloudformation/".Length)).Append(" | ").Append(row.UpstreamText)
                .Append(" | ").Append(row.OurText).Append('\n');
        }

        sb.Append(string.Format(CultureInfo.InvariantCulture, "# {0} row(s): {1} agree, {2} agree at another line, {3} disagree\n", rows.Count, rows.Count(r => r.Agreement == "yes"), rows.Count(r => r.Agreement == "yes, other line"), rows.Count(r => r.Agreement == "NO")));
        Golden.Verify(Repo.PathOf("tests", "EcsPolicy.CorpusTests", "approved", "upstream-comparison.txt"), sb.ToString());
    }

    private IEnumerable<Row> CfnLintRows()
    {
        foreach (var results in Corpus.Files(CfnLint.TrimEnd('/') + "/results", ".json").Select(Corpus.Relative))
        {
            // results/integration/cfn-gather_yaml.json holds cfn-lint's output for templates/integration/cfn-gather.yaml.
            var name = Path.GetFileNameWithoutExtension(results);
            var cut = name.LastIndexOf('_');
            var template = CfnLint + "templates/" + Path.GetDirectoryName(results.Substring((CfnLint + "results/").Length))!.Replace('\\', '/')
                + "/" + name.Substring(0, cut) + "." + name.Substring(cut + 1);
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Corpus.Root, results)));
            var entries = json.RootElement.EnumerateArray()
                .Select(e => (Id: e.GetProperty("Rule").GetProperty("Id").GetString()!, Line: e.GetProperty("Location").GetProperty("Start").GetProperty("LineNumber").GetInt32()))
                .ToList();
            foreach (var (upstream, ours) in CfnLintRules)
            {
                var lines = entries.Where(e => e.Id == upstream).Select(e => e.Line).ToList();
                if (lines.Count == 0)
                {
                    yield return Compare("cfn-lint", upstream, ours, template, fires: false, line: null, "passes (results JSON)");
                }

                foreach (var line in lines)
                {
                    yield return Compare("cfn-lint", upstream, ours, template, fires: true, line, "fires (results JSON)");
                }
            }
        }
    }

    private IEnumerable<Row> CfnLintV0Rows()
    {
        foreach (var label in new[] { "good", "bad" })
        {
            foreach (var file in Corpus.Files(CfnLintV0 + label, ".yaml", ".yml").Select(Corpus.Relative))
            {
                foreach (var (name, concept, ours) in CfnLintV0Files.Where(c => file.EndsWith("/" + c.File, StringComparison.Ordinal)))
                {
                    yield return Compare("cfn-lint v0", concept, ours, file, fires: label == "bad", line: null, label == "bad" ? "fires (bad/ folder)" : "passes (good/ folder)");
                }
            }
        }
    }

    private IEnumerable<Row> KicsRows()
    {
        foreach (var (query, concept, ours) in KicsQueries)
        {
            var folder = Kics + query + "/test/";
            using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Corpus.Root, folder, "positive_expected_result.json")));
            var expected = json.RootElement.EnumerateArray()
                .Select(e => (File: (e.TryGetProperty("filename", out var f) ? f : e.GetProperty("fileName")).GetString()!, Line: e.GetProperty("line").GetInt32()))
                .ToList();
            var present = Corpus.Files(folder, ".json", ".yaml").Select(Corpus.Relative)
                .Where(f => !f.EndsWith("positive_expected_result.json", StringComparison.Ordinal))
                .ToList();
            foreach (var file in present)
            {
                var name = file.Substring(folder.Length);
                var entries = expected.Where(e => e.File == name).ToList();
                foreach (var entry in entries)
                {
                    yield return Compare("KICS", concept, ours, file, fires: true, entry.Line, "fires (expected result)");
                }

                if (entries.Count > 0)
                {
                    continue;
                }

                if (name.StartsWith("negative", StringComparison.Ordinal))
                {
                    yield return Compare("KICS", concept, ours, file, fires: false, line: null, "passes (negative file)");
                }
                else if (name.StartsWith("positive", StringComparison.Ordinal) && query != "ecs_cluster_not_encrypted_at_rest")
                {
                    // The later positives have no expected entry here; their name is the label. (In the cluster query a
                    // name can stand for another revision's file: see the corpus README.)
                    yield return Compare("KICS", concept, ours, file, fires: true, line: null, "fires (positive file)");
                }
            }
        }
    }

    private IEnumerable<Row> CheckovRows()
    {
        foreach (var (folder, concept, ours) in CheckovChecks)
        {
            foreach (var file in Corpus.Files(Checkov + folder, ".yaml", ".yml", ".json").Select(Corpus.Relative))
            {
                var fails = file.Contains("-FAILED", StringComparison.Ordinal);
                Assert.True(fails || file.Contains("-PASSED", StringComparison.Ordinal), file + " has no checkov label");
                yield return Compare("checkov", concept, ours, file, fails, line: null, fails ? "fires (-FAILED)" : "passes (-PASSED)");
            }
        }
    }

    private IEnumerable<Row> TrivyRows()
    {
        foreach (var (name, concept, ours) in TrivyChecks)
        {
            var path = Trivy + name;
            var yaml = new YamlStream();
            using (var reader = new StreamReader(Path.Combine(Corpus.Root, path)))
            {
                yaml.Load(reader);
            }

            var cloudFormation = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("cloudformation")];
            foreach (var label in new[] { "good", "bad" })
            {
                var snippets = (YamlSequenceNode)cloudFormation.Children[new YamlScalarNode(label)];
                for (var i = 0; i < snippets.Children.Count; i++)
                {
                    // Each snippet is linted as a template of its own, named after its place in the file.
                    var snippet = path + "/cloudformation." + label + "." + (i + 1).ToString(CultureInfo.InvariantCulture) + ".yaml";
                    var text = ((YamlScalarNode)snippets.Children[i]).Value!;
                    _findings[snippet] = Lint(snippet, Encoding.UTF8.GetBytes(text));
                    yield return Compare("trivy", concept, ours, snippet, fires: label == "bad", line: null, label == "bad" ? "fires (bad snippet)" : "passes (good snippet)");
                }
            }
        }
    }

    private Row Compare(string source, string concept, string[] ours, string file, bool fires, int? line, string upstream)
    {
        if (!_findings.TryGetValue(file, out var findings))
        {
            findings = Lint(file, File.ReadAllBytes(Path.Combine(Corpus.Root, file)));
            _findings[file] = findings;
        }

        var mine = findings.Where(f => ours.Contains(f.RuleId, StringComparer.Ordinal)).ToList();
        var agreement = fires != (mine.Count > 0) ? "NO"
            : !fires || line is null || mine.Any(f => f.Location.StartLine == line) ? "yes"
            : "yes, other line";
        var upstreamText = line is { } l ? upstream + " at line " + l.ToString(CultureInfo.InvariantCulture) : upstream;
        var ourText = mine.Count == 0
            ? "silent"
            : "fires: " + string.Join(", ", mine.Select(f => string.Format(CultureInfo.InvariantCulture, "{0} {1}:{2}", f.RuleId, f.Location.StartLine, f.Location.StartColumn)));
        return new Row(agreement, source, concept, ours, file, upstreamText, ourText);
    }

    private IReadOnlyList<Finding> Lint(string path, byte[] content)
    {
        var result = _linter.LintFile(path, content, explicitlyGiven: true);
        Assert.True(result.NotChecked.Count == 0, path + ": " + string.Join("\n", result.NotChecked));
        return result.Findings;
    }

    private sealed record Row(string Agreement, string Source, string Concept, string[] Ours, string File, string UpstreamText, string OurText);
}
