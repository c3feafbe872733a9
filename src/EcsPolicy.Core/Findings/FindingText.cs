using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace EcsPolicy.Findings;

/// <summary>
/// A finding's message as parts: plain text, the properties it names (<see cref="PropRef"/>) and the fix it suggests
/// (<see cref="ModelEdit"/>). The parts are spelled only when the message is rendered for an input
/// (<see cref="Render"/>), so a rule writes one sentence and each input reads it in its own names. A rule writes it as an
/// interpolated string: <c>$"{label} sets {PropRef.Of(c, "readonlyRootFilesystem")} to false: set {fix}."</c>.
/// Two texts are equal when they render the same in the API's vocabulary.
/// </summary>
public sealed class FindingText : IEquatable<FindingText>
{
    // A builder's list is taken as it is, not copied: a text is built once per finding (most of them notes never shown).
    private readonly IReadOnlyList<object> _parts;
    private string? _api;

    internal FindingText(IReadOnlyList<object> parts)
    {
        _parts = parts;
    }

    /// <summary>
    /// The parts, in order: <see cref="string"/>, <see cref="PropRef"/>, <see cref="ModelEdit"/> or <see cref="SpelledPart"/>
    /// (a nested path, a code example that differs by input, a name with its article or in quotes).
    /// </summary>
    public IReadOnlyList<object> Parts => _parts;

    /// <summary>The fixes the text suggests, in order.</summary>
    public IEnumerable<ModelEdit> Fixes => _parts.OfType<ModelEdit>();

    public static implicit operator FindingText(string text) => new(new object[] { text });

    /// <summary>The text of an interpolated string, with its properties and fixes as parts.</summary>
    public static FindingText Of(FindingTextBuilder text) => text.ToText();

    public static FindingText operator +(FindingText a, FindingText b)
    {
        var parts = new List<object>(a._parts.Count + b._parts.Count);
        parts.AddRange(a._parts);
        parts.AddRange(b._parts);
        return new(parts);
    }

    /// <summary>Whether the text is plain: no part but text, so it reads the same in every vocabulary.</summary>
    public bool IsPlain
    {
        get
        {
            for (var i = 0; i < _parts.Count; i++)
            {
                if (_parts[i] is not string)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The text in vocabulary <paramref name="vocabulary"/>.</summary>
    public string Render(Vocabulary vocabulary)
    {
        if (_parts.Count == 1 && _parts[0] is string only)
        {
            return only;
        }

        if (vocabulary == Vocabulary.Api && _api != null)
        {
            return _api;
        }

        var text = new StringBuilder();
        for (var i = 0; i < _parts.Count; i++)
        {
            var part = _parts[i];
            text.Append(part switch
            {
                PropRef p => Vocabularies.Names.Prop(p, vocabulary),
                ModelEdit e => Vocabularies.Names.Fix(e, vocabulary),
                SpelledPart s => s.Spell(vocabulary),
                _ => (string)part,
            });
        }

        var rendered = text.ToString();
        if (vocabulary == Vocabulary.Api)
        {
            _api = rendered;
        }

        return rendered;
    }

    public bool Equals(FindingText? other) => other is not null && string.Equals(Render(Vocabulary.Api), other.Render(Vocabulary.Api), StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as FindingText);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Render(Vocabulary.Api));

    public override string ToString() => Render(Vocabulary.Api);
}

/// <summary>
/// Builds a <see cref="FindingText"/> from an interpolated string (the compiler calls it). Texts are kept as parts as they
/// come, without joining them: most messages are built and never shown (notes counted, not printed), so the joining is
/// left to the renderer.
/// </summary>
[InterpolatedStringHandler]
public struct FindingTextBuilder
{
    private readonly List<object> _parts;

    public FindingTextBuilder(int literalLength, int formattedCount)
    {
        _ = literalLength;
        _parts = new List<object>(formattedCount * 2 + 1);
    }

    public readonly void AppendLiteral(string text) => Text(text);

    public readonly void AppendFormatted(string? text) => Text(text ?? "");

    public readonly void AppendFormatted(PropRef prop) => _parts.Add(prop);

    public readonly void AppendFormatted(ModelEdit edit) => _parts.Add(edit);

    public readonly void AppendFormatted(SpelledPart part) => _parts.Add(part);

    public readonly void AppendFormatted(FindingText text)
    {
        foreach (var part in text.Parts)
        {
            _parts.Add(part);
        }
    }

    /// <summary>Numbers and other values, in the invariant culture (messages never depend on the machine's).</summary>
    public readonly void AppendFormatted<T>(T value)
    {
        // A subclass of SpelledPart binds here rather than to its overload: it stays a part.
        if (value is SpelledPart part)
        {
            _parts.Add(part);
            return;
        }

        Text(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "");
    }

    public readonly void AppendFormatted<T>(T value, string format)
        where T : IFormattable =>
        Text(value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>The text built.</summary>
    public readonly FindingText ToText() => new(_parts);

    private readonly void Text(string text)
    {
        if (text.Length > 0)
        {
            _parts.Add(text);
        }
    }
}
