using System.Text;
using System.Text.RegularExpressions;

namespace EcsPolicy.Inputs;

/// <summary>The input formats a file can be read as; each has exactly one <see cref="IInputLoader"/>.</summary>
public enum InputFormat
{
    /// <summary>ECS API JSON: a task definition, a container-definition list or <c>create-service</c> input.</summary>
    TaskDefinitionJson,

    /// <summary>A CloudFormation template written in JSON (<c>.json</c>, and a <c>.template</c> that opens an object).</summary>
    CloudFormationJson,

    /// <summary>A CloudFormation template written in YAML.</summary>
    CloudFormationYaml,

    /// <summary>An AWS Copilot manifest.</summary>
    CopilotManifest,
}

/// <summary>
/// Decides which format a file is, from its name and a cheap look at its text (no parsing), in one place, so that no
/// loader needs to know another's format and the order in which loaders are listed decides nothing. The answer is a
/// list of formats to try in order: the next one is tried only when the loader of the one before does not recognise
/// the parsed file (or fails). An empty list means the file is not ours. The priority, first match wins:
/// <list type="number">
/// <item>A name that does not end in <c>.json</c>, <c>.yaml</c>, <c>.yml</c> or <c>.template</c>: not ours (the CLI
/// reads <c>.cs</c> files with the C# front end itself).</item>
/// <item>Text with the words of a CloudFormation template (<c>AWSTemplateFormatVersion</c>, or <c>Resources</c> and
/// <c>AWS::</c>): CloudFormation, JSON or YAML (<see cref="IsJson"/>). When it parses but is not a template, a
/// <c>.json</c> file is then tried as task-definition JSON, and a <c>.yaml</c>/<c>.yml</c> file with a manifest's
/// top-level <c>name:</c> and <c>type:</c> lines as a Copilot manifest. A template that does not parse is reported as
/// a template (ECS0001), even when found in a directory walk.</item>
/// <item>Any other <c>.json</c> file: task-definition JSON.</item>
/// <item>A <c>.yaml</c>/<c>.yml</c> file with top-level <c>name:</c> and <c>type:</c> lines: a Copilot manifest,
/// parse errors included; but a document that parses into a CloudFormation template (<see cref="IsTemplate"/>) is never
/// read as a manifest, whatever its other keys.</item>
/// <item>Any other YAML file (<c>.yaml</c>, <c>.yml</c>, or a <c>.template</c> that does not open an object) without a
/// manifest's lines, when the user named it explicitly: CloudFormation, so that a parse error or a template whose
/// resource types are not <c>AWS::</c> ones is still read and reported. Found in a directory walk, such a file is not
/// ours: a repository holds much YAML that is neither.</item>
/// <item>Anything else (e.g. a <c>.template</c> with a manifest's lines, which Copilot would not read): not ours.</item>
/// </list>
/// The loaders use the predicates here for their own format only (e.g. the CloudFormation loader's
/// <see cref="LooksLikeTemplate"/>), so that a loader called directly still turns away what is not its format.
/// </summary>
public static class FormatDetector
{
    private static readonly byte[] FormatVersion = Encoding.ASCII.GetBytes("AWSTemplateFormatVersion");
    private static readonly byte[] ResourcesKey = Encoding.ASCII.GetBytes("Resources");
    private static readonly byte[] AwsPrefix = Encoding.ASCII.GetBytes("AWS::");

