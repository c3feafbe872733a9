using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsPolicy.Catalog;
using EcsPolicy.Cli;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Engine;

namespace EcsPolicy.Tests.Outputs;

/// <summary>The SARIF written for GitHub code scanning, built from real lint runs on files in a temporary directory.</summary>
public sealed class SarifOutputTests : IDisposable
{
    // Parse errors (ECS0001) on known lines. File names have spaces and characters that must be escaped in URIs.
    private const string Commented = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"web\", \"image\": \"nginx:1.27\" } // the web server\n  ]\n}\n";
    private const string UnquotedName = "{\n  \"family\": \"web\",\n  oops\n}\n";
    private const string Truncated = "{\r\n  \"family\": \"api\",\r\n  \"cpu\": \"256\"";

    private readonly string _root;

    public SarifOutputTests()
    {
        _root = Path.Combine(Path.GetTempPath(), "ecs-policy sarif " + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Log_has_schema_version_one_run_and_GitHub_run_properties()
    {
        using var doc = Parse(Write(Report(Files())));
        var root = doc.RootElement;
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ecs-policy", driver.GetProperty("name").GetString());
        Assert.Equal("9.8.7", driver.GetProperty("semanticVersion").GetString());
        Assert.Equal("9.8.7", driver.GetProperty("version").GetString());
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString());
        Assert.Equal("ecs-policy/", run.GetProperty("automationDetails").GetProperty("id").GetString());
        Assert.Equal("utf16CodeUnits", run.GetProperty("columnKind").GetString());
        Assert.Equal(3, run.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Uris_are_relative_to_SRCROOT_and_resolve_to_the_files()
    {
        var files = Files();
        var report = Report(files);
        using var doc = Parse(Write(report));
        var run = Run(doc);

        var srcRoot = run.GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.StartsWith("file:///", srcRoot);
        Assert.EndsWith("/", srcRoot);
        var baseUri = new Uri(srcRoot);
        Assert.Equal(Path.TrimEndingDirectorySeparator(_root), Path.TrimEndingDirectorySeparator(baseUri.LocalPath));

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(report.Findings.Count, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var artifact = PhysicalLocation(results[i]).GetProperty("artifactLocation");
            Assert.Equal("%SRCROOT%", artifact.GetProperty("uriBaseId").GetString());
            var uri = artifact.GetProperty("uri").GetString()!;
            Assert.DoesNotContain(" ", uri);
            Assert.False(new Uri(uri, UriKind.RelativeOrAbsolute).IsAbsoluteUri, uri);
            var resolved = new Uri(baseUri, uri).LocalPath;
            Assert.Equal(Path.Combine(_root, report.Findings[i].Location.File), resolved);
            Assert.True(File.Exists(resolved), resolved);
        }
    }

    [Fact]
    public void File_outside_the_root_gets_an_absolute_file_uri_without_base()
    {
        var outside = Path.Combine(_root, "outside dir", "task #2.json");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        File.WriteAllText(outside, UnquotedName);
        var inner = Path.Combine(_root, "repo");
        Directory.CreateDirectory(inner);

        var findings = new Linter().LintFile(outside, File.ReadAllBytes(outside), true).Findings;
        var report = Report([(outside, File.ReadAllBytes(outside))], findings, inner);
        using var doc = Parse(Write(report));

        var result = Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
        var artifact = PhysicalLocation(result).GetProperty("artifactLocation");
        Assert.False(artifact.TryGetProperty("uriBaseId", out _));
        var uri = new Uri(artifact.GetProperty("uri").GetString()!);
        Assert.True(uri.IsFile);
        Assert.Equal(outside, uri.LocalPath);
        Assert.Equal(LineHash.ForLine(UnquotedName, 3), Fingerprint(result));
    }

    [Fact]
    public void Regions_are_the_findings_locations()
    {
        var report = Report(Files());
        using var doc = Parse(Write(report));
        var results = Run(doc).GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(report.Findings, f => f.Location.StartLine == 3 && f.Location.StartColumn == 3);
        for (var i = 0; i < results.Count; i++)
        {
            var expected = report.Findings[i].Location;
            var region = PhysicalLocation(results[i]).GetProperty("region");
            Assert.Equal(expected.StartLine, region.GetProperty("startLine").GetInt32());
            Assert.Equal(expected.StartColumn, region.GetProperty("startColumn").GetInt32());
            Assert.Equal(expected.EndLine, region.GetProperty("endLine").GetInt32());
            Assert.Equal(expected.EndColumn, region.GetProperty("endColumn").GetInt32());
        }
    }

    [Fact]
    public void Results_carry_rule_level_and_message_ending_with_a_period()
    {
        var report = Report(Files());
        using var doc = Parse(Write(report));
        var run = Run(doc);
        var ruleIds = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        for (var i = 0; i < results.Count; i++)
        {
            var finding = report.Findings[i];
            Assert.Equal(finding.RuleId, results[i].GetProperty("ruleId").GetString());
            Assert.Equal(finding.RuleId, ruleIds[results[i].GetProperty("ruleIndex").GetInt32()]);
            Assert.Equal("error", results[i].GetProperty("level").GetString());
            var text = results[i].GetProperty("message").GetProperty("text").GetString()!;
            Assert.StartsWith(finding.Message.TrimEnd('.'), text);
            Assert.EndsWith(".", text);
        }
    }

    [Fact]
    public void A_message_without_a_final_period_gets_one()
    {
        var finding = Lint(UnquotedName, "task.json").Single() with { Message = "Container 'web' has no memory limit" };
        using var doc = Parse(Write(Report([("task.json", Encoding.UTF8.GetBytes(UnquotedName))], [finding])));
        var result = Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
        Assert.Equal("Container 'web' has no memory limit.", result.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void The_model_path_is_a_logical_location_of_the_primary_location()
    {
        var finding = Lint(UnquotedName, "task.json").Single() with { Path = "/containerDefinitions/0/image" };
        using var doc = Parse(Write(Report([("task.json", Encoding.UTF8.GetBytes(UnquotedName))], [finding])));
        var result = Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
        var logical = Assert.Single(result.GetProperty("locations")[0].GetProperty("logicalLocations").EnumerateArray());
        Assert.Equal("/containerDefinitions/0/image", logical.GetProperty("fullyQualifiedName").GetString());
        Assert.False(result.TryGetProperty("logicalLocations", out _));
    }

    [Fact]
    public void Fingerprint_matches_GitHubs_value_for_a_known_file()
    {
        // "83f51e7b0cdb8a95:1" is what github/codeql-action's fingerprints.ts hash() gives for line 3 of this text.
        var report = Report([("known.json", Encoding.UTF8.GetBytes(UnquotedName))]);
        using var doc = Parse(Write(report));
        var result = Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
        Assert.Equal(3, PhysicalLocation(result).GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("83f51e7b0cdb8a95:1", Fingerprint(result));
    }

    [Fact]
    public void Every_fingerprint_has_GitHubs_format()
    {
        using var doc = Parse(Write(Report(Files())));
        foreach (var result in Run(doc).GetProperty("results").EnumerateArray())
        {
            Assert.Matches("^[0-9a-f]{1,16}:[1-9][0-9]*$", Fingerprint(result));
        }
    }

    [Fact]
    public void Fingerprint_is_left_out_when_the_file_cannot_be_read()
    {
        var r = Report(Files());
        var report = new RunReport
        {
            Files = r.Files,
            Findings = r.Findings,
            RulesRun = r.RulesRun,
            Severities = r.Severities,
            RootDirectory = r.RootDirectory,
            ToolVersion = r.ToolVersion,
        };
        using var doc = Parse(Write(report));
        foreach (var result in Run(doc).GetProperty("results").EnumerateArray())
        {
            Assert.False(result.TryGetProperty("partialFingerprints", out _));
            Assert.True(PhysicalLocation(result).TryGetProperty("region", out _));
        }
    }

    [Fact]
    public void Rules_are_those_that_ran_with_full_GitHub_metadata()
    {
        var report = Report(Files());
        using var doc = Parse(Write(report));
        var rules = Run(doc).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(report.RulesRun.Select(r => r.Id).Order(StringComparer.Ordinal), rules.Select(r => r.GetProperty("id").GetString()!));

        var meta = RuleCatalog.Get("ECS0001");
        var rule = rules.Single(r => r.GetProperty("id").GetString() == "ECS0001");
        Assert.Equal("FileCannotBeParsed", rule.GetProperty("name").GetString());
        Assert.Equal(meta.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal(meta.Rationale, rule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal(meta.HelpUri, rule.GetProperty("helpUri").GetString());
        var help = rule.GetProperty("help");
        foreach (var kind in new[] { "text", "markdown" })
        {
            var text = help.GetProperty(kind).GetString()!;
            Assert.Contains(meta.Help, text);
            Assert.Contains(meta.Rationale, text);
            Assert.Contains(meta.HelpUri, text);
        }

        Assert.Contains("](" + meta.HelpUri + ")", help.GetProperty("markdown").GetString());
        Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var properties = rule.GetProperty("properties");
        Assert.Equal(meta.Tags, properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!));
        Assert.Equal("high", properties.GetProperty("precision").GetString());
        Assert.Equal("error", properties.GetProperty("problem.severity").GetString());
        Assert.False(properties.TryGetProperty("security-severity", out _));
    }

    [Theory]
    [InlineData(Severity.Error, "error", "error")]
    [InlineData(Severity.Warning, "warning", "warning")]
    [InlineData(Severity.Note, "note", "recommendation")]
    public void Levels_follow_the_effective_severity(Severity severity, string level, string problemSeverity)
    {
        var linter = new Linter(new LintOptions { SeverityOverrides = new Dictionary<string, Severity> { ["ECS0001"] = severity } });
        var bytes = Encoding.UTF8.GetBytes(Commented);
        var findings = linter.LintFile("task.json", bytes, true).Findings;
        var report = Report([("task.json", bytes)], findings, linter: linter);
        Assert.Equal(severity, report.Severities["ECS0001"]);

        using var doc = Parse(Write(report));
        var run = Run(doc);
        var rule = Assert.Single(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray(), r => r.GetProperty("id").GetString() == "ECS0001");
        Assert.Equal(level, rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        Assert.Equal(problemSeverity, rule.GetProperty("properties").GetProperty("problem.severity").GetString());
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal(level, result.GetProperty("level").GetString());
    }

    [Fact]
    public void Security_rules_get_the_security_tag_and_score_and_at_most_20_tags()
    {
        // No security rule exists yet: describe one, and report a real finding under its ID.
        var security = RuleCatalog.Get("ECS0001") with
        {
            Id = "ECS9999",
            Title = "Secret in plain-text environment",
            SecuritySeverity = "8.5",
            Tags = [.. Enumerable.Range(1, 25).Select(i => "tag" + i.ToString(CultureInfo.InvariantCulture))],
        };
        var finding = Lint(UnquotedName, "task.json").Single() with { RuleId = "ECS9999" };
        var report = new RunReport
        {
            Files = [],
            Findings = [finding],
            RulesRun = [security],
            Severities = new Dictionary<string, Severity> { ["ECS9999"] = Severity.Error },
            RootDirectory = _root,
            ToolVersion = "9.8.7",
        };
        using var doc = Parse(Write(report));
        var rule = Assert.Single(Run(doc).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        Assert.Equal("SecretInPlainTextEnvironment", rule.GetProperty("name").GetString());
        var properties = rule.GetProperty("properties");
        Assert.Equal(JsonValueKind.String, properties.GetProperty("security-severity").ValueKind);
        Assert.Equal("8.5", properties.GetProperty("security-severity").GetString());
        Assert.False(properties.TryGetProperty("problem.severity", out _));
        var tags = properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("security", tags);
        Assert.Contains("tag1", tags);
        Assert.True(tags.Count <= 20, string.Join(",", tags));
        Assert.Equal(tags.Count, tags.Distinct().Count());
        var result = Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
        Assert.Equal(0, result.GetProperty("ruleIndex").GetInt32());
    }

    [Fact]
    public void Long_rationale_is_cut_to_1024_characters()
    {
        var meta = RuleCatalog.Get("ECS0001") with { Rationale = string.Concat(Enumerable.Repeat("The AWS API rejects this input. ", 60)) };
        var r = Report(Files());
        var report = new RunReport
        {
            Files = r.Files,
            Findings = r.Findings,
            RulesRun = [meta],
            Severities = r.Severities,
            RootDirectory = r.RootDirectory,
            ToolVersion = r.ToolVersion,
        };
        using var doc = Parse(Write(report));
        var rule = Assert.Single(Run(doc).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        var full = rule.GetProperty("fullDescription").GetProperty("text").GetString()!;
        Assert.True(full.Length <= 1024, full.Length.ToString(CultureInfo.InvariantCulture));
        Assert.StartsWith("The AWS API rejects this input.", full);
    }

    [Fact]
    public void Output_is_byte_identical_whatever_the_file_order()
    {
        var files = Files();
        var first = Write(Report(files));
        Assert.Equal(first, Write(Report(files)));

        // Lint the files in the opposite order and hand the findings over unsorted.
        var reversed = Enumerable.Reverse(files).ToList();
        var unsorted = reversed.SelectMany(f => Lint(Encoding.UTF8.GetString(f.Bytes), f.Path)).ToList();
        Assert.Equal(first, Write(Report(reversed, unsorted, sort: false)));

        Assert.DoesNotContain("\r", first);
        Assert.False(first.StartsWith('\uFEFF'));
        Assert.EndsWith("}\n", first);
    }

    [Fact]
    public void Cli_output_is_identical_when_files_are_created_and_given_in_another_order()
    {
        var names = new[] { "a.json", "b dir/c.json", "d.json" };
        var texts = new[] { Commented, UnquotedName, Truncated };

        string RunCli(IEnumerable<int> order)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(_root))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, true);
                }
                else
                {
                    File.Delete(entry);
                }
            }

            foreach (var i in order)
            {
                var full = Path.Combine(_root, names[i]);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, texts[i]);
            }

            var output = Path.Combine(Path.GetTempPath(), "ecs-policy-" + Guid.NewGuid().ToString("N") + ".sarif");
            try
            {
                var paths = order.Select(i => Path.Combine(_root, names[i])).ToList();
                var exit = Runner.Run(
                    new CheckSettings { Paths = paths, Format = "sarif", OutputFile = output, RootDirectory = _root },
                    TextWriter.Null,
                    TextWriter.Null);
                Assert.Equal(Runner.ExitFindings, exit);
                var bytes = File.ReadAllBytes(output);
                Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "BOM");
                return Encoding.UTF8.GetString(bytes);
            }
            finally
            {
                File.Delete(output);
            }
        }

        var forward = RunCli([0, 1, 2]);
        var backward = RunCli([2, 1, 0]);
        Assert.Equal(forward, backward);
        using var doc = Parse(forward);
        Assert.Equal(3, Run(doc).GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void Format_sarif_is_available_on_the_command_line_and_keeps_the_byte_order_mark_in_fingerprints()
    {
        // A UTF-8 byte order mark is a character to GitHub's fingerprinting: "59b279bdabc57d7b:1" is what
        // github/codeql-action's fingerprints.ts hash() gives for line 1 of this file (without the mark: "a89ed01a48126f38:1").
        var path = Path.Combine(_root, "bom.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{ \"family\": \"web\", oops }\n")]);
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var exit = Program.Run(["check", path, "--format", "sarif"], stdout, TextWriter.Null);
        Assert.Equal(Runner.ExitFindings, exit);
        using var doc = Parse(stdout.ToString());
        var result = Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
        Assert.Equal(1, PhysicalLocation(result).GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("59b279bdabc57d7b:1", Fingerprint(result));
    }

    [Fact]
    public void File_content_is_never_copied_into_the_log()
    {
        const string secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY";
        var text = "{\n  \"family\": \"web\",\n  \"environment\": [{ \"name\": \"KEY\", \"value\": \"" + secret + "\" }],\n  oops\n}\n";
        var output = Write(Report([("secret.json", Encoding.UTF8.GetBytes(text))]));
        Assert.DoesNotContain(secret, output);
        Assert.DoesNotContain("snippet", output);
        using var doc = Parse(output);
        Assert.Single(Run(doc).GetProperty("results").EnumerateArray());
    }

    private List<(string Path, byte[] Bytes)> Files() =>
    [
        ("sub dir/commented file.json", Encoding.UTF8.GetBytes(Commented)),
        ("unquoted #1.json", Encoding.UTF8.GetBytes(UnquotedName)),
        ("x/truncated%.json", Encoding.UTF8.GetBytes(Truncated)),
    ];

    private static IReadOnlyList<Finding> Lint(string text, string path) =>
        new Linter().LintFile(path, Encoding.UTF8.GetBytes(text), true).Findings;

    /// <summary>Writes the files under the root, lints them as the CLI does, and builds the report.</summary>
    private RunReport Report(
        IReadOnlyList<(string Path, byte[] Bytes)> files,
        IReadOnlyList<Finding>? findings = null,
        string? root = null,
        bool sort = true,
        Linter? linter = null)
    {
        root ??= _root;
        linter ??= new Linter();
        var results = new List<FileResult>();
        foreach (var (path, bytes) in files)
        {
            var full = Path.IsPathRooted(path) ? path : Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
            results.Add(linter.LintFile(path, bytes, true));
        }

        var all = findings ?? results.SelectMany(r => r.Findings).ToList();
        var ruleIds = RuleRegistry.EnabledIds(linter).ToHashSet(StringComparer.Ordinal);
        return new RunReport
        {
            Files = results,
            Findings = sort ? [.. all.OrderBy(f => f, Finding.Order)] : all,
            RulesRun = [.. RuleCatalog.All.Where(m => ruleIds.Contains(m.Id))],
            Severities = ruleIds.ToDictionary(id => id, linter.SeverityOf, StringComparer.Ordinal),
            RootDirectory = root,
            ToolVersion = "9.8.7",
            ReadText = path =>
            {
                var full = Path.IsPathRooted(path) ? path : Path.Combine(root, path);
                return File.Exists(full) ? File.ReadAllText(full) : null;
            },
        };
    }

    private static string Write(RunReport report)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        new SarifOutput().Write(report, writer);
        return writer.ToString();
    }

    private static JsonDocument Parse(string sarif) => JsonDocument.Parse(sarif);

    private static JsonElement Run(JsonDocument doc) => doc.RootElement.GetProperty("runs")[0];

    private static JsonElement PhysicalLocation(JsonElement result) => result.GetProperty("locations")[0].GetProperty("physicalLocation");

    private static string? Fingerprint(JsonElement result) =>
        result.GetProperty("partialFingerprints").GetProperty("primaryLocationLineHash").GetString();
}
