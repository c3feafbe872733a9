using System.Diagnostics;
using System.Text;

namespace EcsPolicy.Tests.Support;

/// <summary>
/// The real <c>ecs-policy</c> executable, run as a user runs it: in a folder of the test's own (the test process's
/// current directory is shared by every test), with standard input and environment variables when a test needs them.
/// </summary>
internal static class Executable
{
    public static (int Code, string Stdout, string Stderr) Run(string workingDirectory, params string[] args) =>
        RunWith(workingDirectory, null, null, args);

    public static (int Code, string Stdout, string Stderr) RunWith(string workingDirectory, string? stdin, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ecs-policy.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("NO_COLOR");
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ecs-policy {string.Join(' ', args)} did not finish in two minutes");
        }

        return (process.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.Result.ReplaceLineEndings("\n"));
    }
}
