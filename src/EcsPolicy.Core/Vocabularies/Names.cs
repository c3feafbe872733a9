using System.Text;
using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Shape;

namespace EcsPolicy.Vocabularies;

/// <summary>
/// Spells the parts of a <see cref="FindingText"/> in an input's vocabulary: a property's name and a fix as the code the
/// user would write in that file. The names come from the file itself when it wrote the property (the spelling it used,
/// or for Copilot the manifest key that set it), else from the shape of the ECS API and the tables of the Copilot and CDK
/// names (<see cref="CopilotNames"/>, <see cref="CdkNames"/>).
/// </summary>
public static class Names
{
    /// <summary>How a file in <paramref name="vocabulary"/> names property <paramref name="prop"/>.</summary>
    public static string Prop(PropRef prop, Vocabulary vocabulary) => prop.SubPath.Count > 0 ? Nested(prop, vocabulary) : vocabulary switch
    {
        Vocabulary.CloudFormationJson or Vocabulary.CloudFormationYaml => CloudFormation(prop),
        Vocabulary.Copilot => CopilotNames.Key(prop) ?? CopilotNames.OverridePhrase(prop),
        Vocabulary.CdkCSharp => CdkNames.Property(prop) ?? CloudFormation(prop),
        _ => prop.Member,
    };

    /// <summary>
    /// A nested property (<see cref="PropRef.SubPath"/>) as one path: the outer member spelled as <see cref="Prop"/> does,
    /// then the members inside it in the input's names (a Copilot manifest without a key for them reads one
    /// <c>taskdef_overrides</c> path; CDK's methods for capabilities come from <see cref="CdkNames.Nested"/>).
    /// </summary>
    private static string Nested(PropRef prop, Vocabulary vocabulary)
    {
        var outer = prop.Outer;
        switch (vocabulary)
        {
            case Vocabulary.CloudFormationJson or Vocabulary.CloudFormationYaml:
                return CloudFormation(outer) + "." + CloudFormationInside(prop);
            case Vocabulary.Copilot:
                return CopilotNames.NestedKey(prop)
                    ?? (Inner(prop) is { Owner: not null } inner ? CopilotNames.OverridePhrase(inner) : CopilotNames.OverridePhrase(outer) + "." + CloudFormationInside(prop));
            case Vocabulary.CdkCSharp:
                return CdkNames.Nested(prop) ?? (CdkNames.Property(outer) ?? CloudFormation(outer)) + "." + CloudFormationInside(prop);
            default:
                return prop.Member + "." + string.Join(".", prop.SubPath);
        }
    }

    /// <summary>The members of a nested reference below its outer member, in CloudFormation's names (as written, else the shape's).</summary>
    internal static string CloudFormationInside(PropRef prop)
    {
        var names = new List<string>(prop.SubPath.Count);
        var structure = StructureOf(Structure(prop.Shape)?.Member(prop.Member));
        var node = prop.Owner?.Get(prop.Member);
        foreach (var member in prop.SubPath)
        {
            node = node?.Get(member);
            names.Add(node?.SourceName is { Length: > 0 } written && !written.Contains('.') && char.IsUpper(written[0]) ? written : CfnNames.Spelling(structure, member));
            structure = StructureOf(structure?.Member(member));
        }

        return string.Join(".", names);
    }

    /// <summary>The structure a member holds, or the structure of its items when it is a list.</summary>
    internal static StructureShape? StructureOf(TypeShape? type) => type?.Structure ?? type?.Items?.Structure;

    /// <summary>
    /// The innermost member of a nested reference as a reference of its own (owner: the object that holds it when the
    /// file has it, so its <c>taskdef_overrides</c> path keeps list positions); null when a segment has no shape.
    /// </summary>
    internal static PropRef? Inner(PropRef prop)
    {
        var structure = Structure(prop.Shape);
        var shape = prop.Shape;
        var member = prop.Member;
        foreach (var next in prop.SubPath)
        {
            structure = StructureOf(structure?.Member(member));
            if (structure is null)
            {
                return null;
            }

            shape = structure.Name;
            member = next;
        }

        return new PropRef(shape, member, prop.Node?.Parent, prop.Node);
    }

    /// <summary>How a file in <paramref name="vocabulary"/> writes fix <paramref name="edit"/>, as a code fragment.</summary>
    public static string Fix(ModelEdit edit, Vocabulary vocabulary)
    {
        switch (vocabulary)
        {
            case Vocabulary.CloudFormationJson:
                return "\"" + CloudFormation(edit.Target) + "\": " + edit.Value;
            case Vocabulary.CloudFormationYaml:
                return CloudFormation(edit.Target) + ": " + Yaml(edit.Value);
            case Vocabulary.Copilot:
                return CopilotNames.Key(edit.Target) is { } key
                    ? key + ": " + CopilotNames.Value(edit.Target, edit.Value)
                    : "taskdef_overrides: [{path: " + CopilotNames.OverridePath(edit.Target) + ", value: " + Yaml(edit.Value) + "}]";
            case Vocabulary.CdkCSharp:
                return (CdkNames.Property(edit.Target) ?? CloudFormation(edit.Target)) + " = " + CdkNames.Literal(edit.Target, edit.Value);
            default:
                return "\"" + edit.Target.Member + "\": " + edit.Value;
        }
    }

    /// <summary>
    /// The CloudFormation name of a property: as the template wrote it, else the shape's spelling (<see cref="CfnNames"/>).
    /// </summary>
    public static string CloudFormation(PropRef prop) =>
        prop.Node?.SourceName is { Length: > 0 } written && !written.Contains('.') ? written : CfnNames.Spelling(Structure(prop.Shape), prop.Member);

    /// <summary>
    /// The CloudFormation path of a property from the root of its resource's properties, with list positions, e.g.
    /// <c>ContainerDefinitions[0].ReadonlyRootFilesystem</c> (the form of Copilot's <c>taskdef_overrides</c>).
    /// </summary>
    public static string CloudFormationPath(PropRef prop)
    {
        var path = new StringBuilder();
        var segments = (prop.Owner?.Path ?? "").Split(['/'], StringSplitOptions.RemoveEmptyEntries);
        var structure = prop.Shape is "Service" or "Cluster" ? ShapeDescription.Services.Root : ShapeDescription.Default.Root;
        TypeShape? items = null;
        foreach (var segment in segments)
        {
            if (int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                path.Append('[').Append(segment).Append(']');
                structure = items?.Structure;
                items = null;
                continue;
            }

            path.Append(path.Length > 0 ? "." : "").Append(CfnNames.Spelling(structure, segment));
            var member = structure?.Member(segment);
            items = member?.Items;
            structure = member?.Structure;
        }

        return path.Append(path.Length > 0 ? "." : "").Append(CloudFormation(prop)).ToString();
    }

    /// <summary>A JSON literal as YAML writes it: strings plain where YAML reads them back as the same string.</summary>
    internal static string Yaml(string json)
    {
        if (json.Length < 2 || json[0] != '"' || json[json.Length - 1] != '"')
        {
            return json;
        }

        var text = json.Substring(1, json.Length - 2);
        var plain = text.Length > 0
            && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            && !char.IsDigit(text[0]) && text[0] != '-' && text[0] != '.'
            && text is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "y" or "n")
            && text.IndexOf('\\') < 0;
        return plain ? text : json;
    }

    internal static StructureShape? Structure(string shape) =>
        ShapeDescription.Default.Structure(shape) ?? ShapeDescription.Services.Structure(shape);
}
