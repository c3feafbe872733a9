using EcsPolicy.Engine;
using Microsoft.CodeAnalysis;

namespace EcsPolicy.CSharp;

/// <summary>
/// Lints the AWS CDK code of one C# syntax tree: extracts the model (<see cref="CdkExtractor"/>) and runs the core's
/// linter on it, as the CLI and the Roslyn analyzer both do. Findings are in the tree's file.
/// </summary>
public static class CSharpLinter
{
    /// <summary>Never throws for a malformed program: an internal failure is returned in <see cref="FileResult.InternalErrors"/>.</summary>
    /// <param name="fileSeverities">Rule severities configured for this file (the CLI's .editorconfig handling), or null.</param>
    public static FileResult Lint(Linter linter, SemanticModel model, CompilationIndex index, IReadOnlyDictionary<string, Rules.Severity>? fileSeverities = null, CancellationToken cancellation = default)
    {
        var path = model.SyntaxTree.FilePath;
        if (!CdkExtractor.MayDefineEcs(model.SyntaxTree, cancellation))
        {
            return new FileResult(path, false, 0, [], []);
        }

        Inputs.LoadResult loaded;
        try
        {
            loaded = CdkExtractor.Extract(model, index, cancellation);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return new FileResult(path, true, 0, [], ["C# extraction: " + e.GetType().Name + ": " + e.Message]);
        }

        // #pragma warning disable and [SuppressMessage]: the compiler applies them in the IDE and in builds; the CLI
        // applies them here, with the reasons and unused-suppression reports of every other input.
        loaded = loaded.WithSuppressions(SourceSuppressions.Find(model, cancellation));
        return linter.LintModel(path, loaded, fileSeverities);
    }
}
