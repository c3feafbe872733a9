using System.Globalization;
using System.Text;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// Values from the checked files (container names, paths, messages that quote them) as the line-based formats write
/// them: one finding is always one line. A line break would let a file forge a finding line that CI problem matchers
/// pick up (<c>other.json(9,1): error ...</c>), and terminal control sequences (ESC) or bidirectional overrides could
/// rewrite or hide lines; all of them are written as escapes such as <c>\n</c> and <c>\u001B</c>.
/// </summary>
public static class OutputText
{
    /// <summary><paramref name="text"/> with line breaks and control characters escaped; the same string when it has none.</summary>
    public static string OneLine(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
            {
                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                default:
                    sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// C0 controls but the tab, DEL, C1 controls (U+0085 is a line break), the Unicode line and paragraph separators and
    /// the bidirectional embeddings, overrides and isolates.
    /// </summary>
    private static bool NeedsEscape(char c) =>
        (c < ' ' && c != '\t') || (c >= '\u007F' && c <= '\u009F') || c is '\u2028' or '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
}
