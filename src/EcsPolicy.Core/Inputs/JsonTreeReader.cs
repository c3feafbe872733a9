using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EcsPolicy.Inputs;

/// <summary>A parse failure with its place.</summary>
public sealed record ParseFailure(string Message, SourceLocation Location)
{
    /// <summary>
    /// Whether the text is well formed but passes a limit of this tool (nesting depth, values built by YAML aliases):
    /// then <see cref="Message"/> is a reason, and the file is reported as not checked (ECS0009), not as malformed.
    /// </summary>
    public bool IsLimit { get; init; }

    /// <summary>
    /// Whether this is a key written twice in one mapping, which the reader read past keeping the last value. The AWS
    /// services take such a text (CloudFormation, and the AWS CLI's JSON reader, keep the last value), so it is a
    /// warning there; Copilot's reader refuses it.
    /// </summary>
    public bool IsRepeatedKey { get; init; }

    /// <summary>For a <see cref="IsRepeatedKey"/>: whether both values are the same scalar, so that nothing is lost.</summary>
    public bool RepeatsSameValue { get; init; }
}

/// <summary>
/// Reads JSON into a source tree with exact locations. Comments are a failure (AWS rejects them, and nothing says what
/// they hide); a trailing comma or a key written twice is a defect the reader reads past (see <see cref="ReadDefects"/>).
/// Tokenising is System.Text.Json's <see cref="Utf8JsonReader"/>; positions come from our own <see cref="LineMap"/>.
/// </summary>
public static class JsonTreeReader
{
    /// <summary>Deeper nesting than this is reported, not followed (task definitions nest less than 10 levels).</summary>
    public const int MaxDepth = 128;

    /// <summary>Reads strictly: a defect (a trailing comma, a repeated key) is the failure, and no tree is returned.</summary>
    public static SNode? Parse(string file, byte[] content, out ParseFailure? failure)
    {
        var root = Parse(file, content, out failure, out var defects);
        return ReadDefects.Strict(root, defects, ref failure);
    }

