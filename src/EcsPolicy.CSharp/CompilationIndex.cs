using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// What the extractor needs to know about a whole compilation, read from syntax only (no binding): where each class is
/// instantiated (<c>new MyStack(app, "Id")</c>, for the construct path of <c>this</c> inside a stack or construct
/// class), and which namespaces are imported with <c>global using</c>. Built lazily, once per compilation; safe to share
/// between threads.
/// </summary>
public sealed class CompilationIndex
{
    private readonly Lazy<Dictionary<string, List<ExpressionSyntax>>> _creations;
    private readonly Lazy<HashSet<string>> _globalUsings;

    public CompilationIndex(Compilation compilation)
    {
        Compilation = compilation;
        _creations = new Lazy<Dictionary<string, List<ExpressionSyntax>>>(IndexCreations, LazyThreadSafetyMode.ExecutionAndPublication);
        _globalUsings = new Lazy<HashSet<string>>(IndexGlobalUsings, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Compilation Compilation { get; }

    /// <summary>The object creations (<c>new Name(...)</c>) of a class by its simple name, in every syntax tree.</summary>
    internal IReadOnlyList<ExpressionSyntax> CreationsOf(string className) =>
        _creations.Value.TryGetValue(className, out var list) ? list : [];

    /// <summary>Whether some file imports <paramref name="ns"/> with <c>global using</c>.</summary>
    internal bool IsGloballyImported(string ns) => _globalUsings.Value.Contains(ns);

    private Dictionary<string, List<ExpressionSyntax>> IndexCreations()
    {
        var result = new Dictionary<string, List<ExpressionSyntax>>(StringComparer.Ordinal);
        foreach (var tree in Compilation.SyntaxTrees)
        {
            foreach (var creation in tree.GetRoot().DescendantNodes().OfType<ObjectCreationExpressionSyntax>())
            {
                if (Syntax.SimpleName(creation.Type) is { } name)
                {
                    if (!result.TryGetValue(name, out var list))
                    {
                        result[name] = list = [];
                    }

                    list.Add(creation);
                }
            }
        }

        return result;
    }

    private HashSet<string> IndexGlobalUsings()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in Compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax unit)
            {
                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.RawKind != 0 && directive.Alias is null && directive.Name is { } name)
                    {
                        result.Add(name.ToString());
                    }
                }
            }
        }

        return result;
    }
}
