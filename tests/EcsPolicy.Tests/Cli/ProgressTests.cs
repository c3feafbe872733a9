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
/// The real executable on a scan that takes longer than the progress delay: many templates whose YAML aliases expand to
/// tens of thousands of values each (within the reader's limit, so each is checked), a few seconds of work on 2 cores.
/// </summary>
public sealed class ProgressOnTerminalTests : IDisposable
{
    private const string Broken = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [,]\n}";

    /// <summary>
    /// Enough files that the scan outlasts <see cref="ScanProgress.Delay"/> several times on a fast machine (40 once did;
    /// since the linter got faster, a quiet 2-core machine finished them within the delay).
    /// </summary>
    private const int Slow = 160;

    private readonly TempTree _tree = new();

    public ProgressOnTerminalTests()
    {
        _tree.Write("a.json", Broken);
        var template = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  a: &a [x, x, x, x, x, x, x, x]\n");
        foreach (var (name, from) in new[] { ("b", "a"), ("c", "b"), ("d", "c"), ("e", "d") })
        {
            template.Append("  ").Append(name).Append(": &").Append(name).Append(" [").Append(string.Join(", ", Enumerable.Repeat("*" + from, 8))).Append("]\n");
        }

        template.Append("  f: [*e]\nResources:\n  Task:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: web, Image: 'nginx:1.27', Memory: 512}\n");
        for (var i = 0; i < Slow; i++)
        {
            _tree.Write($"slow/t{i:D3}.yaml", template.ToString());
        }
    }

    private static string Executable => Path.Combine(AppContext.BaseDirectory, "ecs-policy.dll");

    private int Files => Slow + 1;

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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal("", await stderr);
        var output = await stdout;
        Assert.Contains("a.json(3,28): error ECS0001", output);
        Assert.Contains($"in {Slow} task definition(s) from {Files} file(s).", output);
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

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        await reader.WaitAsync(timeout.Token);

        string seen;
        lock (transcript)
        {
            seen = transcript.ToString();
        }

        Assert.Equal(1, process.ExitCode);
        Assert.Matches($@"\rchecked \d+/{Files} files", seen);
        var last = seen.LastIndexOf("\rchecked ", StringComparison.Ordinal);
        var width = seen.IndexOf(" files", last, StringComparison.Ordinal) + " files".Length - last - 1;
        Assert.EndsWith("\r" + new string(' ', width) + "\r", seen);

        var text = File.ReadAllText(report);
        Assert.Contains("a.json(3,28): error ECS0001", text);
        Assert.DoesNotContain("checked", text);
        Assert.DoesNotContain("\r", text);
    }
}

public class VersionTests
{
    [Fact]
    public void Version_prints_the_package_version_without_the_commit()
    {
        // The SDK appends +<commit> to the informational version; --version prints the version a package has.
        var informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var expected = informational.Split('+')[0];
        Assert.Equal(expected, Runner.ToolVersion);
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", expected);
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(0, Program.Run(["--version"], stdout, stderr));
        Assert.Equal(expected, stdout.ToString().TrimEnd('\n', '\r'));
        Assert.Equal("", stderr.ToString());
    }
}
