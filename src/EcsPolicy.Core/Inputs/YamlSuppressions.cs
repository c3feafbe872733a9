using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace EcsPolicy.Inputs;

/// <summary>
/// Suppressions written as YAML comments (Copilot manifests, CloudFormation YAML):
/// <c># ecs-policy: ignore ECS6007 -- reason</c>, several IDs separated by commas or spaces. A comment after a value
/// covers the findings that start on its own line; a comment on a line of its own covers the next line that holds
/// YAML (blank lines and other comments are skipped). Comments are found by YamlDotNet's scanner, so a <c>#</c>
/// inside a quoted string is not taken for one.
/// </summary>
public static class YamlSuppressions
{
    private const string Marker = "ecs-policy:";

    private static readonly byte[] MarkerBytes = Encoding.UTF8.GetBytes(Marker);

    private static readonly Regex Directive = new(
        @"^\s*ecs-policy:\s*ignore\s+(?<ids>[A-Za-z]+[0-9]+(?:\s*[,\s]\s*[A-Za-z]+[0-9]+)*)\s*(?:--\s*(?<reason>.*?))?\s*$",
        RegexOptions.CultureInvariant);

    /// <summary>The suppressions in the comments of a YAML file (none when the text never mentions <c>ecs-policy:</c>).</summary>
    public static IReadOnlyList<Suppression> Find(string file, byte[] content)
    {
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        if (IndexOf(bytes, offset, length, MarkerBytes) < 0)
        {
            return [];
        }

        return Find(file, Encoding.UTF8.GetString(bytes, offset, length));
    }

    /// <summary>The suppressions in the comments of YAML text.</summary>
    public static IReadOnlyList<Suppression> Find(string file, string text)
    {
        if (text.IndexOf(Marker, StringComparison.Ordinal) < 0)
        {
            return [];
        }

        var lines = SplitLines(text);
        var result = new List<Suppression>();
        try
        {
            var scanner = new Scanner(new StringReader(text), skipComments: false);
            while (scanner.MoveNext())
            {
                if (scanner.Current is not Comment comment)
                {
                    continue;
                }

                var match = Directive.Match(comment.Value);
                if (!match.Success)
                {
                    continue;
                }

                var line = (int)comment.Start.Line;
                var covered = comment.IsInline ? line : NextContentLine(lines, line);
                var reason = match.Groups["reason"].Success && match.Groups["reason"].Value.Length > 0 ? match.Groups["reason"].Value : null;
                var location = new SourceLocation(file, line, (int)comment.Start.Column, line, (int)comment.End.Column);
                foreach (var id in match.Groups["ids"].Value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    result.Add(new Suppression(id.ToUpperInvariant(), [covered], reason, location));
                }
            }
        }
        catch (YamlException)
        {
            // The comments before a syntax error still count; the error itself is the parser's to report.
        }

        return result;
    }

    /// <summary>The first line after <paramref name="line"/> (1-based) that is neither blank nor only a comment.</summary>
    private static int NextContentLine(IReadOnlyList<string> lines, int line)
    {
        for (var i = line; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.Length > 0 && trimmed[0] != '#')
            {
                return i + 1;
            }
        }

        return line + 1;
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text.Substring(start, i - start));
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text.Substring(start));
        return lines;
    }

    private static int IndexOf(byte[] haystack, int offset, int length, byte[] needle)
    {
        for (var i = offset; i <= offset + length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
            {
                j++;
            }

            if (j == needle.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
