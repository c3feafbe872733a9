using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Policies;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Policies;

/// <summary>Teams' own policies: one YAML policy applies to every input format; malformed policies are errors with a line.</summary>
public class CustomPolicyTests
{
    private const string Registry = """
        id: ACME001
        title: Images come from the company registry
        severity: error
        help: Push the image to the company registry.
        for-each: containers[*]
        assert: { path: image, matches: '^111122223333\.dkr\.ecr\.' }
        message: "Container '{name}' uses the image {value}, which is not from the company registry."
        """;

    private static CustomPolicy Policy(string yaml)
    {
        var policy = CustomPolicy.Parse("policy.yaml", yaml, out var errors);
        Assert.Empty(errors);
        return policy!;
    }

    private static IReadOnlyList<Finding> Lint(string text, string file, params CustomPolicy[] policies) =>
        new Linter(new LintOptions { Policies = policies }).LintFile(file, Encoding.UTF8.GetBytes(text), true).Findings
            .Where(f => f.RuleId.StartsWith("ACME", StringComparison.Ordinal)).ToList();

    public static TheoryData<string, string, int, int> SameTask() => new()
    {
        {
            "task.json",
            """
            {
              "family": "web",
              "containerDefinitions": [
                { "name": "web", "image": "docker.io/library/nginx:1.27", "memory": 512 }
              ]
            }
            """,
            4, 31
        },
        {
            "stack.yaml",
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: docker.io/library/nginx:1.27
                      Memory: 512
            """,
            7, 18
        },
        {
            "copilot/web/manifest.yml",
            """
            name: web
            type: Backend Service
            image:
              location: docker.io/library/nginx:1.27
            """,
            4, 13
        },
    };

    [Theory]
    [MemberData(nameof(SameTask))]
    public void A_policy_fires_identically_on_the_same_task_in_every_format(string file, string text, int line, int column)
    {
        var finding = Assert.Single(Lint(text, file, Policy(Registry)));
        Assert.Equal("ACME001", finding.RuleId);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("Container 'web' uses the image docker.io/library/nginx:1.27, which is not from the company registry.", finding.Message);
        Assert.Equal((line, column), (finding.Location.StartLine, finding.Location.StartColumn));

        Assert.Empty(Lint(text.Replace("docker.io/library/nginx", "111122223333.dkr.ecr.us-east-1.amazonaws.com/nginx", StringComparison.Ordinal), file, Policy(Registry)));
    }

    [Fact]
    public void Unknown_values_keep_a_policy_silent()
    {
        Assert.Empty(Lint(
            """
            name: web
            type: Backend Service
            image:
              build: ./Dockerfile
            """,
            "copilot/web/manifest.yml",
            Policy(Registry)));
        Assert.Empty(Lint(
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: !ImportValue shared-image
                      Memory: 512
            """,
            "stack.yaml",
            Policy(Registry)));
    }

    [Fact]
    public void Operators_combine_and_point_at_the_value_at_fault()
    {
        var policy = Policy("""
            id: ACME004
            title: Container memory ceiling
            severity: warning
            help: Lower it.
            for-each: containers[*]
            when: { not: { path: name, in: [batch, import] } }
            assert:
              any:
                - { path: memory, lte: 4096 }
                - all: [{ path: essential, exists: true }, { path: essential, equals: "false" }]
            """);
        var findings = Lint(
            """
            {
              "family": "web",
              "containerDefinitions": [
                { "name": "web", "image": "nginx:1.27", "memory": 8192 },
                { "name": "batch", "image": "nginx:1.27", "memory": 8192 },
                { "name": "side", "image": "nginx:1.27", "memory": 8192, "essential": false },
                { "name": "small", "image": "nginx:1.27", "memory": 1024 }
              ]
            }
            """,
            "task.json",
            policy);

        var finding = Assert.Single(findings);
        Assert.Equal((4, 55), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal("Container memory ceiling: 'web' has memory '8192'. Lower it.", finding.Message);
    }

    [Fact]
    public void Contains_and_exists_report_the_list_or_the_object_and_never_print_secret_values()
    {
        var tags = Policy("""
            id: ACME002
            title: Tagged with team
            severity: warning
            help: Add a team tag.
            assert: { path: 'tags[*].key', contains: team }
            """);
        var findings = Lint(
            """
            {
              "family": "web",
              "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512 }],
              "tags": [{ "key": "owner", "value": "me" }]
            }
            """,
            "task.json",
            tags);
        Assert.Equal((4, 11), (Assert.Single(findings).Location.StartLine, findings[0].Location.StartColumn));
        Assert.Equal("Tagged with team: 'web' does not comply (tags). Add a team tag.", findings[0].Message);

        var noPlainPasswords = Policy("""
            id: ACME005
            title: Short environment values
            severity: error
            help: Use secrets.
            for-each: containers[*].environment[*]
            assert: { path: value, matches: '^.{0,8}$' }
            """);
        var secret = Assert.Single(Lint(
            """
            {
              "family": "web",
              "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 512,
                "environment": [{ "name": "TOKEN", "value": "Zq8#vL2!pR7@wX4$" }] }]
            }
            """,
            "task.json",
            noPlainPasswords));
        Assert.DoesNotContain("Zq8#vL2", secret.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id: ECS9001\ntitle: t\nseverity: error\nhelp: h\nassert: {path: image, exists: true}\n", 1, 5, "must not start with ECS")]
    [InlineData("id: ACME1\ntitle: t\nseverity: fatal\nhelp: h\nassert: {path: image, exists: true}\n", 3, 11, "The severity 'fatal' is not error, warning or note.")]
    [InlineData("id: ACME1\ntitle: t\nseverity: error\nhelp: h\nassert:\n  path: image\n  matches: '(['\n", 7, 12, "is not a regular expression")]
    [InlineData("id: ACME1\ntitle: t\nseverity: error\nhelp: h\nassert:\n  path: image\n  like: nginx\n", 7, 3, "A comparison has exactly one operator")]
    [InlineData("id: ACME1\ntitle: t\nseverity: error\nhelp: h\nasert: {path: image, exists: true}\n", 5, 1, "'asert' is not a policy key")]
    [InlineData("id: ACME1\ntitle: t\nseverity: error\nhelp: h\nassert: {path: 'containers[x].image', exists: true}\n", 5, 16, "'containers[x]' in path")]
    public void A_malformed_policy_is_an_error_at_its_line(string yaml, int line, int column, string text)
    {
        Assert.Null(CustomPolicy.Parse("policy.yaml", yaml, out var errors));
        var error = errors[0];
        Assert.Equal((line, column), (error.Location.StartLine, error.Location.StartColumn));
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"policy.yaml({line},{column}): error: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_example_policies_load_and_run_from_the_command_line()
    {
        var examples = Repo.PathOf("rules", "examples");
        var policies = CustomPolicy.Load(Directory.GetFiles(examples, "*.yaml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllBytes(f))), out var errors);
        Assert.Empty(errors);
        Assert.Equal(["ACME001", "ACME002", "ACME003", "ACME004"], policies.Select(p => p.Id).Order(StringComparer.Ordinal));

        using var tree = new TempTree();
        var task = tree.Write("task.json", """
            {
              "family": "web",
              "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 8192 }]
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EcsPolicy.Cli.Program.Run(["check", task, "--policies", examples, "--format", "sarif"], stdout, stderr);
        Assert.Equal(1, code);
        Assert.Equal("2 error(s), 3 warning(s), 4 note(s) in 1 task definition(s) from 1 file(s).\n", stderr.ToString().ReplaceLineEndings("\n"));
        foreach (var id in new[] { "ACME001", "ACME002", "ACME003", "ACME004" })
        {
            Assert.Contains("\"ruleId\": \"" + id + "\"", stdout.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_malformed_policy_stops_the_run_with_exit_code_2()
    {
        using var tree = new TempTree();
        tree.Write("policies/bad.yaml", "id: ACME1\ntitle: t\nseverity: error\nhelp: h\n");
        var task = tree.Write("task.json", "{\"family\": \"web\", \"containerDefinitions\": []}");
        var stderr = new StringWriter();
        var code = EcsPolicy.Cli.Program.Run(["check", task, "--policies", Path.Combine(tree.Root, "policies")], new StringWriter(), stderr);
        Assert.Equal(2, code);
        Assert.Contains("bad.yaml(1,1): error: 'assert' is required", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_policy_fires_identically_on_AWS_CDK_CSharp_code()
    {
        using var tree = new TempTree();
        tree.Write("policies/registry.yaml", Registry);
        var program = tree.Write("cdk/Program.cs", """
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Web");
            var task = new FargateTaskDefinition(stack, "Task", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });
            task.AddContainer("web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("docker.io/library/nginx:1.27"),
            });
            app.Synth();
            """);
        var stdout = new StringWriter();
        EcsPolicy.Cli.Program.Run(["check", program, "--policies", Path.Combine(tree.Root, "policies")], stdout, new StringWriter());

        var line = stdout.ToString().Split('\n').Single(l => l.Contains(" ACME001: ", StringComparison.Ordinal));
        Assert.Contains("Program.cs(9,41): error ACME001: Container 'web' uses the image docker.io/library/nginx:1.27, which is not from the company registry.", line, StringComparison.Ordinal);
        Assert.EndsWith("[construct Web/Task]", line.TrimEnd(), StringComparison.Ordinal);
    }
}
