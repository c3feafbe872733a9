using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: EcsPolicy.Roslyn48Host /reference:<dll>... /analyzer:<dll>... <file.cs>...
// Prints the compiler's version, then every diagnostic of the compilation and of the analyzers as csc does
// ("file(line,col): severity ID: message"); exit code 1 when there is an error, as csc.
var references = new List<string>();
var analyzers = new List<string>();
var sources = new List<string>();
foreach (var arg in args)
{
    if (arg.StartsWith("/reference:", StringComparison.Ordinal))
    {
        references.Add(arg["/reference:".Length..]);
    }
    else if (arg.StartsWith("/analyzer:", StringComparison.Ordinal))
    {
        analyzers.Add(arg["/analyzer:".Length..]);
    }
    else
    {
        sources.Add(arg);
    }
}

Console.WriteLine("compiler " + typeof(Compilation).Assembly.GetName().Version);

// The compiler gives analyzers its own Microsoft.CodeAnalysis and finds their other dependencies beside them.
var directories = analyzers.Select(Path.GetDirectoryName).Distinct().ToList();
AssemblyLoadContext.Default.Resolving += (context, name) =>
{
    if (name.Name is null || name.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
    {
        return null;
    }

    var path = directories.Select(d => Path.Combine(d!, name.Name + ".dll")).FirstOrDefault(File.Exists);
    return path is null ? null : context.LoadFromAssemblyPath(path);
};

var diagnostics = new List<Diagnostic>();
var loader = new Loader();
var instances = new List<DiagnosticAnalyzer>();
foreach (var path in analyzers)
{
    var reference = new AnalyzerFileReference(Path.GetFullPath(path), loader);
    // What csc reports when an analyzer assembly cannot be used: built against a newer compiler (CS9057), not loadable
    // (CS8034), or an analyzer in it not creatable (CS8032).
    reference.AnalyzerLoadFailed += (_, e) => Console.WriteLine(e.ErrorCode switch
    {
        AnalyzerLoadFailureEventArgs.FailureErrorCode.ReferencesNewerCompiler => $"warning CS9057: The analyzer assembly '{path}' references version '{e.ReferencedCompilerVersion}' of the compiler, which is newer than the currently running version '{typeof(Compilation).Assembly.GetName().Version}'.",
        AnalyzerLoadFailureEventArgs.FailureErrorCode.UnableToLoadAnalyzer => $"warning CS8034: Unable to load Analyzer assembly {path} : {e.Exception?.Message}",
        _ => $"warning CS8032: An instance of analyzer {e.TypeName} cannot be created from {path} : {e.Exception?.Message ?? e.Message}.",
    });
    instances.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
}

var options = new CSharpParseOptions(LanguageVersion.Latest);
var trees = sources.Select(s => CSharpSyntaxTree.ParseText(File.ReadAllText(s), options, s)).ToList();
var compilation = CSharpCompilation.Create(
    "App",
    trees,
    references.Select(r => MetadataReference.CreateFromFile(r)),
    new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
diagnostics.AddRange(compilation.GetDiagnostics());
if (instances.Count > 0)
{
    var withAnalyzers = compilation.WithAnalyzers([.. instances], new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
    diagnostics.AddRange(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
}

// CS1701 and CS1702 (assembly version unification) are in the SDK's default NoWarn.
foreach (var diagnostic in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden && d.Id is not ("CS1701" or "CS1702")).OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal))
{
    Console.WriteLine(diagnostic.ToString());
}

return diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? 1 : 0;

/// <summary>Loads analyzer assemblies into the default context, where the resolver above finds their dependencies.</summary>
internal sealed class Loader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
}
