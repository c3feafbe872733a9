using System.Text.Json;
using Xunit.Abstractions;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Synthesizes the CDK C# app in tests/cdk-apps/fargate-service (Amazon.CDK.Lib; needs NuGet and Node.js) into a
/// temporary cdk.out and lints that directory as a user would: its deliberate problems are reported, each naming the
/// construct it is on.
/// </summary>
public class CdkSynthTests
{
    private readonly ITestOutputHelper _output;

    public CdkSynthTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void A_synthesized_CDK_app_is_linted_from_cdk_out_with_construct_paths()
    {
        var work = CdkApps.TempFolder();
        var cdkOut = Path.Combine(work, "cdk.out");
        Directory.CreateDirectory(cdkOut);
        try
        {
            var took = CdkApps.Synthesize(CdkApps.PathOf("fargate-service"), cdkOut);
            _output.WriteLine($"synthesized in {took.TotalSeconds:F1} s");
            Assert.True(File.Exists(Path.Combine(cdkOut, "FargateServiceStack.template.json")), "the app wrote no template");
            Assert.True(File.Exists(Path.Combine(cdkOut, "manifest.json")), "the app wrote no manifest");

            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = EcsPolicy.Cli.Program.Run(["check", cdkOut, "--format", "json"], stdout, stderr);
            _output.WriteLine(stdout.ToString());

            // No internal error, nothing unreadable; the deliberate errors fail the check.
            // Standard error holds only the summary line (the report is JSON): no internal error, nothing unreadable.
            Assert.Matches(@"^\d+ error\(s\), \d+ warning\(s\), \d+ note\(s\) in [^\n]*\.\n$", stderr.ToString().ReplaceLineEndings("\n"));
            Assert.Equal(1, code);

            using var report = JsonDocument.Parse(stdout.ToString());
            var findings = report.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => (Rule: f.GetProperty("ruleId").GetString()!, Message: f.GetProperty("message").GetString()!, File: f.GetProperty("file").GetString()!))
                .ToList();

            // Only the stack's template is read: not the manifest, the construct tree or the asset manifest.
            Assert.All(findings, f => Assert.EndsWith("FargateServiceStack.template.json", f.File, StringComparison.Ordinal));

            const string TaskDef = "[construct FargateServiceStack/Api/TaskDef]";
            const string Service = "[construct FargateServiceStack/Api/Service/Service]";
            AssertReported(findings, "ECS1001", "Memory 3000 MiB with Cpu 1024", TaskDef);
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
            CdkApps.Delete(work);
        }
    }

    private static void AssertReported(List<(string Rule, string Message, string File)> findings, string ruleId, string about, string construct)
    {
        var matching = findings.Where(f => f.Rule == ruleId && f.Message.Contains(about, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"expected one {ruleId} about {about}; found:\n" + string.Join("\n", findings.Select(f => f.Rule + ": " + f.Message)));
        Assert.EndsWith(" " + construct, matching[0].Message, StringComparison.Ordinal);
    }
}
