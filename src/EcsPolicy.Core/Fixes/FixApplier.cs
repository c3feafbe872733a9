using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Vocabularies;

namespace EcsPolicy.Fixes;

/// <summary>
/// Applies the fixes of a file's findings (<see cref="Finding.Fix"/>) to its text, for <c>--fix</c>: each fix becomes one
/// minimal text edit, and every other byte of the file is kept, comments and layout included. A value the file writes is
/// replaced where it is written (a YAML string keeps its quoting where that still reads as the same value); a missing
/// member is added to its object on a line of its own, laid out like the object's last member.
/// <para>
/// The edits are written by hand rather than by serialising a parsed document again: System.Text.Json and YamlDotNet
/// both write a whole document, which loses the user's comments, key order, quoting and indentation, so a fix would
/// rewrite the file. The trees our readers build keep the exact span of every value and key, which is all a one-value edit
/// needs.
/// </para>
/// <para>
/// As in <c>ruff --fix</c>, a fix that is not <see cref="ModelEdit.Safe"/> (it may change what the task does, e.g. a
/// read-only root filesystem for a container that writes) is only shown (<see cref="FixResult.Skipped"/>) unless unsafe
/// fixes are asked for. A file is otherwise fixed all or nothing: when one of its fixes cannot be applied (see
/// <see cref="FixResult.Refusals"/>), or a rule has a finding in it without a fix that will be applied, the file is left
/// as it is. The fixed text is read again with the same loader, and refused when it no longer reads.
/// </para>
/// </summary>
public static class FixApplier
{
    private static readonly System.Text.RegularExpressions.Regex YamlAlias = new(@"(^|[\s\[{,:])\*[^\s\]},]+", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Multiline);

    /// <summary>
    /// The fixes of <paramref name="findings"/> (the findings of file <paramref name="path"/>, suppressed ones left out by
    /// the caller) applied to <paramref name="content"/>, read with the loader that recognises the file.
    /// </summary>
    public static FixResult Apply(string path, byte[] content, IReadOnlyList<Finding> findings, bool unsafeFixes = false)
    {
        var fixable = findings.Where(f => f.Fix is not null).ToList();
        if (fixable.Count == 0)
        {
            return FixResult.Nothing;
        }

        // The loader the linter reads the file with (FormatDetector decides, in one place).
        foreach (var format in FormatDetector.Candidates(path, content, explicitlyGiven: true))
        {
            var loader = RuleRegistry.LoaderOf(format);
            LoadResult loaded;
            try
            {
                loaded = loader.Load(path, content, explicitlyGiven: true);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                continue;
            }

            if (loaded.Recognized)
            {
                return Apply(path, content, findings, loaded, bytes => loader.Load(path, bytes, explicitlyGiven: true), unsafeFixes);
            }
        }

        return FixResult.Refused(new FixRefusal(SourceLocation.At(path, 1, 1), "no loader reads the file as an input"));
    }

    /// <summary>
    /// The fixes applied as <see cref="Apply(string, byte[], IReadOnlyList{Finding}, bool)"/> does, then the fixed text
    /// linted again with <paramref name="lint"/> and the new findings' fixes applied, until a pass changes nothing (at most
    /// <see cref="MaxPasses"/> passes, as <c>ruff --fix</c> does): a fix can uncover the next one (a Fargate task with
    /// neither cpu nor memory gets the cpu, and then the memory that suits it). The result holds every change made; its
    /// refusals are those of the last pass, and a file the first pass refuses is left as it is.
    /// </summary>
    public static FixResult ApplyRepeatedly(string path, byte[] content, IReadOnlyList<Finding> findings, Func<byte[], IReadOnlyList<Finding>> lint, bool unsafeFixes = false)
    {
        var result = Apply(path, content, findings, unsafeFixes);
        var applied = new List<AppliedFix>(result.Applied);
        for (var pass = 1; pass < MaxPasses && result.Content is { } fixedContent; pass++)
        {
            var next = Apply(path, fixedContent, lint(fixedContent), unsafeFixes);
            if (next.Content is null)
            {
                // Nothing more to fix (or the rest is refused): the last text stands, with what this pass says about it.
                return result with { Applied = applied, Refusals = next.Refusals, Skipped = next.Skipped };
            }

            applied.AddRange(next.Applied);
            result = next;
        }

        return result with { Applied = applied };
    }

