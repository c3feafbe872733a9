using System.Diagnostics;
using System.Text;
using System.Text.Json;
using EcsPolicy.Tests.Support;
using Xunit.Abstractions;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Synthesizes the CDK C# app in tests/cdk-apps/fargate-service (Amazon.CDK.Lib; needs NuGet and Node.js) into a
/// temporary cdk.out and lints that directory as a user would: its deliberate problems are reported, each naming the
/// construct it is on.
/// </summary>
public class CdkSynthTests
{
    private static readonly TimeSpan SynthTimeout = TimeSpan.FromMinutes(5);

    private readonly ITestOutputHelper _output;

    public CdkSynthTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void A_synthesized_CDK_app_is_linted_from_cdk_out_with_construct_paths()
    {
        var work = Path.Combine(Path.GetTempPath(), "ecs-policy-cdk", Guid.NewGuid().ToString("N"));
        var cdkOut = Path.Combine(work, "cdk.out");
        Directory.CreateDirectory(cdkOut);
        try
        {
            Synthesize(Repo.PathOf("tests", "cdk-apps", "fargate-service"), cdkOut);
            Assert.True(File.Exists(Path.Combine(cdkOut, "FargateServiceStack.template.json")), "the app wrote no template");
            Assert.True(File.Exists(Path.Combine(cdkOut, "manifest.json")), "the app wrote no manifest");

            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = EcsPolicy.Cli.Program.Run(["check", cdkOut, "--format", "json"], stdout, stderr);
            _output.WriteLine(stdout.ToString());

            // No internal error, nothing unreadable; the deliberate errors fail the check.
            Assert.Equal("", stderr.ToString());
            Assert.Equal(1, code);

            using var report = JsonDocument.Parse(stdout.ToString());
            var findings = report.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => (Rule: f.GetProperty("ruleId").GetString()!, Message: f.GetProperty("message").GetString()!, File: f.GetProperty("file").GetString()!))
                .ToList();

            // Only the stack's template is read: not the manifest, the construct tree or the asset manifest.
            Assert.All(findings, f => Assert.EndsWith("FargateServiceStack.template.json", f.File, StringComparison.Ordinal));

            const string TaskDef = "[construct FargateServiceStack/Api/TaskDef]";
            const string Service = "[construct FargateServiceStack/Api/Service/Service]";
            AssertReported(findings, "ECS1001", "memory 3000 MiB with cpu 1024", TaskDef);
            AssertReported(findings, "ECS1004", "is privileged", TaskDef);
            AssertReported(findings, "ECS3001", "'DB_PASSWORD'", TaskDef);
            AssertReported(findings, "ECS6007", "nginx", TaskDef);
            AssertReported(findings, "ECS6009", "assigns public IP addresses", Service);
            AssertReported(findings, "ECS5006", "Container Insights", "[construct FargateServiceStack/Cluster]");

            // The secret's value is never repeated.
            Assert.DoesNotContain("Zq8#vL2", stdout.ToString(), StringComparison.Ordinal);

            // Every finding is on a construct of the app, and says which.
            Assert.All(findings, f => Assert.Contains(" [construct FargateServiceStack/", f.Message, StringComparison.Ordinal));
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void AssertReported(List<(string Rule, string Message, string File)> findings, string ruleId, string about, string construct)
    {
        var matching = findings.Where(f => f.Rule == ruleId && f.Message.Contains(about, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"expected one {ruleId} about {about}; found:\n" + string.Join("\n", findings.Select(f => f.Rule + ": " + f.Message)));
        Assert.EndsWith(" " + construct, matching[0].Message, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>dotnet run</c> on the app with <c>CDK_OUTDIR</c>, as the CDK CLI runs a C# app for <c>cdk synth</c>.</summary>
    private void Synthesize(string project, string outDir)
    {
        var start = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--project");
        start.ArgumentList.Add(project);

        // The test host's MSBuild settings are for this test project's build, not the app's.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["CDK_OUTDIR"] = outDir;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var log = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)SynthTimeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"synthesis did not finish in {SynthTimeout.TotalMinutes} minutes:\n{Text(log)}");
        }

        process.WaitForExit();
        _output.WriteLine($"synthesized in {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(process.ExitCode == 0, $"dotnet run exited with {process.ExitCode}:\n{Text(log)}");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line != null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    /// <summary>The dotnet that runs the tests (DOTNET_HOST_PATH, set by the SDK), else the one on the PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
