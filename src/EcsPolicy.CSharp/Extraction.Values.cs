using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// The values several constructs are made of (CDK structs, lists, dictionaries, placement constraints), rendered as
// Amazon.CDK.Lib 2.160.0 renders them, and CDK's default notes.
internal sealed partial class Extraction
{
    internal static string DefaultNote(string member, string value, string construct, string prop) =>
        member + " " + value + " is CDK's default for " + Article(construct) + " " + construct + ": set " + prop + " to choose another.";

    private static string Article(string word) => word.Length > 0 && "AEIOU".IndexOf(word[0]) >= 0 ? "an" : "a";

    internal void SetIfGiven(Draft d, Props props, string prop, string member, Func<ExpressionSyntax, object> render)
    {
        if (props[prop] is { } value)
        {
            d.Set(member, prop, props.NameLoc(prop), render(value));
        }
    }

    /// <summary>Adds the items of a list expression; an unreadable list or item becomes an unknown item.</summary>
    internal void AddItems(DraftList list, ExpressionSyntax e, Func<ExpressionSyntax, object?> render, Func<ExpressionSyntax, IEnumerable<object>?>? many = null)
    {
        var items = Props.Items(_r, e, out var reason, out var partial);
        if (items is null)
        {
            list.Items.Add(Reader.UnknownNode(reason ?? "not a list known before the app runs", e));
            return;
        }

        foreach (var item in items)
        {
            if (many?.Invoke(item) is { } several)
            {
                list.Items.AddRange(several);
            }
            else if (render(item) is { } one)
            {
                list.Items.Add(one);
            }
            else
            {
                list.Items.Add(Reader.UnknownNode(_r.Eval(item).UnknownReason ?? "not known before the app runs", item));
            }
        }

        if (partial)
        {
            list.Items.Add(SNode.Unknown("items spread from another collection", list.Location));
        }
    }

    /// <summary>
    /// A CDK struct (<c>new Volume { Name = ..., Host = new Host { ... } }</c>) as an API object: each C# member becomes the
    /// API member of the same name in camelCase; nested structs, lists and dictionaries likewise.
    /// </summary>
    internal object Struct(ExpressionSyntax e)
    {
        var props = Props.Read(_r, e);
        if (props.IsUnknown)
        {
            return Reader.UnknownNode(props.UnknownReason!, e);
        }

        var d = new Draft(Reader.Loc(e));
        foreach (var name in props.Names)
        {
            d.Set(CdkNames.ApiName(name), name, props.NameLoc(name), Any(props[name]!));
        }

        return d;
    }

    // A member value of any shape: struct, list, dictionary or scalar.
    internal object Any(ExpressionSyntax value)
    {
        var definition = _r.Follow(value, out _);
        if (definition is BaseObjectCreationExpressionSyntax { Initializer: { } init } && init.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ObjectInitializerExpression)
            && !init.Expressions.Any(x => x is AssignmentExpressionSyntax { Left: ImplicitElementAccessSyntax }))
        {
            return Struct(value);
        }

        if (Props.Entries(_r, value, out _) is { Count: > 0 } entries)
        {
            return Map(value, entries);
        }

        if (definition is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax
            || definition is BaseObjectCreationExpressionSyntax { Initializer.RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionInitializerExpression })
        {
            var list = new DraftList(Reader.Loc(value));
            AddItems(list, value, Any);
            return list;
        }

        return _r.ScalarNode(value);
    }

    // A dictionary of strings as an API map (docker labels, log options).
    private Draft Map(ExpressionSyntax at, IReadOnlyList<(ExpressionSyntax Key, ExpressionSyntax Value)> entries)
    {
        var d = new Draft(Reader.Loc(at));
        foreach (var (key, value) in entries)
        {
            if (_r.Eval(key).Constant is string name)
            {
                d.Set(name, null, Reader.Loc(key), _r.StringNode(value));
            }
        }

        return d;
    }

    internal object MapOrUnknown(ExpressionSyntax e)
    {
        var entries = Props.Entries(_r, e, out var reason);
        return entries is null ? Reader.UnknownNode(reason ?? "not a dictionary known before the app runs", e) : Map(e, entries);
    }

    // PlacementConstraint.MemberOf("a", "b") is one constraint per expression; DistinctInstances() is one.
    internal IEnumerable<object>? PlacementItems(ExpressionSyntax e)
    {
        if (_r.Follow(e, out _) is not InvocationExpressionSyntax call || Syntax.Callee(call) is not { Name: { } name, Receiver: { } receiver }
            || !_r.IsCdkStatic(receiver, "PlacementConstraint"))
        {
            return null;
        }

        var at = Reader.Loc(call);
        if (name == "DistinctInstances")
        {
            var d = new Draft(at);
            d.Set("type", null, at, Reader.Generated("distinctInstance", at));
            return [d];
        }

        if (name != "MemberOf")
        {
            return null;
        }

        return call.ArgumentList.Arguments.Select(a =>
        {
            var d = new Draft(Reader.Loc(a));
            d.Set("type", null, at, Reader.Generated("memberOf", at));
            d.Set("expression", null, Reader.Loc(a), _r.StringNode(a.Expression));
            return (object)d;
        }).ToList();
    }
}
