using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// Runs a code fix as the IDE does: the snippet is a document of an <see cref="AdhocWorkspace"/> project compiled
/// against the CDK reference assemblies, the analyzer's diagnostics are handed to the provider through a
/// <see cref="CodeFixContext"/>, and the first action (or Fix All) is applied to give the new source text.
/// </summary>
internal sealed class CodeFixRunner : IDisposable
{
    private const string GlobalUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n";

    private readonly AdhocWorkspace _workspace = new();

    public CodeFixRunner(string code)
    {
        var projectId = ProjectId.CreateNewId();
        var project = _workspace.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "App",
            "App",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            metadataReferences: CdkCompilation.References(withCdk: true)));
        Document = _workspace.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(projectId), "Program.cs", loader: TextLoader.From(TextAndVersion.Create(SourceText.From(code), VersionStamp.Default)), filePath: "/app/Program.cs"));
        _workspace.AddDocument(DocumentInfo.Create(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", loader: TextLoader.From(TextAndVersion.Create(SourceText.From(GlobalUsings), VersionStamp.Default)), filePath: "/app/obj/GlobalUsings.g.cs"));
        _ = project;
    }

    public Document Document { get; private set; }

    /// <summary>The analyzer's diagnostics on the snippet (the snippet must compile).</summary>
    public static async Task<IReadOnlyList<Diagnostic>> DiagnosticsAsync(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        Assert.Empty(CdkCompilation.CompilerErrors(compilation));
        return CdkCompilation.Analyze(compilation);
    }

    /// <summary>The actions the provider registers for each diagnostic of the given rule, in order.</summary>
    public async Task<IReadOnlyList<(Diagnostic Diagnostic, CodeAction Action)>> ActionsAsync(CodeFixProvider provider, string ruleId)
    {
        var actions = new List<(Diagnostic, CodeAction)>();
        foreach (var diagnostic in (await DiagnosticsAsync(Document)).Where(d => d.Id == ruleId))
        {
            var context = new CodeFixContext(Document, diagnostic, (action, _) => actions.Add((diagnostic, action)), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context);
        }

        return actions;
    }

    /// <summary>Applies the first action registered for the rule and returns the new text of the document.</summary>
    public async Task<string> ApplyFirstAsync(CodeFixProvider provider, string ruleId)
    {
        var actions = await ActionsAsync(provider, ruleId);
        Assert.NotEmpty(actions);
        return await ApplyAsync(actions[0].Action);
    }

    /// <summary>Fix All in the document for the rule, with the provider's Fix All provider and the given equivalence key.</summary>
    public async Task<string> FixAllAsync(CodeFixProvider provider, string ruleId, string equivalenceKey)
    {
        var diagnostics = (await DiagnosticsAsync(Document)).Where(d => d.Id == ruleId).ToImmutableArray();
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        var context = new FixAllContext(Document, provider, FixAllScope.Document, equivalenceKey, [ruleId], new FixedDiagnostics(diagnostics), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(action);
    }

    private async Task<string> ApplyAsync(CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Document = solution.GetDocument(Document.Id)!;
        return (await Document.GetTextAsync()).ToString();
    }

    public void Dispose() => _workspace.Dispose();

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}
