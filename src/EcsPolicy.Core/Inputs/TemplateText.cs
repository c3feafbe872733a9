using System.Text;
using System.Text.RegularExpressions;

namespace EcsPolicy.Inputs;

/// <summary>
/// Template syntax standing where the format only allows a value of its own, so that the text is not JSON or YAML until
/// a deploy step renders it: a sed placeholder in a JSON task definition (<c>"memoryReservation": &lt;MEMORY_RESV&gt;</c>),
/// a Mustache or Go template tag in a CloudFormation template (<c>DesiredCount: {{ desiredCount }}</c>, section lines
/// such as <c>{{#useSpot}}</c>, a block inserted whole: <c>{{{ yaml }}}</c>). When the text does not parse, a loader asks
/// for <see cref="Mask"/>: each inline tag is replaced by a placeholder of the same length that the format accepts as a
/// value, so lines and columns stay those of the file; a section or an inserted block becomes a marker member that makes
/// the mapping (or list) around it unknown, since what the rendered file holds there cannot be known. The loader makes
/// the values at the masked places unknown (<see cref="Unknown"/>; ECS0010 counts them). A text that parses as written
/// is never masked. Work is linear in the text: every pattern is anchored where it is tried.
/// </summary>
internal static class TemplateText
{
    // A whole line that is only a Mustache section start or inverted section start: {{#name}}, {{^name}}.
    private static readonly Regex SectionStartLine = new(@"^[ \t]*\{\{[#^][^{}\r\n]*\}\}[ \t]*(?=\r?$)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // A whole line that is only a section end or a comment: {{/name}}, {{! ... }}.
    private static readonly Regex SectionEndLine = new(@"^[ \t]*\{\{[/!][^{}\r\n]*\}\}[ \t]*(?=\r?$)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // A tag alone on its line that is not a section: text the template inserts there (often whole YAML, {{{ yaml }}}).
    private static readonly Regex InsertionLine = new(@"^[ \t]*(?:\{\{\{[^{}\r\n]*\}\}\}|\{\{[^#^/!{}\r\n][^{}\r\n]*\}\})[ \t]*(?=\r?$)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// The key an inserted line or a section is masked as: the mapping (or list) that holds it is made unknown as a whole,
    /// since the template decides what it holds.
    /// </summary>
    private const string InsertionKey = "ecs-policy-template-insertion";

    // An inline tag: {{ name }}, {{{ name }}}, {{ must_env `X` }} (no braces inside, one line). A third closing brace
    // belongs to the tag only when it opened with three, else it closes a flow mapping: {Value: {{env}}}.
    private const string TagPattern = @"\{\{\{[^{}\r\n]*\}\}\}|\{\{[^{}\r\n]*\}\}";

    private static readonly Regex Tag = new(TagPattern, RegexOptions.CultureInvariant);

    // The same, tried only at the position given (\G), so that a scan of a text is linear.
    private static readonly Regex TagHere = new(@"\G(?:" + TagPattern + ")", RegexOptions.CultureInvariant);

    // A sed-style placeholder written as a bare JSON value: <NAME>, three characters or more; tried at one position.
    private static readonly Regex AngleNameHere = new(@"\G<[A-Za-z_][A-Za-z0-9_.-]{2,}>", RegexOptions.CultureInvariant);

    /// <summary>
    /// The text with its template tags masked (see the class summary), or null when it has none outside JSON strings.
    /// <paramref name="masked"/>: the line and column where each masked value starts, in text order.
    /// </summary>
    public static byte[]? Mask(byte[] content, bool json, out IReadOnlyList<(int Line, int Column)> masked)
    {
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        var text = Encoding.UTF8.GetString(bytes, offset, length);
        var chars = text.ToCharArray();
        var places = new List<int>();
        var insertions = new List<(int At, int Length, string Text)>();
        if (json)
        {
            MaskJson(text, chars, places);
        }
        else
        {
            MaskYaml(text, chars, places, insertions);
        }

        places.Sort();
        masked = LinesAndColumns(text, places);
        if (places.Count == 0)
        {
            return null;
        }

        if (insertions.Count > 0)
        {
            insertions.Sort((a, b) => a.At.CompareTo(b.At));
            var built = new StringBuilder(chars.Length + (insertions.Count * 48));
            var from = 0;
            foreach (var (at, size, member) in insertions)
            {
                built.Append(chars, from, at - from).Append(member);
                from = at + size;
            }

            chars = built.Append(chars, from, chars.Length - from).ToString().ToCharArray();
        }

        // Replacements are ASCII, of the same length as the tag except whole lines, so columns stay the file's.
        var result = new byte[offset + Encoding.UTF8.GetByteCount(chars)];
        Array.Copy(bytes, 0, result, 0, offset);
        Encoding.UTF8.GetBytes(chars, 0, chars.Length, result, offset);
        return result;
    }

    /// <summary>
    /// The tree read from a masked text with every scalar that holds a <paramref name="masked"/> place made unknown (a
    /// value the template fills in), and every mapping or list holding a section or an inserted block made unknown as a
    /// whole; <paramref name="found"/>: the nodes made unknown, in text order; <paramref name="regions"/>: where the
    /// mappings and lists made unknown as a whole are.
    /// </summary>
    public static SNode Unknown(SNode root, IReadOnlyList<(int Line, int Column)> masked, out IReadOnlyList<SNode> found, out IReadOnlyList<SourceLocation> regions)
    {
        var byLine = new Dictionary<int, List<int>>();
        foreach (var (line, column) in masked)
        {
            if (!byLine.TryGetValue(line, out var columns))
            {
                byLine[line] = columns = [];
            }

            columns.Add(column);
        }

        var list = new List<SNode>();
        var wholes = new List<SourceLocation>();
        var result = SNode.Rewrite(root, node => ReplacementOf(node, byLine, list, wholes));
        found = list;
        regions = wholes;
        return result;
    }

    // What a node of a masked text is replaced with (see SNode.Rewrite); null looks inside.
    private static SNode? ReplacementOf(SNode node, Dictionary<int, List<int>> byLine, List<SNode> found, List<SourceLocation> regions)
    {
        if (node.IsScalar)
        {
            var at = node.Location;
            if (byLine.TryGetValue(at.StartLine, out var columns) && columns.Any(c => c >= at.StartColumn && (at.EndLine > at.StartLine || c < at.EndColumn)))
            {
                found.Add(node);
                return SNode.Unknown("a template placeholder filled in when the file is rendered", at);
            }

            return node;
        }

        if (node.Kind == NodeKind.Object && node.Get(InsertionKey) is { } insertion)
        {
            found.Add(insertion);
            regions.Add(node.Location);
            return SNode.Unknown("a mapping whose members the template decides when the file is rendered", node.Location);
        }

        if (node.Kind == NodeKind.Array && node.Children.FirstOrDefault(c => c.Kind == NodeKind.Object && c.Get(InsertionKey) != null) is { } marker)
        {
            found.Add(marker.Get(InsertionKey)!);
            regions.Add(node.Location);
            return SNode.Unknown("a list whose items the template decides when the file is rendered", node.Location);
        }

        return null;
    }

    // JSON: tags outside strings become strings of the same length holding a placeholder: <NAME> -> "<NA>", {{ x }} -> "${x}".
    private static void MaskJson(string text, char[] chars, List<int> places)
    {
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            Match match;
            if (c == '<' && (match = AngleNameHere.Match(text, i)).Success)
            {
                // "<" + name without its last two characters + ">", in quotes: the same length.
                var name = match.Value.Substring(1, match.Length - 2);
                Write(chars, i, "\"<" + name.Substring(0, name.Length - 2) + ">\"", places);
                i += match.Length - 1;
            }
            else if (c == '{' && i + 1 < text.Length && text[i + 1] == '{' && (match = TagHere.Match(text, i)).Success && match.Length >= 5)
            {
                Write(chars, i, "\"${" + Inner(match.Value, match.Length - 5) + "}\"", places);
                i += match.Length - 1;
            }
        }
    }

    // YAML: a section start or an inserted block becomes a marker member of the mapping or list around it, section ends
    // and comments become blank, an inline tag outside quotes becomes a plain placeholder of the same length.
    private static void MaskYaml(string text, char[] chars, List<int> places, List<(int At, int Length, string Text)> insertions)
    {
        foreach (Match line in SectionStartLine.Matches(text))
        {
            // The section's lines are in the mapping (or list) of the line after it: the marker goes there.
            var (indent, item) = IndentAfter(text, line.Index + line.Length);
            Mark(chars, places, insertions, line, new string(' ', indent) + (item ? "- " : "") + InsertionKey + ": x", indent);
        }

        foreach (Match line in SectionEndLine.Matches(text))
        {
            Blank(chars, line.Index, line.Length);
        }

        foreach (Match line in InsertionLine.Matches(text))
        {
            // An inserted block continues the mapping of the line before it.
            var indent = IndentBefore(text, line.Index);
            Mark(chars, places, insertions, line, new string(' ', indent) + InsertionKey + ": x", indent);
        }

        foreach (Match tag in Tag.Matches(text))
        {
            if (chars[tag.Index] != '{' || InQuotesOrComment(text, tag.Index))
            {
                continue;
            }

            // Angle brackets, not braces: a brace would open a mapping inside a flow sequence ([a, {{ b }}]).
            Write(chars, tag.Index, "<" + Inner(tag.Value, tag.Length - 2) + ">", places);
        }
    }

    // Blanks a whole line and puts a marker member in its place (the line's length changes; no other line moves).
    private static void Mark(char[] chars, List<int> places, List<(int At, int Length, string Text)> insertions, Match line, string member, int indent)
    {
        insertions.Add((line.Index, line.Length, member));
        Blank(chars, line.Index, line.Length);
        places.Add(line.Index + Math.Min(indent, line.Length));
    }

    private static void Blank(char[] chars, int at, int length)
    {
        for (var k = at; k < at + length; k++)
        {
            chars[k] = ' ';
        }
    }

    // The indentation of the last line before this one that has text.
    private static int IndentBefore(string text, int lineStart)
    {
        var end = lineStart - 1;
        var steps = 0;
        while (end > 0 && steps++ < 64)
        {
            var start = text.LastIndexOf('\n', end - 1) + 1;
            var line = text.Substring(start, end - start).TrimEnd('\r');
            if (line.Trim().Length > 0 && !line.TrimStart().StartsWith("#", StringComparison.Ordinal) && !line.TrimStart().StartsWith("{{", StringComparison.Ordinal))
            {
                return line.Length - line.TrimStart(' ').Length;
            }

            end = start - 1;
        }

        return 0;
    }

    // The indentation of the next line after this one that has text, and whether it is a list item.
    private static (int Indent, bool Item) IndentAfter(string text, int lineEnd)
    {
        var start = lineEnd;
        var steps = 0;
        while (start < text.Length && steps++ < 64)
        {
            var next = text.IndexOf('\n', start);
            var end = next < 0 ? text.Length : next;
            var line = text.Substring(start, end - start).TrimEnd('\r');
            var trimmed = line.TrimStart(' ');
            if (trimmed.Length > 0 && !trimmed.StartsWith("#", StringComparison.Ordinal) && !trimmed.StartsWith("{{", StringComparison.Ordinal))
            {
                return (line.Length - trimmed.Length, trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed == "-");
            }

            start = end + 1;
        }

        return (0, false);
    }

    // The characters between the braces, made safe for a plain scalar or a JSON string, cut or padded to length.
    private static string Inner(string tag, int length)
    {
        length = Math.Max(0, length);
        var inner = new StringBuilder();
        foreach (var c in tag.Trim('{', '}'))
        {
            inner.Append(char.IsLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        }

        return inner.Length >= length ? inner.ToString(0, length) : inner.Append('_', length - inner.Length).ToString();
    }

    private static void Write(char[] chars, int at, string replacement, List<int> places)
    {
        replacement.CopyTo(0, chars, at, replacement.Length);
        places.Add(at);
    }

    // Whether a position on its line is inside a quoted YAML scalar or a comment (a tag there is text, not a value).
    private static bool InQuotesOrComment(string text, int at)
    {
        var start = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        char? quote = null;
        for (var i = start; i < at; i++)
        {
            var c = text[i];
            if (quote is null && c == '#' && (i == start || text[i - 1] is ' ' or '\t'))
            {
                return true;
            }

            if (quote is null && c is '\'' or '"')
            {
                quote = c;
            }
            else if (quote == c)
            {
                quote = null;
            }
        }

        return quote != null;
    }

    // Line and column (1-based) of each of the sorted positions, in one pass over the text.
    private static List<(int Line, int Column)> LinesAndColumns(string text, List<int> sorted)
    {
        var result = new List<(int, int)>(sorted.Count);
        var line = 1;
        var lineStart = 0;
        var scanned = 0;
        foreach (var at in sorted)
        {
            for (; scanned < at; scanned++)
            {
                if (text[scanned] == '\n')
                {
                    line++;
                    lineStart = scanned + 1;
                }
            }

            result.Add((line, at - lineStart + 1));
        }

        return result;
    }
}
