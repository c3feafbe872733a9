using System.Text;
using System.Text.Json;

namespace EcsPolicy.Inputs;

/// <summary>
/// Property names and short values read from JSON, shared between documents: a scan reads the same few hundred names
/// (the ECS API's) and values (<c>tcp</c>, <c>awslogs</c>, <c>512</c>) thousands of times, and a string for each was a
/// tenth of the memory a lint allocates. A small cache per thread and kind, indexed by a hash of the text's bytes, keeps
/// the last text seen in each slot; any other text is read as usual. The caches live with the reader's other per-thread
/// buffers, so a token costs no thread-local look-up.
/// </summary>
internal static class JsonTokenCache
{
    private const int Slots = 1024;
    private const int MaxLength = 64;

    /// <summary>An empty cache: one for names and one for values per thread (see <c>JsonTreeReader</c>).</summary>
    public static string?[] NewCache() => new string?[Slots];

    /// <summary>The text of a <see cref="JsonTokenType.PropertyName"/> or <see cref="JsonTokenType.String"/> token.</summary>
    public static string Get(ref Utf8JsonReader reader, string?[] slots)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        var bytes = reader.ValueSpan;
        var slot = SlotOf(bytes);
        if (slots[slot] is { } known && SameAscii(known, bytes))
        {
            return known;
        }

        var text = reader.GetString()!;
        slots[slot] = text;
        return text;
    }

    /// <summary>The text of a <see cref="JsonTokenType.Number"/> token, as written.</summary>
    public static string Number(ref Utf8JsonReader reader, string?[] slots)
    {
        var bytes = reader.ValueSpan;
        if (bytes.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        var slot = SlotOf(bytes);
        if (slots[slot] is { } known && SameAscii(known, bytes))
        {
            return known;
        }

        // A number token is ASCII.
        var chars = new char[bytes.Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)bytes[i];
        }

        return slots[slot] = new string(chars);
    }

    private static int SlotOf(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash & (Slots - 1));
    }

    private static bool SameAscii(string text, ReadOnlySpan<byte> bytes)
    {
        if (text.Length != bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80 || text[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }
}
