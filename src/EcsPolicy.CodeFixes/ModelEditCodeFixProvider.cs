using System.Collections.Immutable;
using System.Composition;
using EcsPolicy.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CodeFixes;

/// <summary>
/// The code fix of any finding with a safe one-value fix (the finding's <c>ModelEdit</c>, which the analyzer passes as
/// the construct property and its C# value in <see cref="EcsPolicyAnalyzer.FixPropertyProperty"/> and
/// <see cref="EcsPolicyAnalyzer.FixLiteralProperty"/>): sets that property in the object initializer at the diagnostic.
/// When the diagnostic is inside a <c>Property = value</c> of an initializer, the value is replaced (a number written as a
/// string stays a string); when the property is not written (the finding is then on the construct or on the props), it is
/// added as the initializer's last member, laid out like the member before it. A constant or a variable is never edited:
/// other code may use it. The same edit is what <c>ecs-policy check --fix</c> applies to JSON and YAML.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelEditCodeFixProvider))]
[Shared]
public sealed class ModelEditCodeFixProvider : CodeFixProvider
{
    /// <summary>
    /// Fixes that a provider of their own makes, with its own wording and layout: (rule, member). ECS1001's memory fix
    /// (<see cref="FargateMemoryCodeFixProvider"/>) keeps a memory written in GB in GB and adds a defaulted memory after
    /// the <c>Cpu</c>, which a one-value edit does not know.
    /// </summary>
    private static readonly (string Rule, string Member)[] OwnProviders = [("ECS1001", "memory")];

    /// <summary>The title and equivalence key of a rule's fix that says more than "Set X = v", by (rule, property).</summary>
    private static readonly Dictionary<(string Rule, string Property), (string Title, string Key)> Named = new()
    {
        // ECS2001 fires only when every container writes essential: false, at the first one, which it makes essential.
        [("ECS2001", "Essential")] = ("Make the first container essential (Essential = true)", "ECS2001.MakeFirstContainerEssential"),
    };

