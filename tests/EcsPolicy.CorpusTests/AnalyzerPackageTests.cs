using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EcsPolicy.Catalog;
using EcsPolicy.Tests.CSharp;
using EcsPolicy.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// The analyzer as users get it: EcsPolicy.Analyzers is packed into a local folder feed and referenced by a copy of
/// tests/cdk-apps/fargate-service, which is built with <c>dotnet build</c> (needs NuGet for the CDK packages). The build
/// reports the CDK code's findings, those of a task definition added by the naming convention and those of a custom
/// policy in ecs-policies/, as the analyzer does in-process; a .globalconfig of the project changes severities; the
/// opt-out property leaves the JSON file out. Packed on linux-x64, the package also holds ReadyToRun copies of the
/// assemblies, which its targets give the compiler there (this machine's builds run on them).
/// </summary>
public sealed partial class AnalyzerPackageTests(ITestOutputHelper log) : IDisposable
{
    private const string TaskDefinition = """
        {
          "family": "web",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "awsvpc",
          "cpu": "1024",
          "memory": "3000",
          "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
          "containerDefinitions": [
            { "name": "web", "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.4", "essential": true }
          ]
        }
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "ecs-policy-analyzer-package", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temporary folder is left behind.
        }
    }

    [Fact]
    public async Task The_packed_analyzer_reports_in_a_CDK_app_build_with_conventions_severities_and_opt_out()
    {
        var clock = Stopwatch.StartNew();
        var feed = Path.Combine(_root, "feed");
        var app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);

        // A version of its own, so that no package cache can hand out another build of the analyzer (MinVer sets the
        // version from git tags unless MinVerVersionOverride names it).
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var configuration = typeof(AnalyzerPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var pack = await Run("dotnet", ["pack", Repo.PathOf("src", "EcsPolicy.Analyzers.Package"), "-c", configuration, "-o", feed, "-p:PackageVersion=" + version, "-p:MinVerVersionOverride=" + version, "--nologo", "-nodeReuse:false"], Repo.Root);
        Assert.True(pack.Code == 0, pack.Out + pack.Err);
        log.WriteLine($"pack: {clock.Elapsed.TotalSeconds:F1} s");
        AssertPackageLayout(Path.Combine(feed, "EcsPolicy.Analyzers." + version + ".nupkg"));

        // The app, its Directory.*.props, a task definition named by the convention and a policy in ecs-policies/.
        File.Copy(Repo.PathOf("tests", "cdk-apps", "Directory.Build.props"), Path.Combine(_root, "Directory.Build.props"));
        File.WriteAllText(
            Path.Combine(_root, "Directory.Packages.props"),
            File.ReadAllText(Repo.PathOf("tests", "cdk-apps", "Directory.Packages.props")).Replace("  </ItemGroup>", $"    <PackageVersion Include=\"EcsPolicy.Analyzers\" Version=\"{version}\" />\n  </ItemGroup>", StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(Repo.PathOf("tests", "cdk-apps", "fargate-service")))
        {
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }

        var project = Path.Combine(app, "FargateService.csproj");
        var csproj = File.ReadAllText(project);
        File.WriteAllText(project, csproj.Replace("<PackageReference Include=\"Constructs\" />", "<PackageReference Include=\"Constructs\" />\n    <PackageReference Include=\"EcsPolicy.Analyzers\" PrivateAssets=\"all\" />", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(app, "deploy"));
        File.WriteAllText(Path.Combine(app, "deploy", "web.taskdef.json"), TaskDefinition);
        Directory.CreateDirectory(Path.Combine(app, "ecs-policies"));
        File.Copy(Repo.PathOf("rules", "examples", "allowed-registry.yaml"), Path.Combine(app, "ecs-policies", "allowed-registry.yaml"));
        WriteNuGetConfig(feed);

        var program = File.ReadAllText(Path.Combine(app, "Program.cs"));
        var memory = Position(program, "MemoryLimitMiB = 3000", "3000");
        var image = Position(program, "ContainerImage.FromRegistry(\"nginx:latest\")", "\"nginx:latest\"");
        var jsonMemory = Position(TaskDefinition, "\"memory\": \"3000\"", "\"3000\"");
        const string Ecs1001Cdk = "Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 1024: with this Cpu use MemoryLimitMiB 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct FargateServiceStack/Api/TaskDef]";
        const string Ecs1001Json = "Fargate does not support memory 3000 MiB with cpu 1024: with this cpu use memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate cpu accepts 3000 MiB.";
        const string Acme001 = "ACME001: Container 'Web' uses the image nginx:latest, which is not from the company registry 111122223333.dkr.ecr: push it there and use that reference. [construct FargateServiceStack/Api/TaskDef]";

        // 1. Defaults: the catalog's severities (errors fail the build), the JSON file and the policy by convention.
        var build = await Build(app);
        Assert.Equal(1, build.Code);
        Assert.Contains($"Program.cs({memory.Line},{memory.Column}): error ECS1001: {Ecs1001Cdk}", build.Findings);
        Assert.Contains($"deploy/web.taskdef.json({jsonMemory.Line},{jsonMemory.Column}): error ECS1001: {Ecs1001Json}", build.Findings);
        Assert.Contains($"Program.cs({image.Line},{image.Column}): error ECSP001: {Acme001}", build.Findings);
        Assert.DoesNotContain(build.Findings, f => f.StartsWith("ecs-policies/", StringComparison.Ordinal));

        // Exactly what the analyzer reports in-process on the same files (warnings and errors: what the build prints).
        Assert.Equal(InProcess(app), build.Findings);
        log.WriteLine($"build 1: {clock.Elapsed.TotalSeconds:F1} s");

        // The assemblies the compiler was given: the ReadyToRun copies where the package has them for this machine (the
        // .NET 10 SDK on linux-x64), the IL ones with EcsPolicyReadyToRun=false.
        var folder = PacksReadyToRun ? "build/ReadyToRun/linux-x64/" : "analyzers/dotnet/roslyn4.14/cs/";
        Assert.All(await EcsPolicyAnalyzerItems(app), path => Assert.Contains("/ecspolicy.analyzers/" + version + "/" + folder, path, StringComparison.Ordinal));
        Assert.All(await EcsPolicyAnalyzerItems(app, "-p:EcsPolicyReadyToRun=false"), path => Assert.Contains("/ecspolicy.analyzers/" + version + "/analyzers/dotnet/roslyn4.14/cs/", path, StringComparison.Ordinal));

        // The SDK picks the folder by its compiler's Roslyn version (CompilerApiVersion): the .NET 8 SDK's gets the 4.8
        // build, and the ReadyToRun copies (of the 4.14 build) never replace it.
        Assert.All(await EcsPolicyAnalyzerItems(app, "-p:CompilerApiVersion=roslyn4.8"), path => Assert.Contains("/ecspolicy.analyzers/" + version + "/analyzers/dotnet/roslyn4.8/cs/", path, StringComparison.Ordinal));

        // 1b. The strict preset: the same findings, and the notes (hardening advice) printed as warnings too.
        var strict = await Build(app, "-p:EcsPolicyAnalysisMode=strict");
        Assert.Equal(1, strict.Code);
        Assert.All(build.Findings, f => Assert.Contains(f, strict.Findings));
        var raised = strict.Findings.Except(build.Findings).ToList();
        Assert.NotEmpty(raised);
        Assert.All(raised, f => Assert.Equal(Severity.Note, RuleCatalog.All.Single(r => f.Contains(" warning " + r.Id + ": ", StringComparison.Ordinal)).DefaultSeverity));
        log.WriteLine($"build 1b: {clock.Elapsed.TotalSeconds:F1} s");

        // 2. The project's .globalconfig wins over the package's: ECS1001 a warning (also in the JSON file, which an
        //    .editorconfig section could not configure), the other errors and the policy off: the build passes.
        File.WriteAllText(Path.Combine(app, ".globalconfig"), """
            is_global = true
            dotnet_diagnostic.ECS1001.severity = warning
            dotnet_diagnostic.ECS1004.severity = none
            dotnet_diagnostic.ECS3001.severity = none
            ecs_policy.ACME001.severity = none
            dotnet_analyzer_diagnostic.category-Logging.severity = none

