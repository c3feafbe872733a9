using System.Globalization;
using System.Text.Json;
using EcsPolicy.Cli;

namespace EcsPolicy.Tests.Outputs;

/// <summary>Runs <c>ecs-policy check</c> in-process on files under a root, as a CI job in that directory would.</summary>
internal static class ReportRun
{
    public static (int Code, string Out, string Err) Check(string root, string format, params string[] paths)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = Runner.Run(new CheckSettings { Paths = paths, Format = format, RootDirectory = root }, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The findings of the same run in the plain JSON format: what the other formats must agree with.</summary>
    public static List<JsonElement> JsonFindings(string root, params string[] paths)
    {
        using var doc = JsonDocument.Parse(Check(root, "json", paths).Out);
        return doc.RootElement.GetProperty("findings").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
