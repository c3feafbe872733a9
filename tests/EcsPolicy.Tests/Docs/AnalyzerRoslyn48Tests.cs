using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EcsPolicy.Tests.CSharp;
using EcsPolicy.Tests.Support;
using Xunit.Abstractions;

namespace EcsPolicy.Tests.Docs;

/// <summary>
/// The package's analyzers/dotnet/roslyn4.8/cs folder (the src/*.Roslyn4.8 builds) under the .NET 8 SDK's compiler,
/// Microsoft.CodeAnalysis 4.8: tests/EcsPolicy.Roslyn48Host compiles a CDK program with that compiler and runs the
/// analyzer assemblies it is given as csc does (the Microsoft.Net.Compilers.Toolset 4.8 package, csc itself, is not
/// restorable here). The user sees the same findings as with the regular build under a current compiler, and no
/// CS8032 or CS9057; the regular build under the 4.8 compiler is what .NET 8 SDK users got before: CS9057 and no finding.
/// </summary>
public class AnalyzerRoslyn48Tests(ITestOutputHelper log)
{
    private const string Program = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;
        using Constructs;

        var app = new App();
        var stack = new Stack(app, "Shop");
        var taskDef = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps
        {
            Cpu = 1024,
            MemoryLimitMiB = 3000,
        });
        taskDef.AddContainer("Web", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        });
        app.Synth();

        """;

    private static readonly string Configuration = typeof(AnalyzerRoslyn48Tests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private static string Output(string project, string framework) => Repo.PathOf(project.StartsWith("EcsPolicy.Roslyn48Host", StringComparison.Ordinal) ? "tests" : "src", project, "bin", Configuration, framework);

    /// <summary>
    /// The files of the package's roslyn4.8 folder: the 4.8 analyzer build's output (it copies its dependencies) without
    /// the assemblies the compiler provides, and the 4.8 code fixes.
    /// </summary>
    private static List<string> Roslyn48Folder()
    {
        var provided = new[] { "System.Collections.Immutable.dll", "System.Reflection.Metadata.dll", "System.Text.Encoding.CodePages.dll" };
        var files = Directory.GetFiles(Output("EcsPolicy.Analyzers.Roslyn4.8", "netstandard2.0"), "*.dll")
            .Where(f => !Path.GetFileName(f).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && !provided.Contains(Path.GetFileName(f)))
            .Append(Path.Combine(Output("EcsPolicy.CodeFixes.Roslyn4.8", "netstandard2.0"), "EcsPolicy.CodeFixes.dll"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Contains(files, f => f.EndsWith("/EcsPolicy.Analyzers.dll", StringComparison.Ordinal));
        return files;
    }

    /// <summary>The framework and the CDK reference assemblies, as the CDK snippets of the C# tests use them.</summary>
    private static IEnumerable<string> References()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Where(p => Path.GetDirectoryName(p) == runtime);
        var cdk = new[] { "CdkLib", "Constructs", "JsiiRuntime" }
            .Select(key => typeof(AnalyzerRoslyn48Tests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!)
            .SelectMany(folder => Directory.GetFiles(Path.Combine(folder, "lib", "netcoreapp3.1"), "*.dll"));
        return framework.Concat(cdk).Order(StringComparer.Ordinal);
    }

    private async Task<(int Code, List<string> Lines)> Compile(IEnumerable<string> analyzers)
    {
        using var tree = new TempTree();
        tree.Write("Program.cs", Program);
        var host = Path.Combine(Output("EcsPolicy.Roslyn48Host", "net10.0"), "EcsPolicy.Roslyn48Host.dll");
        var args = new[] { host }.Concat(References().Select(r => "/reference:" + r)).Concat(analyzers.Select(a => "/analyzer:" + a)).Append("Program.cs");
        var (code, stdout, stderr) = await Processes.Run("dotnet", args, tree.Root, TimeSpan.FromMinutes(3));
        log.WriteLine(stdout);
        Assert.Equal("", stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("compiler 4.8.0.0", lines[0]);
        return (code, lines.Skip(1).ToList());
    }

    [Fact]
    public async Task The_roslyn48_folder_reports_under_the_4_8_compiler_what_the_regular_build_reports_under_a_current_one()
    {
        var (code, lines) = await Compile(Roslyn48Folder());

        // The build fails on the error finding, and nothing else than the analyzer's findings is printed.
        Assert.Equal(1, code);
        Assert.Contains("Program.cs(10,22): error ECS1001: Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 1024: with this Cpu use MemoryLimitMiB 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct Shop/TaskDef]", lines);
        Assert.DoesNotContain(lines, l => l.Contains("CS8032", StringComparison.Ordinal) || l.Contains("CS9057", StringComparison.Ordinal) || l.Contains("AD0001", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains(": ECS", l.Replace(" error ECS", " ECS", StringComparison.Ordinal).Replace(" warning ECS", " ECS", StringComparison.Ordinal).Replace(" info ECS", " ECS", StringComparison.Ordinal), StringComparison.Ordinal));

        // The same findings (rule, file, line, column, severity, message) as the regular build in-process (Roslyn 4.14).
        var current = CdkCompilation.Analyze(CdkCompilation.Create(Program, path: "Program.cs"))
            .Where(d => d.Id.StartsWith("ECS", StringComparison.Ordinal) && d.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Hidden)
            .Select(d => d.ToString())
            .ToList();
        Assert.Equal(current, lines);
    }

    [Fact]
    public async Task The_regular_build_under_the_4_8_compiler_fails_to_load_which_is_why_the_package_has_a_roslyn48_folder()
    {
        var regular = new[] { "EcsPolicy.Core.dll", "EcsPolicy.CSharp.dll", "EcsPolicy.Analyzers.dll", "YamlDotNet.dll" }.Select(f => Path.Combine(AppContext.BaseDirectory, f));

        var (code, lines) = await Compile(regular);

        Assert.Equal(0, code);
        // Roslyn 4.8 names the cause (CS9057) where older compilers only failed to create the analyzer (CS8032).
        Assert.Contains($"warning CS9057: The analyzer assembly '{Path.Combine(AppContext.BaseDirectory, "EcsPolicy.Analyzers.dll")}' references version '4.14.0.0' of the compiler, which is newer than the currently running version '4.8.0.0'.", lines);
        Assert.DoesNotContain(lines, l => l.Contains(" ECS1001: ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_roslyn48_assemblies_reference_no_Roslyn_newer_than_4_8_and_have_the_regular_names()
    {
        var ours = Roslyn48Folder().Where(f => Path.GetFileName(f).StartsWith("EcsPolicy.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["EcsPolicy.Analyzers", "EcsPolicy.CSharp", "EcsPolicy.CodeFixes", "EcsPolicy.Core"], ours.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        foreach (var file in ours)
        {
            using var pe = new PEReader(File.OpenRead(file));
            var reader = pe.GetMetadataReader();
            Assert.Equal(Path.GetFileNameWithoutExtension(file), reader.GetString(reader.GetAssemblyDefinition().Name));
            var roslyn = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h)).Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToList();
            Assert.All(roslyn, r => Assert.True(r.Version <= new Version(4, 8, 0, 0), $"{Path.GetFileName(file)} references {reader.GetString(r.Name)} {r.Version}"));
            if (Path.GetFileName(file) is "EcsPolicy.Analyzers.dll" or "EcsPolicy.CSharp.dll" or "EcsPolicy.CodeFixes.dll")
            {
                Assert.NotEmpty(roslyn);
            }
        }
    }
}
