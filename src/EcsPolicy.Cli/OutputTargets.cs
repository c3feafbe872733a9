using System.Text;

namespace EcsPolicy.Cli;

/// <summary>
/// Where a report or a baseline is written (<c>--output</c>, <c>--write-baseline</c>): checked before any work, so that a
/// mistake is one line and exit code 2 rather than a stack trace after the run; written to a file beside the target
/// and moved over it, so that a failed write never leaves a truncated report; missing parent folders are created.
/// </summary>
internal sealed class OutputTargets
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly HashSet<string> _inputs = new(PathComparer);

    /// <param name="inputs">The full paths of the files the run checks.</param>
    public OutputTargets(IEnumerable<string> inputs)
    {
        foreach (var input in inputs)
        {
            _inputs.Add(input);
            if (Resolved(input) is { } target)
            {
                _inputs.Add(target);
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> (given with <paramref name="option"/>) can be written; else says why on <paramref name="stderr"/>.</summary>
    public bool Check(string option, string? path, TextWriter stderr)
    {
        if (path is null)
        {
            return true;
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            stderr.WriteLine($"ecs-policy: {option} {path} is a folder; name a file to write to.");
            return false;
        }

        if (_inputs.Contains(full) || (Resolved(full) is { } target && _inputs.Contains(target)))
        {
            stderr.WriteLine($"ecs-policy: {option} {path} is one of the files being checked, which writing would overwrite; name another file.");
            return false;
        }

        return true;
    }

    /// <summary>Writes a file with <paramref name="write"/>; false, and one line on <paramref name="stderr"/>, when it cannot be written.</summary>
    public static bool Write(string path, Action<TextWriter> write, TextWriter stderr)
    {
        string? temporary = null;
        try
        {
            var full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            // A pipe or a device (--output /dev/stdout) is written as it is; a file through a temporary one beside it.
            var direct = File.Exists(full) && GuardedFile.Refusal(full) is not null;
            temporary = direct ? null : full + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
            using (var file = new StreamWriter(temporary ?? full, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
            {
                write(file);
            }

            if (temporary != null)
            {
                File.Move(temporary, full, overwrite: true);
                temporary = null;
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"ecs-policy: cannot write {path}: {e.Message}");
            return false;
        }
        finally
        {
            if (temporary != null)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left behind: the write already failed and was reported.
                }
            }
        }
    }

    /// <summary>The final target of a symbolic link, or null for a path that is not one.</summary>
    private static string? Resolved(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