    /// <summary>
    /// Reads the text; <paramref name="defects"/> are what was read past (each an ECS0001 for the caller to report).
    /// </summary>
    public static SNode? Parse(string file, byte[] content, out ParseFailure? failure, out IReadOnlyList<ParseFailure> defects)
    {
        defects = [];
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        var body = bytes;
        if (offset != 0 || length != bytes.Length)
        {
            body = new byte[length];
            Buffer.BlockCopy(bytes, offset, body, 0, length);
        }

        var map = new LineMap(body, length);

        var bad = TextInput.FirstInvalidUtf8(body, 0, length);
        if (bad >= 0)
        {
            failure = new ParseFailure("The file is not valid UTF-8 text (invalid byte sequence).", At(file, map, bad));
            return null;
        }

        if (body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            failure = new ParseFailure("The file is empty: expected a JSON object or array.", At(file, map, 0));
            return null;
        }

        // Trailing commas are read past and reported by ReadValue, which sees where each object and array ends.
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = true, MaxDepth = MaxDepth };
        var reader = new Utf8JsonReader(body, options);
        var buffers = _buffers ??= new Buffers();
        buffers.Body = body;
        buffers.Defects = [];
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, file, map, buffers);
            if (reader.Read())
            {
                failure = new ParseFailure("Unexpected content after the end of the JSON value.", At(file, map, reader.TokenStartIndex));
                return null;
            }

            failure = null;
            defects = buffers.Defects;
            return root;
        }
        catch (JsonException e)
        {
            var at = map.OffsetFromLfPosition(e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            failure = new ParseFailure(Describe(e), At(file, map, at)) { IsLimit = IsDepthLimit(e) };
            return null;
        }
        catch (InvalidOperationException e)
        {
            failure = new ParseFailure("The JSON text cannot be read: " + FirstSentence(e.Message), At(file, map, reader.TokenStartIndex));
            return null;
        }
        finally
        {
            buffers.Body = [];
            buffers.Defects = [];
        }
    }

    // Buffers reused while documents are read on one thread.
    [ThreadStatic]
    private static Buffers? _buffers;

    /// <summary>
    /// Buffers reused while documents are read: an object's members are gathered in a list, then copied to its node (a
    /// list that grew past <see cref="MaxKeptCapacity"/>, in a huge document, is left to the garbage collector instead of
    /// kept); the text caches of names and values (see <see cref="JsonTokenCache"/>).
    /// </summary>
    private sealed class Buffers
    {
        public const int MaxKeptCapacity = 1024;

        public readonly Stack<List<(string, string?, SourceLocation, SNode)>> Members = new();
        public readonly Stack<List<SNode>> Items = new();
        public readonly string?[] Names = JsonTokenCache.NewCache();
        public readonly string?[] Values = JsonTokenCache.NewCache();

        /// <summary>The text being read (to see what stands before a closing bracket).</summary>
        public byte[] Body = [];

        /// <summary>What the text being read has that was read past.</summary>
        public List<ParseFailure> Defects = [];
    }

    private static SNode ReadValue(ref Utf8JsonReader reader, string file, LineMap map, Buffers buffers)
    {
        var start = reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                {
                    // Positions are asked in text order (see LineMap): the opening's now, the closing's at the end.
                    var opening = map.Position(start);
                    var properties = buffers.Members.Count > 0 ? buffers.Members.Pop() : [];
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var nameStart = reader.TokenStartIndex;
                        var name = JsonTokenCache.Get(ref reader, buffers.Names);
                        var nameLocation = Span(file, map, nameStart, nameStart + reader.ValueSpan.Length + 2);
                        reader.Read();
                        properties.Add((name, null, nameLocation, ReadValue(ref reader, file, map, buffers)));
                    }

                    NoteTrailingComma(reader.TokenStartIndex, file, map, buffers);
                    ReadDefects.KeepLastOfRepeatedKeys(properties, buffers.Defects, "object");
                    var node = SNode.Object(Span(file, map, opening, reader.TokenStartIndex + 1), properties);
                    if (properties.Capacity <= Buffers.MaxKeptCapacity)
                    {
                        properties.Clear();
                        buffers.Members.Push(properties);
                    }

                    return node;
                }

            case JsonTokenType.StartArray:
                {
                    var opening = map.Position(start);
                    var items = buffers.Items.Count > 0 ? buffers.Items.Pop() : [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        items.Add(ReadValue(ref reader, file, map, buffers));
                    }

                    NoteTrailingComma(reader.TokenStartIndex, file, map, buffers);
                    var node = SNode.Array(Span(file, map, opening, reader.TokenStartIndex + 1), items);
                    if (items.Capacity <= Buffers.MaxKeptCapacity)
                    {
                        items.Clear();
                        buffers.Items.Push(items);
                    }

                    return node;
                }

            case JsonTokenType.String:
                return SNode.CreateJsonString(
                    JsonTokenCache.Get(ref reader, buffers.Values),
                    reader.ValueIsEscaped ? Encoding.UTF8.GetString(reader.ValueSpan.ToArray()) : null,
                    Span(file, map, start, start + reader.ValueSpan.Length + 2));
            case JsonTokenType.Number:
                return SNode.CreateScalar(NodeKind.Number, JsonTokenCache.Number(ref reader, buffers.Values), Span(file, map, start, start + reader.ValueSpan.Length));
            case JsonTokenType.True:
                return SNode.CreateScalar(NodeKind.Boolean, "true", Span(file, map, start, start + 4));
            case JsonTokenType.False:
                return SNode.CreateScalar(NodeKind.Boolean, "false", Span(file, map, start, start + 5));
            default:
                return SNode.CreateScalar(NodeKind.Null, null, Span(file, map, start, start + 4));
        }
    }

    // A closing bracket with a comma before it (white space between): the reader took it, AllowTrailingCommas being on.
    // Comments are refused, so nothing else can stand between them. Positions are asked in text order (see LineMap):
    // the comma comes before the closing bracket, whose position is asked next.
    private static void NoteTrailingComma(long closing, string file, LineMap map, Buffers buffers)
    {
        var i = closing - 1;
        while (i >= 0 && buffers.Body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i--;
        }

        if (i >= 0 && buffers.Body[i] == (byte)',')
        {
            buffers.Defects.Add(ReadDefects.TrailingComma(At(file, map, i)));
        }
    }

    private static SourceLocation At(string file, LineMap map, long offset)
    {
        var (line, column) = map.Position(offset);
        return new SourceLocation(file, line, column, line, column + 1);
    }

    private static SourceLocation Span(string file, LineMap map, long start, long end) => Span(file, map, map.Position(start), end);

    private static SourceLocation Span(string file, LineMap map, (int Line, int Column) start, long end)
    {
        var (line, column) = map.Position(end);
        return new SourceLocation(file, start.Line, start.Column, line, column);
    }

    private static bool IsDepthLimit(JsonException e) => e.Message.IndexOf("maximum configured depth", StringComparison.OrdinalIgnoreCase) >= 0;

    private static string Describe(JsonException e)
    {
        // System.Text.Json messages end with "LineNumber: n | BytePositionInLine: m." which we replace by our own location.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message.Substring(0, cut).TrimEnd();
        }

        if (message.IndexOf("comment", StringComparison.OrdinalIgnoreCase) >= 0 || message.StartsWith("'/'", StringComparison.Ordinal))
        {
            return "Comments are not allowed in JSON task definitions (AWS rejects them): " + message;
        }

        if (message.IndexOf("trailing comma", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return "Trailing commas are not allowed in JSON (AWS rejects them): " + message;
        }

        if (message.IndexOf("Expected depth to be zero", StringComparison.Ordinal) >= 0)
        {
            return "The JSON ends before every object and array is closed.";
        }

        if (IsDepthLimit(e))
        {
            return string.Format(CultureInfo.InvariantCulture, "the JSON is nested deeper than {0} levels, which this tool does not follow (a task definition or template never is)", MaxDepth);
        }

        return "Invalid JSON: " + message;
    }

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message.Substring(0, dot + 1) : message;
    }
}