            """);
        var configured = await Build(app);
        Assert.Equal(0, configured.Code);
        Assert.Contains($"Program.cs({memory.Line},{memory.Column}): warning ECS1001: {Ecs1001Cdk}", configured.Findings);
        Assert.Contains($"deploy/web.taskdef.json({jsonMemory.Line},{jsonMemory.Column}): warning ECS1001: {Ecs1001Json}", configured.Findings);
        Assert.DoesNotContain(configured.Findings, f => f.Contains(" error ", StringComparison.Ordinal) || f.Contains("ECS1004", StringComparison.Ordinal) || f.Contains("ECS3001", StringComparison.Ordinal) || f.Contains("ECSP001", StringComparison.Ordinal));
        // A category setting loses to the package's per-rule defaults: the Logging rule ECS5001 is still reported.
        // (ECS3001 is a warning by default, switched off here.)
        Assert.Equal(build.Findings.Where(f => !f.Contains(" error ", StringComparison.Ordinal) && !f.Contains(" ECS3001: ", StringComparison.Ordinal)), configured.Findings.Where(f => !f.Contains(" ECS1001: ", StringComparison.Ordinal)));
        Assert.Contains(configured.Findings, f => f.StartsWith("Program.cs(", StringComparison.Ordinal) && f.Contains(" ECS5001: ", StringComparison.Ordinal));
        log.WriteLine($"build 2: {clock.Elapsed.TotalSeconds:F1} s");

        // 3. Opt-outs: no JSON file added by the convention (in the project file), and without the package's defaults
        //    (in Directory.Build.props) the category setting applies to the C# files.
        File.WriteAllText(project, File.ReadAllText(project).Replace("<IsPackable>false</IsPackable>", "<IsPackable>false</IsPackable>\n    <EcsPolicyAddAdditionalFiles>false</EcsPolicyAddAdditionalFiles>", StringComparison.Ordinal));
        var buildProps = Path.Combine(_root, "Directory.Build.props");
        File.WriteAllText(buildProps, File.ReadAllText(buildProps).Replace("</PropertyGroup>", "  <EcsPolicyDefaultSeverities>false</EcsPolicyDefaultSeverities>\n  </PropertyGroup>", StringComparison.Ordinal));
        var optedOut = await Build(app);
        Assert.Equal(0, optedOut.Code);
        var logging = new[] { " ECS5001: ", " ECS5006: " };
        Assert.Equal(configured.Findings.Where(f => !f.StartsWith("deploy/", StringComparison.Ordinal) && !logging.Any(id => f.Contains(id, StringComparison.Ordinal))), optedOut.Findings);
        Assert.Contains(optedOut.Findings, f => f.StartsWith("Program.cs(", StringComparison.Ordinal));
        log.WriteLine($"total: {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static void AssertPackageLayout(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal).ToList();
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        foreach (var assembly in new[] { "EcsPolicy.Analyzers", "EcsPolicy.Core", "EcsPolicy.CSharp", "YamlDotNet", "System.Text.Json", "System.Text.Encodings.Web", "System.Memory", "Microsoft.Bcl.AsyncInterfaces" })
        {
            Assert.Contains("analyzers/dotnet/roslyn4.14/cs/" + assembly + ".dll", entries);
        }

        if (File.Exists(Repo.PathOf("src", "EcsPolicy.CodeFixes", "EcsPolicy.CodeFixes.csproj")))
        {
            Assert.Contains("analyzers/dotnet/roslyn4.14/cs/EcsPolicy.CodeFixes.dll", entries);
        }

        var il = entries.Where(e => e.StartsWith("analyzers/dotnet/roslyn4.14/cs/", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        // The analyzer for the .NET 8 SDK's compiler (Roslyn 4.8): the same assemblies, built against Roslyn 4.8.
        Assert.Equal(il, entries.Where(e => e.StartsWith("analyzers/dotnet/roslyn4.8/cs/", StringComparison.Ordinal)).Select(Path.GetFileName).ToList());
        var readyToRun = entries.Where(e => e.StartsWith("build/ReadyToRun/linux-x64/", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        Assert.All(entries.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)), e => Assert.True(e.StartsWith("analyzers/dotnet/roslyn4.14/cs/", StringComparison.Ordinal) || e.StartsWith("analyzers/dotnet/roslyn4.8/cs/", StringComparison.Ordinal) || e.StartsWith("build/ReadyToRun/linux-x64/", StringComparison.Ordinal), e));
        if (PacksReadyToRun)
        {
            // The same files, and ours compiled ahead of time (a ReadyToRun header) where the IL ones are not.
            Assert.Equal(il, readyToRun);
            foreach (var assembly in new[] { "EcsPolicy.Analyzers", "EcsPolicy.Core", "EcsPolicy.CSharp", "YamlDotNet" })
            {
                Assert.False(IsReadyToRun(zip, "analyzers/dotnet/roslyn4.14/cs/" + assembly + ".dll"), assembly);
                Assert.True(IsReadyToRun(zip, "build/ReadyToRun/linux-x64/" + assembly + ".dll"), assembly);
            }
        }
        else
        {
            Assert.Empty(readyToRun);
        }

        Assert.Contains("build/EcsPolicy.Analyzers.props", entries);
        Assert.Contains("build/EcsPolicy.Analyzers.targets", entries);
        Assert.Contains("build/EcsPolicy.Analyzers.globalconfig", entries);
        Assert.Contains("build/EcsPolicy.Analyzers.strict.globalconfig", entries);

        var nuspec = XDocument.Load(zip.GetEntry("EcsPolicy.Analyzers.nuspec")!.Open());
        Assert.Equal("true", nuspec.Descendants().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName is "dependency" or "dependencies");
    }

    /// <summary>Whether <c>dotnet pack</c> here adds the ReadyToRun copies: on linux-x64 (the package project's condition).</summary>
    private static bool PacksReadyToRun => RuntimeInformation.RuntimeIdentifier == "linux-x64";

    private static bool IsReadyToRun(ZipArchive zip, string entry)
    {
        using var stream = new MemoryStream();
        using (var source = zip.GetEntry(entry)!.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    /// <summary>The paths of the package's Analyzer items that the compiler gets, after the package's targets ran.</summary>
    private async Task<List<string>> EcsPolicyAnalyzerItems(string app, params string[] properties)
    {
        var result = await Run("dotnet", ["msbuild", "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer", "-nologo", "-nodeReuse:false", .. properties], app);
        Assert.True(result.Code == 0, result.Out + result.Err);
        using var json = JsonDocument.Parse(result.Out);
        var paths = json.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray().Select(i => i.GetProperty("FullPath").GetString()!.Replace('\\', '/'))
            .Where(p => p.Contains("/ecspolicy.analyzers/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(paths, p => p.EndsWith("/EcsPolicy.Core.dll", StringComparison.Ordinal));
        return paths;
    }

    /// <summary>The analyzer run in-process on the app's Program.cs and its AdditionalFiles, as the build prints the findings.</summary>
    private static List<string> InProcess(string app)
    {
        var program = Path.Combine(app, "Program.cs");
        var compilation = CdkCompilation.Create(File.ReadAllText(program), path: program);
        var files = new[] { Path.Combine(app, "deploy", "web.taskdef.json"), Path.Combine(app, "ecs-policies", "allowed-registry.yaml") };
        var diagnostics = CdkCompilation.Analyze(compilation, [.. files.Select(f => (f, File.ReadAllText(f)))]);
        return [.. diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d =>
        {
            var span = d.Location.GetLineSpan();
            var severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning";
            return $"{Relative(app, span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {severity} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
        }).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>1-based line and column of <paramref name="part"/> inside the first <paramref name="context"/> in the text.</summary>
    private static (int Line, int Column) Position(string text, string context, string part)
    {
        var at = text.IndexOf(context, StringComparison.Ordinal);
        Assert.True(at >= 0, "not found: " + context);
        var offset = at + context.IndexOf(part, StringComparison.Ordinal);
        var before = text[..offset];
        return (before.Count(c => c == '\n') + 1, offset - (before.LastIndexOf('\n') + 1) + 1);
    }

    private void WriteNuGetConfig(string feed)
    {
        // Packages go to a fresh folder; the machine's package folder is a read-only fallback for the CDK packages.
        var machine = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(machine) ? $"<fallbackPackageFolders><add key=\"machine\" value=\"{machine}\" /></fallbackPackageFolders>" : "";
        File.WriteAllText(Path.Combine(_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" /></config>
              <packageSources><add key="ecs-policy-local" value="{feed}" /></packageSources>
              {fallback}
            </configuration>
            """);
    }

    private async Task<(int Code, List<string> Findings)> Build(string app, params string[] properties)
    {
        var result = await Run("dotnet", ["build", "--nologo", "-tl:off", "-v:q", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. properties], app);
        var findings = result.Out.Split('\n').Select(l => BuildLine().Match(l.TrimEnd('\r'))).Where(m => m.Success && m.Groups["id"].Value.StartsWith("ECS", StringComparison.Ordinal))
            .Select(m => $"{Relative(app, m.Groups["file"].Value)}({m.Groups["pos"].Value}): {m.Groups["severity"].Value} {m.Groups["id"].Value}: {m.Groups["message"].Value}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        log.WriteLine(string.Join("\n", findings));
        return (result.Code, findings);
    }

    private static string Relative(string app, string path) => Path.GetRelativePath(app, path).Replace('\\', '/');

    // path(line,col): severity ID: message (help link) [project]
    [GeneratedRegex(@"^(?<file>.+?)\((?<pos>\d+,\d+)\): (?<severity>error|warning) (?<id>[A-Z][A-Z0-9]*): (?<message>.*?)(?: \(https?://[^ )]+\))? \[[^\]]+\]$")]
    private static partial Regex BuildLine();

    private Task<(int Code, string Out, string Err)> Run(string file, string[] args, string workingDirectory) =>
        Processes.Run(file, args, workingDirectory, TimeSpan.FromMinutes(5), log);
}
