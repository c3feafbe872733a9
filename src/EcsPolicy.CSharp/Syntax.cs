using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>Small syntax helpers.</summary>
internal static class Syntax
{
    /// <summary>The simple name of a type as written (<c>Ecs.Cluster</c> and <c>Cluster&lt;T&gt;</c> give <c>Cluster</c>).</summary>
    public static string? SimpleName(TypeSyntax? type) => type switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        QualifiedNameSyntax qualified => SimpleName(qualified.Right),
        AliasQualifiedNameSyntax alias => SimpleName(alias.Name),
        NullableTypeSyntax nullable => SimpleName(nullable.ElementType),
        _ => null,
    };

    /// <summary>How many type arguments a type name as written has (<c>Dictionary&lt;K, V&gt;</c>: 2), or -1 when it is not a name.</summary>
    public static int Arity(TypeSyntax type) => type switch
    {
        GenericNameSyntax generic => generic.Arity,
        SimpleNameSyntax => 0,
        QualifiedNameSyntax qualified => Arity(qualified.Right),
        AliasQualifiedNameSyntax alias => Arity(alias.Name),
        _ => -1,
    };

    /// <summary>What qualifies a type name as written (<c>Ecs</c> in <c>Ecs.Cluster</c>), or null.</summary>
    public static string? Qualifier(SyntaxNode? type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Left.ToString(),
        AliasQualifiedNameSyntax alias => alias.Alias.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Expression.ToString(),
        _ => null,
    };

    /// <summary>The expression without parentheses, casts, <c>!</c> and <c>checked</c>.</summary>
    public static ExpressionSyntax Unwrap(ExpressionSyntax e)
    {
        while (true)
        {
            switch (e)
            {
                case ParenthesizedExpressionSyntax p:
                    e = p.Expression;
                    break;
                case CastExpressionSyntax c:
                    e = c.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } s:
                    e = s.Operand;
                    break;
                case CheckedExpressionSyntax k:
                    e = k.Expression;
                    break;
                default:
                    return e;
            }
        }
    }

    /// <summary>The arguments of an object creation (explicit or target-typed), or null.</summary>
    public static ArgumentListSyntax? Arguments(ExpressionSyntax creation) => creation switch
    {
        BaseObjectCreationExpressionSyntax c => c.ArgumentList,
        InvocationExpressionSyntax i => i.ArgumentList,
        _ => null,
    };

    /// <summary>Argument <paramref name="index"/> by position, or the argument named <paramref name="name"/>.</summary>
    public static ExpressionSyntax? Argument(ArgumentListSyntax? list, int index, string? name = null)
    {
        if (list is null)
        {
            return null;
        }

        if (name != null)
        {
            foreach (var a in list.Arguments)
            {
                if (a.NameColon?.Name.Identifier.ValueText == name)
                {
                    return a.Expression;
                }
            }
        }

        return index < list.Arguments.Count && list.Arguments[index].NameColon is null ? list.Arguments[index].Expression : null;
    }

    /// <summary>The called method's simple name and receiver: <c>td.AddContainer(...)</c> gives (<c>AddContainer</c>, <c>td</c>).</summary>
    public static (string? Name, ExpressionSyntax? Receiver) Callee(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
        MemberBindingExpressionSyntax binding => (binding.Name.Identifier.ValueText, null),
        IdentifierNameSyntax id => (id.Identifier.ValueText, null),
        GenericNameSyntax generic => (generic.Identifier.ValueText, null),
        _ => (null, null),
    };

    /// <summary>Where a default that CDK fills in points: the creation's <c>new</c> keyword and type (<c>new FargateTaskDefinition</c>).</summary>
    public static SyntaxNode CreationHead(ExpressionSyntax creation, out TextSpanPart span)
    {
        switch (creation)
        {
            case ObjectCreationExpressionSyntax c:
                span = new TextSpanPart(c.NewKeyword.SpanStart, c.Type.Span.End);
                return c;
            case ImplicitObjectCreationExpressionSyntax c:
                span = new TextSpanPart(c.NewKeyword.SpanStart, c.NewKeyword.Span.End);
                return c;
            default:
                span = new TextSpanPart(creation.SpanStart, creation.Span.End);
                return creation;
        }
    }
}

/// <summary>A start and end position in a syntax tree's text.</summary>
internal readonly record struct TextSpanPart(int Start, int End);
