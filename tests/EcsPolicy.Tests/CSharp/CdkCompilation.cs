using System.Collections.Immutable;
using System.Reflection;
using EcsPolicy.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// Compiles C# snippets against the real Amazon.CDK.Lib 2.160.0 reference assemblies (or without them, for the
/// name-based fallback) and runs the analyzer on them through <see cref="CompilationWithAnalyzers"/>, as a build would.
/// </summary>
internal static class CdkCompilation
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(() =>
    {
        var directory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == directory)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    private static readonly Lazy<ImmutableArray<MetadataReference>> CdkReferences = new(() =>
        [.. new[] { "CdkLib", "Constructs", "JsiiRuntime" }.SelectMany(key => Directory.GetFiles(Path.Combine(PackageFolder(key), "lib", "netcoreapp3.1"), "*.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))]);

    public static ImmutableArray<MetadataReference> References(bool withCdk) => withCdk ? [.. RuntimeReferences.Value, .. CdkReferences.Value] : RuntimeReferences.Value;

    private static string PackageFolder(string key) =>
        typeof(CdkCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException("No package folder for " + key);

    private const string GlobalUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n";

    public static CSharpCompilation Create(string code, bool withCdk = true, string path = "/app/Program.cs", params (string Path, string Code)[] more)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        // The implicit usings of an SDK-style project.
        var trees = new[] { (path, code) }.Concat(more).Append(("/app/obj/GlobalUsings.g.cs", GlobalUsings))
            .Select(f => CSharpSyntaxTree.ParseText(f.Item2, options, f.Item1)).ToList();
        return CSharpCompilation.Create(
            "App",
            trees,
            References(withCdk),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The compiler's own errors (a snippet must be valid CDK code when compiled with the CDK).</summary>
    public static IReadOnlyList<string> CompilerErrors(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

    /// <summary>Runs the analyzer; fails on any analyzer exception (AD0001).</summary>
    public static IReadOnlyList<Diagnostic> Analyze(Compilation compilation, params (string Path, string Text)[] additionalFiles) =>
        AnalyzeWithConfig(compilation, new Dictionary<string, Dictionary<string, string>>(), additionalFiles);

    /// <summary>
    /// Runs the analyzer with analyzer configuration options (what .editorconfig, .globalconfig and the
    /// <c>build_metadata</c> of AdditionalFiles give it in a build) per path; <c>""</c> holds the global options.
    /// </summary>
    public static IReadOnlyList<Diagnostic> AnalyzeWithConfig(Compilation compilation, Dictionary<string, Dictionary<string, string>> config, params (string Path, string Text)[] additionalFiles)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([.. additionalFiles.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text))], new ConfigProvider(config)),
            onAnalyzerException: (e, _, _) => exceptions.Add(e.ToString()),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers([new EcsPolicyAnalyzer()], options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>What a user sees: <c>(line,col)-(line,col) ID: message</c>, 1-based.</summary>
    public static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})-({span.EndLinePosition.Line + 1},{span.EndLinePosition.Character + 1}) {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(Describe));

    private sealed class ConfigProvider(Dictionary<string, Dictionary<string, string>> config) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => For("");

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => For(textFile.Path);

        private Options For(string path)
        {
            var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var key in new[] { "", path })
            {
                foreach (var (name, value) in config.GetValueOrDefault(key) ?? [])
                {
                    all[name] = value;
                }
            }

            return new Options(all);
        }
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
