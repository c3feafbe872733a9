using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// One <c>.editorconfig</c> or <c>.globalconfig</c> file as the .NET SDK reads it for analyzers: top-level keys,
/// <c>[glob]</c> sections with <c>key = value</c> lines, <c>#</c> and <c>;</c> comments. Only what decides rule
/// severities is kept: <c>root</c>, <c>is_global</c>, <c>global_level</c> and the keys of each section.
/// </summary>
public sealed class AnalyzerConfigFile
{
    private AnalyzerConfigFile(string path, string directory)
    {
        Path = path;
        Directory = directory;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The directory section globs are relative to.</summary>
    public string Directory { get; }

    /// <summary><c>root = true</c>: editorconfig files above this one are not read.</summary>
    public bool IsRoot { get; private set; }

    /// <summary><c>is_global = true</c> (always so for a file named <c>.globalconfig</c>).</summary>
    public bool IsGlobal { get; private set; }

    /// <summary><c>global_level</c>; 100 for a <c>.globalconfig</c> that gives none, 0 for other global files.</summary>
    public int GlobalLevel { get; private set; }

    /// <summary>The keys outside any section.</summary>
    public IReadOnlyDictionary<string, string> TopLevel => _topLevel;

    /// <summary>The sections in file order: the glob's matcher and its keys.</summary>
    public IReadOnlyList<(Regex Glob, IReadOnlyDictionary<string, string> Keys)> Sections => _sections;

    private readonly Dictionary<string, string> _topLevel = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Regex Glob, IReadOnlyDictionary<string, string> Keys)> _sections = [];

    /// <summary>Every <c>key = value</c> line in file order, with where it is (for the checks of <see cref="SeverityConfiguration"/>).</summary>
    public IReadOnlyList<AnalyzerConfigEntry> Entries => _entries;

    /// <summary>
    /// The lines that are neither blank, a comment, a <c>[section]</c> nor a <c>key = value</c> line (the SDK skips them),
    /// with their line and column (1-based) and their text.
    /// </summary>
    public IReadOnlyList<(int Line, int Column, string Text)> Malformed => _malformed;

    /// <summary>The line of the first thing in the file that is not blank or a comment; 0 when there is none.</summary>
    public int FirstLine { get; private set; }

    private readonly List<AnalyzerConfigEntry> _entries = [];
    private readonly List<(int Line, int Column, string Text)> _malformed = [];

    /// <summary>Parses the text of a configuration file at <paramref name="path"/>.</summary>
    public static AnalyzerConfigFile Parse(string path, string text)
    {
        var full = System.IO.Path.GetFullPath(path);
        var file = new AnalyzerConfigFile(full, System.IO.Path.GetDirectoryName(full) ?? "/");
        Dictionary<string, string>? current = null;
        var lineNumber = 0;
        foreach (var raw in text.TrimStart('\uFEFF').Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            var column = raw.Length - raw.TrimStart().Length + 1;
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (file.FirstLine == 0)
            {
                file.FirstLine = lineNumber;
            }

            // A section header may end with a comment, as the SDK reads it: "[*.json]  # task definitions" (the glob
            // holds no unescaped '#' or ';').
            var header = line[0] == '[' ? SectionHeader(line) : null;
            if (header != null)
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                file._sections.Add((GlobToRegex(header), current));
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals <= 0)
            {
                file._malformed.Add((lineNumber, column, line));
                continue;
            }

            var key = line.Substring(0, equals).Trim();
            var afterEquals = line.Substring(equals + 1);
            var value = StripComment(afterEquals).Trim();
            var valueColumn = column + equals + 1 + (afterEquals.Length - afterEquals.TrimStart().Length);
            (current ?? file._topLevel)[key] = value;
            file._entries.Add(new AnalyzerConfigEntry(key, value, lineNumber, column, valueColumn, current != null ? file._sections.Count : null));
        }

        file.IsRoot = file._topLevel.TryGetValue("root", out var root) && root.Equals("true", StringComparison.OrdinalIgnoreCase);
        var isGlobalName = System.IO.Path.GetFileName(full).Equals(".globalconfig", StringComparison.OrdinalIgnoreCase);
        file.IsGlobal = isGlobalName || (file._topLevel.TryGetValue("is_global", out var global) && global.Equals("true", StringComparison.OrdinalIgnoreCase));
        file.GlobalLevel = file._topLevel.TryGetValue("global_level", out var level) && int.TryParse(level, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : isGlobalName ? 100 : 0;
        return file;
    }

    /// <summary>The keys that apply to <paramref name="fullPath"/>, later ones overriding earlier ones, in order.</summary>
    public IEnumerable<KeyValuePair<string, string>> KeysFor(string fullPath)
    {
        if (IsGlobal)
        {
            foreach (var pair in _topLevel)
            {
                yield return pair;
            }
        }

        var relative = System.IO.Path.GetRelativePath(Directory, fullPath).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal) && !IsGlobal)
        {
            yield break;
        }

        foreach (var (glob, keys) in _sections)
        {
            if (glob.IsMatch(relative) || glob.IsMatch(fullPath.Replace('\\', '/')))
            {
                foreach (var pair in keys)
                {
                    yield return pair;
                }
            }
        }
    }

    // The glob of a "[glob]" line, with any comment after it; null when the line is not one.
    private static string? SectionHeader(string line)
    {
        var cut = line.Length;
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] is '#' or ';' && line[i - 1] != '\\')
            {
                cut = i;
                break;
            }
        }

        var head = line.AsSpan(0, cut).TrimEnd();
        return head.Length >= 2 && head[^1] == ']' ? head[1..^1].ToString() : null;
    }

    private static string StripComment(string value)
    {
        // Values may hold '#' (e.g. a reason); only a comment after whitespace is one.
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        var semicolon = value.IndexOf(" ;", StringComparison.Ordinal);
        var cut = hash < 0 ? semicolon : semicolon < 0 ? hash : Math.Min(hash, semicolon);
        return cut < 0 ? value : value.Substring(0, cut);
    }

    /// <summary>
    /// An editorconfig glob as a regular expression over '/'-separated paths relative to the file's directory: a glob
    /// without '/' matches a file name in any directory; <c>*</c> is any text but '/', <c>**</c> any text,
    /// <c>?</c> one character, <c>{a,b}</c> either, <c>[abc]</c> and <c>[!abc]</c> a character class.
    /// </summary>
    public static Regex GlobToRegex(string glob)
    {
        var anywhere = glob.IndexOf('/') < 0;
        var pattern = glob.TrimStart('/');
        var sb = new StringBuilder(anywhere ? "^(?:.*/)?" : "^");
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    sb.Append(".*");
                    i++;
                    break;
                case '*':
                    sb.Append("[^/]*");
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '{':
                    braces++;
                    sb.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    sb.Append(')');
                    break;
                case ',' when braces > 0:
                    sb.Append('|');
                    break;
                case '[':
                    var end = pattern.IndexOf(']', i + 1);
                    if (end < 0)
                    {
                        sb.Append("\\[");
                        break;
                    }

                    var set = pattern.Substring(i + 1, end - i - 1);
                    sb.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set.Substring(1)) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}

/// <summary>
/// One <c>key = value</c> line of an <see cref="AnalyzerConfigFile"/>: its line, the columns of the key and of the value
/// (1-based), and the section it is in (1 for the first; null above every section).
/// </summary>
public sealed record AnalyzerConfigEntry(string Key, string Value, int Line, int KeyColumn, int ValueColumn, int? Section);
