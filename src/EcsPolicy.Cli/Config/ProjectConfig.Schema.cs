using System.Globalization;
using System.Text.Json.Nodes;
using EcsPolicy.Cli.Outputs;
using Json.Schema;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// schemas/ecs-policy-config.schema.json, embedded in the tool, and its errors in a user's words. JsonSchema.Net finds
/// them; the messages are ours, written for the few keywords the schema uses (its own messages speak of "the false
/// schema" and "the indicated regular expression").
/// </summary>
internal static class ProjectConfigSchema
{
    /// <summary>The resource name of the embedded schema (the LogicalName in the CLI's project file).</summary>
    public const string ResourceName = "EcsPolicy.Cli.Config.ecs-policy-config.schema.json";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Node)> Loaded = new(() =>
    {
        using var stream = typeof(ProjectConfigSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The configuration schema is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        var node = JsonNode.Parse(text)!;

        // A JsonNode builds its members on first access, which is not thread-safe: build them all here, once, so that
        // configurations can be loaded in parallel.
        Materialize(node);
        return (JsonSchema.FromText(text), node);
    });

    private static readonly Lazy<string[]> KeyList = new(() => [.. Node["properties"]!.AsObject().Select(p => p.Key)]);

    /// <summary>The schema's text, as shipped.</summary>
    public static JsonNode Node => Loaded.Value.Node;

    /// <summary>The top-level keys the schema allows, in its order.</summary>
    public static IReadOnlyList<string> Keys => KeyList.Value;

    /// <summary>The settings (every key but <c>$schema</c>).</summary>
    public static IReadOnlyList<string> Settings => [.. Keys.Where(k => k != "$schema")];

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    Materialize(value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }

    /// <summary>The schema's errors for <paramref name="yaml"/>'s tree, each at its place in the file, in file order.</summary>
    public static List<ConfigError> Validate(string file, ProjectConfigYaml yaml)
    {
        var results = Loaded.Value.Schema.Evaluate(yaml.Root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<ConfigError>();
        if (results.IsValid)
        {
            return errors;
        }

        foreach (var detail in results.Details.Where(d => d.HasErrors))
        {
            foreach (var (key, raw) in detail.Errors!)
            {
                // A false subschema (additionalProperties: false) fails without a keyword: its place in the schema tells.
                var keyword = key.Length > 0 ? key : LastSegment(detail.EvaluationPath.ToString());
                var pointer = detail.InstanceLocation.ToString();
                var fragment = detail.SchemaLocation.Fragment.TrimStart('#');
                var onKey = keyword == "additionalProperties" || fragment.EndsWith("/propertyNames", StringComparison.Ordinal);
                var (line, column) = onKey && yaml.Keys.TryGetValue(pointer, out var k) ? k
                    : yaml.Values.TryGetValue(pointer, out var v) ? v
                    : yaml.RootLocation;
                errors.Add(new ConfigError(file, line, column, Message(keyword, fragment, pointer, yaml, raw)));
            }
        }

        return [.. errors.Distinct().OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Message, StringComparer.Ordinal)];
    }

    private static string Message(string keyword, string fragment, string pointer, ProjectConfigYaml yaml, string raw)
    {
        var subschema = Find(Node, fragment);
        var name = Name(pointer, yaml.Root);
        var value = Find(yaml.Root, pointer);
        switch (keyword)
        {
            case "additionalProperties" when pointer.Count(c => c == '/') == 1:
                return UnknownKey(Unescape(pointer[1..]));
            case "enum":
                var allowed = subschema?["enum"]?.AsArray().Select(e => e!.GetValue<string>()) ?? [];
                return $"'{name}' must be one of {string.Join(", ", allowed)}, not {Describe(value, pointer, yaml)}";
            case "type":
                var types = subschema?["type"] switch
                {
                    JsonArray many => many.Select(t => t!.GetValue<string>()),
                    JsonValue one => [one.GetValue<string>()],
                    _ => [],
                };
                return $"'{name}' must be {string.Join(" or ", types.Select(TypeName))}, not {Describe(value, pointer, yaml)}";
            case "minLength":
                return $"'{name}' must not be empty";
            case "pattern" when fragment.EndsWith("/propertyNames", StringComparison.Ordinal):
                var parent = Name(pointer[..pointer.LastIndexOf('/')], yaml.Root);
                return $"'{parent}' key '{Unescape(pointer[(pointer.LastIndexOf('/') + 1)..])}' is not a rule ID (letters then letters and digits, such as ECS6007)";
            case "pattern":
                return $"'{name}' must be {PatternMeaning(fragment)}, not {Describe(value, pointer, yaml)}";
            default:
                // A keyword this mapping does not know yet (the schema grew): the library's own words, still at the right place.
                return $"'{name}': {raw}";
        }
    }

    /// <summary>What a pattern of the schema asks for, by the pattern's place in the schema.</summary>
    private static string PatternMeaning(string fragment) => fragment switch
    {
        "/$defs/codes" => "rule IDs or ID prefixes (such as ECS6007, ECS6 or ALL) separated by commas",
        "/$defs/codes/items" => "a rule ID or ID prefix (letters then letters and digits, such as ECS6007, ECS6 or ALL)",
        "/properties/format" or "/properties/format/items" =>
            "FORMAT or FORMAT:FILE with FORMAT one of " + string.Join(", ", OutputFormats.All.Select(f => f.Name)),
        _ => "of the form the schema gives (schemas/ecs-policy-config.schema.json)",
    };

    /// <summary>The message of a top-level key the schema does not know, with the nearest known key when one is close.</summary>
    public static string UnknownKey(string key)
    {
        var near = Suggestion(key);
        var hint = near is null ? "" : $" (did you mean '{near}'?)";
        return $"unknown key '{key}'{hint}; the keys are: {string.Join(", ", Settings)}";
    }

    /// <summary>The setting <paramref name="key"/> is probably a misspelling of (a few letters apart), or null.</summary>
    public static string? Suggestion(string key) =>
        Settings
            .Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k)))
            .Where(k => k.Distance <= Math.Max(1, Math.Min(3, k.Key.Length / 3)))
            .OrderBy(k => k.Distance)
            .Select(k => k.Key)
            .FirstOrDefault();

    /// <summary>A value as the message shows it: a string quoted as written, a number as written, a list or a mapping by its kind.</summary>
    private static string Describe(JsonNode? value, string pointer, ProjectConfigYaml yaml) => value switch
    {
        null => "an empty value",
        JsonArray => "a list",
        JsonObject => "a mapping",
        JsonValue v when v.TryGetValue<string>(out var s) => "'" + s + "'",
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => "the number " + (yaml.Scalars.TryGetValue(pointer, out var text) ? text : value.ToJsonString()),
    };

    private static string TypeName(string type) => type switch
    {
        "array" => "a list",
        "object" => "a mapping",
        "string" => "a string",
        "integer" or "number" => "a number",
        "boolean" => "true or false",
        _ => type,
    };

    /// <summary>A JSON pointer as the message names it: <c>/severity/ECS6007</c> is <c>severity.ECS6007</c>, <c>/format/1</c> is <c>format[1]</c>.</summary>
    private static string Name(string pointer, JsonNode? root)
    {
        var name = "";
        var node = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            if (node is JsonArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                name += "[" + segment + "]";
                node = i < array.Count ? array[i] : null;
            }
            else
            {
                name += (name.Length > 0 ? "." : "") + segment;
                node = node is JsonObject obj ? obj[segment] : null;
            }
        }

        return name;
    }

    /// <summary>The node at a JSON pointer (null when there is none, or it is JSON null).</summary>
    private static JsonNode? Find(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private static string LastSegment(string pointer) => Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>The Levenshtein distance, for "did you mean" (keys are a few letters long).</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
