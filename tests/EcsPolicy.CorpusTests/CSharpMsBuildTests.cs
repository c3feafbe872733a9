using System.Diagnostics;
using System.Text.Json;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// <c>check --msbuild</c> opens a CDK app's project with MSBuild (restored first, as a build would) and finds what the
/// default, MSBuild-free reading finds, at the same places.
/// </summary>
public class CSharpMsBuildTests
{
    [Fact]
    public void A_project_opened_with_MSBuild_gives_the_same_findings_as_the_default_reading()
    {
        var project = Repo.PathOf("tests", "cdk-apps", "fargate-service", "FargateService.csproj");
        var restore = Process.Start(new ProcessStartInfo("dotnet", ["restore", project]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        restore.StandardOutput.ReadToEnd();
        Assert.True(restore.WaitForExit(TimeSpan.FromMinutes(5)), "restore did not finish");
        Assert.Equal(0, restore.ExitCode);

        var withMsBuild = Findings(project, "--msbuild");
        var without = Findings(project);

        Assert.NotEmpty(without);
        Assert.Contains(without, f => f.StartsWith("ECS1001 ", StringComparison.Ordinal));
        Assert.Equal(without, withMsBuild);
    }

    private static List<string> Findings(string project, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        EcsPolicy.Cli.Program.Run(["check", project, "--format", "json", .. extra], stdout, stderr);
        // Standard error holds only the summary line (the report is JSON): no internal error, nothing unreadable.
        Assert.Matches(@"^\d+ error\(s\), \d+ warning\(s\), \d+ note\(s\) in [^\n]*\.\n$", stderr.ToString().ReplaceLineEndings("\n"));
        using var report = JsonDocument.Parse(stdout.ToString());
        return report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("ruleId").GetString() + " " + Path.GetFileName(f.GetProperty("file").GetString()) + "(" + f.GetProperty("line").GetInt32() + "," + f.GetProperty("column").GetInt32() + ")")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
