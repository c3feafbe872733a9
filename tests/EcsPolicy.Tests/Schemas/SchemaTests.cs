using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsPolicy.Inputs.Copilot;
using EcsPolicy.Shape;
using EcsPolicy.Tests.Support;
using Json.Schema;

namespace EcsPolicy.Tests.Schemas;

/// <summary>
/// schemas/*.schema.json are generated: they fail here when they drift from what they are made from (the ECS shape the
/// shape rules use, the fields the Copilot loader reads). Regenerate with:
/// ECSPOLICY_APPROVE=1 dotnet test tests/EcsPolicy.Tests --filter SchemaTests
/// </summary>
public class SchemaTests
{
    [Fact]
    public void Task_definition_schema_is_generated_from_the_shape_description() =>
        Golden.Verify(Repo.PathOf("schemas", TaskDefinitionSchema.FileName), TaskDefinitionSchema.Generate());

    [Fact]
    public void Copilot_manifest_schema_is_generated_from_what_the_loader_reads() =>
        Golden.Verify(Repo.PathOf("schemas", ManifestSchema.FileName), ManifestSchema.Generate());

    [Fact]
    public async Task Schemas_are_draft_07_with_their_published_ids()
    {
        foreach (var (file, id) in new[] { (TaskDefinitionSchema.FileName, TaskDefinitionSchema.Id), (ManifestSchema.FileName, ManifestSchema.Id) })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Repo.PathOf("schemas", file)));
            Assert.Equal("http://json-schema.org/draft-07/schema#", doc.RootElement.GetProperty("$schema").GetString());
            Assert.Equal(id, doc.RootElement.GetProperty("$id").GetString());
            Assert.EndsWith("/schemas/" + file, id);
            await SchemaFiles.Load(file);
        }
    }
}

/// <summary>
/// Loads the schema files as a user's editor would, and validates documents with JsonSchema.Net (the library the CLI
/// validates its configuration file with).
/// </summary>
internal static class SchemaFiles
{
    private static readonly ConcurrentDictionary<string, (JsonSchema Schema, JsonNode Node)> Loaded = new(StringComparer.Ordinal);

    public static async Task<JsonSchema> Load(string file)
    {
        if (Loaded.TryGetValue(file, out var loaded))
        {
            return loaded.Schema;
        }

        var text = await File.ReadAllTextAsync(Repo.PathOf("schemas", file));
        return Loaded.GetOrAdd(file, _ => (JsonSchema.FromText(text), JsonNode.Parse(text)!)).Schema;
    }

    /// <summary>
    /// The errors as JSON pointers (the form of a finding's model path) with their keywords, those of subschemas (anyOf,
    /// oneOf, if/then) included. A member that must be present (<c>required</c>, or draft-07 <c>dependencies</c>) is
    /// reported at the missing member with the keyword <c>required</c>; a member that <c>additionalProperties: false</c>
    /// refuses, at itself with the keyword <c>additionalProperties</c>. <paramref name="definition"/> validates against
    /// one of the schema's definitions instead of the whole schema.
    /// </summary>
    public static List<(string Pointer, string Keyword)> Errors(JsonSchema schema, string json, string prefix = "", string? definition = null)
    {
        var (_, schemaNode) = Loaded.Values.First(l => ReferenceEquals(l.Schema, schema));
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        options.SchemaRegistry.Register(schema);
        var target = definition is null ? schema : new JsonSchemaBuilder().Ref(new Uri(schema.GetId()!, "#/definitions/" + definition)).Build();
        var instance = JsonNode.Parse(json);
        var results = target.Evaluate(instance, options);
        var all = new List<(string, string)>();
        if (results.IsValid)
        {
            return all;
        }

        foreach (var detail in results.Details.Where(d => d.HasErrors))
        {
            var pointer = detail.InstanceLocation.ToString();
            foreach (var key in detail.Errors!.Keys)
            {
                var keyword = key.Length > 0 ? key : Last(detail.EvaluationPath.ToString());
                if (keyword is "required" or "dependencies")
                {
                    var at = Find(instance, pointer) as JsonObject;
                    var subschema = Resolve(schemaNode, detail.EvaluationPath.ToString(), definition);
                    foreach (var missing in Missing(keyword, subschema, at))
                    {
                        all.Add((prefix + pointer + "/" + missing, "required"));
                    }
                }
                else
                {
                    all.Add((prefix + pointer, keyword));
                }
            }
        }

        return [.. all.Distinct()];
    }

    /// <summary>The members <c>required</c> or <c>dependencies</c> (the array form) ask of <paramref name="instance"/> that it lacks.</summary>
    private static IEnumerable<string> Missing(string keyword, JsonNode? subschema, JsonObject? instance)
    {
        if (instance is null)
        {
            return [];
        }

        IEnumerable<string> wanted = keyword == "required"
            ? subschema?["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []
            : subschema?["dependencies"]?.AsObject()
                .Where(d => instance.ContainsKey(d.Key) && d.Value is JsonArray)
                .SelectMany(d => d.Value!.AsArray().Select(r => r!.GetValue<string>())) ?? [];
        return wanted.Where(w => !instance.ContainsKey(w));
    }

    /// <summary>
    /// The subschema an evaluation path leads to, following local <c>$ref</c>s. (JsonSchema.Net 7.4's SchemaLocation
    /// drops the definition's part of the location after a <c>$ref</c> to a definition's properties, so it is not used.)
    /// </summary>
    private static JsonNode? Resolve(JsonNode root, string evaluationPath, string? definition)
    {
        JsonNode? node = definition is null ? root : null;
        foreach (var segment in evaluationPath.Split('/').Skip(1).Select(Unescape))
        {
            node = segment == "$ref"
                ? node is null ? root["definitions"]![definition!] : Find(root, node["$ref"]!.GetValue<string>().TrimStart('#'))
                : node switch
                {
                    JsonObject obj => obj[segment],
                    JsonArray array when int.TryParse(segment, out var i) && i < array.Count => array[i],
                    _ => null,
                };
        }

        return node;
    }

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static JsonNode? Find(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var segment in pointer.Split('/').Skip(1).Select(Unescape))
        {
            node = node switch
            {
                JsonObject obj => obj[segment],
                JsonArray array when int.TryParse(segment, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private static string Last(string pointer) => pointer[(pointer.LastIndexOf('/') + 1)..];

    public static string Describe(IEnumerable<(string Pointer, string Keyword)> errors) =>
        string.Join("\n", errors.Select(e => e.Pointer + " " + e.Keyword));
}
