using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// The YAML of a project configuration file as a JSON tree for the schema, with the line and column of every value and
/// every key by JSON pointer. It reads YamlDotNet's parser events rather than its representation model because the
/// model recurses once per nesting level (a file of many thousands of <c>[</c> would overflow the stack), throws on a key
/// written twice without telling where the first one is, and leaves alias expansion to the reader; here nesting, the
/// values built by aliases (a "billion laughs" file) and repeated keys are each a clear error. Plain scalars are typed as
/// in the YAML 1.2 core schema (<c>true</c>, <c>12</c>, <c>null</c>); quoted ones are strings.
/// </summary>
internal sealed partial class ProjectConfigYaml
{
    /// <summary>Deeper nesting is an error: a configuration is two levels deep.</summary>
    public const int MaxDepth = 64;

    /// <summary>More values (aliases expanded) is an error: a configuration has a few dozen.</summary>
    public const int MaxNodes = 10_000;

    private readonly string _file;
    private readonly Dictionary<string, (JsonNode? Node, int Count)> _anchors = new(StringComparer.Ordinal);
    private readonly List<ConfigError> _errors = [];
    private IParser _parser = null!;
    private int _nodes;

    private ProjectConfigYaml(string file) => _file = file;

    /// <summary>The root value (null for a file without a document: empty, or only comments).</summary>
    public JsonNode? Root { get; private set; }

    /// <summary>Whether the file holds a document at all.</summary>
    public bool HasDocument { get; private set; }

    /// <summary>Where the root value starts.</summary>
    public (int Line, int Column) RootLocation { get; private set; } = (1, 1);

    /// <summary>Where each value starts, by JSON pointer ("" the root, "/severity/ECS6007" a value of a mapping).</summary>
    public Dictionary<string, (int Line, int Column)> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each key of a mapping starts, by the JSON pointer of its value.</summary>
    public Dictionary<string, (int Line, int Column)> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>Each scalar as written (for messages: <c>0x10</c> is shown as the user wrote it), by JSON pointer.</summary>
    public Dictionary<string, string> Scalars { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="text"/>; the errors are syntax errors, repeated keys and limits, in file order.</summary>
    public static ProjectConfigYaml Read(string file, string text, out IReadOnlyList<ConfigError> errors)
    {
        var yaml = new ProjectConfigYaml(file);
        yaml.Run(text);
        errors = yaml._errors;
        return yaml;
    }

    private void Run(string text)
    {
        _parser = new Parser(new StringReader(text));
        try
        {
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
            {
                return;
            }

            _parser.Consume<DocumentStart>();
            HasDocument = true;
            RootLocation = At(_parser.Current!.Start);
            Root = ReadNode("", 0, record: true, out _);
            _parser.Consume<DocumentEnd>();
            if (!_parser.Accept<StreamEnd>(out _))
            {
                Fail(_parser.Current!.Start, "the file holds more than one YAML document; a configuration is one mapping (remove the '---' and what follows)");
            }
        }
        catch (YamlException e)
        {
            // YamlDotNet's messages name what it expected ("could not find expected ':'"); its mark is where it stopped.
            Fail(e.Start, "invalid YAML: " + Sentence(e.Message));
        }
        catch (Stop)
        {
            // The error is recorded; nothing after it is read.
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these for a few malformed inputs (an unclosed flow collection at the end).
            Fail(_parser.Current?.Start ?? Mark.Empty, "invalid YAML: the text cannot be read past this point");
        }
    }

    private JsonNode? ReadNode(string pointer, int depth, bool record, out int count)
    {
        var current = _parser.Current!;
        if (depth > MaxDepth)
        {
            throw Failure(current.Start, "the file is nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels; a configuration is a mapping of lists and values");
        }

        if (record)
        {
            Values[pointer] = At(current.Start);
        }

        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw Failure(alias.Start, "the alias '*" + alias.Value.Value + "' refers to no anchor ('&" + alias.Value.Value + "') before it");
            }

            Count(anchored.Count, alias.Start);
            count = anchored.Count;
            var copy = anchored.Node?.DeepClone();
            if (record)
            {
                // The values of a copy are located at the alias, where the user wrote them into this place.
                LocateCopy(copy, pointer, At(alias.Start));
            }

            return copy;
        }

        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            Count(1, scalar.Start);
            count = 1;
            if (record)
            {
                Scalars[pointer] = scalar.Value;
            }

