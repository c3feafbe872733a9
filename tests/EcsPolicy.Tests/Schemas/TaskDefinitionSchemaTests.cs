using System.Text;
using System.Text.Json;
using EcsPolicy.Catalog;
using EcsPolicy.Shape;
using EcsPolicy.Tests.Support;
using Json.Schema;

namespace EcsPolicy.Tests.Schemas;

/// <summary>
/// schemas/task-definition.schema.json agrees with the shape rules (ECS0002 to ECS0006): what they accept, it accepts;
/// where they report a value, it reports that value.
/// </summary>
public class TaskDefinitionSchemaTests
{
    private static readonly string[] ShapeRules = ["ECS0002", "ECS0003", "ECS0004", "ECS0005", "ECS0006"];

    [Fact]
    public async Task The_clean_example_passes()
    {
        var schema = await SchemaFiles.Load(TaskDefinitionSchema.FileName);
        var errors = SchemaFiles.Errors(schema, File.ReadAllText(Repo.PathOf("examples", "clean", "web-fargate.json")));
        Assert.True(errors.Count == 0, SchemaFiles.Describe(errors));
    }

    [Fact]
    public async Task Broken_examples_fail_on_the_fields_with_shape_errors_and_only_there()
    {
        var schema = await SchemaFiles.Load(TaskDefinitionSchema.FileName);
        var withShapeErrors = 0;
        foreach (var file in Directory.GetFiles(Repo.PathOf("examples", "broken"), "*.json").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (!TryParse(text, out _))
            {
                // not-json.json: a parse error (ECS0001), which no schema is about.
                Assert.Contains(Lint.Text(text, file), f => f.RuleId == "ECS0001");
                continue;
            }

            var findings = ShapeFindings(text, file);
            var errors = Validate(schema, text);
            withShapeErrors += findings.Count > 0 ? 1 : 0;
            AssertAgree(Path.GetFileName(file), findings, errors);
        }

        // sidecars.json (an unknown property) and container-definitions.json (a value in the wrong case).
        Assert.Equal(2, withShapeErrors);
        var sidecars = Validate(schema, File.ReadAllText(Repo.PathOf("examples", "broken", "sidecars.json")));
        Assert.Contains(("/containerDefinitions/0/esential", "additionalProperties"), sidecars);
        var list = Validate(schema, File.ReadAllText(Repo.PathOf("examples", "broken", "container-definitions.json")));
        Assert.Contains(("/containerDefinitions/0/portMappings/0/protocol", "enum"), list);
    }

