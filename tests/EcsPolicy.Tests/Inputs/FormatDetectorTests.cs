using System.Text;
using System.Text.Json;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>Which format a file is read as, in the documented priority of <see cref="FormatDetector"/>.</summary>
public class FormatDetectorTests
{
    private const string TaskJson = """{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "essential": true}]}""";

    private const string TemplateJson = """{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "app", "Image": "nginx:1.27"}]}}}}""";

    private const string TemplateYaml = """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: nginx:1.27
        """;

    private const string Manifest = """
        name: api
        type: Backend Service
        image:
          location: public.ecr.aws/nginx/nginx:1.27
        """;

    private static List<InputFormat> Candidates(string path, string text, bool explicitlyGiven = false) =>
        [.. FormatDetector.Candidates(path, Encoding.UTF8.GetBytes(text), explicitlyGiven)];

    [Fact]
    public void Each_format_is_told_from_its_name_and_text()
    {
        Assert.Equal([InputFormat.TaskDefinitionJson], Candidates("task.json", TaskJson));
        Assert.Equal([InputFormat.CloudFormationJson, InputFormat.TaskDefinitionJson], Candidates("stack.json", TemplateJson));
        Assert.Equal([InputFormat.CloudFormationYaml], Candidates("stack.yaml", TemplateYaml));
        Assert.Equal([InputFormat.CloudFormationJson], Candidates("stack.template", TemplateJson));
        Assert.Equal([InputFormat.CloudFormationYaml], Candidates("stack.template", TemplateYaml));
        Assert.Equal([InputFormat.CopilotManifest], Candidates("copilot/api/manifest.yml", Manifest));
    }

