using System.Text.Json;
using System.Text.RegularExpressions;
using EcsPolicy.Inputs.Copilot;
using EcsPolicy.Shape;
using EcsPolicy.Tests.Support;
using NJsonSchema;
using NJsonSchema.Validation;

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

/// <summary>Loads the schema files as a user's editor would, and validates documents with NJsonSchema.</summary>
internal static class SchemaFiles
{
    public static async Task<JsonSchema> Load(string file) => await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(Repo.PathOf("schemas", file)));

    /// <summary>The errors as JSON pointers (the form of a finding's model path) with their kinds, nested errors included.</summary>
    public static List<(string Pointer, ValidationErrorKind Kind)> Errors(JsonSchema schema, string json, string prefix = "")
    {
        var all = new List<(string, ValidationErrorKind)>();
        void Add(IEnumerable<ValidationError> errors)
        {
            foreach (var e in errors)
            {
                all.Add((prefix + Pointer(e.Path), e.Kind));
                if (e is ChildSchemaValidationError child)
                {
                    foreach (var nested in child.Errors.Values)
                    {
                        Add(nested);
                    }
                }
            }
        }

        Add(schema.Validate(json));
        all.AddRange(DependencyErrors(schema, json, prefix));
        return all;
    }

    /// <summary>
    /// The errors of draft-07 <c>dependencies</c> (when a member is present, others must be too), which NJsonSchema
    /// 10 does not check: the instance is walked along the schema's properties, items, maps, $refs and subschemas.
    /// </summary>
    private static List<(string Pointer, ValidationErrorKind Kind)> DependencyErrors(JsonSchema schema, string json, string prefix)
    {
        var errors = new List<(string, ValidationErrorKind)>();
        using var instance = JsonDocument.Parse(json);
        void Walk(JsonElement value, JsonSchema s, string pointer)
        {
            s = s.ActualSchema;
            foreach (var sub in s.AllOf.Concat(s.AnyOf).Concat(s.OneOf))
            {
                Walk(value, sub, pointer);
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                if (s.ExtensionData?.TryGetValue("dependencies", out var raw) == true && raw is IDictionary<string, object?> dependencies)
                {
                    foreach (var (when, then) in dependencies)
                    {
                        if (value.TryGetProperty(when, out _) && then is IEnumerable<object?> required)
                        {
                            errors.AddRange(required.Select(r => r?.ToString() ?? "").Where(r => !value.TryGetProperty(r, out _)).Select(r => (prefix + pointer + "/" + r, ValidationErrorKind.PropertyRequired)));
                        }
                    }
                }

                foreach (var member in value.EnumerateObject())
                {
                    var child = s.Properties.TryGetValue(member.Name, out var p) ? p : s.AdditionalPropertiesSchema;
                    if (child != null)
                    {
                        Walk(member.Value, child, pointer + "/" + member.Name);
                    }
                }
            }
            else if (value.ValueKind == JsonValueKind.Array && s.Item is { } items)
            {
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Walk(item, items, pointer + "/" + i++);
                }
            }
        }

        Walk(instance.RootElement, schema, "");
        return errors;
    }

    /// <summary>NJsonSchema's <c>#/containerDefinitions[0].image</c> as <c>/containerDefinitions/0/image</c>.</summary>
    public static string Pointer(string? path)
    {
        var p = (path ?? "#").TrimStart('#');
        p = Regex.Replace(p, @"\[(\d+)\]", "/$1");
        p = p.Replace('.', '/');
        return p.Length == 0 || p == "/" ? "" : "/" + p.TrimStart('/');
    }

    public static string Describe(IEnumerable<(string Pointer, ValidationErrorKind Kind)> errors) =>
        string.Join("\n", errors.Select(e => e.Pointer + " " + e.Kind));
}
