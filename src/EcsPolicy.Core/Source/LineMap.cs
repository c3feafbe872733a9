using System.Text;

namespace EcsPolicy;

/// <summary>
/// Maps byte offsets of a UTF-8 buffer to 1-based lines and UTF-16 columns. CRLF, LF and lone CR all end a line.
/// </summary>
internal sealed class LineMap
{
    // The line starts of the file being mapped on this thread are gathered here, then copied (one array of the right
    // size per file); a list grown by a file of more than MaxKeptCapacity lines is not kept.
    private const int MaxKeptCapacity = 1 << 16;

    [ThreadStatic]
    private static List<int>? _starts;

    private readonly byte[] _bytes;
    private readonly int[] _lineStarts;
    private readonly bool _ascii;

    // The line of the last position asked for (one reader, one thread).
    private int _lastLine;

    public LineMap(byte[] bytes, int length)
    {
        // Once per file, so the scans are the runtime's vectorized ones: line ends by IndexOfAny, and "every byte is one
        // UTF-16 column" by the decoder's character count (a multi-byte sequence, valid or not, makes it smaller).
        _bytes = bytes;
        var text = new ReadOnlySpan<byte>(bytes, 0, length);
        var starts = _starts ??= new List<int>(256);
        starts.Clear();
        starts.Add(0);
        for (var start = 0; text.Slice(start).IndexOfAny((byte)'\n', (byte)'\r') is var found and >= 0;)
        {
            var end = start + found;
            if (text[end] == (byte)'\r' && end + 1 < length && text[end + 1] == (byte)'\n')
            {
                end++;
            }

            start = end + 1;
            starts.Add(start);
        }

        _lineStarts = [.. starts];
        if (starts.Capacity > MaxKeptCapacity)
        {
            _starts = null;
        }

        _ascii = Encoding.UTF8.GetCharCount(bytes, 0, length) == length;
    }

    public int LineCount => _lineStarts.Length;

    /// <summary>The 1-based line and UTF-16 column of a byte offset.</summary>
    public (int Line, int Column) Position(long byteOffset)
    {
        var offset = (int)byteOffset;
        var index = LineIndexOf(offset);
        var start = _lineStarts[index];
        var column = _ascii ? offset - start : Utf16Length(start, offset - start);
        return (index + 1, column + 1);
    }

    // The 0-based line of an offset. A reader asks in text order, mostly on the line it asked last or the next one (a
    // position was a tenth of a JSON lint as a binary search each time), so those two are looked at first.
    private int LineIndexOf(int offset)
    {
        var last = _lastLine;
        var starts = _lineStarts;
        if (offset >= starts[last])
        {
            if (last + 1 == starts.Length || offset < starts[last + 1])
            {
                return last;
            }

            if (last + 2 == starts.Length || offset < starts[last + 2])
            {
                return _lastLine = last + 1;
            }
        }

        var index = Array.BinarySearch(starts, offset);
        return _lastLine = index < 0 ? ~index - 1 : index;
    }

    /// <summary>The byte offset of a 0-based line number and byte position in that line, as System.Text.Json reports them (LF only).</summary>
    public long OffsetFromLfPosition(long lfLine, long bytePositionInLine)
    {
        long line = 0;
        for (var i = 0; i < _bytes.Length && line < lfLine; i++)
        {
            if (_bytes[i] == (byte)'\n')
            {
                line++;
                if (line == lfLine)
                {
                    return Math.Min(_bytes.Length, i + 1 + bytePositionInLine);
                }
            }
        }

        return Math.Min(_bytes.Length, bytePositionInLine);
    }

    private int Utf16Length(int start, int count)
    {
        try
        {
            return Encoding.UTF8.GetCharCount(_bytes, start, count);
        }
        catch (ArgumentException)
        {
            return count;
        }
    }
}
