using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Shape;

/// <summary>Builds small register-task-definition documents and collects the shape findings.</summary>
internal static class ShapeTestData
{
    public static readonly string[] ShapeRules = ["ECS0002", "ECS0003", "ECS0004", "ECS0005", "ECS0006"];

    /// <summary>A valid task definition with one container; <paramref name="task"/> and <paramref name="container"/> add members.</summary>
    public static string Task(string container = "", string task = "") =>
        "{\n" +
        "  \"family\": \"web\",\n" +
        (task.Length > 0 ? "  " + task + ",\n" : "") +
        "  \"containerDefinitions\": [\n" +
        "    {\n" +
        "      \"name\": \"web\",\n" +
        "      \"image\": \"public.ecr.aws/nginx/nginx:1.27\",\n" +
        (container.Length > 0 ? "      " + container + ",\n" : "") +
        "      \"memory\": 512\n" +
        "    }\n" +
        "  ]\n" +
        "}\n";

    /// <summary>The findings of the five shape rules.</summary>
    public static IReadOnlyList<Finding> ShapeFindings(string json) =>
        Lint.Text(json).Where(f => ShapeRules.Contains(f.RuleId)).ToList();

    public static Finding Single(string json, string ruleId)
    {
        var all = ShapeFindings(json);
        Assert.True(all.Count == 1 && all[0].RuleId == ruleId, $"expected exactly one {ruleId}, got:\n{all.Describe()}");
        return all[0];
    }

    public static void Clean(string json)
    {
        var all = ShapeFindings(json);
        Assert.True(all.Count == 0, "expected no shape findings, got:\n" + all.Describe());
    }

    public static void At(Finding finding, int line, int column) =>
        Assert.True(
            finding.Location.StartLine == line && finding.Location.StartColumn == column,
            $"expected ({line},{column}), got {finding.Location}: {finding.Message}");
}
