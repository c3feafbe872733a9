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
/// constant, a field or an expression may be shared with other code, so it is left to the user. When the memory is
/// CDK's default (the finding is then on the construct's <c>new</c>), the fix adds <c>MemoryLimitMiB</c> after the
/// <c>Cpu</c> of the props.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FargateMemoryCodeFixProvider))]
[Shared]
public sealed class FargateMemoryCodeFixProvider : CodeFixProvider
{
    /// <summary>The equivalence key of the fix (the same for every finding, so Fix All applies each one's own value).</summary>
    public const string EquivalenceKey = "ECS1001.NearestFargateMemory";

    private static readonly string[] MemoryProperties = ["MemoryLimitMiB", "Memory"];

    // Not a collection expression: the Roslyn 4.8 build's System.Collections.Immutable predates them for ImmutableArray.
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("ECS1001");

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
            // A fix of another member (ECS1001 may fix the cpu instead) is the generic provider's.
            if ((diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.FixMemberProperty, out var member) && member != "memory")
                || !diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.FixValueProperty, out var value)
                || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var memory)
                || memory > int.MaxValue
                || !diagnostic.Location.IsInSource
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                continue;
            }

            var text = memory.ToString(CultureInfo.InvariantCulture);
            if (FixableLiteral(root, diagnostic) is { } literal)
            {
                var replacement = Replacement(literal, memory);
                Register(context, diagnostic, "Use memory " + text + " MiB, the nearest valid Fargate memory for this cpu", root.ReplaceNode(literal, replacement));
            }
            else if (diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.ModelPathProperty, out var path) && path == "/memory"
                && DefaultedProps(root, diagnostic) is { } initializer
                && WithMemory(initializer, memory) is { } withMemory)
            {
                Register(context, diagnostic, "Set MemoryLimitMiB = " + text + ", the nearest valid Fargate memory for this cpu", root.ReplaceNode(initializer, withMemory));
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, SyntaxNode newRoot) =>
        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), EquivalenceKey), diagnostic);

    /// <summary>
    /// For a memory CDK fills in (the finding is then on the construct's <c>new</c>): the initializer of the props
    /// passed to it, when it sets <c>Cpu</c> and not <c>MemoryLimitMiB</c>.
    /// </summary>
    private static InitializerExpressionSyntax? DefaultedProps(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var creation = node as ObjectCreationExpressionSyntax ?? node.Parent as ObjectCreationExpressionSyntax;
        if (creation?.ArgumentList is not { } arguments || creation.SpanStart != diagnostic.Location.SourceSpan.Start)
        {
            return null;
        }

        return arguments.Arguments
            .Select(a => a.Expression)
            .OfType<ObjectCreationExpressionSyntax>()
            .Select(props => props.Initializer)
            .FirstOrDefault(i => i is not null && i.IsKind(SyntaxKind.ObjectInitializerExpression)
                && Member(i, "Cpu") is not null && Member(i, "MemoryLimitMiB") is null);
    }

    private static AssignmentExpressionSyntax? Member(InitializerExpressionSyntax initializer, string name) =>
        initializer.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var n } && n == name);

    /// <summary>The initializer with <c>MemoryLimitMiB = memory</c> after its <c>Cpu</c>, laid out like the <c>Cpu</c> line.</summary>
    private static InitializerExpressionSyntax? WithMemory(InitializerExpressionSyntax initializer, long memory)
    {
        if (Member(initializer, "Cpu") is not { } cpu)
        {
            return null;
        }

        var nodes = initializer.Expressions.ToList();
        var separators = initializer.Expressions.GetSeparators().ToList();
        var index = nodes.IndexOf(cpu);
        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName("MemoryLimitMiB"),
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal((int)memory)))
            .NormalizeWhitespace()
            .WithLeadingTrivia(cpu.GetLeadingTrivia());
        if (index < separators.Count)
        {
            // `Cpu = x,` is followed by a comma: the new member comes next, with a comma of the same layout.
            nodes.Insert(index + 1, assignment);
            separators.Insert(index + 1, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[index].TrailingTrivia));
        }
        else
        {
            // `Cpu = x` is last without a comma: it gets one, and the new member is last without one.
            var trailing = cpu.GetTrailingTrivia();
            var multiline = trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            nodes[index] = cpu.WithoutTrailingTrivia();
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? trailing : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            nodes.Add(assignment.WithTrailingTrivia(trailing));
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators));
    }

    /// <summary>The literal the diagnostic is on, when it is the direct value of a memory property in an initializer.</summary>
    private static LiteralExpressionSyntax? FixableLiteral(SyntaxNode root, Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        if (root.FindNode(span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
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
    private static LiteralExpressionSyntax Replacement(LiteralExpressionSyntax literal, long memory)
    {
        var text = memory.ToString(CultureInfo.InvariantCulture);
        if (literal.IsKind(SyntaxKind.NumericLiteralExpression))
        {
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
