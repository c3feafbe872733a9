using System.Text;
using EcsPolicy.Fixes;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Fixes;

/// <summary>
/// Each rule whose findings carry a fix, in each format <c>--fix</c> edits: the rule's own fix applied to the file leaves
/// no finding of the rule, and the file differs from the original in one place only, no larger than the edit.
/// </summary>
public class FixableRulesTests
{
    private const string TaskJsonHead = """
        {
          "family": "web",
          "requiresCompatibilities": ["FARGATE"],

        """;

    public static TheoryData<string, string, string> Cases() => new()
    {
        // ECS6002: a container without readonlyRootFilesystem (a member added) and with false (a value replaced).
        { "ECS6002", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", "\"essential\": true") },
        { "ECS6002", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", "\"readonlyRootFilesystem\": false") },
        { "ECS6002", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 512", "Essential: true  # main") },
        { "ECS6002", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 512", "ReadonlyRootFilesystem: false") },
        { "ECS6002", "template.json", CfnJson("\"NetworkMode\": \"awsvpc\",\n        \"Cpu\": \"256\",\n        \"Memory\": \"512\",", "\"Essential\": true") },

        // ECS2001: every container non-essential: the first becomes essential.
        { "ECS2001", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", "\"essential\": false") },
        { "ECS2001", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 512", "Essential: false") },
        { "ECS2001", "template.json", CfnJson("\"NetworkMode\": \"awsvpc\",\n        \"Cpu\": \"256\",\n        \"Memory\": \"512\",", "\"Essential\": false") },

        // ECS1001: a Fargate memory the cpu does not allow.
        { "ECS1001", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"4096\",", "\"essential\": true") },
        { "ECS1001", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 4096", "Essential: true") },
        { "ECS1001", "template.json", CfnJson("\"NetworkMode\": \"awsvpc\",\n        \"Cpu\": \"256\",\n        \"Memory\": \"4096\",", "\"Essential\": true") },

        // ECS1003: Fargate with another network mode.
        { "ECS1003", "task.json", TaskJson("\"networkMode\": \"bridge\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", "\"essential\": true") },
        { "ECS1003", "template.yaml", Yaml("NetworkMode: bridge\n      Cpu: 256\n      Memory: 512", "Essential: true") },
        { "ECS1003", "template.json", CfnJson("\"NetworkMode\": \"bridge\",\n        \"Cpu\": \"256\",\n        \"Memory\": \"512\",", "\"Essential\": true") },
    };

    private static string TaskJson(string task, string container) =>
        TaskJsonHead + "  " + task + "\n  \"containerDefinitions\": [\n    {\n      \"name\": \"app\",\n      \"image\": \"public.ecr.aws/nginx/nginx:1.27\",\n      " + container + "\n    }\n  ]\n}\n";

    private static string Yaml(string task, string container) =>
        "# the web service\nResources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      RequiresCompatibilities: [FARGATE]\n      " + task
        + "\n      ContainerDefinitions:\n        - Name: app   # the main container\n          Image: public.ecr.aws/nginx/nginx:1.27\n          " + container + "\n";

    private static string CfnJson(string task, string container) =>
        "{\n  \"Resources\": {\n    \"TaskDef\": {\n      \"Type\": \"AWS::ECS::TaskDefinition\",\n      \"Properties\": {\n        \"RequiresCompatibilities\": [\"FARGATE\"],\n        " + task
        + "\n        \"ContainerDefinitions\": [\n          {\n            \"Name\": \"app\",\n            \"Image\": \"public.ecr.aws/nginx/nginx:1.27\",\n            " + container + "\n          }\n        ]\n      }\n    }\n  }\n}\n";

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_rules_fix_removes_its_finding_and_changes_nothing_else(string rule, string file, string text)
    {
        var findings = Lint.Text(text, file).Where(f => f.SuppressedBy is null).ToList();
        var ofRule = findings.Only(rule);
        Assert.True(ofRule.Count > 0, "no " + rule + " finding:\n" + findings.Describe());
        Assert.All(ofRule, f => Assert.NotNull(f.Fix));

        // The rule's own findings, its unsafe fixes included (ECS6002's): --unsafe-fixes applies those as --fix the others.
        var result = FixApplier.Apply(file, Encoding.UTF8.GetBytes(text), ofRule, unsafeFixes: true);
        var fixedText = FixApplierTests.Text(result);
        var after = Lint.Text(fixedText, file);
        Assert.True(after.Only(rule).Count == 0, "after the fix:\n" + fixedText + "\n" + after.Only(rule).Describe());

        // One place changed, no larger than the edits: the rest of the file is byte for byte the same.
        var prefix = 0;
        while (prefix < text.Length && prefix < fixedText.Length && text[prefix] == fixedText[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < text.Length - prefix && suffix < fixedText.Length - prefix && text[text.Length - 1 - suffix] == fixedText[fixedText.Length - 1 - suffix])
        {
            suffix++;
        }

        var removed = text.Substring(prefix, text.Length - prefix - suffix);
        var inserted = fixedText.Substring(prefix, fixedText.Length - prefix - suffix);
        Assert.True(removed.Length <= result.Applied.Sum(a => a.Before?.Length ?? 0), $"removed '{removed}'");
        Assert.All(result.Applied, a => Assert.Contains(a.After, fixedText, StringComparison.Ordinal));
        Assert.True(inserted.Count(c => c == '\n') <= result.Applied.Count(a => a.Before is null), $"inserted '{inserted}'");
    }
}
