using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EcsPolicy.Cli;

/// <summary>
/// The one way the CLI reads a file: inputs of every kind, configuration files, policies, baselines and the re-read of
/// reported files for SARIF fingerprints. Before opening, it refuses what is not a regular file: a named pipe (FIFO)
/// blocks in open() until a writer comes, a device such as /dev/zero never ends, a symbolic link loop never resolves.
/// It reads at most <see cref="MaxBytes"/>. .NET reports pipes and devices as normal empty files, so their kind is asked
/// from the operating system (statx on Linux); where it cannot be asked, an empty-looking file is read on the side and
/// given up after a timeout instead.
/// </summary>
internal static class GuardedFile
{
    /// <summary>Files larger than this are not read: no task definition, template, manifest or configuration comes near it.</summary>
    public const long MaxBytes = 16L << 20;

    /// <summary>Where the kind of a file cannot be asked: how long reading an empty-looking file may take.</summary>
    public static TimeSpan FallbackTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Why <paramref name="path"/> is not read, told before opening it: "a named pipe (FIFO)", "a device", "a socket", "a
    /// directory", "a symbolic link loop"; null for a regular file, a missing one (opening it says so) or one whose kind
    /// this system does not tell.
    /// </summary>
    public static string? Refusal(string path) => KindOf(path) switch
    {
        Kind.Pipe => "it is a named pipe (FIFO), not a file",
        Kind.Device => "it is a device, not a file",
        Kind.Socket => "it is a socket, not a file",
        Kind.Directory => "it is a directory, not a file",
        Kind.LinkLoop => "it is a symbolic link that never resolves (a loop)",
        _ => null,
    };

    /// <summary>The bytes of a file, or false and why not (refused, too large, or the system's error).</summary>
    public static bool TryRead(string path, out byte[] content, out string reason, long maxBytes = MaxBytes)
    {
        content = [];
        if (Refusal(path) is { } refused)
        {
            reason = refused;
            return false;
        }

        try
        {
            if (!KindKnown && new FileInfo(path).Length == 0)
            {
                // This system does not tell pipes and devices from empty files: read them on the side, never hanging the run.
                var side = Task.Run(() => ReadAtMost(path, maxBytes));
                if (!side.Wait(FallbackTimeout))
                {
                    reason = "reading did not finish in " + FallbackTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s (a named pipe or a device?)";
                    return false;
                }

                return Done(side.Result, out content, out reason);
            }

            return Done(ReadAtMost(path, maxBytes), out content, out reason);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || e.InnerException is IOException or UnauthorizedAccessException)
        {
            reason = (e.InnerException ?? e).Message;
            return false;
        }
    }

    /// <summary>The text of a file read as UTF-8 (without its byte order mark), or false and why not (see <see cref="TryRead"/>).</summary>
    public static bool TryReadText(string path, out string text, out string reason, long maxBytes = MaxBytes)
    {
        text = "";
        if (!TryRead(path, out var content, out reason, maxBytes))
        {
            return false;
        }

        var bom = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        text = Encoding.UTF8.GetString(content, bom, content.Length - bom);
        return true;
    }

    private static bool Done((byte[]? Content, string Reason) read, out byte[] content, out string reason)
    {
        content = read.Content ?? [];
        reason = read.Reason;
        return read.Content is not null;
    }

    /// <summary>The bytes of a file, or null and why when it has more than <paramref name="limit"/>.</summary>
    private static (byte[]? Content, string Reason) ReadAtMost(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > limit)
        {
            // Not read at all: no template, manifest, task definition or configuration comes near this size.
            return (null, string.Format(
                CultureInfo.InvariantCulture,
                "the file is {0:N0} bytes, more than the {1:N0} this tool reads (CloudFormation accepts templates up to 1 MB and ECS task definitions up to 64 KiB)",
                stream.Length,
                limit));
        }

        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Max(0, stream.Length) : 0);
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + n > limit)
            {
                return (null, "the file has more than the " + limit.ToString("N0", CultureInfo.InvariantCulture) + " bytes this tool reads");
            }

            buffer.Write(chunk, 0, n);
        }

        return (buffer.ToArray(), "");
    }

    private enum Kind
    {
        Unknown,
        File,
        Directory,
        Pipe,
        Device,
        Socket,
        LinkLoop,
        Missing,
    }

    /// <summary>Whether this system tells the kind of a file (Linux, through statx).</summary>
    private static bool KindKnown => OperatingSystem.IsLinux();

    private static Kind KindOf(string path)
    {
        if (!KindKnown)
        {
            return Kind.Unknown;
        }

        try
        {
            // struct statx is the same on every Linux architecture: stx_mode is the 16 bits at offset 28.
            var buffer = new byte[256];
            if (Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError() switch
                {
                    Eloop => Kind.LinkLoop,
                    _ => Kind.Missing,
                };
            }

            return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch
            {
                0x8000 => Kind.File,
                0x4000 => Kind.Directory,
                0x1000 => Kind.Pipe,
                0x2000 or 0x6000 => Kind.Device,
                0xC000 => Kind.Socket,
                _ => Kind.Unknown,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Kind.Unknown;
        }
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1;
    private const int Eloop = 40;

    /// <summary>statx(2), following symbolic links (flags 0), asking only for the file's type.</summary>
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
