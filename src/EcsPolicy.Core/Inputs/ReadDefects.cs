using System.Globalization;

namespace EcsPolicy.Inputs;

/// <summary>
/// Defects of a text that a reader can read past without guessing: a key written twice in one mapping (the last value is
/// kept, as CloudFormation and most YAML and JSON readers do) and, in JSON, a trailing comma. Each is reported as ECS0001
/// at its place, and the rest of the file is still checked, so one slip does not hide every other finding in the file.
/// </summary>
internal static class ReadDefects
{
    // Up to this many members, duplicates are found by comparing each name with the ones before it (names are mostly
    // interned, so this is cheaper than hashing); past it, with a dictionary.
    private const int LinearScanLimit = 16;

    /// <summary>
    /// Keeps the last of each repeated name in <paramref name="members"/>, in the place of the first, and adds a defect
    /// at each repetition to <paramref name="defects"/>. <paramref name="container"/> names the kind of node ("object",
    /// "mapping") in the message.
    /// </summary>
    public static void KeepLastOfRepeatedKeys(List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> members, List<ParseFailure> defects, string container)
    {
        if (members.Count < 2)
        {
            return;
        }

        // One pass that compacts the list in place: a repeated name replaces the member kept for it, any other is kept.
        // Each member is moved at most once and looked up once, so a hostile object of thousands of repeats stays linear.
        var index = members.Count > LinearScanLimit ? new Dictionary<string, int>(StringComparer.Ordinal) : null;
        var kept = 0;
        for (var read = 0; read < members.Count; read++)
        {
            var member = members[read];
            var i = Find(members, kept, member.Name, index);
            if (i >= 0)
            {
                var same = SameScalar(members[i].Value, member.Value);
                defects.Add(new ParseFailure(RepeatedKey(member.Name, members[i].NameLocation.StartLine, container, same), member.NameLocation) { IsRepeatedKey = true, RepeatsSameValue = same });
                members[i] = member;
                continue;
            }

            index?.Add(member.Name, kept);
            members[kept++] = member;
        }

        members.RemoveRange(kept, members.Count - kept);
    }

    // The place among the first <paramref name="kept"/> members of the one named <paramref name="name"/>, or -1.
    private static int Find(List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> members, int kept, string name, Dictionary<string, int>? index)
    {
        if (index != null)
        {
            return index.TryGetValue(name, out var at) ? at : -1;
        }

        for (var k = 0; k < kept; k++)
        {
            if (string.Equals(members[k].Name, name, StringComparison.Ordinal))
            {
                return k;
            }
        }

        return -1;
    }

    private static string RepeatedKey(string name, int firstLine, string container, bool same) =>
        string.Format(
            CultureInfo.InvariantCulture,
            same
                ? "The key '{0}' appears twice in this {1} with the same value (first on line {2}): nothing is lost, but some tools (aws cloudformation deploy, Copilot) reject the file. Remove one of the two."
                : "The key '{0}' appears twice in this {1} (first on line {2}): the rest of the file is checked with this last value, as CloudFormation and most readers take it, but the first value is silently lost, and some tools (aws cloudformation deploy, Copilot) reject the file. Remove one of the two.",
            name,
            container,
            firstLine);

    // Two scalars of the same kind and text: a repeat that changes nothing.
    private static bool SameScalar(SNode first, SNode second) =>
        first.IsScalar && second.Kind == first.Kind && string.Equals(first.Scalar, second.Scalar, StringComparison.Ordinal);

    /// <summary>
    /// A strict reader's answer: no tree, and the defect that comes first in the text as the failure, when the text has
    /// any defect; else the tree as read.
    /// </summary>
    public static SNode? Strict(SNode? root, IReadOnlyList<ParseFailure> defects, ref ParseFailure? failure)
    {
        if (root is null || defects.Count == 0)
        {
            return root;
        }

        failure = defects.OrderBy(d => d.Location.StartLine).ThenBy(d => d.Location.StartColumn).First();
        return null;
    }

    /// <summary>The defect of a comma after the last member of an object or the last item of an array.</summary>
    public static ParseFailure TrailingComma(SourceLocation comma) =>
        new("A trailing comma after the last element: JSON does not allow it, and AWS rejects the file. Remove the comma (the rest of the file is checked as if it were not there).", comma);
}
