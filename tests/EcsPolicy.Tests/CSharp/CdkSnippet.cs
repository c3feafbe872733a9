using Microsoft.CodeAnalysis;

namespace EcsPolicy.Tests.CSharp;

/// <summary>C# snippets in which <c>[|...|]</c> marks the spans findings must be reported at.</summary>
internal static class CdkSnippet
{
    /// <summary>Compiles a snippet (markers removed) against the CDK, asserts it compiles, and runs the analyzer.</summary>
    public static Run Analyze(string marked)
    {
        var (code, spans) = Markup(marked);
        var compilation = CdkCompilation.Create(code);
        var errors = CdkCompilation.CompilerErrors(compilation);
        Assert.True(errors.Count == 0, "the snippet does not compile against Amazon.CDK.Lib 2.160.0:\n" + string.Join("\n", errors));
        return new Run(CdkCompilation.Analyze(compilation), spans);
    }

    // The code without its [| |] markers, and the spans they mark (0-based start and end offsets).
    public static (string Code, List<(int Start, int End)> Spans) Markup(string marked)
    {
        var spans = new List<(int, int)>();
        var code = new System.Text.StringBuilder();
        var open = new Stack<int>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (string.CompareOrdinal(marked, i, "[|", 0, 2) == 0)
            {
                open.Push(code.Length);
                i++;
            }
            else if (string.CompareOrdinal(marked, i, "|]", 0, 2) == 0)
            {
                spans.Add((open.Pop(), code.Length));
                i++;
            }
            else
            {
                code.Append(marked[i]);
            }
        }

        return (code.ToString(), [.. spans.OrderBy(s => s.Item1)]);
    }

    public sealed record Run(IReadOnlyList<Diagnostic> Diagnostics, List<(int Start, int End)> Spans)
    {
        public IReadOnlyList<Diagnostic> Of(string id) => [.. Diagnostics.Where(d => d.Id == id)];

        /// <summary>Asserts exactly one <paramref name="id"/>, at marked span <paramref name="span"/>, with this message.</summary>
        public Diagnostic Single(string id, int span, string message)
        {
            var hits = Of(id);
            Assert.True(hits.Count == 1, $"expected one {id}; got:\n{CdkCompilation.Describe(Diagnostics)}");
            var d = hits[0];
            Assert.Equal("/app/Program.cs", d.Location.SourceTree?.FilePath);
            Assert.Equal(Spans[span], (d.Location.SourceSpan.Start, d.Location.SourceSpan.End));
            Assert.Equal(message, d.GetMessage());
            return d;
        }

        /// <summary>Asserts that <paramref name="id"/> fires exactly at the marked spans given, in order, with these messages.</summary>
        public void All(string id, params (int Span, string Message)[] expected)
        {
            var hits = Of(id);
            Assert.True(hits.Count == expected.Length, $"expected {expected.Length} {id}; got:\n{CdkCompilation.Describe(Diagnostics)}");
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(Spans[expected[i].Span], (hits[i].Location.SourceSpan.Start, hits[i].Location.SourceSpan.End));
                Assert.Equal(expected[i].Message, hits[i].GetMessage());
            }
        }
    }
}
