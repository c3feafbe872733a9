using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsPolicy.Shape;

/// <summary>How the JSON Schemas under <c>schemas/</c> are written: 2-space indentation, LF line ends, a final new line.</summary>
public static class SchemaJson
{
    public const string Draft07 = "http://json-schema.org/draft-07/schema#";

    /// <summary>Where the schemas are published (their <c>$id</c>s).</summary>
    public const string BaseUri = "https://raw.githubusercontent.com/ecs-policy/ecs-policy/main/schemas/";

    public static string Write(JsonNode schema)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            schema.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>A literal text as a regular expression that ECMA-262 (with or without the u flag), .NET and Java read alike.</summary>
    public static string EscapeLiteral(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if ("^$\\.*+?()[]{}|/".IndexOf(c) >= 0)
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
