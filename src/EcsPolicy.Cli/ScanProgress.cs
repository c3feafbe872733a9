using System.Globalization;

namespace EcsPolicy.Cli;

/// <summary>
/// Progress of a long scan on a terminal: <c>checked 1200/10000 files</c>, rewritten in place (carriage return) at
/// most every <see cref="Interval"/>, starting once the scan has taken <see cref="Delay"/>, so short runs show nothing.
/// The line is erased when the scan ends, before the report is written. It is only ever given the standard error of a
/// terminal (see <c>Program</c>): never a redirected stream, never the report.
/// </summary>
public sealed class ScanProgress : IDisposable
{
    /// <summary>How long a scan runs before progress is shown.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>How often the line is rewritten, at most.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _terminal;
    private readonly int _total;
    private readonly object _gate = new();
    private Timer? _timer;
    private int _done;
    private int _shown = -1;
    private int _width;
    private bool _ended;

    private ScanProgress(TextWriter terminal, int total)
    {
        _terminal = terminal;
        _total = total;
    }

    /// <summary>Starts the clock: after <see cref="Delay"/>, the count is shown every <see cref="Interval"/>.</summary>
    public static ScanProgress Start(TextWriter terminal, int total)
    {
        var progress = new ScanProgress(terminal, total);
        progress._timer = new Timer(_ => progress.Tick(), null, Delay, Interval);
        return progress;
    }

    /// <summary>A progress line that is only written when <see cref="Tick"/> is called (for tests).</summary>
    internal static ScanProgress Manual(TextWriter terminal, int total) => new(terminal, total);

    /// <summary>One more file has been checked (any thread).</summary>
    public void FileDone() => Interlocked.Increment(ref _done);

    /// <summary>Rewrites the line with the current count, unless it has not changed or the scan has ended.</summary>
    internal void Tick()
    {
        lock (_gate)
        {
            var done = Volatile.Read(ref _done);
            if (_ended || done == _shown)
            {
                return;
            }

            var text = string.Format(CultureInfo.InvariantCulture, "checked {0}/{1} files", done, _total);
            _terminal.Write("\r" + text.PadRight(_width));
            _terminal.Flush();
            _width = Math.Max(_width, text.Length);
            _shown = done;
        }
    }

    /// <summary>Stops the clock and erases the line, if one was shown; nothing is written afterwards.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (_width > 0)
            {
                _terminal.Write("\r" + new string(' ', _width) + "\r");
                _terminal.Flush();
            }
        }
    }
}
