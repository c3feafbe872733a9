using System.Text.Json;
using EcsPolicy.Catalog;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Secrets;

/// <summary>Task definitions for the ECS3xxx tests, and assertions on where and what a rule reports.</summary>
internal static class SecretsTestKit
{
    public static string Json(string s) => JsonSerializer.Serialize(s);

    /// <summary>A task definition whose one container has <paramref name="environment"/>, one variable per line.</summary>
    public static string EnvTask(params (string Name, string Value)[] environment) =>
        "{\n  \"family\": \"app\",\n  \"containerDefinitions\": [{\n    \"name\": \"app\",\n    \"image\": \"public.ecr.aws/nginx/nginx:1.27\",\n    \"environment\": [\n"
        + string.Join(",\n", environment.Select(e => "      { \"name\": " + Json(e.Name) + ", \"value\": " + Json(e.Value) + " }"))
        + "\n    ]\n  }]\n}";

    /// <summary>A task definition whose container has one secret with <paramref name="valueFrom"/> (may hold a [| marker).</summary>
    public static string SecretTask(string valueFrom, string extraTask = "\"executionRoleArn\": \"arn:aws:iam::111122223333:role/ecsTaskExecutionRole\",") =>
        "{\n  \"family\": \"app\",\n  " + extraTask + "\n  \"containerDefinitions\": [{\n    \"name\": \"app\",\n    \"image\": \"public.ecr.aws/nginx/nginx:1.27\",\n"
        + "    \"secrets\": [{ \"name\": \"DB_PASSWORD\", \"valueFrom\": \"" + valueFrom + "\" }]\n  }]\n}";

    public static IReadOnlyList<Finding> Findings(string text, string id) => Lint.Text(text).Only(id);

    /// <summary>Asserts that <paramref name="id"/> fires exactly once, at the [| marker, and returns the finding.</summary>
    public static Finding SingleAtMarker(string marked, string id)
    {
        var example = new RuleExample(marked, null);
        var marker = example.Marker ?? throw new ArgumentException("no [| marker", nameof(marked));
        var hits = Findings(example.CleanText, id);
        Assert.True(hits.Count == 1, $"expected one {id}, got {hits.Count}:\n{hits.Describe()}\nin\n{example.CleanText}");
        var f = hits[0];
        Assert.True(
            (f.Location.StartLine, f.Location.StartColumn) == marker,
            $"{id} at ({f.Location.StartLine},{f.Location.StartColumn}), expected {marker}: {f.Message}");
        Assert.EndsWith(".", f.Message);
        return f;
    }

    public static void Silent(string text, string id)
    {
        var hits = Findings(text, id);
        Assert.True(hits.Count == 0, $"{id} fired:\n{hits.Describe()}\nin\n{text}");
    }
}
