using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace EcsPolicy.Tests.Support;

/// <summary>Runs a program as a test's user would (dotnet, bash), quietly and bounded in time, and logs the command line.</summary>
internal static class Processes
{
    /// <summary>
    /// Runs <paramref name="file"/> and returns its exit code and output. Variables for which <paramref name="drop"/>
    /// holds are left out of its environment, then <paramref name="env"/> is added. A program still running after
    /// <paramref name="timeout"/> is killed with its children, and a <see cref="TimeoutException"/> carries its output.
    /// </summary>
    public static async Task<(int Code, string Out, string Err)> Run(
        string file,
        IEnumerable<string> args,
        string workingDirectory,
        TimeSpan timeout,
        ITestOutputHelper? log = null,
        IReadOnlyDictionary<string, string>? env = null,
        Func<string, bool>? drop = null)
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

        foreach (var name in start.Environment.Keys.Where(k => drop?.Invoke(k) == true).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not finish in {timeout.TotalMinutes} minutes:\n{await stdout}{await stderr}");
        }

        var result = (process.ExitCode, await stdout, await stderr);
        log?.WriteLine($"$ {file} {string.Join(' ', start.ArgumentList)} -> {result.ExitCode}");
        return result;
    }
}