            var value = Typed(scalar);
            Anchor(scalar.Anchor, value, 1);
            return value;
        }

        if (_parser.TryConsume<SequenceStart>(out var sequence))
        {
            Count(1, sequence.Start);
            var array = new JsonArray();
            count = 1;
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(pointer + "/" + array.Count.ToString(CultureInfo.InvariantCulture), depth + 1, record, out var items));
                count += items;
            }

            Anchor(sequence.Anchor, array, count);
            return array;
        }

        if (_parser.TryConsume<MappingStart>(out var mapping))
        {
            Count(1, mapping.Start);
            var obj = new JsonObject();
            count = 1;
            var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
            while (!_parser.TryConsume<MappingEnd>(out _))
            {
                if (_parser.Current is not Scalar key)
                {
                    throw Failure(_parser.Current!.Start, "a key must be a plain name, not a list or a mapping");
                }

                _parser.MoveNext();
                var member = pointer + "/" + Escape(key.Value);
                if (firstLines.TryGetValue(key.Value, out var firstLine))
                {
                    Fail(key.Start, string.Format(CultureInfo.InvariantCulture, "the key '{0}' appears twice (first on line {1}); remove one of the two", key.Value, firstLine));
                    ReadNode(member, depth + 1, record: false, out var skipped);
                    count += skipped;
                    continue;
                }

                firstLines[key.Value] = (int)key.Start.Line;
                if (record)
                {
                    Keys[member] = At(key.Start);
                }

                obj[key.Value] = ReadNode(member, depth + 1, record, out var members);
                count += members;
            }

            Anchor(mapping.Anchor, obj, count);
            return obj;
        }

        throw Failure(current.Start, "invalid YAML: unexpected " + current.GetType().Name);
    }

    private void Anchor(AnchorName anchor, JsonNode? node, int count)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, count);
        }
    }

    private void Count(int values, Mark where)
    {
        _nodes += values;
        if (_nodes > MaxNodes)
        {
            throw Failure(where, "the file holds more than " + MaxNodes.ToString("N0", CultureInfo.InvariantCulture) + " values (its aliases expanded); a configuration needs far fewer");
        }
    }

    private void LocateCopy(JsonNode? node, string pointer, (int Line, int Column) at)
    {
        Values[pointer] = at;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    Keys[pointer + "/" + Escape(name)] = at;
                    LocateCopy(value, pointer + "/" + Escape(name), at);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    LocateCopy(array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), at);
                }

                break;
            case JsonValue value:
                Scalars[pointer] = value.ToJsonString();
                break;
        }
    }

    /// <summary>A scalar typed as YAML 1.2's core schema types it: only plain (unquoted, untagged) scalars are not strings.</summary>
    private static JsonNode? Typed(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (scalar.Style != ScalarStyle.Plain || tag is "!!str" or "tag:yaml.org,2002:str" || (tag.Length > 0 && tag != "?"))
        {
            return JsonValue.Create(text);
        }

        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        // .inf, .nan and octal: numbers to YAML, kept as a number for the schema (the message shows the text as written).
        return SpecialNumberPattern().IsMatch(text) ? JsonValue.Create(0) : JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0o[0-7]+)$")]
    private static partial Regex SpecialNumberPattern();

    /// <summary>A JSON pointer segment (RFC 6901: <c>~</c> and <c>/</c> escaped).</summary>
    public static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static (int Line, int Column) At(Mark mark) => ((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    private void Fail(Mark where, string message)
    {
        var (line, column) = At(where);
        _errors.Add(new ConfigError(_file, line, column, message));
    }

    private Stop Failure(Mark where, string message)
    {
        Fail(where, message);
        return new Stop();
    }

    /// <summary>YamlDotNet's message without its own "(Line: 1, Col: 2, ...)" position and trailing period.</summary>
    private static string Sentence(string message)
    {
        var text = PositionSuffix().Replace(message, "").Trim();
        text = text.TrimEnd('.');
        return text.Length > 1 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionSuffix();

    /// <summary>Ends reading after an error was recorded.</summary>
    private sealed class Stop : Exception
    {
    }
}
