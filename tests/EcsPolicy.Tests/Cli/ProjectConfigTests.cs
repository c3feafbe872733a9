using EcsPolicy.Cli.Config;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>The project configuration file: discovery, every value, and each mistake as the user sees it.</summary>
public class ProjectConfigTests
{
    private const string Good = """
        # yaml-language-server: $schema=https://example.invalid/ecs-policy-config.schema.json
        $schema: ./schemas/ecs-policy-config.schema.json
        exclude:
          - examples/broken
          - "**/*.generated.json"
        select: ECS6, ecs1001
        ignore:
          - ECS6007
        severity:
          ECS1001: warning
          ECS2001: none
        fail-level: note
        policies: policies
        baseline: ci/baseline.json
        format:
          - text
          - sarif:out/results.sarif
        output: out/report.txt
        """;

    [Fact]
    public void A_good_configuration_loads_with_every_value()
    {
        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", Good);
        var config = ProjectConfig.Load(path, out var errors);
        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(path, config.Path);
        Assert.Equal(tree.Root, config.Directory);
        Assert.Equal(["examples/broken", "**/*.generated.json"], config.Exclude.Select(e => e.Value));
        Assert.Equal(new Located<string>("examples/broken", 4, 5), config.Exclude[0]);
        Assert.Equal(["ECS6", "ECS1001"], config.Select!.Select(c => c.Value));
        Assert.All(config.Select!, c => Assert.Equal((6, 9), (c.Line, c.Column)));
        Assert.Equal([new Located<string>("ECS6007", 8, 5)], config.Ignore);
        Assert.Equal(new Located<Severity>(Severity.Warning, 10, 3), config.Severity["ECS1001"]);
        Assert.Equal(Severity.None, config.Severity["ecs2001"].Value);
        Assert.Equal(new Located<Severity>(Severity.Note, 12, 13), config.FailLevel);
        Assert.Equal(Path.Combine(tree.Root, "policies"), config.Policies!.Value);
        Assert.Equal(Path.Combine(tree.Root, "ci", "baseline.json"), config.Baseline!.Value);
        Assert.Equal(
            [new ConfigFormat("text", null, 16, 5), new ConfigFormat("sarif", Path.Combine(tree.Root, "out", "results.sarif"), 17, 5)],
            config.Formats);
        Assert.Equal(Path.Combine(tree.Root, "out", "report.txt"), config.Output!.Value);
    }

