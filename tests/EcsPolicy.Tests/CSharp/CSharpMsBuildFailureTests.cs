using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// <c>check --msbuild</c> on a project MSBuild cannot open: the project was not checked, which is an ECS0001 error at
/// it with MSBuild's reason, one line on stderr and exit code 2; never "0 file(s)" with exit code 0, never a stack trace.
/// </summary>
public class CSharpMsBuildFailureTests
{
    private const string Program = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "Shop");
        _ = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = 3000 });
        """;

    private static (int Code, string Out, string Err) Check(string root, params string[] paths)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = paths, Format = "text", RootDirectory = root, UseMsBuild = true }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("infra/Infra.csproj")]
    [InlineData("infra/Program.cs")]
    [InlineData("infra")]
    public void A_project_file_that_is_not_XML_is_ECS0001_at_it_with_MSBuilds_reason(string given)
    {
        using var tree = new TempTree();
        tree.Write("infra/Infra.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe\n</Project>\n");
        tree.Write("infra/Program.cs", Program);

        var (code, output, errors) = Check(tree.Root, Path.Combine(tree.Root, given));

        Assert.Equal(Runner.ExitUsageOrUnreadable, code);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ecs-policy: infra/Infra.csproj was not checked completely: MSBuild could not open it: ", line, StringComparison.Ordinal);
        Assert.Contains("The 'OutputType' start tag on line 3 position 6 does not match the end tag of 'Project'", line, StringComparison.Ordinal);
        Assert.Contains("infra/Infra.csproj(1,1): error ECS0001: The file cannot be read: MSBuild could not open it: ", output, StringComparison.Ordinal);
        Assert.Contains("; 1 file(s) not checked completely", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_global_json_asking_for_an_SDK_that_is_not_installed_is_one_line_and_exit_code_2()
    {
        using var tree = new TempTree();
        tree.Write("infra/global.json", """{"sdk":{"version":"1.0.100"}}""");
        tree.Write("infra/Infra.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n");
        tree.Write("infra/Program.cs", Program);

        var (code, output, errors) = Check(tree.Root, Path.Combine(tree.Root, "infra", "Infra.csproj"));

        Assert.Equal(Runner.ExitUsageOrUnreadable, code);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ecs-policy: infra/Infra.csproj was not checked completely: MSBuild could not open it: ", line, StringComparison.Ordinal);
        Assert.Contains("infra/Infra.csproj(1,1): error ECS0001: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + errors, StringComparison.Ordinal);
    }
}
