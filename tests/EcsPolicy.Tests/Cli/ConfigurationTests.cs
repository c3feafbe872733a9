using System.Text.Json;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// Severity configuration (.editorconfig, .globalconfig, --config), suppressions and baselines, on each input format:
/// the same unpinned image (ECS6007) written as task-definition JSON, CloudFormation YAML and a Copilot manifest.
/// </summary>
public class ConfigurationTests
{
    private const string Json = """
        {
          "family": "web",
          "containerDefinitions": [
            { "name": "app", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 512, "essential": true }
          ]
        }
        """;

    private const string Cfn = """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: public.ecr.aws/nginx/nginx:latest
                  Memory: 512
        """;

    private const string Copilot = """
        name: app
        type: Backend Service
        image:
          location: public.ecr.aws/nginx/nginx:latest
        """;

    private const string CSharp = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "Web");
        var task = new FargateTaskDefinition(stack, "Task", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });
        task.AddContainer("app", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:latest"),
        });
        app.Synth();
        """;

    public static TheoryData<string, string> Inputs() => new()
    {
        { "tasks/web.json", Json },
        { "stacks/web.yaml", Cfn },
        { "copilot/app/manifest.yml", Copilot },
        { "cdk/Program.cs", CSharp },
    };

    /// <summary>Runs a check of <paramref name="root"/> as `ecs-policy check . --format json` there, with the options given as arguments.</summary>
    private static (int Code, List<(string Rule, string Severity, string File, int Line)> Findings, string Err) Check(string root, params string[] extra)
    {
        string? Value(string option) => Array.IndexOf(extra, option) is var i and >= 0 ? extra[i + 1] : null;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var settings = new CheckSettings
        {
            Paths = [root],
            Format = "json",
            RootDirectory = root,
            ConfigFile = Value("--config"),
            BaselineFile = Value("--baseline"),
            WriteBaselineFile = Value("--write-baseline"),
            ReportUnusedSuppressions = extra.Contains("--report-unused-suppressions"),
        };
        var code = Runner.Run(settings, stdout, stderr);
        using var report = JsonDocument.Parse(stdout.ToString());
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("ruleId").GetString()!, f.GetProperty("severity").GetString()!, f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32()))
            .ToList();
        return (code, findings, stderr.ToString());
    }

    private static (string Severity, int Line)? Ecs6007(string root, params string[] extra) =>
        Check(root, extra).Findings.Where(f => f.Rule == "ECS6007").Select(f => ((string Severity, int Line)?)(f.Severity, f.Line)).SingleOrDefault();

    [Theory]
    [MemberData(nameof(Inputs))]
    public void An_editorconfig_section_sets_the_severity_for_matching_files_only(string path, string text)
    {
        using var tree = new TempTree();
        tree.Write(path, text);
        Assert.Equal("warning", Ecs6007(tree.Root)?.Severity);

        tree.Write(".editorconfig", "root = true\n\n[*.{json,yaml,yml,cs}]\ndotnet_diagnostic.ECS6007.severity = error\n\n[other/**]\ndotnet_diagnostic.ECS6007.severity = none\n");
        Assert.Equal("error", Ecs6007(tree.Root)?.Severity);

        // A path-scoped entry turns the rule off for those files: how raw JSON, which has no comments, is suppressed.
        var directory = Path.GetDirectoryName(path)!.Replace('\\', '/');
        tree.Write(".editorconfig", $"root = true\n\n[{directory}/**]\ndotnet_diagnostic.ECS6007.severity = none # legacy images, tracked in JIRA-12\n");
        Assert.Null(Ecs6007(tree.Root));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_globalconfig_applies_everywhere_below_it_and_an_editorconfig_overrides_it(string path, string text)
    {
        using var tree = new TempTree();
        tree.Write(path, text);
        tree.Write(".globalconfig", "is_global = true\ndotnet_analyzer_diagnostic.category-Hardening.severity = suggestion\n");
        Assert.Equal("note", Ecs6007(tree.Root)?.Severity);

        tree.Write(".globalconfig", "is_global = true\ndotnet_analyzer_diagnostic.category-Hardening.severity = suggestion\ndotnet_diagnostic.ECS6007.severity = error\n");
        Assert.Equal("error", Ecs6007(tree.Root)?.Severity);

        tree.Write(Path.Combine(Path.GetDirectoryName(path)!, ".editorconfig"), "[*]\ndotnet_diagnostic.ECS6007.severity = warning\n");
        Assert.Equal("warning", Ecs6007(tree.Root)?.Severity);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_config_file_given_on_the_command_line_overrides_the_files_found(string path, string text)
    {
        using var tree = new TempTree();
        tree.Write(path, text);
        tree.Write(".editorconfig", "root = true\n[*]\ndotnet_diagnostic.ECS6007.severity = error\n");
        var config = tree.Write("ci/ecs-policy.editorconfig", "dotnet_diagnostic.ECS6007.severity = none\nis_global = true\n");

        Assert.Null(Ecs6007(tree.Root, "--config", config));
        Assert.Equal("error", Ecs6007(tree.Root)?.Severity);
    }

    private const string Valid = "error, warning, suggestion, silent, none, default";

    // Each mistake a user once made silently with --config, the line and column it is reported at, and the message.
    public static TheoryData<string, string> ConfigMistakes() => new()
    {
        { "dotnet_diagnostic.ECS6007.severity = error\n", "(1,1): error: dotnet_diagnostic.ECS6007.severity is outside any section, so it applies to no file; put it under [*] or add is_global = true at the top" },
        { "[*]\ndotnet_diagnostic.ECS6007.severity = off\n", $"(2,38): error: 'off' is not a severity; use one of {Valid}" },
        { "[*]\ndotnet_diagnostic.ECS6007.severity = note\n", $"(2,38): error: 'note' is not a severity; use one of {Valid} (a note is suggestion)" },
        { "# CI severities\n[*]\ndotnet_diagnostic.ECS9999.severity = error\n", "(3,19): error: ECS9999 is not a rule of ecs-policy (ecs-policy rules lists them)" },
        { "is_global = true\ndotnet_analyzer_diagnostic.category-Security.severity = error\n", "(2,37): error: Security is not a category of ecs-policy; use one of Containers, Custom, Fargate, Hardening, Input, Logging, Placement, Secrets, Services, Shape, Suppressions" },
        { "{\n  \"version\": \"2.1.0\",\n  \"runs\": []\n}\n", "(1,1): error: this is not an .editorconfig or .globalconfig file: '{' is neither a comment, a [section] nor a key = value line" },
        { "[*]\nindent_style = space\n", "(2,1): error: indent_style is not a setting of ecs-policy; use dotnet_diagnostic.<ID>.severity, dotnet_analyzer_diagnostic.category-<Category>.severity or dotnet_analyzer_diagnostic.severity" },
        { "[*]\nroot = true\n", "(2,1): error: root is read only at the top of the file, above every [section]" },
    };

    [Theory]
    [MemberData(nameof(ConfigMistakes))]
    public void Each_mistake_in_the_config_file_is_one_line_with_its_place_and_nothing_is_checked(string config, string expected)
    {
        using var tree = new TempTree();
        var task = tree.Write("tasks/web.json", Json);
        var file = tree.Write("ci/ecs-policy.editorconfig", config);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        Assert.Equal(2, Program.Run(["check", task, "--config", file], stdout, stderr));
        Assert.Equal("", stdout.ToString());
        Assert.Equal(
            [file + expected, $"ecs-policy: 1 error(s) in the configuration file {file}; nothing was checked."],
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_project_YAML_config_given_to_config_says_which_option_takes_it()
    {
        using var tree = new TempTree();
        var task = tree.Write("tasks/web.json", Json);
        var yaml = tree.Write(".ecs-policy.yaml", "# ours\nexclude:\n  - legacy/**\n");
        var stderr = new StringWriter();

        Assert.Equal(2, Program.Run(["check", task, "--config", yaml], new StringWriter(), stderr));
        Assert.Equal(
            yaml + "(2,1): error: this is not an .editorconfig or .globalconfig file: 'exclude:' is neither a comment, a [section] nor a key = value line (a .ecs-policy.yaml file is given with --config-file)",
            stderr.ToString().Split(Environment.NewLine)[0]);
    }

    [Fact]
    public void Every_mistake_of_a_config_line_is_reported_and_a_custom_policy_id_is_a_rule()
    {
        using var tree = new TempTree();
        var task = tree.Write("tasks/web.json", Json);
        tree.Write("policies/acme.yaml", EcsPolicy.Tests.CSharp.AnalyzerPolicyTests.Policy);
        var file = tree.Write("ci.editorconfig", "dotnet_diagnostic.ECS0000.severity = off\n[*]\ndotnet_diagnostic.ACME004.severity = error\ndotnet_analyzer_diagnostic.category-Custom.severity = warning\n");
        var stderr = new StringWriter();

        Assert.Equal(2, Program.Run(["check", task, "--config", file, "--policies", Path.Combine(tree.Root, "policies")], new StringWriter(), stderr));
        Assert.Equal(
            [
                file + "(1,1): error: dotnet_diagnostic.ECS0000.severity is outside any section, so it applies to no file; put it under [*] or add is_global = true at the top",
                file + "(1,19): error: ECS0000 is not a rule of ecs-policy (ecs-policy rules lists them)",
                file + $"(1,38): error: 'off' is not a severity; use one of {Valid}",
                $"ecs-policy: 3 error(s) in the configuration file {file}; nothing was checked.",
            ],
            stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("[*]\ndotnet_diagnostic.ECS6007.severity = off\n", "(2,38): error ECS0001: 'off' is not a severity; use one of error, warning, suggestion, silent, none, default; this setting was not applied.")]
    [InlineData("root = true\n\n[*.json]\ndotnet_diagnostic.ECS9999.severity = error\n", "(4,19): error ECS0001: ECS9999 is not a rule of ecs-policy (ecs-policy rules lists them); this setting was not applied.")]
    [InlineData("dotnet_diagnostic.ECS6007.severity = error\n", "(1,1): error ECS0001: dotnet_diagnostic.ECS6007.severity is outside any section, so it applies to no file; put it under [*] or add is_global = true at the top; this setting was not applied.")]
    [InlineData("[*]\ndotnet_analyzer_diagnostic.category-Hardening.severity = hidden\n", "(2,58): error ECS0001: 'hidden' is not a severity; use one of error, warning, suggestion, silent, none, default (hidden is silent); this setting was not applied.")]
    public void A_mistake_about_our_rules_in_a_config_file_found_beside_the_inputs_is_reported_there_and_exits_2(string config, string expected)
    {
        using var tree = new TempTree();
        var task = tree.Write("tasks/web.json", Json);
        var editorconfig = tree.Write("tasks/.editorconfig", config);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        Assert.Equal(2, Program.Run(["check", task], stdout, stderr));
        Assert.Contains(editorconfig + expected, stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains($"ecs-policy: {editorconfig} was not checked completely: line ", stderr.ToString(), StringComparison.Ordinal);

        // Its setting is not applied: ECS6007 keeps its default severity.
        Assert.Contains(" warning ECS6007: ", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_of_other_tools_in_config_files_found_beside_the_inputs_are_theirs()
    {
        using var tree = new TempTree();
        var task = tree.Write("tasks/web.json", Json);
        tree.Write(".editorconfig", "root = true\nindent_style = space\n[*.cs]\ndotnet_diagnostic.CA1000.severity = off\ndotnet_diagnostic.IDE0005.severity = warning\ndotnet_analyzer_diagnostic.category-Style.severity = whatever\nnot a config line\n[*.json]  # task definitions\ndotnet_diagnostic.ECS6007.severity = error\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        Assert.Equal(1, Program.Run(["check", task], stdout, stderr));
        Assert.Contains(" error ECS6007: ", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ECS0001", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void A_rule_set_to_none_does_not_run_and_does_not_fail_the_run()
    {
        using var tree = new TempTree();
        tree.Write("tasks/web.json", Json.Replace("\"memory\": 512", "\"memory\": 512, \"esential\": true", StringComparison.Ordinal));
        var (code, findings, _) = Check(tree.Root);
        Assert.Equal(1, code);
        Assert.Contains(findings, f => f.Rule == "ECS0002" && f.Severity == "error");

        tree.Write(".editorconfig", "root = true\n[*.json]\ndotnet_analyzer_diagnostic.severity = none\n");
        (code, findings, _) = Check(tree.Root);
        Assert.Equal(0, code);
        Assert.Empty(findings);
    }

    [Fact]
    public void Suppressions_without_a_reason_are_notes_and_unused_ones_are_reported_when_asked()
    {
        using var tree = new TempTree();
        tree.Write("copilot/app/manifest.yml", """
            name: app
            type: Backend Service
            image:
              # ecs-policy: ignore ECS6007
              location: public.ecr.aws/nginx/nginx:latest
            # ecs-policy: ignore ECS1001 -- sized by the platform team
            cpu: 256
            """);

        var findings = Check(tree.Root).Findings;
        Assert.DoesNotContain(findings, f => f.Rule == "ECS6007");
        Assert.Contains(("ECS0007", "note", "copilot/app/manifest.yml", 4), findings);
        Assert.DoesNotContain(findings, f => f.Rule == "ECS0008");

        var withUnused = Check(tree.Root, "--report-unused-suppressions").Findings;
        Assert.Contains(("ECS0008", "note", "copilot/app/manifest.yml", 6), withUnused);
        Assert.DoesNotContain(withUnused, f => f.Rule == "ECS0008" && f.Line == 4);
    }

    [Fact]
    public void Suppressed_findings_are_in_SARIF_only_when_asked_with_their_justification()
    {
        using var tree = new TempTree();
        tree.Write("stacks/web.yaml", Cfn.Replace("          Image:", "          # ecs-policy: ignore ECS6007 -- pinned at deploy time\n          Image:", StringComparison.Ordinal));
        string Sarif(params string[] extra)
        {
            var stdout = new StringWriter();
            Runner.Run(new CheckSettings { Paths = [tree.Root], Format = "sarif", RootDirectory = tree.Root, IncludeSuppressed = extra.Length > 0 }, stdout, new StringWriter());
            return stdout.ToString();
        }

        using var without = JsonDocument.Parse(Sarif());
        Assert.DoesNotContain(without.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "ECS6007");
        using var report = JsonDocument.Parse(Sarif("--include-suppressed"));
        var result = report.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "ECS6007");
        var suppression = result.GetProperty("suppressions")[0];
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal("pinned at deploy time", suppression.GetProperty("justification").GetString());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_baseline_survives_lines_inserted_above_the_findings_and_lets_new_ones_through(string path, string text)
    {
        using var tree = new TempTree();
        var file = tree.Write(path, text);
        var baseline = Path.Combine(tree.Root, "baseline.json");
        var (code, before, _) = Check(tree.Root, "--write-baseline", baseline);
        Assert.Contains(before, f => f.Rule == "ECS6007");
        Assert.Contains("\"anchor\": \"", File.ReadAllText(baseline), StringComparison.Ordinal);
        Assert.DoesNotContain("\"line\"", File.ReadAllText(baseline), StringComparison.Ordinal);

        // Lines inserted above every finding: nothing resurfaces.
        var moved = path.EndsWith(".json", StringComparison.Ordinal)
            ? text.Replace("{\n  \"family\"", "{\n\n\n  \"family\"", StringComparison.Ordinal)
            : path.EndsWith(".cs", StringComparison.Ordinal) ? "// moved down\n\n\n" + text : "# moved down\n\n\n" + text;
        File.WriteAllText(file, moved);
        var after = Check(tree.Root, "--baseline", baseline);
        Assert.Equal(0, after.Code);
        Assert.Empty(after.Findings);

        // A new problem in the same file is reported, and fails the run.
        var privileged = path.EndsWith(".json", StringComparison.Ordinal)
            ? moved.Replace("\"memory\": 512", "\"memory\": 512, \"esential\": true", StringComparison.Ordinal)
            : path.EndsWith(".cs", StringComparison.Ordinal)
                ? moved.Replace("MemoryLimitMiB = 512", "MemoryLimitMiB = 3000", StringComparison.Ordinal)
            : path.Contains("copilot", StringComparison.Ordinal)
                ? moved + "cpu: 1024\n"
                : moved.Replace("          Memory: 512", "          Memory: 512\n          Esential: true", StringComparison.Ordinal);
        File.WriteAllText(file, privileged);
        var changed = Check(tree.Root, "--baseline", baseline);
        Assert.Equal(1, changed.Code);
        Assert.NotEmpty(changed.Findings);
        Assert.DoesNotContain(changed.Findings, f => f.Rule == "ECS6007");
        _ = code;
    }

    [Fact]
    public void Baselined_findings_are_in_SARIF_as_unchanged_when_asked()
    {
        using var tree = new TempTree();
        tree.Write("tasks/web.json", Json);
        var baseline = Path.Combine(tree.Root, "baseline.json");
        Runner.Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root, WriteBaselineFile = baseline }, new StringWriter(), new StringWriter());

        var stdout = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = [tree.Root], Format = "sarif", RootDirectory = tree.Root, BaselineFile = baseline, ShowBaselined = true }, stdout, new StringWriter());
        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(stdout.ToString());
        var results = report.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal("unchanged", r.GetProperty("baselineState").GetString()));
    }

    [Fact]
    public void A_baseline_that_is_not_one_is_a_usage_error()
    {
        using var tree = new TempTree();
        tree.Write("tasks/web.json", Json);
        var bad = tree.Write("baseline.json", "[1, 2]");
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root, BaselineFile = bad }, new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("cannot use the baseline", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_options_are_on_the_command_line()
    {
        using var tree = new TempTree();
        var file = tree.Write("copilot/app/manifest.yml", Copilot + "\n# ecs-policy: ignore ECS1001 -- sized by the platform team\ncpu: 256\n");
        var config = tree.Write("ci.editorconfig", "is_global = true\ndotnet_diagnostic.ECS6007.severity = error\n");
        var baseline = Path.Combine(tree.Root, "baseline.json");
        var stdout = new StringWriter();
        var code = Program.Run(["check", file, "--config", config, "--report-unused-suppressions", "--show-notes", "--write-baseline", baseline], stdout, new StringWriter());

        // Writing a baseline records the findings, it does not fail on them.
        Assert.Equal(0, code);
        Assert.Contains(" error ECS6007: ", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains(" note ECS0008: ", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(baseline));

        stdout = new StringWriter();
        code = Program.Run(["check", file, "--config", config, "--baseline", baseline, "--format", "sarif", "--show-baselined", "--include-suppressed"], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("\"baselineState\": \"unchanged\"", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CSharp_pragmas_and_SuppressMessage_suppress_with_their_reasons()
    {
        using var tree = new TempTree();
        tree.Write("cdk/Program.cs", CSharp.Replace(
            "    Image = ContainerImage.FromRegistry",
            "#pragma warning disable ECS6007 // pinned by the release pipeline\n    Image = ContainerImage.FromRegistry",
            StringComparison.Ordinal));
        var findings = Check(tree.Root).Findings;
        Assert.DoesNotContain(findings, f => f.Rule == "ECS6007");
        Assert.DoesNotContain(findings, f => f.Rule == "ECS0007");

        tree.Write("cdk/Program.cs", CSharp.Replace(
            "    Image = ContainerImage.FromRegistry",
            "#pragma warning disable ECS6007\n    Image = ContainerImage.FromRegistry",
            StringComparison.Ordinal));
        findings = Check(tree.Root).Findings;
        Assert.DoesNotContain(findings, f => f.Rule == "ECS6007");
        Assert.Contains(("ECS0007", "note", "cdk/Program.cs", 9), findings);

        // Suppressions of other tools' diagnostics, without a reason, are theirs: no ECS0007 and no ECS0008.
        tree.Write("cdk/Program.cs", "#pragma warning disable CS8618, ASPIRE001\n" + CSharp);
        findings = Check(tree.Root, "--report-unused-suppressions").Findings;
        Assert.DoesNotContain(findings, f => f.Rule is "ECS0007" or "ECS0008");
        Assert.Contains(findings, f => f.Rule == "ECS6007");

        tree.Write("cdk/Program.cs", """
            using System.Diagnostics.CodeAnalysis;
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using Constructs;

            var app = new App();
            _ = new WebStack(app, "Web");
            app.Synth();

            public class WebStack : Stack
            {
                [SuppressMessage("EcsPolicy", "ECS6007:Image not pinned", Justification = "the pipeline pins the digest")]
                public WebStack(Construct scope, string id) : base(scope, id)
                {
                    var task = new FargateTaskDefinition(this, "Task", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });
                    task.AddContainer("app", new ContainerDefinitionOptions
                    {
                        Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:latest"),
                    });
                }
            }
            """);
        findings = Check(tree.Root, "--report-unused-suppressions").Findings;
        Assert.DoesNotContain(findings, f => f.Rule is "ECS6007" or "ECS0007" or "ECS0008");
        Assert.Contains(findings, f => f.Rule == "ECS6003");
    }
}