    [Fact]
    public void Files_that_are_not_ours_have_no_format()
    {
        // The CLI reads .cs files with the C# front end; other names are never read.
        Assert.Empty(Candidates("Program.cs", "var app = new App();", explicitlyGiven: true));
        Assert.Empty(Candidates("notes.txt", TemplateYaml, explicitlyGiven: true));

        // YAML that is neither a template nor a manifest, found in a directory walk.
        Assert.Empty(Candidates(".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"));
        Assert.Empty(Candidates("stack.template", "Description: nothing\n"));

        // A manifest-like .template file is not a Copilot manifest (Copilot reads only .yml and .yaml).
        Assert.Empty(Candidates("api.template", Manifest, explicitlyGiven: true));
        var result = Lint.File(Manifest, "api.template");
        Assert.False(result.Recognized);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_file_the_user_named_is_read_as_a_template_so_that_its_errors_are_reported()
    {
        Assert.Equal([InputFormat.CloudFormationYaml], Candidates("config.yaml", "a: [unclosed\n", explicitlyGiven: true));
        Assert.Empty(Candidates("config.yaml", "a: [unclosed\n", explicitlyGiven: false));

        var named = Lint.File("a: [unclosed\n", "config.yaml");
        Assert.Equal(("ECS0001", 2, 1), Assert.Single(named.Findings) is var f ? (f.RuleId, f.Location.StartLine, f.Location.StartColumn) : default);
        var walked = new Linter().LintFile("config.yaml", Encoding.UTF8.GetBytes("a: [unclosed\n"), explicitlyGiven: false);
        Assert.False(walked.Recognized);
        Assert.Empty(walked.Findings);

        // A template whose resource types are not AWS:: ones is only read when named.
        const string custom = "Resources:\n  Thing:\n    Type: Custom::Thing\n";
        Assert.True(Lint.File(custom, "stack.yaml").Recognized);
        Assert.False(new Linter().LintFile("stack.yaml", Encoding.UTF8.GetBytes(custom), explicitlyGiven: false).Recognized);
    }

    [Fact]
    public void A_broken_file_with_the_words_of_its_format_is_reported_even_in_a_directory_walk()
    {
        var template = new Linter().LintFile("stack.yaml", Encoding.UTF8.GetBytes("AWSTemplateFormatVersion: '2010-09-09'\nResources: [unclosed\n"), explicitlyGiven: false);
        Assert.Equal("ECS0001", Assert.Single(template.Findings).RuleId);

        var manifest = new Linter().LintFile("copilot/api/manifest.yml", Encoding.UTF8.GetBytes("name: api\ntype: Backend Service\nimage: [unclosed\n"), explicitlyGiven: false);
        Assert.Equal("ECS0001", Assert.Single(manifest.Findings).RuleId);

        var task = new Linter().LintFile("task.json", Encoding.UTF8.GetBytes("{\"containerDefinitions\": [,]}"), explicitlyGiven: false);
        Assert.Equal("ECS0001", Assert.Single(task.Findings).RuleId);

        // JSON without those words is not ours during a walk (package.json with a typo, say).
        Assert.False(new Linter().LintFile("package.json", Encoding.UTF8.GetBytes("{\"name\": [,]}"), explicitlyGiven: false).Recognized);
    }

    [Fact]
    public void Json_with_the_words_of_a_template_that_is_not_one_is_read_as_a_task_definition()
    {
        // The description of a task definition mentions a template: CloudFormation is tried first, then task-definition JSON.
        var text = TaskJson.Replace("\"family\": \"web\"", "\"family\": \"web\", \"tags\": [{\"key\": \"note\", \"value\": \"Resources of AWS::ECS::TaskDefinition\"}]");
        Assert.Equal([InputFormat.CloudFormationJson, InputFormat.TaskDefinitionJson], Candidates("task.json", text));
        var result = Lint.File(text, "task.json");
        Assert.Equal(1, result.TaskCount);
        Assert.All(result.Findings, f => Assert.StartsWith("web:", f.Anchor, StringComparison.Ordinal));
    }

    [Fact]
    public void A_yaml_file_that_looks_like_both_is_a_template_when_it_parses_into_one_else_a_manifest()
    {
        // A manifest whose comment names template words: the template reading finds no template, the manifest reading
        // takes it (the Copilot-only ECS8001 about its workload type proves whose it is).
        var manifest = "# Resources: AWS::ECS::Service is what Copilot renders\nname: api\ntype: Backend Svc\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n";
        Assert.Equal([InputFormat.CloudFormationYaml, InputFormat.CopilotManifest], Candidates("copilot/api/manifest.yml", manifest));
        var asManifest = Lint.File(manifest, "copilot/api/manifest.yml");
        Assert.True(asManifest.Recognized);
        Assert.Equal((3, 7), Assert.Single(asManifest.Findings.Only("ECS8001")) is var f ? (f.Location.StartLine, f.Location.StartColumn) : default);

        // A template with a manifest's top-level name and type lines: it parses into a template, so it is one.
        var template = "name: stack\ntype: Backend Service\n" + TemplateYaml + "\n";
        Assert.Equal([InputFormat.CloudFormationYaml, InputFormat.CopilotManifest], Candidates("stack.yml", template));
        var asTemplate = Lint.File(template, "stack.yml");
        Assert.Equal(1, asTemplate.TaskCount);
        Assert.Empty(asTemplate.Findings.Only("ECS8001"));
        Assert.NotEmpty(asTemplate.Findings);
        Assert.All(asTemplate.Findings, f => Assert.StartsWith("Task:", f.Anchor, StringComparison.Ordinal));
    }

    [Fact]
    public void A_document_that_parses_into_a_template_is_never_a_manifest()
    {
        // Without the words "AWS::" or AWSTemplateFormatVersion the text looks only like a manifest; once parsed, its
        // Resources of a namespaced type make it a template, which Copilot would not read either.
        var text = "name: api\ntype: Backend Service\nResources:\n  Thing:\n    Type: Custom::Thing\n";
        Assert.Equal([InputFormat.CopilotManifest], Candidates("copilot/api/manifest.yml", text, explicitlyGiven: true));
        var result = Lint.File(text, "copilot/api/manifest.yml");
        Assert.False(result.Recognized);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_template_source_with_placeholders_is_still_a_template()
    {
        // The {{ }} tags are masked by the template reading (TemplateText), whose values are then unknown (ECS0010).
        var text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: {{ cpu }}\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n";
        Assert.Equal([InputFormat.CloudFormationYaml], Candidates("stack.yaml", text));
        var result = Lint.File(text, "stack.yaml");
        Assert.Equal(1, result.TaskCount);
        Assert.Equal((6, 12), Assert.Single(result.Findings.Only("ECS0010")) is var f ? (f.Location.StartLine, f.Location.StartColumn) : default);
        Assert.Empty(result.Findings.Only("ECS0001"));
    }

    [Fact]
    public void Each_format_has_exactly_one_loader_whose_name_test_is_the_detectors()
    {
        foreach (var format in Enum.GetValues<InputFormat>())
        {
            var loader = Assert.Single(RuleRegistry.Loaders, l => l.Formats.Contains(format));
            Assert.Same(loader, RuleRegistry.LoaderOf(format));
        }

        foreach (var name in new[] { "a.json", "a.JSON", "a.yaml", "a.yml", "a.template", "a.cs", "a.txt", "json", "a.json.bak" })
        {
            foreach (var loader in RuleRegistry.Loaders)
            {
                Assert.Equal(loader.Formats.Any(f => FormatDetector.NameFits(name, f)), loader.Accepts(name));
            }
        }
    }

    [Fact]
    public void The_rules_that_stages_raise_are_listed_in_a_SARIF_log_like_the_rule_classes()
    {
        using var tree = new TempTree();
        tree.Write("task.json", TaskJson);
        var stdout = new StringWriter();
        Runner.Run(new CheckSettings { Paths = ["task.json"], Format = "sarif", RootDirectory = tree.Root }, stdout, new StringWriter());
        var rules = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")
            .EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Subset(rules.ToHashSet(), new HashSet<string> { "ECS0001", "ECS0007", "ECS0008", "ECS0009", "ECS0010", "ECS8001", "ECS8002" });
        Assert.Equal(Catalog.RuleCatalog.Ids.Order(StringComparer.Ordinal), rules);

        // Switched off, a stage's rule is not listed; a rule that says a file was not checked cannot be switched off.
        var linter = new Linter(new LintOptions { SeverityOverrides = new Dictionary<string, Severity> { ["ECS0008"] = Severity.None, ["ECS0001"] = Severity.None } });
        var ids = RuleRegistry.EnabledIds(linter).ToList();
        Assert.DoesNotContain("ECS0008", ids);
        Assert.Contains("ECS0001", ids);
    }
}
