using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace EcsPolicy.Tests.Support;

/// <summary>Runs a program as a test's user would (dotnet, bash), quietly and bounded in time, and logs the command line.</summary>
internal static class Processes
{
    public static async Task<(int Code, string Out, string Err)> Run(
        string file,
        IEnumerable<string> args,
        string workingDirectory,
        TimeSpan timeout,
        ITestOutputHelper? log = null,
        IReadOnlyDictionary<string, string>? env = null,
        IEnumerable<string>? removeFromEnvironment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var name in removeFromEnvironment ?? [])
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        var result = (process.ExitCode, await stdout, await stderr);
        log?.WriteLine($"$ {file} {string.Join(' ', start.ArgumentList)} -> {result.ExitCode}");
        return result;
    }
}
