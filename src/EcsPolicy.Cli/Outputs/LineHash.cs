using System.Globalization;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// GitHub code scanning's <c>primaryLocationLineHash</c>: the same rolling hash the upload action
/// (github/codeql-action, <c>src/fingerprints.ts</c>) computes, so that alerts keep their identity whether the
/// fingerprint comes from us or from the action.
/// </summary>
/// <remarks>
/// For every line, the hash covers the next <see cref="WindowSize"/> characters of the file starting at that line,
/// with spaces and tabs left out and <c>\r\n</c>, <c>\r</c> and <c>\n</c> all read as <c>\n</c>. The end of the file
/// counts as one character (65535) followed by zeros. Characters are UTF-16 code units. The arithmetic is 64-bit and
/// wraps around; the hash is written as unsigned lowercase hex without leading zeros, then <c>:</c> and how many times
/// that hash has been seen so far in the file (1 for the first line with it).
/// </remarks>
public static class LineHash
{
    /// <summary>How many characters each line's hash covers.</summary>
    public const int WindowSize = 100;

    private const ulong Multiplier = 37;
    private const int EndOfFile = 65535;

    /// <summary>37 to the power of <see cref="WindowSize"/>, modulo 2^64: the weight of the character leaving the window.</summary>
    private static readonly ulong OutgoingWeight = Power(Multiplier, WindowSize);

    /// <summary>The fingerprint of every line of <paramref name="text"/>: element <c>i</c> belongs to line <c>i + 1</c>.</summary>
    public static IReadOnlyList<string> Compute(string text)
    {
        var hasher = new Hasher();
        foreach (var c in text)
        {
            hasher.Add(c);
        }

        return hasher.Finish();
    }

    /// <summary>The fingerprint of one 1-based line, or null when the text has no such line.</summary>
    public static string? ForLine(string text, int line)
    {
        var all = Compute(text);
        return line >= 1 && line <= all.Count ? all[line - 1] : null;
    }

    private static ulong Power(ulong value, int exponent)
    {
        var result = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            result = unchecked(result * value);
        }

        return result;
    }

    private sealed class Hasher
    {
        // The last WindowSize characters that went into the hash, used as a ring buffer.
        private readonly int[] _window = new int[WindowSize];

        // For each slot of the ring: the line that starts with that character, or 0 when it starts none.
        private readonly int[] _lineStarts = new int[WindowSize];

        private readonly Dictionary<ulong, int> _seen = [];
        private readonly List<string> _lines = [];
        private ulong _hash;
        private int _slot;
        private int _line;
        private bool _atLineStart = true;
        private bool _afterCarriageReturn;

        public void Add(int c)
        {
            if (c == ' ' || c == '\t' || (_afterCarriageReturn && c == '\n'))
            {
                _afterCarriageReturn = false;
                return;
            }

            _afterCarriageReturn = c == '\r';
            if (c == '\r')
            {
                c = '\n';
            }

            // The character about to be overwritten started a line: the window after it is complete.
            if (_lineStarts[_slot] != 0)
            {
                Emit();
            }

            if (_atLineStart)
            {
                _atLineStart = false;
                _line++;
                _lineStarts[_slot] = _line;
            }

            if (c == '\n')
            {
                _atLineStart = true;
            }

            Push(c);
        }

        public List<string> Finish()
        {
            Add(EndOfFile);
            for (var i = 0; i < WindowSize; i++)
            {
                if (_lineStarts[_slot] != 0)
                {
                    Emit();
                }

                Push(0);
            }

            return _lines;
        }

        private void Push(int c)
        {
            var leaving = (ulong)_window[_slot];
            _window[_slot] = c;
            _hash = unchecked((Multiplier * _hash) + (ulong)c - (OutgoingWeight * leaving));
            _slot = (_slot + 1) % WindowSize;
        }

        private void Emit()
        {
            _seen[_hash] = _seen.TryGetValue(_hash, out var n) ? n + 1 : 1;

            // Lines come out in order, so the list index is the line number minus one.
            _lines.Add(_hash.ToString("x", CultureInfo.InvariantCulture) + ":" + _seen[_hash].ToString(CultureInfo.InvariantCulture));
            _lineStarts[_slot] = 0;
        }
    }
}
