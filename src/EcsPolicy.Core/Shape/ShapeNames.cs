using System.Globalization;
using System.Text;
using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Vocabularies;

namespace EcsPolicy.Shape;

/// <summary>
/// The path of a value in a shape message, from the object it is in (a container, a volume, or the root), as each input
/// writes it: <c>portMappings[0].hostPort</c> in task-definition JSON, <c>PortMappings[0].HostPort</c> in CloudFormation
/// (the template's own spelling), the construct props in CDK C#, and in a Copilot manifest the key that set the value,
/// else the <c>taskdef_overrides</c> path that sets it (from the root of the task definition's properties).
/// </summary>
internal sealed class ShapePath : SpelledPart
{
    private readonly SNode _root;
    private readonly TypeShape _rootType;
    private readonly SNode _from;
    private readonly SNode _node;

    /// <param name="root">The root of the tree validated, of type <paramref name="rootType"/>.</param>
    /// <param name="from">The object the path starts after (the root, a container or a volume).</param>
    /// <param name="node">The value the path leads to.</param>
    public ShapePath(SNode root, TypeShape rootType, SNode from, SNode node)
    {
        _root = root;
        _rootType = rootType;
        _from = from;
        _node = node;
    }

    public override string Spell(Vocabulary vocabulary)
    {
        if (vocabulary == Vocabulary.Copilot)
        {
            if (_node.SourceKey is { } key)
            {
                return key.StartsWith(CopilotNames.OverridePrefix, StringComparison.Ordinal) ? key.Substring(CopilotNames.OverridePrefix.Length) : key;
            }

            // Not written by the manifest: the taskdef_overrides path that sets it, from the root.
            return Join(Segments(_root), vocabulary);
        }

        return Join(Segments(_from), vocabulary);
    }

    /// <summary>The segments below <paramref name="from"/> down to the node, each with the structure that has it as a member.</summary>
    private List<(SNode Segment, StructureShape? Parent)> Segments(SNode from)
    {
        var chain = new List<SNode>();
        for (var n = _node; n != null && n != _root; n = n.Parent)
        {
            chain.Add(n);
        }

        chain.Reverse();
        var segments = new List<(SNode, StructureShape?)>(chain.Count);
        TypeShape? type = _rootType;
        var below = from == _root;
        foreach (var s in chain)
        {
            StructureShape? parent = null;
            if (s.Index >= 0)
            {
                type = type?.Kind == ShapeKind.Array ? type.Items : null;
            }
            else
            {
                parent = type?.Kind == ShapeKind.Object ? type.Structure : null;
                type = type?.Kind == ShapeKind.Map ? type.Values : parent?.Member(s.Name!);
            }

            if (below)
            {
                segments.Add((s, parent));
            }

            below |= s == from;
        }

        return segments;
    }

    private static string Join(List<(SNode Segment, StructureShape? Parent)> segments, Vocabulary vocabulary)
    {
        var text = new StringBuilder();
        foreach (var (s, parent) in segments)
        {
            if (s.Index >= 0)
            {
                text.Append('[').Append(s.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                continue;
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(Name(s, parent, vocabulary));
        }

        return text.ToString();
    }

    /// <summary>One name of a path in <paramref name="vocabulary"/>.</summary>
    private static string Name(SNode s, StructureShape? parent, Vocabulary vocabulary)
    {
        var written = s.SourceName is { Length: > 0 } w && !w.Contains('.') ? w : null;
        var member = parent?.Member(s.Name!) != null;
        return vocabulary switch
        {
            // Task-definition JSON: the name as written (the API's, or the user's for an unknown property).
            Vocabulary.Api => s.SourceName ?? s.Name!,

            // A Copilot node's SourceName is the manifest key's last segment: the override path needs CloudFormation's.
            Vocabulary.Copilot => member ? CfnNames.Spelling(parent, s.Name!) : written ?? s.Name!,
            _ => written ?? (member ? CfnNames.Spelling(parent, s.Name!) : s.Name!),
        };
    }
}

/// <summary>
/// A piece of a shape message about a name the user wrote (<c>'netwrokMode'</c>, <c>; did you mean '</c>), with the
/// words that take its place where the name written is the ECS API's spelling of a member and the input is not
/// task-definition JSON: a CloudFormation template (or Copilot override, or cdk.out) that writes <c>networkMode</c> is
/// not told the API's name back, only its own spelling (<c>it is written in the ECS API's spelling; rename it to 'NetworkMode'</c>).
/// </summary>
internal sealed class WrittenName : SpelledPart
{
    private readonly string _shown;
    private readonly string _instead;
    private readonly bool _apiSpelling;

    /// <param name="shown">The text in task-definition JSON, and wherever the name written is not the API's spelling.</param>
    /// <param name="instead">The text in its place where the name written is the API's spelling in another vocabulary.</param>
    /// <param name="apiSpelling">Whether the name written is the API's spelling of a member that the input spells otherwise.</param>
    public WrittenName(string shown, string instead, bool apiSpelling)
    {
        _shown = shown;
        _instead = instead;
        _apiSpelling = apiSpelling;
    }

    public override string Spell(Vocabulary vocabulary) => _apiSpelling && vocabulary != Vocabulary.Api ? _instead : _shown;
}

/// <summary>
/// A member a shape message names (a required one, a suggestion for a misspelt one), spelled as <see cref="Names"/>
/// spells <see cref="PropRef"/>s, except in a Copilot manifest when the object or name is one a <c>taskdef_overrides</c>
/// rule wrote: there the user writes CloudFormation paths, so the message gives the override path, not a manifest key.
/// </summary>
internal sealed class ShapeMember : SpelledPart
{
    private readonly PropRef _prop;
    private readonly SNode _writtenBy;

    /// <param name="prop">The member.</param>
    /// <param name="writtenBy">The node whose origin tells how the user writes the member (the owner, or a misspelt name).</param>
    public ShapeMember(PropRef prop, SNode writtenBy)
    {
        _prop = prop;
        _writtenBy = writtenBy;
    }

    public override string Spell(Vocabulary vocabulary) =>
        vocabulary == Vocabulary.Copilot && _writtenBy.SourceKey is { } key && key.StartsWith(CopilotNames.OverridePrefix, StringComparison.Ordinal)
            ? CopilotNames.OverridePath(_prop)
            : Names.Prop(_prop, vocabulary);
}