    // Not a collection expression: the Roslyn 4.8 build's System.Collections.Immutable predates them for ImmutableArray.
    /// <summary>Every rule of the catalog: whether a finding has a fix is in its properties, not in its rule.</summary>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        new EcsPolicyAnalyzer().SupportedDiagnostics.Select(d => d.Id).Where(id => id is not (EcsPolicyAnalyzer.CustomPolicyId or EcsPolicyAnalyzer.PolicyFileErrorId)).ToImmutableArray();

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>The equivalence key of the fix of <paramref name="ruleId"/> that sets <paramref name="property"/>: Fix All applies each finding's own value.</summary>
    public static string EquivalenceKey(string ruleId, string property) =>
        Named.TryGetValue((ruleId, property), out var named) ? named.Key : ruleId + ".Set." + property;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.FixPropertyProperty, out var property) || property is null
                || !SyntaxFacts.IsValidIdentifier(property)
                || !diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.FixLiteralProperty, out var literal) || literal is null
                || (diagnostic.Properties.TryGetValue(EcsPolicyAnalyzer.FixMemberProperty, out var member) && OwnProviders.Contains((diagnostic.Id, member ?? "")))
                || !diagnostic.Location.IsInSource
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                continue;
            }

            var value = SyntaxFactory.ParseExpression(literal);
            if (value.ContainsDiagnostics || value.FullSpan.Length != literal.Length)
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var title = Named.TryGetValue((diagnostic.Id, property), out var named) ? named.Title : "Set " + property + " = " + literal;
            var key = EquivalenceKey(diagnostic.Id, property);
            if (Assignment(node, property) is { } assignment)
            {
                var replacement = Coerced(value, assignment.Right);
                if (!replacement.IsEquivalentTo(assignment.Right, topLevel: false)
                    && await Fits(context.Document, assignment.Parent!, property, replacement, context.CancellationToken).ConfigureAwait(false))
                {
                    Register(context, diagnostic, title, key, root.ReplaceNode(assignment.Right, replacement.WithTriviaFrom(assignment.Right)));
                }
            }
            else if (Initializer(node) is { } initializer && Member(initializer, property) is null
                && await Fits(context.Document, initializer, property, value, context.CancellationToken).ConfigureAwait(false))
            {
                Register(context, diagnostic, title, key, root.ReplaceNode(initializer, WithMember(initializer, property, value)));
            }
        }
    }

    /// <summary>
    /// Whether the object <paramref name="initializer"/> builds has a settable <paramref name="property"/> that
    /// <paramref name="value"/> converts to implicitly: the names and literals come from the model's vocabulary, and a
    /// fix that would not compile (an L1 props class without the L2 name, an enum written as a string) is not offered.
    /// </summary>
    private static async Task<bool> Fits(Document document, SyntaxNode initializer, string property, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        if (initializer.Parent is not BaseObjectCreationExpressionSyntax creation
            || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model
            || model.GetTypeInfo(creation, cancellationToken).Type is not { } type)
        {
            return false;
        }

        IPropertySymbol? target = null;
        for (var t = type; t is not null && target is null; t = t.BaseType)
        {
            target = t.GetMembers(property).OfType<IPropertySymbol>().FirstOrDefault(p => p.SetMethod is not null);
        }

        target ??= type.AllInterfaces.SelectMany(i => i.GetMembers(property)).OfType<IPropertySymbol>().FirstOrDefault();
        if (target is null)
        {
            return false;
        }

        var valueType = model.GetSpeculativeTypeInfo(creation.SpanStart, value, SpeculativeBindingOption.BindAsExpression).Type;
        return valueType is not null && model.Compilation.ClassifyConversion(valueType, target.Type) is { Exists: true, IsImplicit: true };
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string key, SyntaxNode newRoot) =>
        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(newRoot)), key), diagnostic);

    /// <summary>The <c>property = value</c> of an object initializer that contains the node, if any.</summary>
    private static AssignmentExpressionSyntax? Assignment(SyntaxNode node, string property)
    {
        for (var current = node; current is not null and not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name, Parent: InitializerExpressionSyntax } assignment
                && name.Identifier.ValueText == property)
            {
                return assignment;
            }
        }

        return null;
    }

    /// <summary>
    /// The object initializer of the props at the diagnostic: the node's own <c>new XProps { ... }</c>, the object a member
    /// at the diagnostic is set to, or the props
    /// passed to the construct or method call the diagnostic is on (<c>new FargateTaskDefinition(scope, id, new ... { })</c>,
    /// <c>AddContainer("app", new ContainerDefinitionOptions { ... })</c>).
    /// </summary>
    private static InitializerExpressionSyntax? Initializer(SyntaxNode node)
    {
        for (var current = node; current is not null and not StatementSyntax and not MemberDeclarationSyntax; current = current.Parent)
        {
            switch (current)
            {
                case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                    return initializer;

                // A finding on a member that holds an object (`EfsVolumeConfiguration = new ... { }`): that object's props.
                case AssignmentExpressionSyntax { Right: ObjectCreationExpressionSyntax { Initializer: { } held } } when held.IsKind(SyntaxKind.ObjectInitializerExpression):
                    return held;
                case ObjectCreationExpressionSyntax { Initializer: { } own } when own.IsKind(SyntaxKind.ObjectInitializerExpression):
                    return own;
                case ObjectCreationExpressionSyntax { ArgumentList: { } arguments }:
                    return PropsIn(arguments);
                case InvocationExpressionSyntax invocation:
                    return PropsIn(invocation.ArgumentList);
            }
        }

        return null;
    }

    private static InitializerExpressionSyntax? PropsIn(ArgumentListSyntax arguments) =>
        arguments.Arguments
            .Select(a => a.Expression)
            .OfType<ObjectCreationExpressionSyntax>()
            .Select(props => props.Initializer)
            .LastOrDefault(i => i is not null && i.IsKind(SyntaxKind.ObjectInitializerExpression));

    private static AssignmentExpressionSyntax? Member(InitializerExpressionSyntax initializer, string name) =>
        initializer.Expressions.OfType<AssignmentExpressionSyntax>().FirstOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var n } && n == name);

    /// <summary>The new value in the kind the old one was written in: a number written as a string stays a string, and back.</summary>
    private static ExpressionSyntax Coerced(ExpressionSyntax value, ExpressionSyntax old)
    {
        if (old.IsKind(SyntaxKind.StringLiteralExpression) && value is LiteralExpressionSyntax number && number.IsKind(SyntaxKind.NumericLiteralExpression))
        {
            return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(number.Token.ValueText));
        }

        if (old.IsKind(SyntaxKind.NumericLiteralExpression) && value is LiteralExpressionSyntax text && text.IsKind(SyntaxKind.StringLiteralExpression)
            && int.TryParse(text.Token.ValueText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
        {
            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(parsed));
        }

        return value;
    }

    /// <summary>The initializer with <c>property = value</c> as its last member, laid out like the member before it.</summary>
    private static InitializerExpressionSyntax WithMember(InitializerExpressionSyntax initializer, string property, ExpressionSyntax value)
    {
        var nodes = initializer.Expressions.ToList();
        var separators = initializer.Expressions.GetSeparators().ToList();
        var assignment = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(property), value.WithoutTrivia())
            .NormalizeWhitespace();
        if (nodes.Count == 0)
        {
            return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>([assignment.WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)]));
        }

        var last = nodes[nodes.Count - 1];
        assignment = assignment.WithLeadingTrivia(last.GetLeadingTrivia());
        if (separators.Count == nodes.Count)
        {
            // `X = x,` ends with a comma: the new member comes after it, with a comma of the same layout.
            nodes.Add(assignment);
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(separators[separators.Count - 1].TrailingTrivia));
        }
        else
        {
            // `X = x` is last without a comma: it gets one, and the new member is last without one.
            var trailing = last.GetTrailingTrivia();
            var multiline = trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
            separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiline ? trailing : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            nodes.Add(assignment.WithTrailingTrivia(trailing));
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList(nodes, separators));
    }
}
