using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using EcsPolicy.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CodeFixes;

/// <summary>
/// ECS1001: writes the nearest valid Fargate memory for the task's cpu (the value the analyzer computed from the model,
/// in <see cref="EcsPolicyAnalyzer.FixValueProperty"/>) in place of the memory literal. Offered only when the finding
/// is on a literal written directly as the value of <c>MemoryLimitMiB</c> or <c>Memory</c> in an object initializer: a
/// constant, a field or an expression may be shared with other code, so it is left to the user.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FargateMemoryCodeFixProvider))]
[Shared]
public sealed class FargateMemoryCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix (the same for every finding, so Fix All applies each one's own value).</summary>
    public const string EquivalenceKey = "ECS1001.NearestFargateMemory";

    private static readonly string[] MemoryProperties = ["MemoryLimitMiB", "Memory"];

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["ECS1001"];

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.FixValueProperty, out var value)
                || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var memory)
                || FixableLiteral(root, diagnostic) is not { } literal
                || Replacement(literal, memory) is not { } replacement)
            {
                continue;
            }

            var title = "Use memory " + memory.ToString(CultureInfo.InvariantCulture) + " MiB, the nearest valid Fargate memory for this cpu";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, replacement))),
                    EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The literal the diagnostic is on, when it is the direct value of a memory property in an initializer.</summary>
    private static LiteralExpressionSyntax? FixableLiteral(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (!diagnostic.Location.IsInSource || !root.FullSpan.Contains(span)
            || root.FindNode(span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || literal.Span != span
            || !(literal.IsKind(SyntaxKind.NumericLiteralExpression) || literal.IsKind(SyntaxKind.StringLiteralExpression)))
        {
            return null;
        }

        return literal.Parent is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Parent: InitializerExpressionSyntax } assignment
            && assignment.Right == literal
            && MemoryProperties.Contains(name.Identifier.ValueText)
            ? literal
            : null;
    }

    /// <summary>The new literal, of the same kind as the old one; a string written in GB stays in GB when it can.</summary>
    private static LiteralExpressionSyntax? Replacement(LiteralExpressionSyntax literal, long memory)
    {
        var text = memory.ToString(CultureInfo.InvariantCulture);
        if (literal.IsKind(SyntaxKind.NumericLiteralExpression))
        {
            if (memory > int.MaxValue)
            {
                return null;
            }

            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((int)memory))
                .WithTriviaFrom(literal);
        }

        if (literal.Token.ValueText.Trim().EndsWith("GB", StringComparison.OrdinalIgnoreCase) && memory % 1024 == 0)
        {
            text = (memory / 1024).ToString(CultureInfo.InvariantCulture) + " GB";
        }

        return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text)).WithTriviaFrom(literal);
    }
}
