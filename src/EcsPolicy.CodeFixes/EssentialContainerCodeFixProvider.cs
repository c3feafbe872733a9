using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CodeFixes;

/// <summary>
/// ECS2001: makes the first container essential. The rule fires only when every container writes <c>essential</c>
/// explicitly (an omitted value means true), and the analyzer reports it at the first container's written value, so
/// the fix replaces the value of that <c>Essential = ...</c> in its initializer (<c>ContainerDefinitionOptions</c>,
/// <c>ContainerDefinitionProps</c> or the L1 <c>CfnTaskDefinition.ContainerDefinitionProperty</c>) with <c>true</c>,
/// whatever was written there (<c>false</c>, a variable, a constant): the variable or constant itself is left alone,
/// since other containers may use it. A finding not inside such an assignment gets no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EssentialContainerCodeFixProvider))]
[Shared]
public sealed class EssentialContainerCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix.</summary>
    public const string EquivalenceKey = "ECS2001.MakeFirstContainerEssential";

    private const string Title = "Make the first container essential (Essential = true)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ["ECS2001"];

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
            var span = diagnostic.Location.SourceSpan;
            if (!diagnostic.Location.IsInSource || !root.FullSpan.Contains(span))
            {
                continue;
            }

            if (EssentialAssignment(root.FindNode(span, getInnermostNodeForTie: true)) is { } assignment
                && !assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression))
            {
                var value = assignment.Right;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, True().WithTriviaFrom(value)))),
                        EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static LiteralExpressionSyntax True() => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);

    /// <summary>The <c>Essential = value</c> of an object initializer that contains the node, if any.</summary>
    private static AssignmentExpressionSyntax? EssentialAssignment(SyntaxNode node)
    {
        for (var current = node; current is not null and not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Essential" }, Parent: InitializerExpressionSyntax } assignment)
            {
                return assignment;
            }
        }

        return null;
    }
}
