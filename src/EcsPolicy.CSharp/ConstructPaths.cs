using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// The construct path of a scope, computed statically from the scope chain, as CDK writes it in <c>aws:cdk:path</c>:
/// <c>Stack/Api/TaskDef</c>. A scope is a variable set from <c>new X(scope, "Id", ...)</c> (a construct, a stack; an
/// <c>App</c> is the root), or <c>this</c> inside a stack or construct class that is created exactly once in the
/// compilation. Anything else has no known path.
/// </summary>
internal sealed class ConstructPaths
{
    private const int MaxDepth = 16;
    private readonly Reader _reader;

    public ConstructPaths(Reader reader)
    {
        _reader = reader;
    }

    /// <summary>A construct path and the path of the stack it is in (null when not in a stack).</summary>
    public readonly record struct ScopePath(string Path, string? Stack);

    /// <summary>The path of the scope a construct is created in (its first argument), or null when not known.</summary>
    public ScopePath? Of(ExpressionSyntax scope, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        var e = Syntax.Unwrap(scope);
        if (e is ThisExpressionSyntax)
        {
            return OfThis(e, depth);
        }

        var definition = _reader.Follow(e, out _);
        return definition is BaseObjectCreationExpressionSyntax creation ? OfCreation(creation, depth) : null;
    }

    /// <summary>The path of the construct a creation makes: its scope's path and its id.</summary>
    public ScopePath? OfCreation(BaseObjectCreationExpressionSyntax creation, int depth = 0)
    {
        var type = _reader.CdkTypeOf(creation);
        if (type == "App")
        {
            return new ScopePath("", null);
        }

        if (type is null)
        {
            return null;
        }

        var args = creation.ArgumentList;
        if (Syntax.Argument(args, 0, "scope") is not { } scopeArg || Syntax.Argument(args, 1, "id") is not { } idArg
            || _reader.Eval(idArg).Constant is not string id || Of(scopeArg, depth + 1) is not { } parent)
        {
            return null;
        }

        var path = parent.Path.Length == 0 ? id : parent.Path + "/" + id;
        return new ScopePath(path, type is "Stack" or "NestedStack" ? path : parent.Stack);
    }

    // `this` in a stack or construct class: the path of its one instantiation in the compilation.
    private ScopePath? OfThis(SyntaxNode near, int depth)
    {
        if (near.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } declaration)
        {
            return null;
        }

        var model = _reader.ModelFor(declaration);
        var symbol = model.GetDeclaredSymbol(declaration, _reader.Cancellation);
        var creations = _reader.Index.CreationsOf(declaration.Identifier.ValueText)
            .OfType<ObjectCreationExpressionSyntax>()
            .Where(c => symbol is null || _reader.ModelFor(c).GetTypeInfo(c, _reader.Cancellation).Type is not INamedTypeSymbol t
                || t.TypeKind == TypeKind.Error || SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, symbol))
            .ToList();
        return creations.Count == 1 ? OfCreation(creations[0], depth + 1) : null;
    }
}
