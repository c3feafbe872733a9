namespace EcsPolicy.Findings;

/// <summary>
/// A part of a <see cref="FindingText"/> that spells itself in each vocabulary, for what neither a property
/// (<see cref="PropRef"/>) nor a fix (<see cref="ModelEdit"/>) describes: e.g. the path of a nested value as each input
/// writes it (<c>portMappings[0].hostPort</c>, <c>PortMappings[0].HostPort</c>, a <c>taskdef_overrides</c> path).
/// </summary>
public abstract class SpelledPart
{
    /// <summary>The part in <paramref name="vocabulary"/>.</summary>
    public abstract string Spell(Vocabulary vocabulary);

    /// <summary>A text of this part alone.</summary>
    public FindingText AsText() => new(new object[] { this });

    public override string ToString() => Spell(Vocabulary.Api);
}
