using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CodeFixes;

/// <summary>
/// ECS2001: makes the first container essential. The analyzer reports the finding at the first container's
/// <c>Essential</c> value (the rule fires only when every container writes it); the fix sets <c>Essential = true</c>
/// in that container's initializer (<c>ContainerDefinitionOptions</c>, <c>ContainerDefinitionProps</c> or the L1
/// <c>CfnTaskDefinition.ContainerDefinitionProperty</c>), replacing whatever value was written there, and adds the
/// property when the finding is on an initializer without it. When the value comes from a constant or field
/// declared elsewhere (the finding is then on that declaration), no fix is offered: other containers may share it.
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

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            SyntaxNode? newRoot = null;
            if (EssentialAssignment(node) is { } assignment)
            {
                if (!assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression))
                {
                    newRoot = root.ReplaceNode(assignment.Right, True().WithTriviaFrom(assignment.Right));
                }
            }
            else if (node is BaseObjectCreationExpressionSyntax { Initializer: { } initializer } && IsContainerInitializer(initializer))
            {
                newRoot = root.ReplaceNode(initializer, AddEssential(initializer));
            }

            if (newRoot is not null)
            {
                var fixedRoot = newRoot;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)), EquivalenceKey),
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

    private static bool IsContainerInitializer(InitializerExpressionSyntax initializer) =>
        initializer.IsKind(SyntaxKind.ObjectInitializerExpression)
        && !initializer.Expressions.Any(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Essential" } })
        && initializer.Parent is ObjectCreationExpressionSyntax { Type: var type }
        && type.ToString() is var name
        && (name.EndsWith("ContainerDefinitionOptions", StringComparison.Ordinal)
            || name.EndsWith("ContainerDefinitionProps", StringComparison.Ordinal)
            || name.EndsWith("ContainerDefinitionProperty", StringComparison.Ordinal));

    /// <summary>The initializer with <c>Essential = true</c> appended, laid out like its other members.</summary>
    private static InitializerExpressionSyntax AddEssential(InitializerExpressionSyntax initializer)
    {
        var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("Essential"), True());
        var expressions = initializer.Expressions;
        if (expressions.Count == 0)
        {
            return initializer.WithExpressions(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        var last = expressions[expressions.Count - 1];
        var nodes = expressions.ToList();
        var separators = expressions.GetSeparators().ToList();
        if (!initializer.ToString().Contains('\n'))
        {
            // One line: `{ A = 1, B = 2 }` becomes `{ A = 1, B = 2, Essential = true }`.
            if (separators.Count < nodes.Count)
            {
                nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken));
                nodes.Add(assignment.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(last.GetTrailingTrivia()));
            }
            else
            {
                nodes.Add(assignment.WithLeadingTrivia(SyntaxFactory.Space));
            }
        }
        else if (separators.Count < nodes.Count)
        {
            // Several lines without a trailing comma: the new member goes last, on its own line, without one either.
            nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia()));
            nodes.Add(assignment.WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia(last.GetTrailingTrivia()));
        }
        else
        {
            // Several lines with a trailing comma: the new member gets one too.
            var comma = separators[separators.Count - 1];
            nodes.Add(assignment.WithLeadingTrivia(last.GetLeadingTrivia()));
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(comma.TrailingTrivia));
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators));
    }
}
