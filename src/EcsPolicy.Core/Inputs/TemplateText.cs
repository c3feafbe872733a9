using System.Text;
using System.Text.RegularExpressions;

namespace EcsPolicy.Inputs;

/// <summary>
/// Template syntax standing where the format only allows a value of its own, so that the text is not JSON or YAML until
/// a deploy step renders it: a sed placeholder in a JSON task definition (<c>"memoryReservation": &lt;MEMORY_RESV&gt;</c>),
/// a Mustache or Go template tag in a CloudFormation template (<c>DesiredCount: {{ desiredCount }}</c>, section lines
/// such as <c>{{#useSpot}}</c>). When the text does not parse, a loader asks for <see cref="Mask"/>: each tag is
/// replaced by a placeholder of the same length that the format accepts as a value, so lines and columns stay those of
/// the file, and the places masked are returned; the loader makes the values there unknown (ECS0010 counts them). A
/// text that parses as written is never masked.
/// </summary>
internal static class TemplateText
{
    // A whole line that is only a Mustache section, inverted section, end or comment tag: {{#name}}, {{^name}}, {{/name}}, {{! ... }}.
    private static readonly Regex SectionLine = new(@"^[ \t]*\{\{[#^/!][^{}\r\n]*\}\}[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // A tag alone on its line that is not a section: text the template inserts there (often whole YAML, {{{ yaml }}}).
    private static readonly Regex InsertionLine = new(@"^([ \t]*)\{\{\{?[^#^/!{}\r\n][^{}\r\n]*\}?\}\}[ \t]*(?=\r?$)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// The key an inserted line is masked as: the mapping that holds it is made unknown as a whole, since the
    /// template adds members to it that the text does not show.
    /// </summary>
    private const string InsertionKey = "ecs-policy-template-insertion";

    // An inline tag: {{ name }}, {{{ name }}}, {{ must_env `X` }} (no braces inside, one line).
    private static readonly Regex Tag = new(@"\{\{\{?[^{}\r\n]*\}?\}\}", RegexOptions.CultureInvariant);

    // A sed-style placeholder written as a bare JSON value: <NAME>, three characters or more.
    private static readonly Regex AngleName = new(@"<[A-Za-z_][A-Za-z0-9_.-]{2,}>", RegexOptions.CultureInvariant);

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
        masked = places.Select(p => LineAndColumn(text, p)).ToList();
        if (places.Count == 0)
        {
            return null;
        }

        if (insertions.Count > 0)
        {
            var built = new StringBuilder(chars.Length + (insertions.Count * 48));
            var from = 0;
            foreach (var (at, size, member) in insertions)
            {
                built.Append(chars, from, at - from).Append(member);
                from = at + size;
            }

            chars = built.Append(chars, from, chars.Length - from).ToString().ToCharArray();
        }

        // Replacements are ASCII, of the same length as the tag except whole inserted lines, so columns stay the file's.
        var result = new byte[offset + Encoding.UTF8.GetByteCount(chars)];
        Array.Copy(bytes, 0, result, 0, offset);
        Encoding.UTF8.GetBytes(chars, 0, chars.Length, result, offset);
        return result;
    }

    /// <summary>
    /// The tree read from a masked text with every scalar that holds a <paramref name="masked"/> place made unknown (a
    /// value the template fills in); <paramref name="found"/>: those scalars, in text order.
    /// </summary>
    public static SNode Unknown(SNode root, IReadOnlyList<(int Line, int Column)> masked, out IReadOnlyList<SNode> found)
    {
        var lines = new HashSet<int>(masked.Select(m => m.Line));
        var list = new List<SNode>();
        var result = Replace(root, masked, lines, list);
        found = list;
        return result;
    }

    private static SNode Replace(SNode node, IReadOnlyList<(int Line, int Column)> masked, HashSet<int> lines, List<SNode> found)
    {
        if (node.IsScalar)
        {
            var at = node.Location;
            if (lines.Contains(at.StartLine) && masked.Any(m => m.Line == at.StartLine && m.Column >= at.StartColumn && (at.EndLine > at.StartLine || m.Column < at.EndColumn)))
            {
                found.Add(node);
                return SNode.Unknown("a template placeholder filled in when the file is rendered", at);
            }

            return node;
        }

        if (node.Kind == NodeKind.Object && node.Get(InsertionKey) is { } insertion)
        {
            found.Add(insertion);
            return SNode.Unknown("a mapping the template adds members to when the file is rendered", node.Location);
        }

        if (node.Kind == NodeKind.Object)
        {
            var changed = false;
            var members = new List<(string, string?, SourceLocation, SNode)>(node.Children.Count);
            foreach (var child in node.Children)
            {
                var value = Replace(child, masked, lines, found);
                changed |= !ReferenceEquals(value, child);
                members.Add((child.Name!, child.SourceName, child.NameLocation, value));
            }

            return changed ? SNode.Object(node.Location, members) : node;
        }

        if (node.Kind == NodeKind.Array)
        {
            var items = node.Children.Select(c => Replace(c, masked, lines, found)).ToList();
            return items.Where((item, i) => !ReferenceEquals(item, node.Children[i])).Any() ? SNode.Array(node.Location, items) : node;
        }

        return node;
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
            if (c == '<' && (match = AngleName.Match(text, i)).Success && match.Index == i)
            {
                // "<" + name without its last two characters + ">", in quotes: the same length.
                var name = match.Value.Substring(1, match.Length - 2);
                Write(chars, i, "\"<" + name.Substring(0, name.Length - 2) + ">\"", places);
                i += match.Length - 1;
            }
            else if (c == '{' && i + 1 < text.Length && text[i + 1] == '{' && (match = Tag.Match(text, i)).Success && match.Index == i)
            {
                Write(chars, i, "\"${" + Inner(match.Value, match.Length - 5) + "}\"", places);
                i += match.Length - 1;
            }
        }
    }

