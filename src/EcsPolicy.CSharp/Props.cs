using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// The members set in an object initializer (<c>new FargateTaskDefinitionProps { Cpu = 512 }</c>), read through
/// variables; or, when the object is not statically an initializer, the reason, and every member is then unknown.
/// </summary>
internal sealed class Props
{
    private readonly Dictionary<string, AssignmentExpressionSyntax> _members;

    private Props(ExpressionSyntax? source, Dictionary<string, AssignmentExpressionSyntax> members, string? unknownReason)
    {
        Source = source;
        _members = members;
        UnknownReason = unknownReason;
    }

    public static Props Empty { get; } = new(null, new Dictionary<string, AssignmentExpressionSyntax>(StringComparer.Ordinal), null);

    /// <summary>The expression the props were written as (the argument), when given.</summary>
    public ExpressionSyntax? Source { get; }

    /// <summary>Why the members cannot be read (props from a parameter, a method call), or null.</summary>
    public string? UnknownReason { get; }

    public bool IsUnknown => UnknownReason != null;

    public IEnumerable<string> Names => _members.Keys;

    /// <summary>The value of member <paramref name="name"/>, or null when it is not set (or not readable).</summary>
    public ExpressionSyntax? this[string name] => _members.TryGetValue(name, out var a) ? a.Right : null;

    public bool Has(string name) => _members.ContainsKey(name);

    /// <summary>Where member <paramref name="name"/> is written (its name), for <see cref="SNode.NameLocation"/>.</summary>
    public SourceLocation NameLoc(string name) => _members.TryGetValue(name, out var a) ? Reader.Loc(a.Left) : Source != null ? Reader.Loc(Source) : default;

    public static Props Read(Reader reader, ExpressionSyntax? e)
    {
        if (e is null)
        {
            return Empty;
        }

        // Through helper methods of the file too: props are often built or passed on by one (`Customize(new XProps { ... })`).
        var definition = reader.Follow(e, out var reason, throughCalls: true);
        if (definition is null)
        {
            return new Props(e, new Dictionary<string, AssignmentExpressionSyntax>(StringComparer.Ordinal), reason ?? "not known before the app runs");
        }

        if (definition is LiteralExpressionSyntax literal && (literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.DefaultLiteralExpression)))
        {
            return Empty;
        }

        if (definition is not BaseObjectCreationExpressionSyntax creation)
        {
            return new Props(e, new Dictionary<string, AssignmentExpressionSyntax>(StringComparer.Ordinal), "'" + Short(definition) + "' is not known before the app runs");
        }

        var members = new Dictionary<string, AssignmentExpressionSyntax>(StringComparer.Ordinal);
        if (creation.Initializer is { } initializer && initializer.IsKind(SyntaxKind.ObjectInitializerExpression))
        {
            foreach (var expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax name } assignment)
                {
                    members[name.Identifier.ValueText] = assignment;
                }
            }
        }

        return new Props(e, members, null);
    }

    /// <summary>
    /// Props made of some members of others (an ECS pattern passes some of its props to the task definition it creates,
    /// others to the service); unknown when one of them is.
    /// </summary>
    public static Props Combine(params (Props Props, string[] Names)[] parts)
    {
        var members = new Dictionary<string, AssignmentExpressionSyntax>(StringComparer.Ordinal);
        foreach (var (props, names) in parts)
        {
            if (props.IsUnknown)
            {
                return props;
            }

            foreach (var name in names)
            {
                if (props._members.TryGetValue(name, out var a))
                {
                    members[name] = a;
                }
            }
        }

        return new Props(parts.Select(p => p.Props.Source).FirstOrDefault(s => s != null), members, null);
    }

    internal static string Short(SyntaxNode node)
    {
        var text = node.ToString().Replace("\r", "").Replace("\n", " ");
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    /// <summary>
    /// The items of a list or array (<c>new[] { a, b }</c>, <c>[a, b]</c>, <c>new List&lt;T&gt; { a, b }</c>), read through
    /// variables; null with <paramref name="reason"/> when not statically a list. <paramref name="partial"/> is set when
    /// some items cannot be listed (a spread).
    /// </summary>
    public static IReadOnlyList<ExpressionSyntax>? Items(Reader reader, ExpressionSyntax e, out string? reason, out bool partial)
    {
        partial = false;
        var definition = reader.Follow(e, out reason);
        switch (definition)
        {
            case null:
                return null;
            case ArrayCreationExpressionSyntax { Initializer: { } init }:
                return init.Expressions;
            case ImplicitArrayCreationExpressionSyntax implicitArray:
                return implicitArray.Initializer.Expressions;
            case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ArrayInitializerExpression } arrayInit:
                return arrayInit.Expressions;
            case CollectionExpressionSyntax collection:
                {
                    var items = new List<ExpressionSyntax>();
                    foreach (var element in collection.Elements)
                    {
                        if (element is ExpressionElementSyntax item)
                        {
                            items.Add(item.Expression);
                        }
                        else
                        {
                            partial = true;
                        }
                    }

                    return items;
                }

            case BaseObjectCreationExpressionSyntax { Initializer: { RawKind: (int)SyntaxKind.CollectionInitializerExpression } list }:
                return list.Expressions;
            default:
                reason = "'" + Short(definition) + "' is not a list known before the app runs";
                return null;
        }
    }

    /// <summary>
    /// The entries of a dictionary initializer (<c>["KEY"] = value</c> or <c>{ "KEY", value }</c>), read through
    /// variables; null with <paramref name="reason"/> when not statically a dictionary.
    /// </summary>
    public static IReadOnlyList<(ExpressionSyntax Key, ExpressionSyntax Value)>? Entries(Reader reader, ExpressionSyntax e, out string? reason)
    {
        var definition = reader.Follow(e, out reason);
        if (definition is not BaseObjectCreationExpressionSyntax creation)
        {
            reason ??= definition is null ? null : "'" + Short(definition) + "' is not a dictionary known before the app runs";
            return null;
        }

        var entries = new List<(ExpressionSyntax, ExpressionSyntax)>();
        foreach (var item in creation.Initializer?.Expressions ?? default)
        {
            switch (item)
            {
                case AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax access } assignment when access.ArgumentList.Arguments.Count == 1:
                    entries.Add((access.ArgumentList.Arguments[0].Expression, assignment.Right));
                    break;
                case InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ComplexElementInitializerExpression } pair when pair.Expressions.Count == 2:
                    entries.Add((pair.Expressions[0], pair.Expressions[1]));
                    break;
                default:
                    reason = "an entry this tool does not read";
                    return null;
            }
        }

        return entries;
    }
}
