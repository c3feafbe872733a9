using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>The progress line of long scans: only on a terminal, rewritten in place, erased before the report.</summary>
public class ScanProgressTests
{
    [Fact]
    public void The_line_is_rewritten_in_place_only_when_the_count_changes_and_erased_at_the_end()
    {
        var terminal = new StringWriter(CultureInfo.InvariantCulture);
        var progress = ScanProgress.Manual(terminal, 10000);
        for (var i = 0; i < 1200; i++)
        {
            progress.FileDone();
        }

        progress.Tick();
        progress.Tick();
        Assert.Equal("\rchecked 1200/10000 files", terminal.ToString());

        progress.FileDone();
        progress.Tick();
        progress.Dispose();
        progress.Tick();
        Assert.Equal("\rchecked 1200/10000 files\rchecked 1201/10000 files\r" + new string(' ', 24) + "\r", terminal.ToString());
    }

    [Fact]
    public void Nothing_is_written_when_no_line_was_shown()
    {
        var terminal = new StringWriter(CultureInfo.InvariantCulture);
        ScanProgress.Manual(terminal, 3).Dispose();

        // A scan that ends before the delay shows nothing.
        using (var progress = ScanProgress.Start(terminal, 3))
        {
            progress.FileDone();
        }

        Assert.Equal("", terminal.ToString());
        Assert.Equal(TimeSpan.FromMilliseconds(100), ScanProgress.Interval);
    }

    [Fact]
    public void A_check_with_a_progress_terminal_writes_the_same_report()
    {
        using var tree = new TempTree();
        tree.Write("a.json", "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [,]\n}");
        tree.Write("b.json", "{ \"family\": \"web\", \"containerDefinitions\": [{ \"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 512 }] }");
        string Run(TextWriter? terminal)
        {
            var stdout = new StringWriter(CultureInfo.InvariantCulture);
            var stderr = new StringWriter(CultureInfo.InvariantCulture);
            Runner.Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root, Progress = terminal }, stdout, stderr);
            Assert.Equal("", stderr.ToString());
            return stdout.ToString();
        }

        var terminal = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(Run(null), Run(terminal));
        Assert.Equal("", terminal.ToString());
    }
}

/// <summary>
/// The real executable on a scan that takes longer than the progress delay: a named pipe in the walked directory keeps
/// it reading until the test writes to the pipe.
/// </summary>
public sealed class ProgressOnTerminalTests : IDisposable
{
    private const string Broken = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [,]\n}";

    private readonly TempTree _tree = new();
    private readonly string _pipe;

    public ProgressOnTerminalTests()
    {
        _tree.Write("a.json", Broken);
        _tree.Write("b.json", Broken);
        _pipe = Path.Combine(_tree.Root, "pipe.json");
        using var mkfifo = Process.Start("mkfifo", _pipe);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static string Executable => Path.Combine(AppContext.BaseDirectory, "ecs-policy.dll");

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Redirected_standard_error_gets_nothing_but_errors()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Executable, "check", _tree.Root },
            WorkingDirectory = _tree.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        // Well past the delay after which a terminal would show progress.
        await Task.Delay(ScanProgress.Delay + TimeSpan.FromSeconds(1.5));
        await ReleasePipe();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stderr);
        var output = await stdout;
        Assert.Contains("a.json(3,28): error ECS0001", output);
        Assert.Contains("from 2 file(s); 1 file(s) skipped", output);
        Assert.DoesNotContain("checked", output);
    }

    [Fact]
    public async Task A_terminal_sees_the_count_while_the_scan_runs_and_the_report_does_not()
    {
        // script(1) gives the command a terminal; the report goes to a file, standard error stays on the terminal.
        var report = Path.Combine(_tree.Root, "report.txt");
        var start = new ProcessStartInfo("script")
        {
            ArgumentList = { "-qefc", $"exec dotnet '{Executable}' check '{_tree.Root}' > '{report}'", "/dev/null" },
            WorkingDirectory = _tree.Root,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        using var process = Process.Start(start)!;
        var transcript = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            var buffer = new char[256];
            int n;
            while ((n = await process.StandardOutput.ReadAsync(buffer, 0, buffer.Length)) > 0)
            {
                lock (transcript)
                {
                    transcript.Append(buffer, 0, n);
                }
            }
        });

        string Seen()
        {
            lock (transcript)
            {
                return transcript.ToString();
            }
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Seen().Contains("/3 files", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await ReleasePipe();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await reader.WaitAsync(timeout.Token);

        var seen = Seen();
        Assert.Equal(1, process.ExitCode);
        Assert.Matches(@"\rchecked [0-2]/3 files", seen);
        var last = seen.LastIndexOf("\rchecked ", StringComparison.Ordinal);
        var width = seen.IndexOf(" files", last, StringComparison.Ordinal) + " files".Length - last - 1;
        Assert.EndsWith("\r" + new string(' ', width) + "\r", seen);

        var text = File.ReadAllText(report);
        Assert.Contains("a.json(3,28): error ECS0001", text);
        Assert.DoesNotContain("checked", text);
        Assert.DoesNotContain("\r", text);
    }

    /// <summary>Opening the pipe for writing lets the reader's open return; closing it gives the reader end-of-file.</summary>
    private async Task ReleasePipe()
    {
        var open = Task.Run(() =>
        {
            using var writer = new FileStream(_pipe, FileMode.Open, FileAccess.Write);
        });
        await open.WaitAsync(TimeSpan.FromSeconds(30));
    }
}

public class VersionTests
{
    [Fact]
    public void Version_prints_the_informational_version()
    {
        var expected = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith(Runner.ToolVersion, expected);
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, Program.Run(["--version"], stdout, stderr));
        Assert.Equal(expected, stdout.ToString().TrimEnd('\n', '\r'));
        Assert.Equal("", stderr.ToString());
    }
}
