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

        Dictionary<string, int>? firstIndex = null;
        for (var j = 1; j < members.Count; j++)
        {
            var name = members[j].Name;
            var i = -1;
            if (members.Count <= LinearScanLimit)
            {
                for (var k = 0; k < j; k++)
                {
                    if (string.Equals(members[k].Name, name, StringComparison.Ordinal))
                    {
                        i = k;
                        break;
                    }
                }
            }
            else
            {
                if (firstIndex is null)
                {
                    firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var k = 0; k < j; k++)
                    {
                        firstIndex[members[k].Name] = k;
                    }
                }

                if (!firstIndex.TryGetValue(name, out i))
                {
                    firstIndex[name] = j;
                    i = -1;
                }
            }

            if (i < 0)
            {
                continue;
            }

            defects.Add(new ParseFailure(RepeatedKey(name, members[i].NameLocation.StartLine, container), members[j].NameLocation));
            members[i] = members[j];
            members.RemoveAt(j);
            if (firstIndex != null)
            {
                // Indexes after j moved down by one; rebuilt from here on.
                firstIndex = null;
                if (members.Count > LinearScanLimit)
                {
                    firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var k = 0; k < j; k++)
                    {
                        firstIndex[members[k].Name] = k;
                    }
                }
            }

            j--;
        }
    }

    private static string RepeatedKey(string name, int firstLine, string container) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "The key '{0}' appears twice in this {1} (first on line {2}): the rest of the file is checked with this last value, as CloudFormation and most readers take it, but the first value is silently lost, and some tools (aws cloudformation deploy, Copilot) reject the file. Remove one of the two.",
            name,
            container,
            firstLine);

    /// <summary>The defect that comes first in the text.</summary>
    public static ParseFailure First(IReadOnlyList<ParseFailure> defects) =>
        defects.OrderBy(d => d.Location.StartLine).ThenBy(d => d.Location.StartColumn).First();

    /// <summary>The defect of a comma after the last member of an object or the last item of an array.</summary>
    public static ParseFailure TrailingComma(SourceLocation comma) =>
        new("A trailing comma after the last element: JSON does not allow it, and AWS rejects the file. Remove the comma (the rest of the file is checked as if it were not there).", comma);
}
