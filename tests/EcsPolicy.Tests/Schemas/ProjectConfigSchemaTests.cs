using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EcsPolicy.Cli.Config;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Tests.Support;
using Json.Schema;

namespace EcsPolicy.Tests.Schemas;

/// <summary>
/// schemas/ecs-policy-config.schema.json, which editors use for .ecs-policy.yaml and the CLI validates the file with: a
/// valid 2020-12 schema, the one embedded in the tool, documented key by key, and accepting what the CLI accepts.
/// </summary>
public class ProjectConfigSchemaTests
{
    private const string FileName = "ecs-policy-config.schema.json";

    private static string Text => File.ReadAllText(Repo.PathOf("schemas", FileName));

    [Fact]
    public void The_schema_is_a_valid_draft_2020_12_schema_with_its_published_id()
    {
        var node = JsonNode.Parse(Text)!;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", node["$schema"]!.GetValue<string>());
        Assert.EndsWith("/schemas/" + FileName, node["$id"]!.GetValue<string>(), StringComparison.Ordinal);
        var results = MetaSchemas.Draft202012.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", results.Details.Where(d => d.HasErrors).Select(d => d.InstanceLocation + " " + string.Join("; ", d.Errors!.Values))));
    }

    [Fact]
    public void The_tool_embeds_the_shipped_schema()
    {
        using var stream = typeof(ProjectConfig).Assembly.GetManifestResourceStream("EcsPolicy.Cli.Config.ecs-policy-config.schema.json");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        Assert.Equal(Text, reader.ReadToEnd());
    }

    [Fact]
    public void Every_key_has_a_description_for_editors()
    {
        var properties = JsonNode.Parse(Text)!["properties"]!.AsObject();
        Assert.Equal(["$schema", "exclude", "select", "ignore", "severity", "fail-level", "policies", "baseline", "format", "output"], properties.Select(p => p.Key));
        foreach (var (key, value) in properties)
        {
            Assert.False(string.IsNullOrWhiteSpace(value!["description"]?.GetValue<string>()), key + " has no description");
        }
    }

    [Fact]
    public void The_formats_are_the_tools()
    {
        var format = JsonNode.Parse(Text)!["properties"]!["format"]!;
        var names = OutputFormats.All.Select(f => f.Name).ToList();
        foreach (var pattern in new[] { format["pattern"]!, format["items"]!["pattern"]! }.Select(p => p.GetValue<string>()))
        {
            var listed = Regex.Match(pattern, @"^\^\(([a-z|]+)\)").Groups[1].Value.Split('|');
            Assert.Equal(names.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        }

        Assert.Contains(string.Join(", ", names.Order(StringComparer.Ordinal)), string.Join(", ", format["description"]!.GetValue<string>().Split(": ")[^1].TrimEnd('.').Split(", ").Order(StringComparer.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"$schema": "./schemas/ecs-policy-config.schema.json"}""")]
    [InlineData("""{"exclude": ["examples/broken", "**/*.generated.json"]}""")]
    [InlineData("""{"select": "ECS6, ECS1001", "ignore": ["ECS6007", "ALL"]}""")]
    [InlineData("""{"select": [], "ignore": "ecs6"}""")]
    [InlineData("""{"severity": {"ECS6007": "none", "ACME001": "error"}, "fail-level": "note"}""")]
    [InlineData("""{"policies": "policies", "baseline": "ci/baseline.json"}""")]
    [InlineData("""{"format": "sarif:results.sarif"}""")]
    [InlineData("""{"format": ["text", "junit:out/junit.xml", "gitlab:gl.json"], "output": "report.txt"}""")]
    public async Task Good_configurations_pass(string json)
    {
        var errors = SchemaFiles.Errors(await SchemaFiles.Load(FileName), json);
        Assert.True(errors.Count == 0, SchemaFiles.Describe(errors));
    }

    [Theory]
    [InlineData("[]", "", "type")]
    [InlineData("""{"excludes": ["a"]}""", "/excludes", "additionalProperties")]
    [InlineData("""{"exclude": "a"}""", "/exclude", "type")]
    [InlineData("""{"exclude": [""]}""", "/exclude/0", "minLength")]
    [InlineData("""{"select": "ECS6 ECS1"}""", "/select", "pattern")]
    [InlineData("""{"ignore": ["ECS-6"]}""", "/ignore/0", "pattern")]
    [InlineData("""{"ignore": 6007}""", "/ignore", "type")]
    [InlineData("""{"severity": {"ECS6007": "off"}}""", "/severity/ECS6007", "enum")]
    [InlineData("""{"severity": {"ECS 6007": "none"}}""", "/severity/ECS 6007", "pattern")]
    [InlineData("""{"fail-level": "high"}""", "/fail-level", "enum")]
    [InlineData("""{"policies": ""}""", "/policies", "minLength")]
    [InlineData("""{"baseline": ["a"]}""", "/baseline", "type")]
    [InlineData("""{"format": "pdf"}""", "/format", "pattern")]
    [InlineData("""{"format": ["text", "SARIF:x"]}""", "/format/1", "pattern")]
    [InlineData("""{"output": 3}""", "/output", "type")]
    public async Task Bad_configurations_fail_at_the_value(string json, string pointer, string keyword)
    {
        var errors = SchemaFiles.Errors(await SchemaFiles.Load(FileName), json);
        Assert.True(errors.Contains((pointer, keyword)), SchemaFiles.Describe(errors));
    }
}