    /// <summary>Every JSON example of every rule's documentation: the shape rules and the schema agree on each.</summary>
    [Fact]
    public async Task The_schema_agrees_with_the_shape_rules_on_every_documented_example()
    {
        var schema = await SchemaFiles.Load(TaskDefinitionSchema.FileName);
        var checkedExamples = 0;
        var withShapeErrors = 0;
        foreach (var rule in RuleCatalog.All)
        {
            foreach (var example in rule.Bad.Concat(rule.Good).Where(e => e.EffectiveFileName.EndsWith(".json", StringComparison.Ordinal)))
            {
                var text = example.CleanText;
                if (!TryParse(text, out var root) || !IsTaskDefinition(root) || HasNull(root))
                {
                    continue;
                }

                var findings = ShapeFindings(text, "example.json");
                AssertAgree(rule.Id + " example:\n" + text, findings, Validate(schema, text));
                checkedExamples++;
                withShapeErrors += findings.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(checkedExamples > 100, checkedExamples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(withShapeErrors >= 15, withShapeErrors.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("\"family\": \"$FAMILY\"")]
    [InlineData("\"networkMode\": \"${NETWORK_MODE}\"")]
    [InlineData("\"cpu\": \"0.5 vCPU\", \"memory\": \"1GB\"")]
    [InlineData("\"tags\": [{ \"key\": \"team\", \"value\": \"\" }]")]
    public async Task Values_the_rules_accept_pass(string member)
    {
        var schema = await SchemaFiles.Load(TaskDefinitionSchema.FileName);
        var text = "{ \"family\": \"web\", " + member + ", \"containerDefinitions\": [{ \"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 512 }] }";
        text = text.Replace("{ \"family\": \"web\", \"family\"", "{ \"family\"", StringComparison.Ordinal);
        Assert.Empty(ShapeFindings(text, "task.json"));
        var errors = Validate(schema, text);
        Assert.True(errors.Count == 0, SchemaFiles.Describe(errors));
    }

    [Theory]
    [InlineData("\"family\": \"web app\"", "/family")]
    [InlineData("\"cpu\": \"1 core\"", "/cpu")]
    [InlineData("\"networkMode\": \"AWSVPC\"", "/networkMode")]
    [InlineData("\"tags\": [{ \"key\": \"aws:team\", \"value\": \"x\" }]", "/tags/0/key")]
    [InlineData("\"volumes\": [{ \"efsVolumeConfiguration\": { \"fileSystemId\": \"fs-1\" } }]", "/volumes/0")]
    [InlineData("\"ephemeralStorage\": { \"sizeInGiB\": \"21\" }", "/ephemeralStorage/sizeInGiB")]
    public async Task Values_the_rules_report_fail_on_the_same_field(string member, string pointer)
    {
        var schema = await SchemaFiles.Load(TaskDefinitionSchema.FileName);
        var text = "{ \"family\": \"web\", " + member + ", \"containerDefinitions\": [{ \"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 512 }] }";
        text = text.Replace("{ \"family\": \"web\", \"family\"", "{ \"family\"", StringComparison.Ordinal);
        var finding = Assert.Single(ShapeFindings(text, "task.json"));
        Assert.Equal(pointer, finding.Path);
        AssertAgree(text, [finding], Validate(schema, text));
    }

    /// <summary>
    /// No shape finding: no schema error. A shape finding: a schema error at its value, or (a missing member) at a
    /// member of the object the finding is about. Unique tag keys are the one thing a schema cannot say.
    /// </summary>
    private static void AssertAgree(string what, IReadOnlyList<Finding> findings, List<(string Pointer, string Keyword)> errors)
    {
        if (findings.Count == 0)
        {
            Assert.True(errors.Count == 0, what + "\nno shape findings, but the schema reports:\n" + SchemaFiles.Describe(errors));
            return;
        }

        Assert.True(errors.Count > 0, what + "\nthe schema accepts it, but the rules report:\n" + findings.Describe());
        foreach (var f in findings.Where(f => !f.Message.Contains("may appear only once", StringComparison.Ordinal)))
        {
            Assert.True(
                errors.Any(e => e.Pointer == f.Path || Parent(e.Pointer) == f.Path),
                what + "\nno schema error at " + f.Path + " (" + f.RuleId + ": " + f.Message + "); the schema reports:\n" + SchemaFiles.Describe(errors));
        }
    }

    private static string Parent(string pointer) => pointer.Contains('/', StringComparison.Ordinal) ? pointer.Substring(0, pointer.LastIndexOf('/')) : "";

    private static IReadOnlyList<Finding> ShapeFindings(string text, string file) =>
        Lint.Text(text, file).Where(f => ShapeRules.Contains(f.RuleId)).ToList();

    /// <summary>
    /// Validates the forms the linter reads: register-task-definition input as is; describe-task-definition output's
    /// <c>taskDefinition</c>; each item of a bare container-definition list against the ContainerDefinition definition
    /// (a finding's model path is then <c>/containerDefinitions/N/...</c>).
    /// </summary>
    private static List<(string Pointer, string Keyword)> Validate(JsonSchema schema, string text)
    {
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            var errors = new List<(string, string)>();
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                errors.AddRange(SchemaFiles.Errors(schema, item.GetRawText(), "/containerDefinitions/" + i++, "ContainerDefinition"));
            }

            return errors;
        }

        return root.TryGetProperty("taskDefinition", out var inner) && inner.ValueKind == JsonValueKind.Object
            ? SchemaFiles.Errors(schema, inner.GetRawText())
            : SchemaFiles.Errors(schema, text);
    }

    private static bool TryParse(string text, out JsonElement root)
    {
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetBytes(text));
            root = doc.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            root = default;
            return false;
        }
    }

    /// <summary>Task definitions in one of the forms the linter reads (services and other inputs are not this schema's).</summary>
    private static bool IsTaskDefinition(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array
        || (root.ValueKind == JsonValueKind.Object
            && (root.TryGetProperty("containerDefinitions", out _) || root.TryGetProperty("family", out _)
                || (root.TryGetProperty("taskDefinition", out var inner) && inner.ValueKind == JsonValueKind.Object)));

    /// <summary>JSON null: the rules take it for an absent member; the AWS CLI and the schema reject it.</summary>
    private static bool HasNull(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => e.EnumerateObject().Any(p => HasNull(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Any(HasNull),
        _ => false,
    };
}
