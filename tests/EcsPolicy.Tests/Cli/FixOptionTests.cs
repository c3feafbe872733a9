using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary><c>check --fix</c>: what it prints, what it writes, and the exit code of what remains.</summary>
public class FixOptionTests
{
    // Clean under every rule but ECS6002 (no readonlyRootFilesystem) and ECS2001 (the only container is not essential).
    private const string Task = """
        {
          "family": "web",
          "networkMode": "awsvpc",
          "memory": "512",
          "containerDefinitions": [
            {
              "name": "web",
              "image": "public.ecr.aws/nginx/nginx:1.27",
              "user": "101:101",
              "essential": false,
              "healthCheck": { "command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"] },
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": { "awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "web" }
              }
            }
          ]
        }
        """;

    private static (int Code, string Out, string Err) Run(string root, bool fix, params string[] paths) => Run(root, fix, unsafeFixes: false, paths);

    private static (int Code, string Out, string Err) Run(string root, bool fix, bool unsafeFixes, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = paths, Format = "text", RootDirectory = root, Fix = fix, UnsafeFixes = unsafeFixes }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Fix_writes_the_safe_fixes_prints_each_change_and_reports_what_remains()
    {
        using var tree = new TempTree();
        var file = tree.Write("task.json", Task);
        var (before, _, _) = Run(tree.Root, fix: false, file);
        Assert.Equal(Runner.ExitFindings, before);

        var (code, stdout, stderr) = Run(tree.Root, fix: true, file);

        Assert.Contains("task.json(10,20): ECS2001 essential: false -> true", stderr, StringComparison.Ordinal);
        Assert.Contains("task.json(7,15): not fixed: ECS6002: the fix (\"readonlyRootFilesystem\": true) may change what the task does, so it is only shown (--unsafe-fixes applies it)", stderr, StringComparison.Ordinal);
        Assert.Contains("ecs-policy: fixed 1 finding(s) in 1 file(s).", stderr, StringComparison.Ordinal);
        Assert.Equal(Task.Replace("\"essential\": false", "\"essential\": true"), File.ReadAllText(file));

        // What remains is reported as usual: the ECS6002 note (counted, not listed, by the text report), so exit 0.
        Assert.DoesNotContain("ECS2001", stdout, StringComparison.Ordinal);
        Assert.Contains("1 note(s) not shown; --severity note lists them.", stdout, StringComparison.Ordinal);
        Assert.Equal(Runner.ExitOk, code);
    }

    [Fact]
    public void Unsafe_fixes_are_applied_when_asked_for()
    {
        using var tree = new TempTree();
        var file = tree.Write("task.json", Task);

        var (code, stdout, stderr) = Run(tree.Root, fix: true, unsafeFixes: true, file);

        Assert.Contains("task.json(16,7): ECS6002 readonlyRootFilesystem: (absent) -> true", stderr, StringComparison.Ordinal);
        Assert.Contains("ecs-policy: fixed 2 finding(s) in 1 file(s).", stderr, StringComparison.Ordinal);
        Assert.Equal(
            Task.Replace("\"essential\": false", "\"essential\": true").Replace("\"awslogs-stream-prefix\": \"web\" }\n      }", "\"awslogs-stream-prefix\": \"web\" }\n      },\n      \"readonlyRootFilesystem\": true"),
            File.ReadAllText(file));
        Assert.DoesNotContain("ECS6002", stdout, StringComparison.Ordinal);
        Assert.Equal(Runner.ExitOk, code);
    }

    [Fact]
    public void A_file_that_cannot_be_fixed_safely_is_left_as_it_is_with_the_reason()
    {
        // The container is written on one line, where --fix adds no member: ECS6002 cannot be fixed, so ECS2001 is not either.
        using var tree = new TempTree();
        const string text = """
            {
              "family": "web",
              "networkMode": "awsvpc",
              "memory": "512",
              "containerDefinitions": [
                { "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "user": "101:101", "essential": false }
              ]
            }
            """;
        var file = tree.Write("task.json", text);
        var (code, stdout, stderr) = Run(tree.Root, fix: true, unsafeFixes: true, file);

        Assert.Equal(text, File.ReadAllText(file));
        Assert.Contains("task.json(6,15): not fixed: ECS6002: the object that would hold readonlyRootFilesystem has members on one line, which --fix does not lay out", stderr, StringComparison.Ordinal);
        Assert.Contains("ecs-policy: fixed 0 finding(s) in 0 file(s).", stderr, StringComparison.Ordinal);
        Assert.Contains("error ECS2001", stdout, StringComparison.Ordinal);
        Assert.Equal(Runner.ExitFindings, code);
    }

    [Fact]
    public void A_template_the_CDK_synthesized_is_not_edited()
    {
        using var tree = new TempTree();
        const string text = """
            {
              "Resources": {
                "TaskDef": {
                  "Type": "AWS::ECS::TaskDefinition",
                  "Metadata": { "aws:cdk:path": "Shop/TaskDef/Resource" },
                  "Properties": {
                    "ContainerDefinitions": [
                      {
                        "Name": "app",
                        "Image": "public.ecr.aws/nginx/nginx:1.27",
                        "Essential": false
                      }
                    ]
                  }
                }
              }
            }
            """;
        var file = tree.Write("Shop.template.json", text);
        var (_, stdout, stderr) = Run(tree.Root, fix: true, file);

        Assert.Equal(text, File.ReadAllText(file));
        Assert.Contains("Shop.template.json: not fixed: the template is generated by cdk synth; fix the CDK app", stderr, StringComparison.Ordinal);
        Assert.Contains("ECS2001", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Fix_is_an_option_of_check_and_in_its_help()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, Program.Run(["check", "--help"], stdout, new StringWriter()));
        Assert.Contains("--fix", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("ruff --fix", stdout.ToString(), StringComparison.Ordinal);
    }
}
