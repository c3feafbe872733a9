using EcsPolicy.Engine;
using Microsoft.CodeAnalysis;

namespace EcsPolicy.CSharp;

/// <summary>
/// Lints the AWS CDK code of one C# syntax tree: extracts the model (<see cref="CdkExtractor"/>) and runs the core's
/// linter on it, as the CLI and the Roslyn analyzer both do. Findings are in the tree's file.
/// </summary>
public static class CSharpLinter
{
    /// <summary>Never throws for a malformed program: an internal failure is an ECS0009 finding (see <see cref="FileResult.NotChecked"/>).</summary>
    /// <param name="fileSeverities">Rule severities configured for this file (the CLI's .editorconfig handling), or null.</param>
    /// <param name="compilerSuppresses">
    /// True in the analyzer: the compiler applies <c>#pragma warning disable</c> and <c>[SuppressMessage]</c> to the
    /// catalog's diagnostics itself, so only custom policies' IDs (which reach the compiler under one diagnostic ID) are
    /// suppressed here, and the tree is not searched for suppressions when the linter runs no custom policy.
    /// </param>
    public static FileResult Lint(Linter linter, SemanticModel model, CompilationIndex index, IReadOnlyDictionary<string, Findings.Severity>? fileSeverities = null, bool compilerSuppresses = false, CancellationToken cancellation = default)
    {
        var path = model.SyntaxTree.FilePath;
        if (!CdkExtractor.MayDefineEcs(model.SyntaxTree, cancellation))
        {
            return new FileResult(path, false, 0, [], []);
        }

        // One budget for the file: the extraction's evaluation of its values and the rules take from it, and the places
        // where it ran out are ECS0009 findings among the file's.
        var budget = new Budget();
        Inputs.LoadResult loaded;
        try
        {
            loaded = CdkExtractor.Extract(model, index, budget, cancellation);

            // #pragma warning disable and [SuppressMessage]: the compiler applies them in the IDE and in builds; the CLI
            // applies them here, with the reasons and unused-suppression reports of every other input.
            if (!compilerSuppresses)
            {
                loaded = loaded.WithSuppressions(SourceSuppressions.Find(model, cancellation));
            }
            else if (linter.RunsCustomPolicies)
            {
                loaded = loaded.WithSuppressions([.. SourceSuppressions.Find(model, cancellation).Where(s => Catalog.RuleCatalog.DefaultSeverityOf(s.RuleId) is null)]);
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            return linter.Failed(path, "reading the AWS CDK code", e, fileSeverities);
        }

        return linter.LintModel(path, loaded, fileSeverities, budget);
    }
}
