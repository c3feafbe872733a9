using System.Text;
using EcsPolicy.Catalog;
using EcsPolicy.Engine;
using EcsPolicy.Fixes;
using EcsPolicy.Tests.Rules;
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

        // ECS1001: a cpu Fargate does not offer, with a memory that one cpu accepts (an unsafe fix: another cpu).
        { "ECS1001", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"300\",\n  \"memory\": \"512\",", "\"essential\": true") },
        { "ECS1001", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 300\n      Memory: 512", "Essential: true") },

        // ECS1002: a Fargate task without cpu and memory gets the smallest size (both members added).
        { "ECS1002", "task.json", TaskJson("\"networkMode\": \"awsvpc\",", "\"essential\": true") },
        { "ECS1002", "template.yaml", Yaml("NetworkMode: awsvpc", "Essential: true") },

        // ECS6008 / ECS6011: an EFS volume without transit encryption, with IAM authorization (required) and without.
        { "ECS6008", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",\n  \"volumes\": [{ \"name\": \"data\", \"efsVolumeConfiguration\": { \"fileSystemId\": \"fs-12345678\", \"transitEncryption\": \"DISABLED\", \"authorizationConfig\": { \"iam\": \"ENABLED\" } } }],", "\"essential\": true") },
        { "ECS6011", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 512\n      Volumes:\n        - Name: data\n          EFSVolumeConfiguration:\n            FilesystemId: fs-12345678", "Essential: true") },

        // ECS6010: an EC2 task in bridge mode.
        { "ECS6010", "task.json", "{\n  \"family\": \"web\",\n  \"requiresCompatibilities\": [\"EC2\"],\n  \"networkMode\": \"bridge\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512, \"essential\": true }\n  ]\n}\n" },

        // ECS2005: a container waited for to SUCCESS is essential (an unsafe fix: it becomes non-essential).
        { "ECS2005", "task.json", "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512, \"dependsOn\": [{ \"containerName\": \"migrate\", \"condition\": \"SUCCESS\" }] },\n    { \"name\": \"migrate\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 256, \"essential\": true }\n  ]\n}\n" },
        { "ECS2005", "template.yaml", "Resources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Image: public.ecr.aws/nginx/nginx:1.27\n          Memory: 512\n          DependsOn:\n            - ContainerName: migrate\n              Condition: SUCCESS\n        - Name: migrate\n          Image: public.ecr.aws/nginx/nginx:1.27\n          Memory: 256\n" },

        // ECS5003: awslogs-group given as a log group ARN: its name instead.
        { "ECS5003", "task.json", TaskJson("\"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": \"512\",", "\"logConfiguration\": { \"logDriver\": \"awslogs\", \"options\": { \"awslogs-group\": \"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*\", \"awslogs-region\": \"us-east-1\", \"awslogs-stream-prefix\": \"web\" } }") },
        { "ECS5003", "template.yaml", Yaml("NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 512", "LogConfiguration:\n            LogDriver: awslogs\n            Options:\n              awslogs-group: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web  # shared group\n              awslogs-region: us-east-1\n              awslogs-stream-prefix: web") },

        // ECS6009: a service that assigns public IP addresses.
        { "ECS6009", "template.yaml", "Resources:\n  Service:\n    Type: AWS::ECS::Service\n    Properties:\n      LaunchType: FARGATE\n      TaskDefinition: arn:aws:ecs:us-east-1:123456789012:task-definition/web:1\n      NetworkConfiguration:\n        AwsvpcConfiguration:\n          AssignPublicIp: ENABLED  # for now\n          Subnets: [subnet-12345678]\n" },
    };

    /// <summary>
    /// Every rule that gives a fix in a task-definition JSON or CloudFormation file (seen on the rules' own bad examples)
    /// has a case above: a fix nobody applied in a test is not offered.
    /// </summary>
    [Fact]
    public void Every_rule_that_offers_a_fix_has_a_case()
    {
        var tested = Cases().Select(c => (string)c[0]).ToHashSet(StringComparer.Ordinal);
        var offering = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.All)
        {
            foreach (var example in rule.Bad.Where(e => e.Input is ExampleInput.TaskDefinitionJson or ExampleInput.CloudFormation))
            {
                if (ExampleLint.Run(example, new LintOptions()).Findings.Any(f => f.RuleId == rule.Id && f.Fix != null))
                {
                    offering.Add(rule.Id);
                }
            }
        }

        var untested = offering.Where(id => !tested.Contains(id)).ToList();
        Assert.True(untested.Count == 0, "rules that offer a fix without a case here: " + string.Join(", ", untested));
        Assert.Contains("ECS1001", offering);
    }

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
        var result = FixApplier.ApplyRepeatedly(file, Encoding.UTF8.GetBytes(text), ofRule, bytes => Lint.Text(Encoding.UTF8.GetString(bytes), file).Where(f => f.RuleId == rule).ToList(), unsafeFixes: true);
        var fixedText = FixApplierTests.Text(result);
        var after = Lint.Text(fixedText, file);
        Assert.True(after.Only(rule).Count == 0, "after the fix:\n" + fixedText + "\n" + after.Only(rule).Describe());

        // One place changed, no larger than the edits: the rest of the file is byte for byte the same.
        var (removed, inserted) = FixApplierTests.Middles(text, fixedText);
        Assert.True(removed.Length <= result.Applied.Sum(a => a.Before?.Length ?? 0), $"removed '{removed}'");
        Assert.All(result.Applied, a => Assert.Contains(a.After, fixedText, StringComparison.Ordinal));
        Assert.True(inserted.Count(c => c == '\n') <= result.Applied.Count(a => a.Before is null), $"inserted '{inserted}'");
    }
}