    private static readonly Regex TypeLine = new(@"^type:[ \t]*['""]?[A-Za-z]", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex NameLine = new(@"^name:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private static readonly string[] TaskDefinitionSignatures = ["\"containerDefinitions\"", "\"taskDefinition\"", "\"essential\"", "\"portMappings\"", "\"serviceName\""];

    /// <summary>
    /// The formats to try for a file, in order (see the priority above); empty when it is not ours.
    /// <paramref name="explicitlyGiven"/>: the user named the file, rather than a directory walk finding it. Lazy: a
    /// later format's look at the text is only taken when the earlier formats did not take the file.
    /// </summary>
    public static IEnumerable<InputFormat> Candidates(string path, byte[] content, bool explicitlyGiven)
    {
        var json = IsJsonName(path);
        var yaml = IsYamlName(path);
        var template = !json && !yaml && HasExtension(path, ".template");
        if (!json && !yaml && !template)
        {
            yield break;
        }

        if (LooksLikeTemplate(content))
        {
            yield return IsJson(path, content) ? InputFormat.CloudFormationJson : InputFormat.CloudFormationYaml;
            if (json)
            {
                yield return InputFormat.TaskDefinitionJson;
            }
            else if (yaml && LooksLikeManifest(content))
            {
                yield return InputFormat.CopilotManifest;
            }

            yield break;
        }

        if (json)
        {
            yield return InputFormat.TaskDefinitionJson;
        }
        else if (LooksLikeManifest(content))
        {
            if (yaml)
            {
                yield return InputFormat.CopilotManifest;
            }
        }
        else if (explicitlyGiven && !IsJson(path, content))
        {
            yield return InputFormat.CloudFormationYaml;
        }
    }

    /// <summary>Whether a file with this name may be of <paramref name="format"/> (a directory walk reads no other files).</summary>
    public static bool NameFits(string path, InputFormat format) => format switch
    {
        InputFormat.TaskDefinitionJson => IsJsonName(path),
        InputFormat.CloudFormationJson => IsJsonName(path) || HasExtension(path, ".template"),
        InputFormat.CloudFormationYaml => IsYamlName(path) || HasExtension(path, ".template"),
        InputFormat.CopilotManifest => IsYamlName(path),
        _ => false,
    };

    /// <summary>
    /// Whether a template's text is JSON: a <c>.json</c> file, or a <c>.template</c> file whose first significant
    /// character opens an object. Anything else is read as YAML.
    /// </summary>
    public static bool IsJson(string path, byte[] content)
    {
        if (IsJsonName(path))
        {
            return true;
        }

        if (!HasExtension(path, ".template"))
        {
            return false;
        }

        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        for (var i = offset; i < offset + length; i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return bytes[i] == (byte)'{';
            }
        }

        return false;
    }

    /// <summary>A cheap look at the text, before parsing: the words every CloudFormation template has.</summary>
    public static bool LooksLikeTemplate(byte[] content)
    {
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        return Contains(bytes, offset, length, FormatVersion) || (Contains(bytes, offset, length, ResourcesKey) && Contains(bytes, offset, length, AwsPrefix));
    }

    /// <summary>A cheap look at the text, before parsing: a Copilot manifest's top-level <c>name:</c> and <c>type:</c> lines.</summary>
    public static bool LooksLikeManifest(byte[] content)
    {
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        // A file with old Mac (CR-only) line endings is still YAML; '^' only follows '\n'.
        var text = Encoding.UTF8.GetString(bytes, offset, length).Replace('\r', '\n');
        return TypeLine.IsMatch(text) && NameLine.IsMatch(text);
    }

    /// <summary>
    /// A cheap look at JSON text that does not parse: whether it has the words of a task definition or service, so
    /// that it is reported as a broken one (ECS0001) even when a directory walk found it.
    /// </summary>
    public static bool LooksLikeTaskDefinition(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 1 << 20));
        return TaskDefinitionSignatures.Any(s => text.IndexOf(s, StringComparison.Ordinal) >= 0);
    }

    /// <summary>
    /// Whether a parsed document is a CloudFormation template: an <c>AWSTemplateFormatVersion</c>, or <c>Resources</c>
    /// with an entry whose <c>Type</c> is namespaced (<c>AWS::ECS::Service</c>, <c>Custom::Thing</c>).
    /// </summary>
    public static bool IsTemplate(SNode root) =>
        root.Kind == NodeKind.Object
        && (root.Get("AWSTemplateFormatVersion") != null
            || (root.Get("Resources") is { Kind: NodeKind.Object } resources
                && resources.Children.Any(r => r.Get("Type") is { Kind: NodeKind.String } t && t.Scalar!.IndexOf("::", StringComparison.Ordinal) > 0)));

    private static bool IsJsonName(string path) => HasExtension(path, ".json");

    private static bool IsYamlName(string path) => HasExtension(path, ".yaml") || HasExtension(path, ".yml");

    private static bool HasExtension(string path, string extension) => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    // Every JSON file is asked this before it is read: the runtime's vectorized search, not a byte loop.
    private static bool Contains(byte[] haystack, int offset, int length, byte[] needle) =>
        new ReadOnlySpan<byte>(haystack, offset, length).IndexOf(needle) >= 0;
}
