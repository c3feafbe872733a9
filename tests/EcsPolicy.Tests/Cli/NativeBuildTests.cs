using System.Runtime.CompilerServices;
using EcsPolicy.Cli;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// What the native (ahead-of-time compiled) CLI relies on instead of reflection and assembly files, checked in the .NET
/// build; .ci/run compares the native build's reports with this build's.
/// </summary>
public class NativeBuildTests
{
    [Fact]
    public void TheFormatListHasEveryFormatClassInNameOrder()
    {
        var classes = typeof(Runner).Assembly.GetTypes()
            .Where(t => typeof(IOutputFormat).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(classes, OutputFormats.All.Select(f => f.GetType().FullName).Order(StringComparer.Ordinal));
        Assert.Equal(["github", "gitlab", "json", "junit", "sarif", "text"], OutputFormats.All.Select(f => f.Name));
    }

    [Fact]
    public void AnInstallationGivesTheReferenceAssembliesOfItsPack()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

        var assemblies = CSharpProjects.InstalledFrameworkAssemblies(root);

        Assert.Contains(assemblies, a => Path.GetFileName(a) == "System.Runtime.dll");
        Assert.All(assemblies, a => Assert.StartsWith(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref"), a, StringComparison.Ordinal));
    }

    [Fact]
    public void AnInstallationWithoutPacksGivesItsRuntimesAssembliesAndNoNativeLibrary()
    {
        using var tree = new TempTree();
        var runtime = Path.Combine(tree.Root, "shared", "Microsoft.NETCore.App", Environment.Version.Major + ".0.1");
        Directory.CreateDirectory(runtime);
        File.Copy(typeof(object).Assembly.Location.Replace("System.Private.CoreLib.dll", "System.Runtime.dll", StringComparison.Ordinal), Path.Combine(runtime, "System.Runtime.dll"));
        tree.Write(Path.Combine("shared", "Microsoft.NETCore.App", Environment.Version.Major + ".0.1", "coreclr.dll"), "not an assembly");

        Assert.Equal([Path.Combine(runtime, "System.Runtime.dll")], CSharpProjects.InstalledFrameworkAssemblies(tree.Root));
    }

    [Fact]
    public void AFolderWithoutDotnetGivesNoAssemblies()
    {
        using var tree = new TempTree();

        Assert.Empty(CSharpProjects.InstalledFrameworkAssemblies(tree.Root));
    }

    [Fact]
    public void AnInternalErrorNamesTheInnermostMethodOfOursFromTheStackTrace()
    {
        var thrown = Assert.Throws<InvalidOperationException>(Fail);

        Assert.Equal(" (in NativeBuildTests.Fail)", Linter.Where(thrown));
        Assert.Equal("", Linter.Where(new InvalidOperationException("never thrown, so no stack trace")));
    }

    [Theory]
    [InlineData("   at EcsPolicy.Rules.Fargate.FargateSizing.Check(TaskDefinition task, RuleContext context) in /src/FargateSizing.cs:line 12", " (in FargateSizing.Check)")]
    [InlineData("   at EcsPolicy.Rules.Fargate.FargateSizing.Check(EcsPolicy.Model.TaskDefinition, EcsPolicy.Rules.RuleContext) + 0x1f", " (in FargateSizing.Check)")]
    [InlineData("   bei EcsPolicy.Engine.Linter.<>c.<Run>b__1_0(Rule rule)", " (in <>c.<Run>b__1_0)")]
    [InlineData("   at System.Linq.Enumerable.First()\n   at EcsPolicy.Inputs.Json.Reader.Read()", " (in Reader.Read)")]
    [InlineData("   at System.Linq.Enumerable.First()", "")]
    public void AnInternalErrorsLocationIsReadFromTheTraceInAnyLanguage(string trace, string expected) =>
        Assert.Equal(expected, Linter.Where(trace));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail() => throw new InvalidOperationException("a bug");
}
