using System.Text;

namespace EcsPolicy.Inputs;

/// <summary>Turns file bytes into UTF-8 without a byte-order mark (UTF-16 and UTF-32 files are transcoded).</summary>
internal static class TextInput
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] ToUtf8(byte[] bytes, out int offset, out int length)
    {
        offset = 0;
        length = bytes.Length;
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            offset = 3;
            length -= 3;
            return bytes;
        }

        Encoding? wide = null;
        var bom = 0;
        if (bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0)
        {
            wide = new UTF32Encoding(bigEndian: false, byteOrderMark: false);
            bom = 4;
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            wide = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
            bom = 2;
        }
        else if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            wide = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
            bom = 2;
        }

        if (wide is null)
        {
            return bytes;
        }

        var text = wide.GetString(bytes, bom, bytes.Length - bom);
        var utf8 = Encoding.UTF8.GetBytes(text);
        length = utf8.Length;
        return utf8;
    }

    /// <summary>The byte offset of the first invalid UTF-8 sequence, or -1.</summary>
    public static int FirstInvalidUtf8(byte[] bytes, int offset, int length)
    {
        try
        {
            StrictUtf8.GetCharCount(bytes, offset, length);
            return -1;
        }
        catch (DecoderFallbackException e)
        {
            return offset + Math.Max(0, e.Index);
        }
    }
}