    [Fact]
    public void Absent_keys_are_empty_and_select_is_null()
    {
        using var tree = new TempTree();
        var config = ProjectConfig.Load(tree.Write(".ecs-policy.yml", "fail-level: error\n"), out var errors);
        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Null(config.Select);
        Assert.Empty(config.Ignore);
        Assert.Empty(config.Exclude);
        Assert.Empty(config.Severity);
        Assert.Empty(config.Formats);
        Assert.Null(config.Policies);
        Assert.Null(config.Baseline);
        Assert.Null(config.Output);
        Assert.False(config.Excludes(Path.Combine(tree.Root, "a.json")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_is_a_configuration_without_settings(string text)
    {
        using var tree = new TempTree();
        var config = ProjectConfig.Load(tree.Write(".ecs-policy.yaml", text), out var errors);
        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Null(config.FailLevel);
    }

    public static TheoryData<string, string[]> Mistakes() => new()
    {
        {
            "excludes:\n  - bin\n",
            ["(1,1): error: unknown key 'excludes' (did you mean 'exclude'?); the keys are: exclude, select, ignore, severity, fail-level, policies, baseline, format, output"]
        },
        {
            "exclude: [a]\nfail_level: error\n",
            ["(2,1): error: unknown key 'fail_level' (did you mean 'fail-level'?); the keys are: exclude, select, ignore, severity, fail-level, policies, baseline, format, output"]
        },
        {
            "fail-level: high\n",
            ["(1,13): error: 'fail-level' must be one of error, warning, note, none, not 'high'"]
        },
        {
            "severity:\n  ECS6007: off\n",
            ["(2,12): error: 'severity.ECS6007' must be one of error, warning, note, none, not 'off'"]
        },
        {
            "severity:\n  ECS 6007: none\n",
            ["(2,3): error: 'severity' key 'ECS 6007' is not a rule ID (letters then letters and digits, such as ECS6007)"]
        },
        {
            "exclude: bin\n",
            ["(1,10): error: 'exclude' must be a list, not 'bin'"]
        },
        {
            "exclude:\n",
            ["(1,9): error: 'exclude' must be a list, not an empty value"]
        },
        {
            "ignore:\n  - ECS6007\n  - 6007\n",
            ["(3,5): error: 'ignore[1]' must be a string, not the number 6007"]
        },
        {
            "select: ECS6 ECS1\n",
            ["(1,9): error: 'select' must be rule IDs or ID prefixes (such as ECS6007, ECS6 or ALL) separated by commas, not 'ECS6 ECS1'"]
        },
        {
            "format: [sarif:a.sarif, pdf]\n",
            ["(1,25): error: 'format[1]' must be FORMAT or FORMAT:FILE with FORMAT one of github, gitlab, json, junit, sarif, text, not 'pdf'"]
        },
        {
            "format: [text, json]\n",
            ["(1,16): error: 'format' gives 2 reports without a file, and only one can go to standard output; write the others as FORMAT:FILE"]
        },
        {
            "policies: ''\n",
            ["(1,11): error: 'policies' must not be empty"]
        },
        {
            "select: [ECS6]\nselect: [ECS1]\n",
            ["(2,1): error: the key 'select' appears twice (first on line 1); remove one of the two"]
        },
        {
            "exclude:\n  - a\n bad: [\n",
            ["(3,2): error: invalid YAML: while parsing a block mapping, did not find expected key"]
        },
        {
            "- exclude\n- select\n",
            ["(1,1): error: this is not an ecs-policy configuration: expected a mapping of keys such as exclude, select, ignore, severity, fail-level, policies, baseline, format, output; found a list"]
        },
        {
            "{\"version\": \"2.1.0\", \"runs\": []}\n",
            ["(1,2): error: this is not an ecs-policy configuration: none of its keys (version, runs) is a setting; expected a mapping of keys such as exclude, select, ignore, severity, fail-level, policies, baseline, format, output"]
        },
        {
            "exclude: [a]\n---\nexclude: [b]\n",
            ["(2,1): error: the file holds more than one YAML document; a configuration is one mapping (remove the '---' and what follows)"]
        },
        {
            "exclude: *nothing\n",
            ["(1,10): error: the alias '*nothing' refers to no anchor ('&nothing') before it"]
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_mistake_is_one_line_at_its_place(string text, string[] expected)
    {
        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", text);
        var config = ProjectConfig.Load(path, out var errors);
        Assert.Null(config);
        var lines = errors.Select(e => e.ToString()).ToList();
        Assert.True(lines.Count >= 1, "no error");
        foreach (var (want, i) in expected.Select((w, i) => (w, i)))
        {
            Assert.True(i < lines.Count, string.Join("\n", lines));
            Assert.StartsWith(path + want, lines[i], StringComparison.Ordinal);
        }

        Assert.All(lines, l => Assert.DoesNotContain('\n', l));
    }

    [Fact]
    public void A_sarif_log_given_as_a_configuration_is_told_apart()
    {
        using var tree = new TempTree();
        var path = tree.Write("results.sarif", "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": []\n}\n");
        Assert.Null(ProjectConfig.Load(path, out var errors));
        Assert.Equal(
            path + "(2,3): error: this is not an ecs-policy configuration: none of its keys ($schema, version, runs) is a setting; expected a mapping of keys such as exclude, select, ignore, severity, fail-level, policies, baseline, format, output",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Unknown_keys_beside_settings_are_each_reported()
    {
        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", "exclude: [a]\nversion: 2\nruns: []\n");
        Assert.Null(ProjectConfig.Load(path, out var errors));
        Assert.Equal(
            [
                path + "(2,1): error: unknown key 'version'; the keys are: exclude, select, ignore, severity, fail-level, policies, baseline, format, output",
                path + "(3,1): error: unknown key 'runs'; the keys are: exclude, select, ignore, severity, fail-level, policies, baseline, format, output",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Every_schema_error_is_reported_in_file_order()
    {
        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", "fail-level: high\nexcludes: [a]\nseverity:\n  ECS6007: off\n");
        Assert.Null(ProjectConfig.Load(path, out var errors));
        Assert.Equal([(1, 13), (2, 1), (4, 12)], errors.Select(e => (e.Line, e.Column)));
    }

    [Fact]
    public void Aliases_that_expand_too_far_are_an_error_not_a_hang()
    {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            var name = (char)('b' + i);
            var previous = (char)('a' + i);
            text += $"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n";
        }

        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", text);
        Assert.Null(ProjectConfig.Load(path, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal("the file holds more than 10,000 values (its aliases expanded); a configuration needs far fewer", error.Message);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_crash()
    {
        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", "exclude: " + new string('[', 100_000));
        Assert.Null(ProjectConfig.Load(path, out var errors));
        Assert.Equal(path + "(1,74): error: the file is nested deeper than 64 levels; a configuration is a mapping of lists and values", Assert.Single(errors).ToString());
    }

    [Fact]
    public void A_file_that_cannot_be_read_says_why_without_a_place()
    {
        using var tree = new TempTree();
        Directory.CreateDirectory(Path.Combine(tree.Root, "folder.yaml"));
        var path = Path.Combine(tree.Root, "folder.yaml");
        Assert.Null(ProjectConfig.Load(path, out var errors));
        Assert.Equal(path + ": error: cannot read the configuration file: it is a directory, not a file", Assert.Single(errors).ToString());
    }

    [Fact]
    public void Both_names_in_one_folder_are_an_error()
    {
        using var tree = new TempTree();
        var yaml = tree.Write(".ecs-policy.yaml", "fail-level: error\n");
        tree.Write(".ecs-policy.yml", "fail-level: note\n");
        Assert.Equal(yaml, ProjectConfig.Find(tree.Root));
        Assert.Null(ProjectConfig.Load(yaml, out var errors));
        Assert.Equal(
            yaml + "(1,1): error: both .ecs-policy.yaml and .ecs-policy.yml are in this folder; ecs-policy reads only .ecs-policy.yaml: merge the two and delete .ecs-policy.yml",
            Assert.Single(errors).ToString());
    }

    [Fact]
    public void Discovery_finds_the_nearest_file_and_stops_at_the_repository_root()
    {
        using var tree = new TempTree();
        var outer = tree.Write(".ecs-policy.yaml", "fail-level: none\n");
        var repo = Path.Combine(tree.Root, "repo");
        Directory.CreateDirectory(Path.Combine(repo, ".git"));
        var deep = Path.Combine(repo, "services", "web");
        Directory.CreateDirectory(deep);

        // Inside a repository without a file of its own: the file above the repository root is not used.
        Assert.Null(ProjectConfig.Find(deep));
        Assert.Null(ProjectConfig.Find(repo));

        // The repository root's file, then a nearer one.
        var root = tree.Write("repo/.ecs-policy.yml", "fail-level: error\n");
        Assert.Equal(root, ProjectConfig.Find(deep));
        var near = tree.Write("repo/services/.ecs-policy.yaml", "fail-level: warning\n");
        Assert.Equal(near, ProjectConfig.Find(deep));

        // A worktree or submodule has a .git file: it is a repository root too.
        var sub = Path.Combine(repo, "vendor", "lib");
        Directory.CreateDirectory(sub);
        tree.Write("repo/vendor/lib/.git", "gitdir: ../../.git/modules/lib\n");
        Assert.Null(ProjectConfig.Find(sub));

        // Outside any repository, the search goes up to the file.
        var plain = Path.Combine(tree.Root, "plain", "a");
        Directory.CreateDirectory(plain);
        Assert.Equal(outer, ProjectConfig.Find(plain));
    }

    [Fact]
    public void Excludes_match_folders_and_files_relative_to_the_configuration()
    {
        using var tree = new TempTree();
        var config = ProjectConfig.Load(tree.Write(".ecs-policy.yaml", "exclude:\n  - examples/broken\n  - '**/*.generated.json'\n  - ./build/\n  - '**/fixtures'\n"), out var errors);
        Assert.Empty(errors);
        Assert.NotNull(config);
        string P(string relative) => Path.Combine(tree.Root, relative);
        Assert.True(config.Excludes(P("examples/broken")));
        Assert.True(config.Excludes(P("examples/broken/sidecars.json")));
        Assert.True(config.Excludes(P("examples/broken/deep/er/task.yaml")));
        Assert.False(config.Excludes(P("examples/clean/web.json")));
        Assert.False(config.Excludes(P("examples/broken-not/web.json")));
        Assert.True(config.Excludes(P("a/b/task.generated.json")));
        Assert.True(config.Excludes(P("task.generated.json")));
        Assert.False(config.Excludes(P("task.json")));
        Assert.True(config.Excludes(P("build/out/template.json")));
        Assert.False(config.Excludes(P("src/build/template.json")));
        Assert.True(config.Excludes(P("src/test/fixtures/bad.json")));
        Assert.False(config.Excludes(Path.Combine(Path.GetTempPath(), "elsewhere", "examples", "broken", "x.json")));
        Assert.False(config.Excludes(tree.Root));
    }

    [Fact]
    public void Command_line_globs_are_relative_to_their_base_folder()
    {
        using var tree = new TempTree();
        var globs = ProjectConfig.Globs(tree.Root, ["cdk.out", "**/node_modules", ""]);
        Assert.Equal(["cdk.out", "**/node_modules"], globs.Patterns);
        Assert.True(globs.Matches(Path.Combine(tree.Root, "cdk.out", "App.template.json")));
        Assert.True(globs.Matches(Path.Combine(tree.Root, "web", "node_modules", "x", "task.json")));
        Assert.False(globs.Matches(Path.Combine(tree.Root, "web", "cdk.out", "App.template.json")));
        Assert.False(ProjectConfig.Globs(tree.Root, []).Matches(Path.Combine(tree.Root, "a.json")));
    }

    [Fact]
    public void Unknown_rule_ids_are_reported_where_they_are_written()
    {
        using var tree = new TempTree();
        var path = tree.Write(".ecs-policy.yaml", "select: [ECS6, ECS9999]\nignore: acme1, ECS60\nseverity:\n  ECS6007: none\n  ECS0000: error\n");
        var config = ProjectConfig.Load(path, out var errors);
        Assert.Empty(errors);
        Assert.NotNull(config);
        Assert.Equal(
            [
                path + "(1,16): error: 'ECS9999' in select matches no rule; run 'ecs-policy rules' for the list",
                path + "(2,9): error: 'ACME1' in ignore matches no rule; run 'ecs-policy rules' for the list",
                path + "(5,3): error: 'ECS0000' in severity is not a rule; run 'ecs-policy rules' for the list",
            ],
            config.CheckRuleIds(["ECS6007", "ECS6008", "ECS1001"]).Select(e => e.ToString()));
        Assert.Empty(config.CheckRuleIds(["ECS6007", "ECS9999", "ACME100", "ECS0000"]));
    }

    [Fact]
    public void Configurations_load_in_parallel_with_the_same_messages()
    {
        using var tree = new TempTree();
        var paths = Enumerable.Range(0, 16).Select(i => tree.Write($"d{i}/.ecs-policy.yaml", "fail-level: high\nexcludes: [a]\n")).ToArray();
        var messages = new string[paths.Length];
        Parallel.For(0, paths.Length, i =>
        {
            ProjectConfig.Load(paths[i], out var errors);
            messages[i] = string.Join("\n", errors.Select(e => e.Message));
        });
        Assert.All(messages, m => Assert.Equal(
            "'fail-level' must be one of error, warning, note, none, not 'high'\nunknown key 'excludes' (did you mean 'exclude'?); the keys are: exclude, select, ignore, severity, fail-level, policies, baseline, format, output",
            m));
    }
}
