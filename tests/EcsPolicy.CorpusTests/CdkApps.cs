using System.Diagnostics;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// The CDK C# apps of tests/cdk-apps (Amazon.CDK.Lib; building and synthesizing them needs NuGet and Node.js): their
/// names, and <c>dotnet build</c> / <c>dotnet run</c> on them with <c>CDK_OUTDIR</c>, as the CDK CLI runs a C# app for
/// <c>cdk synth</c>.
/// </summary>
internal static class CdkApps
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static string Root => Repo.PathOf("tests", "cdk-apps");

    public static string PathOf(string app) => Path.Combine(Root, app);

    /// <summary>Every app: each folder of tests/cdk-apps with a cdk.json, in name order.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "cdk.json"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Builds the app (one node, quiet); fails the test with the log when the build fails.</summary>
    public static TimeSpan Build(string project) =>
        Run(project, ["build", project, "-nologo", "-v", "q", "-m:1"], null, "dotnet build");

    /// <summary>
    /// Runs the app with <c>CDK_OUTDIR</c> set to <paramref name="outDir"/> (built first unless <paramref name="noBuild"/>);
    /// fails the test with the app's output when it does not exit 0.
    /// </summary>
    public static TimeSpan Synthesize(string project, string outDir, bool noBuild = false) =>
        Run(project, noBuild ? ["run", "--no-build", "--project", project] : ["run", "--project", project], outDir, "dotnet run");

    /// <summary>A fresh temporary folder, deleted by <see cref="Delete"/>.</summary>
    public static string TempFolder()
    {
        var work = Path.Combine(Path.GetTempPath(), "ecs-policy-cdk", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        return work;
    }

    public static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static TimeSpan Run(string project, string[] arguments, string? outDir, string what)
    {
        var watch = Stopwatch.StartNew();
        (int Code, string Out, string Err) result;
        try
        {
            // The test host's MSBuild settings are for this test project's build, not the app's.
            result = Processes.Run(
                DotnetExecutable(),
                arguments,
                project,
                Timeout,
                env: outDir is null ? null : new Dictionary<string, string> { ["CDK_OUTDIR"] = outDir },
                drop: name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).GetAwaiter().GetResult();
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{what} on {Path.GetFileName(project)} did not finish in {Timeout.TotalMinutes} minutes:\n{e.Message}");
            throw;
        }

        Assert.True(result.Code == 0, $"{what} on {Path.GetFileName(project)} exited with {result.Code}:\n{result.Out}{result.Err}");
        return watch.Elapsed;
    }

    /// <summary>The dotnet that runs the tests (DOTNET_HOST_PATH, set by the SDK), else the one on the PATH.</summary>
    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
