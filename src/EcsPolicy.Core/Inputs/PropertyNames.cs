using System.Text.Json;

namespace EcsPolicy.Inputs;

/// <summary>
/// Property names read from JSON, shared between documents: a scan reads the same few hundred names (the ECS API's)
/// thousands of times, and a string for each was a tenth of the memory a lint allocates. A small cache per thread,
/// indexed by a hash of the name's bytes, keeps the last name seen in each slot; any other name is read as usual.
/// </summary>
internal static class PropertyNames
{
    private const int Slots = 1024;
    private const int MaxLength = 64;

    [ThreadStatic]
    private static string?[]? _slots;

    public static string Get(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        var bytes = reader.ValueSpan;
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var slots = _slots ??= new string?[Slots];
        var slot = (int)(hash & (Slots - 1));
        if (slots[slot] is { } known && SameAscii(known, bytes))
        {
            return known;
        }

        var name = reader.GetString()!;
        slots[slot] = name;
        return name;
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
