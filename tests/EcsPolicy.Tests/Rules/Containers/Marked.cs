using EcsPolicy.Catalog;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Containers;

/// <summary>Lints JSON in which <c>[|</c> marks where the one expected finding starts.</summary>
internal static class Marked
{
    /// <summary>Asserts that <paramref name="ruleId"/> fires exactly once, at the marker, and returns the finding.</summary>
    public static Finding Single(string ruleId, string marked)
    {
        var example = new RuleExample(marked, null);
        var marker = example.Marker ?? throw new ArgumentException("no [| marker in the test input");
        var all = Lint.Text(example.CleanText);
        var hits = all.Only(ruleId);
        Assert.True(hits.Count == 1, $"expected one {ruleId} finding, got:\n{all.Describe()}");
        var finding = hits[0];
        Assert.Equal((marker.Line, marker.Column), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.EndsWith(".", finding.Message, StringComparison.Ordinal);
        return finding;
    }

    /// <summary>Asserts that <paramref name="ruleId"/> fires at every marker (in order) and nowhere else.</summary>
    public static IReadOnlyList<Finding> All(string ruleId, string marked)
    {
        var positions = new List<(int, int)>();
        var text = marked;
        while (true)
        {
            var example = new RuleExample(text, null);
            if (example.Marker is not { } m)
            {
                break;
            }

            positions.Add(m);
            var at = text.IndexOf(RuleExample.MarkStart, StringComparison.Ordinal);
            text = text.Remove(at, RuleExample.MarkStart.Length);
        }

        var all = Lint.Text(text.Replace(RuleExample.MarkEnd, ""));
        var hits = all.Only(ruleId);
        Assert.True(hits.Count == positions.Count, $"expected {positions.Count} {ruleId} findings, got:\n{all.Describe()}");
        Assert.Equal(positions, hits.Select(f => (f.Location.StartLine, f.Location.StartColumn)).ToList());
        return hits;
    }

    /// <summary>Asserts that <paramref name="ruleId"/> does not fire.</summary>
    public static void None(string ruleId, string json)
    {
        var all = Lint.Text(json);
        Assert.True(all.Only(ruleId).Count == 0, $"{ruleId} fired unexpectedly:\n{all.Only(ruleId).Describe()}");
    }
}
