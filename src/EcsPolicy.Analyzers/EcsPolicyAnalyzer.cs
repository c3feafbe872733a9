using System.Collections.Immutable;
using System.Text;
using EcsPolicy.Catalog;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using EcsPolicy.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EcsPolicy.Analyzers;

/// <summary>
/// The one analyzer host for every rule of the catalog: lints the AWS CDK code of each C# syntax tree (the model the
/// C# front end extracts, checked by the core's rules) and the ECS JSON/YAML files given as AdditionalFiles, and
/// reports each finding at its exact span. Holds no per-compilation state in fields and never throws: a failure on
/// one tree or file costs that tree's findings only.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EcsPolicyAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> DescriptorsById = CreateDescriptors();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [.. DescriptorsById.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];

    /// <summary>The descriptor of a catalog rule: id, title, message, category, default severity, help link and tags, all from rules/*.yaml.</summary>
    public static DiagnosticDescriptor Descriptor(RuleMetadata rule) => new(
        rule.Id,
        rule.Title,
        "{0}",
        rule.Category,
        ToDiagnosticSeverity(rule.DefaultSeverity),
        isEnabledByDefault: true,
        description: rule.Rationale,
        helpLinkUri: rule.HelpUri,
        customTags: [.. rule.Tags]);

    public static DiagnosticSeverity ToDiagnosticSeverity(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Per compilation: the index of the whole program (where stack classes are created) and one linter.
            var index = new CompilationIndex(start.Compilation);
            var linter = new Linter();
            start.RegisterSemanticModelAction(c => AnalyzeTree(c, index, linter));
            start.RegisterAdditionalFileAction(c => AnalyzeAdditionalFile(c, linter));
        });
    }

    private static void AnalyzeTree(SemanticModelAnalysisContext context, CompilationIndex index, Linter linter)
    {
        try
        {
            var tree = context.SemanticModel.SyntaxTree;
            var result = CSharpLinter.Lint(linter, context.SemanticModel, index, cancellation: context.CancellationToken);
            var text = tree.GetText(context.CancellationToken);
            foreach (var finding in result.Findings)
            {
                // A finding outside this tree (a value followed into another file) is left to that file's own pass.
                if (finding.Location.File == tree.FilePath && DescriptorsById.TryGetValue(finding.RuleId, out var descriptor)
                    && Span(text, finding.Location) is { } span)
                {
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, Location.Create(tree, span), Properties(finding), finding.Message));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Never AD0001: an internal failure on one tree must not break the build.
        }
    }

    private static void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context, Linter linter)
    {
        try
        {
            var path = context.AdditionalFile.Path;
            if (!RuleRegistry.Loaders.Any(l => l.Accepts(path)) || context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
            {
                return;
            }

            var result = linter.LintFile(path, Encoding.UTF8.GetBytes(text.ToString()), explicitlyGiven: false);
            foreach (var finding in result.Findings)
            {
                if (DescriptorsById.TryGetValue(finding.RuleId, out var descriptor) && Span(text, finding.Location) is { } span)
                {
                    var lines = text.Lines.GetLinePositionSpan(span);
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, Location.Create(path, span, lines), Properties(finding), finding.Message));
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Never AD0001 (see AnalyzeTree).
        }
    }

    /// <summary>The property a code fix can act on: the finding's path in the ECS API model, e.g. <c>/containerDefinitions/0/memory</c>.</summary>
    public const string ModelPathProperty = "EcsPolicy.ModelPath";

    /// <summary>The property with a value that fixes the finding when written at its location (e.g. <c>4096</c>), when the rule knows one.</summary>
    public const string FixValueProperty = "EcsPolicy.Fix.Value";

    private static ImmutableDictionary<string, string?> Properties(Finding finding)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ModelPathProperty, finding.Path);
        return finding.SuggestedValue is { } value ? properties.Add(FixValueProperty, value) : properties;
    }

    /// <summary>The text span of a 1-based line/column location, clamped to the text; null when outside it.</summary>
    internal static TextSpan? Span(SourceText text, SourceLocation location)
    {
        if (location.StartLine < 1 || location.StartLine > text.Lines.Count)
        {
            return null;
        }

        var start = Position(text, location.StartLine, location.StartColumn);
        var end = location.EndLine >= location.StartLine ? Position(text, Math.Min(location.EndLine, text.Lines.Count), location.EndColumn) : start;
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }

    private static int Position(SourceText text, int line, int column)
    {
        var l = text.Lines[line - 1];
        return Math.Min(l.Start + Math.Max(0, column - 1), l.EndIncludingLineBreak);
    }

    private static ImmutableDictionary<string, DiagnosticDescriptor> CreateDescriptors()
    {
        try
        {
            return RuleCatalog.All.ToImmutableDictionary(r => r.Id, Descriptor, StringComparer.Ordinal);
        }
        catch (Exception)
        {
            // A catalog that cannot be read leaves the analyzer without rules rather than failing every compilation.
            return ImmutableDictionary<string, DiagnosticDescriptor>.Empty;
        }
    }
}
