using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Outputs;

/// <summary>
/// Properties every output format has (each format the CLI offers, from the list written at compile time, so a new one
/// is covered): no secret value of the inputs ever appears, and the bytes do not depend on the run, the number of
/// threads or the order the files are given in.
/// </summary>
public class EveryFormatTests
{
    /// <summary>Planted secrets: each is a value the rules look at (and report) but must never repeat.</summary>
    private static readonly string[] Secrets =
    [
        "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY",
        "Zq8#vL2!pR7@wX4$",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "hunter2-Super-Secret-Pass",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "s3cr3t-in-a-url",
    ];

    public static TheoryData<string> FormatNames() => [.. Runner.Formats.Select(f => f.Name)];

    private static TempTree Inputs()
    {
        var tree = new TempTree();
        tree.Write("task.json", $$"""
            {
              "family": "web",
              "containerDefinitions": [{
                "name": "web", "image": "public.ecr.aws/nginx/nginx:latest", "memory": 512,
                "environment": [
                  { "name": "AWS_SECRET_ACCESS_KEY", "value": "{{Secrets[0]}}" },
                  { "name": "DB_PASSWORD", "value": "{{Secrets[1]}}" },
                  { "name": "GITHUB_TOKEN", "value": "{{Secrets[2]}}" },
                  { "name": "SESSION", "value": "{{Secrets[4]}}" },
                  { "name": "DATABASE_URL", "value": "postgres://app:{{Secrets[5]}}@db:5432/app" }
                ]
              }]
            }
            """);
        tree.Write("stack.yaml", $"""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: nginx:latest
                      Memory: 512
                      Environment:
                        - Name: ADMIN_PASSWORD
                          Value: {Secrets[3]}
                      LogConfiguration:
                        LogDriver: splunk
                        Options:
                          splunk-token: {Secrets[2]}
            """);
        tree.Write("copilot/api/manifest.yml", $"""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:latest
            variables:
              API_KEY: {Secrets[0]}
              DB_PASSWORD: "{Secrets[1]}"
            """);
        tree.Write("broken.json", "{\n  \"family\": \"x\",\n  \"containerDefinitions\": [{ \"name\": \"x\", \"environment\": [{\"name\": \"K\", \"value\": \"" + Secrets[0] + "\"}], }]\n}");
        return tree;
    }

    private static string Run(TempTree tree, string format, int? threads = null, bool reversed = false, bool includeSuppressed = false)
    {
        var paths = new[] { "task.json", "stack.yaml", "copilot/api/manifest.yml", "broken.json" }.Select(p => Path.Combine(tree.Root, p)).ToArray();
        if (reversed)
        {
            Array.Reverse(paths);
        }

        var stdout = new StringWriter();
        Runner.Run(new CheckSettings { Paths = paths, Format = format, RootDirectory = tree.Root, MaxParallelism = threads, IncludeSuppressed = includeSuppressed, FailLevel = EcsPolicy.Findings.Severity.None }, stdout, new StringWriter());
        return stdout.ToString();
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void No_output_format_repeats_a_secret_value(string format)
    {
        using var tree = Inputs();
        var output = Run(tree, format, includeSuppressed: true);

        Assert.Contains("ECS3001", output, StringComparison.Ordinal);
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void Every_output_format_is_byte_identical_across_runs_threads_and_file_orders(string format)
    {
        using var tree = Inputs();
        var first = Run(tree, format);

        Assert.Equal(first, Run(tree, format));
        Assert.Equal(first, Run(tree, format, threads: 1));
        Assert.Equal(first, Run(tree, format, threads: 4, reversed: true));
    }
}
