using EcsPolicy.Catalog;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Fargate;

/// <summary>
/// Builds register-task-definition JSON for the Fargate rule tests, and checks findings against a <c>[|</c> marker
/// (the same marker the rule examples use).
/// </summary>
internal static class FargateDocs
{
    /// <summary>
    /// A task definition with one container. Every argument is inserted as written (it may carry a <c>[|</c> marker);
    /// null leaves the member out.
    /// </summary>
    public static string Task(
        string? compatibilities = "\"FARGATE\"",
        string? cpu = "\"256\"",
        string? memory = "\"512\"",
        string? networkMode = "\"awsvpc\"",
        string? taskExtra = null,
        string? containerExtra = null,
        string opening = "{")
    {
        var lines = new List<string> { opening, "  \"family\": \"app\"," };
        if (compatibilities != null)
        {
            lines.Add("  \"requiresCompatibilities\": [" + compatibilities + "],");
        }

        if (networkMode != null)
        {
            lines.Add("  \"networkMode\": " + networkMode + ",");
        }

        if (cpu != null)
        {
            lines.Add("  \"cpu\": " + cpu + ",");
        }

        if (memory != null)
        {
            lines.Add("  \"memory\": " + memory + ",");
        }

        if (taskExtra != null)
        {
            lines.Add("  " + taskExtra + ",");
        }

        lines.Add("  \"containerDefinitions\": [");
        lines.Add("    {");
        lines.Add("      \"name\": \"app\",");
        lines.Add("      \"image\": \"public.ecr.aws/docker/library/busybox:1.36\",");
        lines.Add("      \"essential\": true" + (containerExtra != null ? "," : ""));
        if (containerExtra != null)
        {
            lines.Add("      " + containerExtra);
        }

        lines.Add("    }");
        lines.Add("  ]");
        lines.Add("}");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The rule fires exactly once, at the marker, with a message that holds every part and ends with a period.</summary>
    public static Finding FiresAt(string ruleId, string marked, params string[] messageParts)
    {
        var example = new RuleExample(marked, null);
        var marker = example.Marker ?? throw new ArgumentException("The text has no [| marker.", nameof(marked));
        var result = Lint.File(example.CleanText);
        Assert.Empty(result.NotChecked);
        Assert.Empty(result.Findings.Only("ECS0001"));
        var hits = result.Findings.Only(ruleId);
        var hit = Assert.Single(hits);
        Assert.True(
            hit.Location.StartLine == marker.Line && hit.Location.StartColumn == marker.Column,
            $"expected {ruleId} at ({marker.Line},{marker.Column}), got {hit.Location}: {hit.Message}\n{example.CleanText}");
        foreach (var part in messageParts)
        {
            Assert.Contains(part, hit.Message, StringComparison.Ordinal);
        }

        Assert.EndsWith(".", hit.Message, StringComparison.Ordinal);
        return hit;
    }

    /// <summary>The rule does not fire (and the text is a recognised, parsable task definition).</summary>
    public static void Silent(string ruleId, string text)
    {
        var result = Lint.File(text);
        Assert.Empty(result.NotChecked);
        Assert.True(result.Recognized, "not recognised:\n" + text);
        Assert.Empty(result.Findings.Only("ECS0001"));
        Assert.True(result.Findings.Only(ruleId).Count == 0, $"{ruleId} fired:\n{result.Findings.Only(ruleId).Describe()}\n{text}");
    }

    public static string Windows(string family = "WINDOWS_SERVER_2022_CORE", string architecture = "X86_64") =>
        "\"runtimePlatform\": { \"operatingSystemFamily\": \"" + family + "\", \"cpuArchitecture\": \"" + architecture + "\" }";
}