    /// <summary>How many times <see cref="ApplyRepeatedly"/> lints and fixes a file at most.</summary>
    public const int MaxPasses = 10;

    /// <summary>
    /// As <see cref="Apply(string, byte[], IReadOnlyList{Finding}, bool)"/>, with the file already loaded
    /// (<paramref name="loaded"/>, which says its vocabulary) and <paramref name="reload"/> to read a fixed text.
    /// </summary>
    public static FixResult Apply(string path, byte[] content, IReadOnlyList<Finding> findings, LoadResult loaded, Func<byte[], LoadResult> reload, bool unsafeFixes = false)
    {
        var ours = findings.Where(f => string.Equals(f.Location.File, path, StringComparison.Ordinal)).ToList();
        var skipped = ours.Where(f => f.Fix is { Safe: false } && !unsafeFixes)
            .Select(f => new FixRefusal(f.Location, f.RuleId + ": the fix (" + Names.Fix(f.Fix!, loaded.Vocabulary) + ") may change what the task does, so it is only shown (--unsafe-fixes applies it)"))
            .ToList();
        var fixable = ours.Where(f => f.Fix is not null && (f.Fix.Safe || unsafeFixes)).ToList();
        if (fixable.Count == 0)
        {
            return FixResult.Nothing with { Skipped = skipped };
        }

        var refusals = new List<FixRefusal>();

        // A rule with a finding that gets no fix would be half fixed: the user reads the file again anyway, so it is left alone.
        foreach (var rule in fixable.Select(f => f.RuleId).Distinct(StringComparer.Ordinal))
        {
            if (ours.FirstOrDefault(f => f.RuleId == rule && !fixable.Contains(f)) is { } unfixed)
            {
                refusals.Add(new FixRefusal(unfixed.Location, rule + " has a finding here that gets no fix, so the rule's other findings in the file are not fixed either"));
            }
        }

        if (loaded.Vocabulary == Vocabulary.CdkCSharp)
        {
            return FixResult.Refused(new FixRefusal(fixable[0].Location, "C# source is fixed by the analyzer's code fixes in the IDE, not by --fix"));
        }

        if (loaded.Findings.Any(f => f.RuleId == "ECS0010"))
        {
            refusals.Add(new FixRefusal(fixable[0].Location, "the file has template placeholders (it is the source of a template a deploy step renders), so it is not edited"));
        }

        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        if (!ReferenceEquals(bytes, content))
        {
            return FixResult.Refused(new FixRefusal(fixable[0].Location, "the file is not UTF-8 text (UTF-16 or UTF-32), which --fix does not write"));
        }

        var text = new SourceText(Encoding.UTF8.GetString(bytes, offset, length));
        var yaml = loaded.Vocabulary is Vocabulary.CloudFormationYaml or Vocabulary.Copilot;
        var edits = new List<PlannedEdit>();
        foreach (var finding in fixable)
        {
            var edit = finding.Fix!;
            var planned = Plan(finding, edit, path, text, loaded.Vocabulary, yaml, out var why);
            if (planned is null)
            {
                refusals.Add(new FixRefusal(finding.Location, finding.RuleId + ": " + why));
            }
            else
            {
                edits.Add(planned);
            }
        }

        // The same edit asked by two findings (two variants of one resource, two rules) is made once.
        edits = edits.GroupBy(e => (e.Start, e.Length, e.Text)).Select(g => g.First() with { Findings = [.. g.SelectMany(e => e.Findings)] }).OrderBy(e => e.Start).ToList();
        for (var i = 1; i < edits.Count; i++)
        {
            if (edits[i].Start < edits[i - 1].Start + edits[i - 1].Length || edits[i].Start == edits[i - 1].Start)
            {
                refusals.Add(new FixRefusal(edits[i].Location, "two fixes (" + edits[i - 1].Findings[0].RuleId + " and " + edits[i].Findings[0].RuleId + ") edit the same place"));
            }
        }

        if (refusals.Count > 0)
        {
            return FixResult.Refused([.. refusals]) with { Skipped = skipped };
        }

        var fixedText = new StringBuilder(text.Text);
        for (var i = edits.Count - 1; i >= 0; i--)
        {
            fixedText.Remove(edits[i].Start, edits[i].Length).Insert(edits[i].Start, edits[i].Text);
        }

        // The byte-order mark, if any, is kept as it was.
        var body = Encoding.UTF8.GetBytes(fixedText.ToString());
        var fixedBytes = new byte[offset + body.Length];
        Buffer.BlockCopy(content, 0, fixedBytes, 0, offset);
        Buffer.BlockCopy(body, 0, fixedBytes, offset, body.Length);
        if (!ReadsBack(loaded, reload, fixedBytes, out var broken))
        {
            return FixResult.Refused(new FixRefusal(edits[0].Location, "the fixed text would not read back as the same kind of file (" + broken + "), so it is not written")) with { Skipped = skipped };
        }

        return new FixResult(fixedBytes, [.. edits.SelectMany(e => e.Findings.Select(f => new AppliedFix(f, e.Location, e.Name, e.Before, e.After)))], []) { Skipped = skipped };
    }

