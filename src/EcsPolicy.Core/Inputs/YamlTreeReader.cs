using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EcsPolicy.Inputs;

/// <summary>
/// Reads the first YAML document of a file into a raw source tree (keys as written) with exact locations.
/// Plain scalars are typed as in the YAML 1.2 core schema; quoted scalars are strings. CloudFormation's short-form
/// tags become the long form (<c>!Ref X</c> is <c>{"Ref": X}</c>, <c>!Sub s</c> is <c>{"Fn::Sub": s}</c>), located
/// where the tagged node is. Aliases are expanded within a budget of <see cref="MaxNodes"/> values.
/// Positions come from YamlDotNet's character index mapped by our own line table (CR, LF and CRLF end a line;
/// columns are 1-based UTF-16 units; a tab is one column), the same convention as <see cref="JsonTreeReader"/>.
/// </summary>
public static class YamlTreeReader
{
    /// <summary>At most this many values are produced (alias expansion included); more is reported, not built.</summary>
    public const int MaxNodes = 100_000;

    /// <summary>Deeper nesting than this is reported, not followed.</summary>
    public const int MaxDepth = 128;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The CloudFormation short-form tags and the long-form keys they stand for.</summary>
    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Sub"] = "Fn::Sub",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Base64"] = "Fn::Base64",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!Cidr"] = "Fn::Cidr",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Transform"] = "Fn::Transform",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
    };

    /// <summary>Reads strictly: a defect (a repeated key) is the failure, and no tree is returned.</summary>
    public static SNode? Parse(string file, byte[] content, out ParseFailure? failure)
    {
        var root = Parse(file, content, out failure, out var defects);
        return ReadDefects.Strict(root, defects, ref failure);
    }

    /// <summary>
    /// Reads the text; <paramref name="defects"/> are what was read past (a key written twice: the last value is kept),
    /// each an ECS0001 for the caller to report.
    /// </summary>
    public static SNode? Parse(string file, byte[] content, out ParseFailure? failure, out IReadOnlyList<ParseFailure> defects)
    {
        defects = [];
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        var bad = TextInput.FirstInvalidUtf8(bytes, offset, length);
        if (bad >= 0)
        {
            var map = new LineMap(bytes.Skip(offset).Take(length).ToArray(), length);
            var (line, column) = map.Position(bad - offset);
            failure = new ParseFailure("The file is not valid UTF-8 text (invalid byte sequence).", SourceLocation.At(file, line, column));
            return null;
        }

        return Parse(file, Encoding.UTF8.GetString(bytes, offset, length), out failure, out defects);
    }

    /// <summary>Reads strictly (see <see cref="Parse(string, byte[], out ParseFailure?)"/>).</summary>
    public static SNode? Parse(string file, string text, out ParseFailure? failure)
    {
        var root = Parse(file, text, out failure, out var defects);
        return ReadDefects.Strict(root, defects, ref failure);
    }

    public static SNode? Parse(string file, string text, out ParseFailure? failure, out IReadOnlyList<ParseFailure> defects)
    {
        var builder = new Builder(file, text);
        var root = builder.Run(out failure);
        defects = root is null ? [] : builder.Defects;
        return root;
    }

    private sealed class Builder
    {
        private readonly string _file;
        private readonly string _text;
        private readonly int[] _lineStarts;
        private readonly Dictionary<string, SNode> _anchors = new(StringComparer.Ordinal);
        private IParser _parser = null!;
        private int _nodes;
        private int _lastIndex;

        /// <summary>What the text has that was read past (see <see cref="ReadDefects"/>).</summary>
        public List<ParseFailure> Defects { get; } = [];

        public Builder(string file, string text)
        {
            _file = file;
            _text = text;
            _lineStarts = LineStarts(text);
        }

        public SNode? Run(out ParseFailure? failure)
        {
            _parser = new Parser(new StringReader(_text));
            try
            {
                Expect<StreamStart>();
                var first = Next();
                if (first is StreamEnd)
                {
                    failure = new ParseFailure("The file is empty: expected a YAML mapping.", At(0));
                    return null;
                }

                if (first is not DocumentStart)
                {
                    throw new Failure("Invalid YAML: expected the start of a document.", At(Index(first.Start)));
                }

                var root = ReadNode(0);
                failure = null;
                return root;
            }
            catch (Failure f)
            {
                failure = new ParseFailure(f.Message, f.Location) { IsLimit = f.IsLimit };
                return null;
            }
            catch (YamlException e)
            {
                failure = new ParseFailure("Invalid YAML: " + e.Message, At((int)Math.Min(int.MaxValue, e.Start.Index)));
                return null;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
            {
                // YamlDotNet's scanner throws these for a few malformed inputs (e.g. an unclosed flow collection at the end).
                failure = new ParseFailure("Invalid YAML: the text cannot be read past this point.", At(_lastIndex));
                return null;
            }
        }

        private void Expect<T>()
            where T : ParsingEvent
        {
            if (!_parser.MoveNext() || _parser.Current is not T)
            {
                throw new Failure("Invalid YAML: unexpected end of the document.", At(_lastIndex));
            }

            _lastIndex = Index(_parser.Current.End);
        }

        private ParsingEvent Next()
        {
            if (!_parser.MoveNext() || _parser.Current is null)
            {
                throw new Failure("Invalid YAML: unexpected end of the document.", At(_lastIndex));
            }

            _lastIndex = Index(_parser.Current.Start);
            return _parser.Current;
        }

        /// <summary>Reads the node whose first event is the parser's next event.</summary>
        private SNode ReadNode(int depth)
        {
            var e = Next();
            return ReadNode(e, depth);
        }

        private SNode ReadNode(ParsingEvent e, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new Failure(string.Format(CultureInfo.InvariantCulture, "the YAML is nested deeper than {0} levels, which this tool does not follow (a template or manifest never is)", MaxDepth), At(Index(e.Start)), isLimit: true);
            }

            Count(e.Start);
            SNode node;
            string? tag;
            string? anchor;
            switch (e)
            {
                case Scalar s:
                    tag = s.Tag.IsEmpty ? null : s.Tag.Value;
                    anchor = s.Anchor.IsEmpty ? null : s.Anchor.Value;
                    node = ScalarNode(s, tag);
                    break;
                case MappingStart m:
                    tag = m.Tag.IsEmpty ? null : m.Tag.Value;
                    anchor = m.Anchor.IsEmpty ? null : m.Anchor.Value;
                    node = Mapping(m, depth);
                    break;
                case SequenceStart q:
                    tag = q.Tag.IsEmpty ? null : q.Tag.Value;
                    anchor = q.Anchor.IsEmpty ? null : q.Anchor.Value;
                    node = Sequence(q, depth);
                    break;
                case AnchorAlias alias:
                    return Expand(alias);
                default:
                    throw new Failure("Invalid YAML: unexpected " + e.GetType().Name + ".", At(Index(e.Start)));
            }

            if (tag != null && ShortForms.TryGetValue(tag, out var function))
            {
                Count(e.Start);
                node = SNode.Object(node.Location, [(function, null, node.Location, node)]);
            }
            else if (tag is not null and not "!" && !tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
            {
                node = SNode.Unknown("the YAML tag '" + tag + "' has no meaning in a template", node.Location);
            }

            if (anchor != null)
            {
                _anchors[anchor] = node;
            }

            return node;
        }

        private SNode Mapping(MappingStart start, int depth)
        {
            var properties = new List<(string, string?, SourceLocation, SNode)>();
            var end = Index(start.End);
            while (true)
            {
                var e = Next();
                if (e is MappingEnd close)
                {
                    end = start.Style == MappingStyle.Flow ? Index(close.Start) + 1 : end;
                    break;
                }

                if (e is not Scalar key)
                {
                    throw new Failure("A mapping key here is a list or a mapping; templates use plain text keys only.", At(Index(e.Start)));
                }

                var keyLocation = Span(Index(key.Start), ContentEnd(key));
                var name = key.Value;
                var value = ReadNode(depth + 1);
                properties.Add((name, null, keyLocation, value));
                end = Math.Max(end, EndIndex(value.Location, keyLocation));
            }

            ReadDefects.KeepLastOfRepeatedKeys(properties, Defects, "mapping");
            return SNode.Object(Span(Index(start.Start), end), properties);
        }

        private SNode Sequence(SequenceStart start, int depth)
        {
            var items = new List<SNode>();
            var end = Index(start.End);
            while (true)
            {
                var e = Next();
                if (e is SequenceEnd close)
                {
                    end = start.Style == SequenceStyle.Flow ? Index(close.Start) + 1 : end;
                    break;
                }

                var item = ReadNode(e, depth + 1);
                items.Add(item);
                end = Math.Max(end, EndIndex(item.Location, item.Location));
            }

            return SNode.Array(Span(Index(start.Start), end), items);
        }

        private SNode ScalarNode(Scalar s, string? tag)
        {
            var startIndex = Index(s.Start);
            var endIndex = ContentEnd(s);
            var location = Span(startIndex, endIndex);
            var kind = KindOf(s, tag);
            if (kind == NodeKind.Null)
            {
                return SNode.CreateScalar(NodeKind.Null, null, location);
            }

            if (kind == NodeKind.Boolean)
            {
                return SNode.CreateScalar(NodeKind.Boolean, s.Value.ToLowerInvariant(), location);
            }

            if (kind != NodeKind.String)
            {
                return SNode.CreateScalar(kind, s.Value, location);
            }

            // A single-line scalar keeps its source text, so offsets inside the value map to columns.
            if (location.StartLine == location.EndLine)
            {
                switch (s.Style)
                {
                    case ScalarStyle.Plain when endIndex - s.Value.Length >= startIndex
                        && string.CompareOrdinal(_text, endIndex - s.Value.Length, s.Value, 0, s.Value.Length) == 0:
                        return SNode.CreateYamlString(s.Value, null, SNode.YamlQuoting.Plain, location, Column(endIndex - s.Value.Length));
                    case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted:
                        var quote = s.Style == ScalarStyle.SingleQuoted ? '\'' : '"';
                        var open = _text.IndexOf(quote, startIndex, endIndex - startIndex);
                        if (open >= 0 && endIndex - 1 > open && _text[endIndex - 1] == quote)
                        {
                            var raw = _text.Substring(open + 1, endIndex - open - 2);
                            var quoting = s.Style == ScalarStyle.SingleQuoted ? SNode.YamlQuoting.SingleQuoted : SNode.YamlQuoting.DoubleQuoted;
                            return SNode.CreateYamlString(s.Value, raw == s.Value ? null : raw, quoting, location, Column(open + 1));
                        }

                        break;
                }
            }

            return SNode.CreateScalar(NodeKind.String, s.Value, location);
        }

        /// <summary>Copies an anchored node for an alias; the copy's root is located at the alias.</summary>
        private SNode Expand(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new Failure("The alias '*" + alias.Value.Value + "' refers to no anchor defined before it.", Span(Index(alias.Start), Index(alias.End)));
            }

            return Copy(target, Span(Index(alias.Start), Index(alias.End)), alias.Start);
        }

        private SNode Copy(SNode node, SourceLocation? at, Mark mark)
        {
            Count(mark);
            var location = at ?? node.Location;
            switch (node.Kind)
            {
                case NodeKind.Object:
                    var properties = new List<(string, string?, SourceLocation, SNode)>(node.Children.Count);
                    foreach (var child in node.Children)
                    {
                        properties.Add((child.Name!, null, child.NameLocation, Copy(child, null, mark)));
                    }

                    return SNode.Object(location, properties);
                case NodeKind.Array:
                    var items = new List<SNode>(node.Children.Count);
                    foreach (var child in node.Children)
                    {
                        items.Add(Copy(child, null, mark));
                    }

                    return SNode.Array(location, items);
                case NodeKind.Unknown:
                    return SNode.Unknown(node.UnknownReason!, location);
                default:
                    return at is null ? SNode.CopyScalar(node) : SNode.CreateScalar(node.Kind, node.Scalar, location);
            }
        }

        private void Count(Mark at)
        {
            if (++_nodes > MaxNodes)
            {
                throw new Failure(
                    string.Format(CultureInfo.InvariantCulture, "the YAML expands to more than {0:N0} values (its aliases repeat anchored content), more than this tool builds for one file", MaxNodes),
                    At(Index(at)),
                    isLimit: true);
            }
        }

        private static NodeKind KindOf(Scalar s, string? tag)
        {
            if (tag != null && tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
            {
                return tag.Substring(CoreTagPrefix.Length) switch
                {
                    "null" => NodeKind.Null,
                    "bool" when IsBoolean(s.Value) => NodeKind.Boolean,
                    "int" or "float" when IsNumber(s.Value) => NodeKind.Number,
                    _ => NodeKind.String,
                };
            }

            if (s.Style != ScalarStyle.Plain || tag != null)
            {
                return NodeKind.String;
            }

            var v = s.Value;
            if (v.Length == 0 || v is "~" or "null" or "Null" or "NULL")
            {
                return NodeKind.Null;
            }

            return IsBoolean(v) ? NodeKind.Boolean : IsNumber(v) ? NodeKind.Number : NodeKind.String;
        }

        private static bool IsBoolean(string v) => v is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

        /// <summary>A decimal integer or float of the YAML 1.2 core schema (hexadecimal, octal, .inf and .nan stay text).</summary>
        internal static bool IsNumber(string v)
        {
            var i = 0;
            if (i < v.Length && (v[i] == '-' || v[i] == '+'))
            {
                i++;
            }

            var digits = 0;
            while (i < v.Length && char.IsDigit(v[i]) && v[i] < 128)
            {
                i++;
                digits++;
            }

            if (i < v.Length && v[i] == '.')
            {
                i++;
                while (i < v.Length && v[i] is >= '0' and <= '9')
                {
                    i++;
                    digits++;
                }
            }

            if (digits == 0)
            {
                return false;
            }

            if (i < v.Length && (v[i] == 'e' || v[i] == 'E'))
            {
                i++;
                if (i < v.Length && (v[i] == '-' || v[i] == '+'))
                {
                    i++;
                }

                var exponent = 0;
                while (i < v.Length && v[i] is >= '0' and <= '9')
                {
                    i++;
                    exponent++;
                }

                if (exponent == 0)
                {
                    return false;
                }
            }

            return i == v.Length;
        }

        /// <summary>The end of a scalar's text: YamlDotNet ends block scalars after their last line break.</summary>
        private int ContentEnd(Scalar s)
        {
            var start = Index(s.Start);
            var end = Index(s.End);
            while (end > start && (_text[end - 1] == '\n' || _text[end - 1] == '\r'))
            {
                end--;
            }

            return end;
        }

        private int EndIndex(SourceLocation value, SourceLocation fallback)
        {
            var l = value.IsEmpty ? fallback : value;
            return _lineStarts[Math.Min(l.EndLine, _lineStarts.Length) - 1] + l.EndColumn - 1;
        }

        private static int Index(Mark mark) => (int)Math.Min(int.MaxValue, mark.Index);

        private int Column(int index) => Position(index).Column;

        private (int Line, int Column) Position(int index)
        {
            index = Math.Max(0, Math.Min(index, _text.Length));
            var line = Array.BinarySearch(_lineStarts, index);
            if (line < 0)
            {
                line = ~line - 1;
            }

            return (line + 1, index - _lineStarts[line] + 1);
        }

        private SourceLocation At(int index)
        {
            var (line, column) = Position(index);
            return SourceLocation.At(_file, line, column);
        }

        private SourceLocation Span(int start, int end)
        {
            var (l1, c1) = Position(start);
            var (l2, c2) = Position(Math.Max(start, end));
            return new SourceLocation(_file, l1, c1, l2, c2);
        }

        private static int[] LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (ch == '\n')
                {
                    starts.Add(i + 1);
                }
                else if (ch == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    starts.Add(i + 1);
                }
            }

            return [.. starts];
        }
    }

    private sealed class Failure(string message, SourceLocation location, bool isLimit = false) : Exception(message)
    {
        public SourceLocation Location { get; } = location;

        /// <summary>See <see cref="ParseFailure.IsLimit"/>.</summary>
        public bool IsLimit { get; } = isLimit;
    }
}
