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

    /// <param name="compilation">The whole program.</param>
    /// <param name="looksUpNames">See <see cref="LooksUpNames"/>.</param>
    public CompilationIndex(Compilation compilation, bool looksUpNames = false)
    {
        Compilation = compilation;
        LooksUpNames = looksUpNames;
        _creations = new Lazy<Dictionary<string, List<ExpressionSyntax>>>(IndexCreations, LazyThreadSafetyMode.ExecutionAndPublication);
        _globalUsings = new Lazy<HashSet<string>>(IndexGlobalUsings, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Compilation Compilation { get; }

    /// <summary>
    /// Whether the extractor looks names up in their scope, and binds the type of <c>new X(...)</c> alone, instead of
    /// binding the statements they are in: true where nothing else binds the program (the CLI: a 50-task-definition
    /// app checks in about 420 instead of 470 ms); false in a build, where the analyzer driver's shared semantic model
    /// has the statements bound already and a lookup is the slower question (200 task definitions: 290 instead of
    /// 100 ms of analyzer time). Both give the same findings.
    /// </summary>
    public bool LooksUpNames { get; }

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
