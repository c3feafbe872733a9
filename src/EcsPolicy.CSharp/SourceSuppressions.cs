using EcsPolicy.Inputs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// The suppressions written in C# source, as the compiler reads them, turned into the core's line-scoped
/// <see cref="Suppression"/>s so that the CLI honours them exactly like YAML comments (reasons, unused ones, SARIF):
/// <c>#pragma warning disable ECS6007 // reason</c> up to the matching <c>restore</c> (or the end of the file), and
/// <c>[SuppressMessage("EcsPolicy", "ECS6007", Justification = "reason")]</c> on a type or member (its lines) or on the
/// assembly without a target (every file). In the IDE and in <c>dotnet build</c> the compiler applies them itself.
/// </summary>
public static class SourceSuppressions
{
    /// <summary>The suppressions of rule IDs with EcsPolicy's form (letters then digits, e.g. ECS6007, ACME001) in one tree.</summary>
    public static IReadOnlyList<Suppression> Find(SemanticModel model, CancellationToken cancellation = default)
    {
        var tree = model.SyntaxTree;
        var root = tree.GetRoot(cancellation);
        var text = tree.GetText(cancellation);
        var path = tree.FilePath;
        var result = new List<Suppression>();

        // #pragma warning disable/restore: each ID is off from its disable to the next restore of it (or of all).
        var open = new Dictionary<string, (int Line, SourceLocation At, string? Reason)>(StringComparer.OrdinalIgnoreCase);
        foreach (var pragma in root.DescendantTrivia(descendIntoTrivia: true).Select(t => t.GetStructure()).OfType<PragmaWarningDirectiveTriviaSyntax>())
        {
            var line = tree.GetLineSpan(pragma.Span, cancellation).StartLinePosition.Line + 1;
            var ids = pragma.ErrorCodes.Select(c => c.ToString().Trim()).Where(IsRuleId).ToList();
            var disable = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            if (disable)
            {
                var reason = Comment(pragma);
                foreach (var id in ids)
                {
                    open[id] = (line, Location(tree, pragma.Span, path), reason);
                }
            }
            else
            {
                foreach (var id in pragma.ErrorCodes.Count == 0 ? open.Keys.ToList() : ids)
                {
                    if (open.TryGetValue(id, out var start))
                    {
                        result.Add(new Suppression(id.ToUpperInvariant(), Enumerable.Range(start.Line, line - start.Line + 1), start.Reason, start.At));
                        open.Remove(id);
                    }
                }
            }
        }

        foreach (var pair in open)
        {
            result.Add(new Suppression(pair.Key.ToUpperInvariant(), Enumerable.Range(pair.Value.Line, text.Lines.Count - pair.Value.Line + 1), pair.Value.Reason, pair.Value.At));
        }

        // [SuppressMessage(category, checkId, Justification = ...)] on declarations, and on the assembly without a target.
        foreach (var attribute in root.DescendantNodes().OfType<AttributeSyntax>())
        {
            if (!IsSuppressMessage(attribute, model, cancellation) || attribute.ArgumentList is not { Arguments.Count: >= 2 } arguments)
            {
                continue;
            }

            var checkId = model.GetConstantValue(arguments.Arguments[1].Expression, cancellation) is { HasValue: true, Value: string s } ? s : null;
            var id = checkId?.Split(':')[0].Trim();
            if (id is null || !IsRuleId(id))
            {
                continue;
            }

            string? Named(string name) =>
                arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name) is { } a
                && model.GetConstantValue(a.Expression, cancellation) is { HasValue: true, Value: string v } ? v : null;

            var reason = Named("Justification");
            var at = Location(tree, attribute.Span, path);
            if (attribute.Parent is AttributeListSyntax { Target.Identifier.ValueText: "assembly" or "module" })
            {
                if (Named("Target") is null && Named("Scope") is null)
                {
                    result.Add(new Suppression(id.ToUpperInvariant(), (IEnumerable<SNode>?)null, reason, at));
                }

                continue;
            }

            if (attribute.Parent?.Parent is MemberDeclarationSyntax member)
            {
                var span = tree.GetLineSpan(member.Span, cancellation);
                result.Add(new Suppression(id.ToUpperInvariant(), Enumerable.Range(span.StartLinePosition.Line + 1, span.EndLinePosition.Line - span.StartLinePosition.Line + 1), reason, at));
            }
        }

        return result;
    }

    private static bool IsRuleId(string id) =>
        id.Length >= 2 && char.IsLetter(id[0]) && id.Any(char.IsDigit) && id.All(char.IsLetterOrDigit) && char.IsDigit(id[id.Length - 1]);

    private static bool IsSuppressMessage(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellation)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            SimpleNameSyntax n => n.Identifier.ValueText,
            _ => "",
        };
        if (name is not ("SuppressMessage" or "SuppressMessageAttribute"))
        {
            return false;
        }

        var type = model.GetTypeInfo(attribute, cancellation).Type;
        return type is null or IErrorTypeSymbol || type.ToDisplayString() == "System.Diagnostics.CodeAnalysis.SuppressMessageAttribute";
    }

    /// <summary>The text of a comment at the end of the pragma's line (<c>// reason</c>), if any.</summary>
    private static string? Comment(PragmaWarningDirectiveTriviaSyntax pragma)
    {
        var comment = pragma.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia));
        var text = comment.ToString().TrimStart('/').Trim();
        return text.Length > 0 ? text : null;
    }

    private static SourceLocation Location(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span, string path)
    {
        var lines = tree.GetLineSpan(span);
        return new SourceLocation(path, lines.StartLinePosition.Line + 1, lines.StartLinePosition.Character + 1, lines.EndLinePosition.Line + 1, lines.EndLinePosition.Character + 1);
    }
}