    // YAML: section lines become blank; a tag alone on its line becomes a member of the mapping around it (which is
    // then unknown); an inline tag outside quotes becomes a plain placeholder of the same length.
    private static void MaskYaml(string text, char[] chars, List<int> places, List<(int At, int Length, string Text)> insertions)
    {
        foreach (Match line in SectionLine.Matches(text))
        {
            for (var k = line.Index; k < line.Index + line.Length; k++)
            {
                chars[k] = ' ';
            }
        }

        foreach (Match line in InsertionLine.Matches(text))
        {
            // Indented as the line before it, so that it lands in the same mapping. The line gets another length, which
            // moves no other line: the line is blanked here and its member put in by Lines.
            var indent = IndentBefore(text, line.Index);
            insertions.Add((line.Index, line.Length, new string(' ', indent) + InsertionKey + ": x"));
            for (var k = line.Index; k < line.Index + line.Length; k++)
            {
                chars[k] = ' ';
            }

            places.Add(line.Index + Math.Min(indent, line.Length));
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

    // The indentation of the last line before this one that has text.
    private static int IndentBefore(string text, int lineStart)
    {
        var end = lineStart - 1;
        while (end > 0)
        {
            var start = text.LastIndexOf('\n', end - 1) + 1;
            var line = text.Substring(start, end - start);
            if (line.Trim().Length > 0 && !line.TrimStart().StartsWith("#", StringComparison.Ordinal))
            {
                return line.Length - line.TrimStart(' ').Length;
            }

            end = start - 1;
        }

        return 0;
    }

    // The characters between the braces, made safe for a plain scalar or a JSON string, cut or padded to length.
    private static string Inner(string tag, int length)
    {
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
        var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
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

    private static (int Line, int Column) LineAndColumn(string text, int at)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && i < at; i = text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        return (line, at - lineStart + 1);
    }
}