    private static bool ReadsBack(LoadResult before, Func<byte[], LoadResult> reload, byte[] fixedBytes, out string why)
    {
        LoadResult after;
        try
        {
            after = reload(fixedBytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            why = "reading it failed with " + e.GetType().Name;
            return false;
        }

        why = !after.Recognized ? "it is no longer recognised"
            : after.Vocabulary != before.Vocabulary ? "it reads as another format"
            : Unreadable(after) > Unreadable(before) ? "it no longer parses"
            : "";
        return why.Length == 0;

        static int Unreadable(LoadResult r) => r.Findings.Count(f => f.RuleId == Linter.UnreadableId);
    }

    private static PlannedEdit? Refuse(out string why, string reason)
    {
        why = reason;
        return null;
    }

    private static PlannedEdit? Plan(Finding finding, ModelEdit edit, string path, SourceText text, Vocabulary vocabulary, bool yaml, out string why)
    {
        var name = Names.Prop(edit.Target, vocabulary);
        if (vocabulary == Vocabulary.Copilot && edit.Target.Node?.SourceName is { } key && CopilotNames.Key(edit.Target) is null)
        {
            // The manifest key as written, until the Copilot vocabulary knows the whole key.
            name = key;
        }

        if (edit.Target.Node is { } node)
        {
            return Replace(finding, edit, node, name, path, text, vocabulary, yaml, out why);
        }

        if (vocabulary == Vocabulary.Copilot)
        {
            return Refuse(out why, "the manifest does not write " + name + ", and --fix adds no keys to a Copilot manifest: add " + Names.Fix(edit, vocabulary) + " by hand");
        }

        return Insert(finding, edit, name, path, text, vocabulary, yaml, out why);
    }

    // (a) a value the file writes: replaced where it is written.
    private static PlannedEdit? Replace(Finding finding, ModelEdit edit, SNode node, string name, string path, SourceText text, Vocabulary vocabulary, bool yaml, out string why)
    {
        if (!string.Equals(node.Location.File, path, StringComparison.Ordinal))
        {
            return Refuse(out why, "the value of " + name + " is in another file (" + node.Location.File + ")");
        }

        if (node.DefaultNote is not null)
        {
            return Refuse(out why, name + " is not written in the file (the format fills it in), and --fix does not add it here");
        }

        if (node.Kind is NodeKind.Unknown or NodeKind.Object or NodeKind.Array)
        {
            return Refuse(out why, "the value of " + name + " is not a plain value written in the file (a placeholder, a function or a generated value)");
        }

        if (text.Span(node.Location) is not { } span)
        {
            return Refuse(out why, "the value of " + name + " has no place in the file's text");
        }

        var written = text.Text.Substring(span.Start, span.Length);
        if (!Writes(written, node, yaml))
        {
            return Refuse(out why, "the value of " + name + " is not written as a literal at its place (it comes from a parameter, a mapping, a function, an alias or a multi-line text)");
        }

        // A YAML alias copies its anchor's values with their places: the value written there is shared, and an edit of it
        // would change every copy. A copy lies outside the object that holds it; a Copilot manifest's objects are built
        // from several keys, so there any alias in the file is enough to refuse.
        var shared = vocabulary == Vocabulary.Copilot
            ? YamlAlias.IsMatch(text.Text)
            : edit.Target.Owner is { } owner && text.Span(owner.Location) is { } ownerSpan && (span.Start < ownerSpan.Start || span.Start + span.Length > ownerSpan.Start + ownerSpan.Length);
        if (shared)
        {
            return Refuse(out why, "the value of " + name + " may be shared with other places through a YAML alias");
        }

        var literal = Literal(edit.Value, node, written, yaml);
        if (literal == written)
        {
            return Refuse(out why, name + " already reads " + written);
        }

        why = "";
        return new PlannedEdit(span.Start, span.Length, literal, node.Location, name, written, literal) { Findings = [finding] };
    }

    // (b) a member the object lacks: a new line after the object's last member, with its indentation.
    private static PlannedEdit? Insert(Finding finding, ModelEdit edit, string name, string path, SourceText text, Vocabulary vocabulary, bool yaml, out string why)
    {
        if (edit.Target.Owner is not { Kind: NodeKind.Object } owner || !string.Equals(owner.Location.File, path, StringComparison.Ordinal) || text.Span(owner.Location) is not { } ownerSpan)
        {
            return Refuse(out why, "the object that would hold " + name + " is not written in this file");
        }

        if (vocabulary == Vocabulary.CdkCSharp)
        {
            return Refuse(out why, "C# is fixed by the analyzer's code fixes");
        }

        var flow = text.Text[ownerSpan.Start] == '{';
        if (yaml && flow)
        {
            return Refuse(out why, "the object that would hold " + name + " is written in flow style ({ ... }), which --fix does not lay out");
        }

        if (!yaml && !flow)
        {
            return Refuse(out why, "the object that would hold " + name + " is not a JSON object written in the file");
        }

        // The members written in the object itself (a loader may add members the file does not write, located elsewhere).
        var members = new List<(SNode Value, int NameStart, int End)>();
        foreach (var member in owner.Children)
        {
            if (text.Span(member.NameLocation) is { } nameSpan && text.Span(member.Location) is { } valueSpan
                && nameSpan.Start >= ownerSpan.Start && valueSpan.Start + valueSpan.Length <= ownerSpan.Start + ownerSpan.Length
                && Unquoted(text.Text.Substring(nameSpan.Start, nameSpan.Length)) == (member.SourceName ?? member.Name))
            {
                members.Add((member, nameSpan.Start, Math.Max(nameSpan.Start + nameSpan.Length, valueSpan.Start + valueSpan.Length)));
            }
        }

        if (members.Count == 0)
        {
            return Refuse(out why, "the object that would hold " + name + " has no member to lay the new one out like");
        }

        var last = members.OrderBy(m => m.End).Last();
        var lineStart = text.LineStartOf(last.NameStart);
        var prefix = text.Text.Substring(lineStart, last.NameStart - lineStart);
        var rest = text.RestOfLine(last.End).Trim();
        var onOneLine = members.Any(m => m.NameStart != last.NameStart && text.LineStartOf(m.NameStart) == lineStart)
            || (!yaml && text.LineStartOf(ownerSpan.Start) == lineStart)
            || !(rest.Length == 0 || (!yaml && rest == ",") || (yaml && rest[0] == '#'));
        if (onOneLine || !IsIndentation(prefix, yaml))
        {
            return Refuse(out why, "the object that would hold " + name + " has members on one line, which --fix does not lay out");
        }

        var indent = yaml ? new string(' ', prefix.Length) : prefix;
        var key = vocabulary == Vocabulary.Api ? edit.Target.Member : Names.CloudFormation(edit.Target);
        var value = yaml ? Names.Yaml(edit.Value) : edit.Value;
        var newline = text.Newline;
        var (line, _) = text.Position(last.End);
        var at = new SourceLocation(path, line + 1, indent.Length + 1, line + 1, indent.Length + 2);
        why = "";
        if (!yaml)
        {
            // After the last member's value, before anything that follows it (a comma read past, the closing brace).
            var entry = "," + newline + indent + "\"" + key + "\": " + value;
            return new PlannedEdit(last.End, 0, entry, at, name, null, value) { Findings = [finding] };
        }

        // On the line after the last member (a nested block ends there too); at the end of a file without a final line break.
        var next = text.NextLineStart(last.End);
        var line2 = indent + key + ": " + value;
        return next < 0
            ? new PlannedEdit(text.Text.Length, 0, newline + line2, at, name, null, value) { Findings = [finding] }
            : new PlannedEdit(next, 0, line2 + newline, at, name, null, value) { Findings = [finding] };
    }

    // A JSON line starts with white space before a member; a block YAML one with spaces and list dashes ("  - Name: x").
    private static bool IsIndentation(string prefix, bool yaml)
    {
        if (!yaml)
        {
            return prefix.All(c => c is ' ' or '\t');
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] == '-' && i + 1 < prefix.Length && prefix[i + 1] == ' ')
            {
                continue;
            }

            if (prefix[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private static string Unquoted(string key) =>
        key.Length >= 2 && (key[0] == '"' || key[0] == '\'') && key[key.Length - 1] == key[0] ? key.Substring(1, key.Length - 2) : key;

    /// <summary>Whether <paramref name="written"/>, the text at a node's span, is a literal of the node's value.</summary>
    private static bool Writes(string written, SNode node, bool yaml)
    {
        switch (node.Kind)
        {
            case NodeKind.Boolean:
                return string.Equals(written, node.Scalar, yaml ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
            case NodeKind.Number:
                return written == node.Scalar;
            case NodeKind.Null:
                return yaml ? written is "null" or "Null" or "NULL" or "~" : written == "null";
            case NodeKind.String:
                return StringValue(written, yaml) == node.Scalar;
            default:
                return false;
        }
    }

    /// <summary>The string a one-line literal reads as (JSON string, YAML plain or quoted scalar), or null.</summary>
    private static string? StringValue(string written, bool yaml)
    {
        if (written.Length == 0 || written.IndexOf('\n') >= 0 || written.IndexOf('\r') >= 0)
        {
            return null;
        }

        if (written[0] == '"')
        {
            if (written.Length < 2 || written[written.Length - 1] != '"')
            {
                return null;
            }

            var inner = written.Substring(1, written.Length - 2);
            if (inner.IndexOf('\\') < 0)
            {
                return inner;
            }

            // JSON's escapes, which YAML's double-quoted style shares; another YAML escape is refused (null).
            return DecodeJsonString(written);
        }

        if (!yaml)
        {
            return null;
        }

        if (written[0] == '\'')
        {
            return written.Length >= 2 && written[written.Length - 1] == '\'' ? written.Substring(1, written.Length - 2).Replace("''", "'") : null;
        }

        // A plain scalar: no tag, anchor, alias or block indicator in front (those spans would not equal the value anyway).
        return written;
    }

    /// <summary>
    /// The text to write for JSON literal <paramref name="json"/> in place of <paramref name="written"/>: a number keeps
    /// the kind it was written as (<c>512</c> or <c>"512"</c>, which the ECS API and CloudFormation both take), and a YAML
    /// string keeps its quoting where the value reads the same in it.
    /// </summary>
    private static string Literal(string json, SNode node, string written, bool yaml)
    {
        var text = JsonString(json);

        // A number written bare stays bare, whatever kind the loader made of it (Copilot reads `memory: 1536` as text).
        if (text is not null && IsNumber(text) && (node.Kind == NodeKind.Number || (yaml && IsNumber(written))))
        {
            return text;
        }

        if (text is null && IsNumber(json) && node.Kind == NodeKind.String)
        {
            text = json;
            json = "\"" + json + "\"";
        }

        if (!yaml || text is null)
        {
            return json;
        }

        var plain = Names.Yaml(json);
        switch (written[0])
        {
            case '"':
                return json;
            case '\'':
                return text.All(c => !char.IsControl(c)) ? "'" + text.Replace("'", "''") + "'" : json;
            default:
                // A plain scalar stays plain when the new string reads back as a string; else it is quoted.
                return plain;
        }
    }

    private static string? JsonString(string json)
    {
        if (json.Length < 2 || json[0] != '"' || json[json.Length - 1] != '"')
        {
            return null;
        }

        return DecodeJsonString(json);
    }

    /// <summary>
    /// The string a JSON string literal stands for, or null when the text is not one. Read with the reader rather than
    /// the serializer, which the ahead-of-time compiled CLI cannot use without generated code.
    /// </summary>
    private static string? DecodeJsonString(string json)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            return reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.String && reader.GetString() is { } text && !reader.Read()
                ? text
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool IsNumber(string text) =>
        text.Length > 0 && text.Length < 20 && text.All(c => c is >= '0' and <= '9') && (text.Length == 1 || text[0] != '0');

    private sealed record PlannedEdit(int Start, int Length, string Text, SourceLocation Location, string Name, string? Before, string After)
    {
        public IReadOnlyList<Finding> Findings { get; init; } = [];
    }

    /// <summary>A file's text with its line starts, to turn the readers' lines and columns (UTF-16) into string indexes.</summary>
    private sealed class SourceText
    {
        private readonly List<int> _lineStarts = [0];

        public SourceText(string text)
        {
            Text = text;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    Newline ??= "\r\n";
                    i++;
                }
                else if (text[i] is not ('\n' or '\r'))
                {
                    continue;
                }

                Newline ??= text[i] == '\r' ? "\r" : "\n";
                _lineStarts.Add(i + 1);
            }

            Newline ??= "\n";
        }

        public string Text { get; }

        /// <summary>The file's line break (its first one; LF in a file of one line).</summary>
        public string? Newline { get; }

        /// <summary>The index of a location's start and its length, or null when it is not in the text.</summary>
        public (int Start, int Length)? Span(SourceLocation location)
        {
            if (location.IsEmpty || Index(location.StartLine, location.StartColumn) is not { } start || Index(location.EndLine, location.EndColumn) is not { } end || end <= start)
            {
                return null;
            }

            return (start, end - start);
        }

        public int LineStartOf(int index)
        {
            var line = _lineStarts.BinarySearch(index);
            return _lineStarts[line < 0 ? ~line - 1 : line];
        }

        /// <summary>The start of the line after the one <paramref name="index"/> is on, or -1 on the last line.</summary>
        public int NextLineStart(int index)
        {
            var line = _lineStarts.BinarySearch(index);
            line = line < 0 ? ~line - 1 : line;
            return line + 1 < _lineStarts.Count ? _lineStarts[line + 1] : -1;
        }

        /// <summary>The text from <paramref name="index"/> to the end of its line.</summary>
        public string RestOfLine(int index)
        {
            var next = NextLineStart(index);
            return Text.Substring(index, (next < 0 ? Text.Length : next) - index).TrimEnd('\r', '\n');
        }

        public (int Line, int Column) Position(int index)
        {
            var line = _lineStarts.BinarySearch(index);
            line = line < 0 ? ~line - 1 : line;
            return (line + 1, index - _lineStarts[line] + 1);
        }

        private int? Index(int line, int column)
        {
            if (line < 1 || line > _lineStarts.Count || column < 1)
            {
                return null;
            }

            var index = _lineStarts[line - 1] + column - 1;
            var lineEnd = line < _lineStarts.Count ? _lineStarts[line] : Text.Length;
            return index <= lineEnd ? index : null;
        }
    }
}

/// <summary>What <see cref="FixApplier"/> made of a file's fixes.</summary>
/// <param name="Content">The fixed file (its bytes, the byte-order mark kept), or null when nothing was changed.</param>
/// <param name="Applied">The changes made, one per finding fixed.</param>
/// <param name="Refusals">Why the file was left as it is, when it was (each at the finding or value concerned).</param>
public sealed record FixResult(byte[]? Content, IReadOnlyList<AppliedFix> Applied, IReadOnlyList<FixRefusal> Refusals)
{
    /// <summary>No finding of the file has a fix.</summary>
    public static readonly FixResult Nothing = new(null, [], []);

    public static FixResult Refused(params FixRefusal[] refusals) => new(null, [], refusals);

    /// <summary>The findings whose fix is unsafe and was not asked for: shown, not applied; they do not stop the others.</summary>
    public IReadOnlyList<FixRefusal> Skipped { get; init; } = [];
}

/// <summary>
/// One change: <paramref name="Name"/> (in the file's vocabulary) at <paramref name="Location"/> went from
/// <paramref name="Before"/> (null when it was absent) to <paramref name="After"/>, fixing <paramref name="Finding"/>.
/// </summary>
public sealed record AppliedFix(Finding Finding, SourceLocation Location, string Name, string? Before, string After)
{
    /// <summary>The change as <c>--fix</c> prints it: <c>task.json(12,7): ECS6002 readonlyRootFilesystem: (absent) -> true</c>.</summary>
    public override string ToString() => Location + ": " + Finding.RuleId + " " + Name + ": " + (Before ?? "(absent)") + " -> " + After;
}

/// <summary>Why a file's fixes were not applied: the place concerned and the reason.</summary>
public sealed record FixRefusal(SourceLocation Location, string Reason)
{
    public override string ToString() => Location + ": not fixed: " + Reason;
}
