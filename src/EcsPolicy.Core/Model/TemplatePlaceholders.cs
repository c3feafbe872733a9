using System.Text.RegularExpressions;

namespace EcsPolicy.Model;

/// <summary>
/// Template placeholders: text a deploy tool replaces before the task definition reaches AWS (ecspresso
/// <c>{{ must_env `IMAGE` }}</c>, envsubst and Terraform <c>${ENVIRONMENT}</c>, <c>$IMAGE</c>, <c>%VAR%</c>, Octopus
/// <c>#{Var}</c>, <c>&lt;IMAGE_URI&gt;</c>). A value holding one is not known statically: it is made unknown where the
/// file is read, so every rule stays silent on it instead of judging the placeholder's own text.
/// </summary>
public static class TemplatePlaceholders
{
    /// <summary>
    /// A placeholder anywhere in a text, as a regular expression that .NET and ECMAScript read alike (the task-definition
    /// JSON Schema uses it, for editors). <c>$VAR</c> needs an upper-case name not followed by a lower-case letter, so
    /// that a password such as <c>Pa$word</c> is not taken for a template; <c>(?=(...))\1</c> takes the whole name at
    /// once, as an atomic group would (ECMAScript has none).
    /// </summary>
    public const string Pattern =
        @"\$\{[^}]*\}|\{\{[^}]*\}\}|\$[A-Z_](?=([A-Z0-9_]*))\1(?![a-z])|%[A-Za-z_][A-Za-z0-9_]*%|#\{[^}]*\}|\{[A-Za-z_][A-Za-z0-9_.-]*\}|<[A-Za-z_][^<>\s]*>";

    // The placeholders without an opening brace pair: ${...}, #{...} and {{...}} are found by HasBracedTemplate, since as
    // alternatives here each "${" of "${${${..." would scan to the end of the text for a '}', in time quadratic in its
    // length. Every alternative left scans a run that cannot hold its own opening character, so these runs never overlap.
    private static readonly Regex Unbraced = new(
        @"\$[A-Z_](?>[A-Z0-9_]*)(?![a-z])|%[A-Za-z_][A-Za-z0-9_]*%|\{[A-Za-z_][A-Za-z0-9_.-]*\}|<[A-Za-z_][^<>\s]*>",
        RegexOptions.CultureInvariant);

    // Values a container runs rather than a deploy tool fills: "$HOME" in a shell command is the shell's.
    private static readonly HashSet<string> RuntimeText = new(StringComparer.Ordinal) { "command", "entryPoint" };

    /// <summary>
    /// True when the text holds a template placeholder (<see cref="Pattern"/>), so its final value is not known
    /// statically. In time linear in the text's length.
    /// </summary>
    public static bool Contains(string text) =>
        (text.IndexOf('$') >= 0 || text.IndexOf('{') >= 0 || text.IndexOf('%') >= 0 || text.IndexOf('<') >= 0)
        && (HasBracedTemplate(text) || Unbraced.IsMatch(text));

