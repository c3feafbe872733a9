using System.Globalization;
using System.Text;
using Wcwidth;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// The source line under a finding in the text report, with a caret line under the finding's span, as compilers and
/// ruff show it:
/// <code>
///    4 |       "image": "nginx",
///      |                ^^^^^^^
/// </code>
/// Each file is read once (through <see cref="RunReport.ReadText"/>, the findings being sorted by file) and split into
/// lines once. Columns are
/// <see cref="SourceLocation"/>'s: 1-based, in UTF-16 code units; the caret line is laid out in terminal cells, so a
/// tab (shown as four spaces), a wide character (two cells, e.g. CJK or an emoji outside the BMP) and a combining mark
/// (none) keep the carets under their characters. Control characters and bidirectional overrides are shown escaped
/// (<see cref="OutputText.OneLine"/>), so a file cannot move the cursor or rewrite the lines around it.
/// </summary>
internal sealed class SourceSnippets(Func<string, string?> readText)
{
    /// <summary>Lines longer than this (in UTF-16 units) are shown as a window around the span: minified JSON is one line.</summary>
    internal const int LongLine = 120;

    /// <summary>How much of a long line the window shows, and how much of it comes before the span's start.</summary>
    internal const int Window = 100;

    internal const int Before = 40;

    private const int TabWidth = 4;

    // One file at a time: the findings come sorted by file, so each file is still read once, and a run over thousands
    // of files does not keep all their lines in memory.
    private string? _file;
    private string[]? _lines;

    /// <summary>
    /// The two lines to write under a finding (source and carets, each without the line end), or null when the location
    /// has no line (0), or its file cannot be read again, or the line is not in it (the file changed since).
    /// </summary>
    public (string Source, string Carets)? For(SourceLocation location)
    {
        if (location.IsEmpty || location.StartLine < 1 || Lines(location.File) is not { } lines || location.StartLine > lines.Length)
        {
            return null;
        }

        var line = lines[location.StartLine - 1];
        var start = Math.Clamp(location.StartColumn - 1, 0, line.Length);
        // A span over several lines gets carets to the end of its first line.
        var end = location.EndLine == location.StartLine ? Math.Clamp(location.EndColumn - 1, start, line.Length) : line.Length;
        return Render(line, start, end);
    }

    /// <summary>The file's lines, without their line ends (LF or CRLF) and without a leading byte order mark (which the readers skip too).</summary>
    private string[]? Lines(string file)
    {
        if (!string.Equals(file, _file, StringComparison.Ordinal))
        {
            var text = readText(file);
            if (text != null && text.StartsWith('\uFEFF'))
            {
                text = text[1..];
            }

            _file = file;
            _lines = text?.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
        }

        return _lines;
    }

    /// <summary>Lays out <paramref name="line"/> (or a window of it) and the carets under [<paramref name="start"/>, <paramref name="end"/>).</summary>
    internal static (string Source, string Carets) Render(string line, int start, int end)
    {
        var (from, to) = (0, line.Length);
        if (line.Length > LongLine)
        {
            from = Math.Max(0, start - Before);
            to = Math.Min(line.Length, from + Window);
            from = Math.Max(0, to - Window);
            // Never split a surrogate pair at either edge of the window.
            if (from > 0 && char.IsLowSurrogate(line[from]))
            {
                from++;
            }

            if (to < line.Length && char.IsLowSurrogate(line[to]))
            {
                to++;
            }
        }

        var source = new StringBuilder();
        var cells = 0;
        if (from > 0)
        {
            source.Append('…');
            cells++;
        }

        // The cell each UTF-16 index of the window starts at; the span's ends are looked up in it.
        var startCell = -1;
        var endCell = -1;
        for (var i = from; i <= to; i++)
        {
            if (i == start)
            {
                startCell = cells;
            }

            if (i == end)
            {
                endCell = cells;
            }

            if (i == to)
            {
                break;
            }

            var length = char.IsSurrogatePair(line, i) ? 2 : 1;
            var (shown, width) = Shown(line.Substring(i, length));
            source.Append(shown);
            cells += width;
            if (length == 2)
            {
                // Inside a pair a column has no cell of its own: it takes the pair's.
                if (i + 1 == start)
                {
                    startCell = cells - width;
                }

                if (i + 1 == end)
                {
                    endCell = cells;
                }

                i++;
            }
        }

        if (to < line.Length)
        {
            source.Append('…');
        }

        // A span starting before the window (only when it is longer than the window) starts at its left edge; one
        // ending after it ends at its right edge.
        if (startCell < 0)
        {
            startCell = start < from ? 0 : cells;
        }

        if (endCell < 0)
        {
            endCell = end < from ? startCell : cells;
        }

        var carets = new string(' ', startCell) + new string('^', Math.Max(1, endCell - startCell));
        return (source.ToString(), carets);
    }

    /// <summary>One character (a code point) as the snippet shows it, and the terminal cells it takes.</summary>
    private static (string Shown, int Width) Shown(string c)
    {
        if (c == "\t")
        {
            return (new string(' ', TabWidth), TabWidth);
        }

        var escaped = OutputText.OneLine(c);
        if (!ReferenceEquals(escaped, c))
        {
            return (escaped, escaped.Length);
        }

        if (char.IsSurrogate(c[0]) && c.Length == 1)
        {
            // A lone surrogate (broken UTF-16) shows as the replacement character.
            return ("\uFFFD", 1);
        }

        // Wcwidth's tables (wcwidth of the Unicode standard's East Asian Width and general categories) rather than a
        // list of our own: -1 (other controls) does not occur here, as OneLine escaped them.
        var width = UnicodeCalculator.GetWidth(Rune.GetRuneAt(c, 0));
        return (c, Math.Max(0, width));
    }

    /// <summary>The gutter before a source line: the line number, right-aligned to <paramref name="digits"/>.</summary>
    internal static string Gutter(int line, int digits) =>
        " " + line.ToString(CultureInfo.InvariantCulture).PadLeft(digits) + " | ";

    /// <summary>The gutter before a caret line: as wide as <see cref="Gutter"/>, with no number.</summary>
    internal static string EmptyGutter(int digits) => " " + new string(' ', digits) + " | ";
}
