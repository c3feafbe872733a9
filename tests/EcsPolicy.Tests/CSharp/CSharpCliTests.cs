using System.Diagnostics;
using System.Text.Json;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.CSharp;

/// <summary><c>ecs-policy check</c> on AWS CDK C# code: files, folders, projects and solutions, compiled without MSBuild.</summary>
public class CSharpCliTests
{
    private const string Program = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        _ = new ApiStack(app, "Api");
        app.Synth();
        """;

    private const string ApiStack = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;
        using Constructs;

        public sealed class ApiStack : Stack
        {
            public ApiStack(Construct scope, string id)
                : base(scope, id)
            {
                var taskDef = new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps { Cpu = 512, MemoryLimitMiB = 512 });
                taskDef.AddContainer("Web", new ContainerDefinitionOptions
                {
                    Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                    User = "101",
                    ReadonlyRootFilesystem = true,
                    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "web" }),
                    HealthCheck = new HealthCheck { Command = new[] { "CMD-SHELL", "curl -f http://localhost/ || exit 1" } },
                });
            }
        }
        """;

    private static (int Code, string Out, string Err) Check(string root, string format, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = paths, Format = format, RootDirectory = root }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static TempTree App()
    {
        var tree = new TempTree();
        tree.Write("infra/Infra.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        tree.Write("infra/Program.cs", Program);
        tree.Write("infra/Stacks/ApiStack.cs", ApiStack);

        // Build output is not source.
        tree.Write("infra/obj/Debug/Generated.cs", "new Amazon.CDK.AWS.ECS.FargateTaskDefinition(null, \"X\", new() { MemoryLimitMiB = 3000 });");
        tree.Write("Infra.sln", "Microsoft Visual Studio Solution File, Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Infra\", \"infra\\Infra.csproj\", \"{94865A92-D3AC-4BA7-88AD-FE55BCE7F69D}\"\nEndProject\n");
        return tree;
    }

    [Theory]
    [InlineData("infra")]
    [InlineData("infra/Infra.csproj")]
    [InlineData("Infra.sln")]
    [InlineData("infra/Stacks/ApiStack.cs")]
    public void CDK_code_is_checked_from_a_folder_project_solution_or_file(string given)
    {
        using var tree = App();
        var (code, output, error) = Check(tree.Root, "text", Path.Combine(tree.Root, given));

        Assert.Equal("", error);
        Assert.Equal(1, code);
        Assert.Equal(
            "infra/Stacks/ApiStack.cs(10,127): error ECS1001: Fargate does not support MemoryLimitMiB 512 MiB with Cpu 512: with this Cpu use MemoryLimitMiB 1024, 2048, 3072 or 4096 MiB, or keep this MemoryLimitMiB and use Cpu 256. [construct Api/TaskDef]\n"
            + "1 error(s), 0 warning(s), 0 note(s) in 1 task definition(s) from 1 file(s)" + (given.EndsWith(".cs", StringComparison.Ordinal) ? "." : "; 1 file(s) skipped (not a recognised input)."),
            output.Replace("\r\n", "\n").TrimEnd());
    }

    [Fact]
    public void SARIF_and_JSON_point_at_the_CSharp_source()
    {
        using var tree = App();
        var (_, json, _) = Check(tree.Root, "json", Path.Combine(tree.Root, "infra"));
        var finding = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal(("ECS1001", "infra/Stacks/ApiStack.cs", 10, 127, 130), (finding.GetProperty("ruleId").GetString(), finding.GetProperty("file").GetString(), finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32(), finding.GetProperty("endColumn").GetInt32()));

        var (_, sarif, _) = Check(tree.Root, "sarif", Path.Combine(tree.Root, "infra"));
        var result = JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single();
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("infra/Stacks/ApiStack.cs", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(10, location.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task A_run_on_JSON_needs_no_Roslyn()
    {
        // The CLI without the C# front end and Roslyn beside it: JSON and YAML runs must not load them.
        using var tree = new TempTree();
        var bin = Path.Combine(tree.Root, "bin");
        Directory.CreateDirectory(bin);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
        {
            var name = Path.GetFileName(file);
            if (!name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !name.StartsWith("EcsPolicy.CSharp", StringComparison.Ordinal)
                && !name.StartsWith("EcsPolicy.Analyzers", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(bin, name));
            }
        }

        var json = tree.Write("task.json", "{ \"family\": \"web\", \"containerDefinitions\": [{ \"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 512 }] }");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(bin, "ecs-policy.dll"), "check", json, "--fail-level", "none" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the CLI did not finish");
        Assert.Equal("", error);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("in 1 task definition(s) from 1 file(s).", await output, StringComparison.Ordinal);
    }
}