    /// <summary>
    /// Whether the text has ${...} or #{...} (an opening with a '}' anywhere after it) or {{...}} (an opening whose first
    /// '}' after it is doubled), in one pass: the first '}' after each opening is looked up once for all of them.
    /// </summary>
    private static bool HasBracedTemplate(string text)
    {
        var last = text.LastIndexOf('}');
        var close = -1;
        for (var i = text.IndexOf('{'); i >= 0 && i < last; i = text.IndexOf('{', i + 1))
        {
            if (i > 0 && text[i - 1] is '$' or '#')
            {
                return true;
            }

            if (text[i + 1] == '{')
            {
                if (close < i + 2)
                {
                    close = text.IndexOf('}', i + 2);
                }

                if (close >= 0 && close + 1 < text.Length && text[close + 1] == '}')
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The tree of a task-definition JSON file with its deploy-time values made unknown; the same tree when there is none.
    /// Made unknown: every string that holds a placeholder; the values a deploy step fills in when they are left empty
    /// (<c>image</c>, which the amazon-ecs-render-task-definition action fills, and the role ARNs, which scripts inject);
    /// an image named as a placeholder for the pipeline (<c>REPLACED_BY_CI</c>, <c>YOUR_ECR_REPO_URI:latest</c>);
    /// the log options of a container left for the render action (its <c>log-configuration-options</c> input adds
    /// them); and in a file with template expressions (<c>{{ }}</c>, <c>${ }</c>), every empty string (template tools such
    /// as ecspresso drop empty values). <paramref name="found"/>: each value made unknown, in text order. Shell commands (<c>command</c>,
    /// <c>entryPoint</c>, a health check's <c>command</c>) are left as they are: their variables are the container's.
    /// </summary>
    public static SNode Unknown(SNode root, out IReadOnlyList<SNode> found)
    {
        var list = new List<SNode>();
        var result = Replace(root, list, emptyIsTemplated: false);
        if (list.Any(n => n.Scalar!.Contains("{{") || n.Scalar!.Contains("${")))
        {
            list.Clear();
            result = Replace(root, list, emptyIsTemplated: true);
        }

        found = list;
        return result;
    }

    // Words that make an image reference a placeholder for the pipeline to replace: REPLACED_BY_CI, YOUR_ECR_REPO_URI:latest.
    private static readonly Regex FillerImage = new(@"(?<![A-Za-z])(REPLACED?|YOUR|PLACEHOLDER|CHANGE_?ME)(?![a-z])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // Empty values that a deploy step fills in.
    private static readonly HashSet<string> FilledWhenEmpty = new(StringComparer.Ordinal) { "image", "executionRoleArn", "taskRoleArn" };

    private static SNode Replace(SNode root, List<SNode> found, bool emptyIsTemplated) =>
        SNode.Rewrite(root, node => ReplacementOf(node, found, emptyIsTemplated));

    // What a node is replaced with (see SNode.Rewrite): a placeholder value becomes unknown, a shell command is kept as it
    // is, and a container left for the render action gets unknown log options; null looks inside.
    private static SNode? ReplacementOf(SNode node, List<SNode> found, bool emptyIsTemplated)
    {
        if (node.Name != null && RuntimeText.Contains(node.Name))
        {
            return node;
        }

        if (node.Kind == NodeKind.String)
        {
            if (Contains(node.Scalar!) || (node.Scalar!.Length == 0 && (emptyIsTemplated || (node.Name != null && FilledWhenEmpty.Contains(node.Name))))
                || (node.Name == "image" && FillerImage.IsMatch(node.Scalar!)))
            {
                found.Add(node);
                return SNode.Unknown("a template placeholder filled in at deploy time", node.Location);
            }

            return node;
        }

        if (node.Kind == NodeKind.Object && node.Get("image") is { Kind: NodeKind.String, Scalar.Length: 0 } && node.Get("logConfiguration") is { Kind: NodeKind.Object } log)
        {
            // A container whose image the render action fills: the action may add log options too.
            var opened = WithMember(node, "logConfiguration", WithMember(log, "options", SNode.Unknown("log options a deploy step may add", log.Get("options")?.Location ?? log.Location)));
            return SNode.Rewrite(opened, n => ReferenceEquals(n, opened) ? null : ReplacementOf(n, found, emptyIsTemplated));
        }

        return null;
    }

    private static SNode WithMember(SNode node, string name, SNode value)
    {
        var members = node.Children.Select(c => Member(c, c.Name == name ? value : c)).ToList();
        if (node.Get(name) is null)
        {
            members.Add((name, null, value.Location, value));
        }

        return SNode.Object(node.Location, members);
    }

    private static (string, string?, SourceLocation, SNode) Member(SNode original, SNode value) =>
        (original.Name!, original.SourceName, original.NameLocation, value);
}
