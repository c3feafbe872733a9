using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EcsPolicy.Catalog;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Policies;

/// <summary>A problem in a custom policy file, at the place it is written.</summary>
public sealed record PolicyError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location.File}({Location.StartLine},{Location.StartColumn}): error: {Message}";
}

/// <summary>
/// A team's own rule, written as YAML (see <c>docs/custom-policies.md</c>): an ID with their own prefix, a title, a
/// severity, help, and a declarative condition over the common model, so one policy applies to task-definition JSON,
/// CloudFormation, CDK C# and Copilot alike:
/// <code>
/// id: ACME001
/// title: Images come from the company registry
/// severity: error
/// help: Push the image to 111122223333.dkr.ecr.us-east-1.amazonaws.com and use it from there.
/// for-each: containers[*]
/// assert: { path: image, matches: '^111122223333\.dkr\.ecr\.' }
/// </code>
/// <c>applies-to</c> is <c>task</c> (the default) or <c>service</c>; <c>for-each</c> picks the subjects (the whole object
/// when absent); <c>when</c> limits the subjects checked; each subject where <c>assert</c> is false is a finding at the
/// value at fault (or at the subject, for a missing value). <c>message</c> may use <c>{name}</c>, <c>{path}</c> and
/// <c>{value}</c>; values of environment variables, secrets and log options are never printed.
/// </summary>
public sealed class CustomPolicy : Rule
{
    private static readonly Regex IdPattern = new("^[A-Z][A-Z0-9]*[0-9]+$", RegexOptions.CultureInvariant);

    private static readonly string[] TopKeys = ["id", "title", "severity", "help", "rationale", "help-uri", "tags", "applies-to", "for-each", "when", "assert", "message"];

    private static readonly string[] Comparisons = ["equals", "not-equals", "in", "not-in", "matches", "exists", "contains", "gt", "gte", "lt", "lte"];

    /// <summary>At most this many characters of a value or name are quoted in a message.</summary>
    internal const int QuotedLength = 200;

    private readonly bool _service;
    private readonly PolicyPath? _forEach;
    private readonly PolicyCondition? _when;
    private readonly PolicyCondition _assert;
    private readonly string? _message;

    // The policy's state on each file being checked, keyed by the file's budget: the CLI checks files on several
    // threads with the same policies, one file on one thread at a time.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Budget, PolicyRun> _runs = new();

    private CustomPolicy(RuleMetadata metadata, bool service, PolicyPath? forEach, PolicyCondition? when, PolicyCondition assert, string? message)
    {
        Metadata = metadata;
        _service = service;
        _forEach = forEach;
        _when = when;
        _assert = assert;
        _message = message;
    }

    public override string Id => Metadata.Id;

    /// <summary>The policy's metadata, as the outputs show it (SARIF rule, help).</summary>
    public RuleMetadata Metadata { get; }

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!_service)
        {
            Run(task.Node, task.DisplayName, context);
        }
    }

    public override void CheckService(Service service, RuleContext context)
    {
        if (_service)
        {
            Run(service.Node, service.DisplayName, context);
        }
    }

    private void Run(SNode root, string objectName, RuleContext context)
    {
        var run = _runs.GetValue(context.Budget, budget => new PolicyRun(budget, Id));
        IReadOnlyList<SNode> subjects = [root];
        if (_forEach != null)
        {
            var selection = _forEach.Select(root, run);
            if (selection.Unknown)
            {
                return;
            }

            subjects = selection.Values;
        }

        foreach (var subject in subjects)
        {
            if (_when != null && _when.Evaluate(subject, run).Value != true)
            {
                continue;
            }

            var outcome = _assert.Evaluate(subject, run);
            if (outcome.Value == false)
            {
                var at = outcome.At ?? subject;
                context.Report(at.Location, at.Path, Message(subject, at, objectName));
            }
        }
    }

    private string Message(SNode subject, SNode at, string objectName)
    {
        var name = Cut(subject.Get("name") is { IsScalar: true } n ? n.Scalar! : objectName);
        var value = Shown(at);
        var path = at == subject ? (_forEach?.Text ?? "") : PathUnder(subject, at);
        if (_message != null)
        {
            return Fill(_message, name, path, value ?? "(value not shown)");
        }

        var what = value != null ? "'" + name + "' has " + path + " '" + value + "'" : "'" + name + "' does not comply" + (path.Length > 0 ? " (" + path + ")" : "");
        return Metadata.Title + ": " + what + ". " + Metadata.Help;
    }

    /// <summary>
    /// The value of <paramref name="node"/> as a message may quote it, or null when it must not be shown: it is not a
    /// scalar, it is under a member that holds secrets (environment, secrets, log options, ...), or it looks like a
    /// secret by the same detectors that judge plain environment values (ECS3001): <c>--password=...</c> in a command,
    /// a URL with a password, a token, a key. A long value is cut.
    /// </summary>
    private static string? Shown(SNode node)
    {
        if (!node.IsScalar || IsSensitive(node))
        {
            return null;
        }

        var value = node.Scalar!;
        return Rules.Secrets.SecretDetectors.Detect(node.Name, value) is null ? Cut(value) : null;
    }

    private static string Cut(string text) => text.Length <= QuotedLength ? text : text.Substring(0, QuotedLength) + "…";

    /// <summary>
    /// The message with {name}, {path} and {value} filled in, in one pass: a name or value that itself contains
    /// "{value}" stays as it is written.
    /// </summary>
    private static string Fill(string message, string name, string path, string value)
    {
        var text = new StringBuilder(message.Length + value.Length);
        var i = 0;
        while (i < message.Length)
        {
            var open = message.IndexOf('{', i);
            if (open < 0)
            {
                break;
            }

            text.Append(message, i, open - i);
            var filled = Placeholder(message, open, "{name}", name) ?? Placeholder(message, open, "{path}", path) ?? Placeholder(message, open, "{value}", value);
            if (filled is null)
            {
                text.Append('{');
                i = open + 1;
            }
            else
            {
                text.Append(filled.Value.Text);
                i = open + filled.Value.Length;
            }
        }

        return text.Append(message, i, message.Length - i).ToString();
    }

    private static (string Text, int Length)? Placeholder(string message, int at, string placeholder, string text) =>
        string.CompareOrdinal(message, at, placeholder, 0, placeholder.Length) == 0 ? (text, placeholder.Length) : null;

    private static bool IsSensitive(SNode node)
    {
        for (var n = node; n != null; n = n.Parent)
        {
            if (n.Name is "environment" or "secrets" or "secretOptions" or "options" or "value" or "repositoryCredentials" or "driverOpts")
            {
                return true;
            }
        }

        return false;
    }

    private static string PathUnder(SNode subject, SNode node)
    {
        var parts = new List<string>();
        for (var n = node; n != null && n != subject; n = n.Parent)
        {
            parts.Add(n.Name ?? "[" + n.Index.ToString(CultureInfo.InvariantCulture) + "]");
        }

        parts.Reverse();
        return string.Join(".", parts).Replace(".[", "[");
    }

    /// <summary>Reads a policy file; the errors say what is wrong and where (line and column in the file).</summary>
    public static CustomPolicy? Parse(string path, byte[] content, out IReadOnlyList<PolicyError> errors)
    {
        var list = new List<PolicyError>();
        errors = list;
        var root = YamlTreeReader.Parse(path, content, out var failure);
        if (root is null)
        {
            list.Add(new PolicyError(failure!.Location, failure.Message));
            return null;
        }

        var start = SourceLocation.At(path, 1, 1);
        if (root.Kind != NodeKind.Object)
        {
            list.Add(new PolicyError(root.Location, "A policy is a YAML mapping with id, title, severity, help and assert."));
            return null;
        }

        foreach (var child in root.Children.Where(c => !TopKeys.Contains(c.Name)))
        {
            list.Add(new PolicyError(child.NameLocation, "'" + child.Name + "' is not a policy key; use " + string.Join(", ", TopKeys) + "."));
        }

        string? Text(string key, bool required)
        {
            var node = root.Get(key);
            if (node is { IsScalar: true } && node.Kind != NodeKind.Null && node.Scalar!.Trim().Length > 0)
            {
                return node.Scalar.Trim();
            }

            if (node != null || required)
            {
                list.Add(new PolicyError(node?.Location ?? start, "'" + key + "' " + (node is null ? "is required" : "must be non-empty text") + "."));
            }

            return null;
        }

        var id = Text("id", true);
        if (id != null && (!IdPattern.IsMatch(id) || id.StartsWith("ECS", StringComparison.Ordinal)))
        {
            list.Add(new PolicyError(root.Get("id")!.Location, "The id '" + id + "' must be capital letters followed by digits (e.g. ACME001) and must not start with ECS, which is EcsPolicy's own prefix."));
        }

        var title = Text("title", true);
        var help = Text("help", true);
        var severityText = Text("severity", true);
        var severity = Severity.Warning;
        if (severityText != null && !SeverityNames.TryParse(severityText, out severity))
        {
            list.Add(new PolicyError(root.Get("severity")!.Location, "The severity '" + severityText + "' is not error, warning or note."));
        }

        var appliesTo = Text("applies-to", false) ?? "task";
        if (appliesTo is not ("task" or "service"))
        {
            list.Add(new PolicyError(root.Get("applies-to")!.Location, "applies-to is 'task' or 'service', not '" + appliesTo + "'."));
        }

        PolicyPath? forEach = null;
        if (Text("for-each", false) is { } forEachText)
        {
            forEach = PolicyPath.Parse(forEachText, out var error);
            if (error != null)
            {
                list.Add(new PolicyError(root.Get("for-each")!.Location, error + "."));
            }
        }

        var when = root.Get("when") is { } whenNode ? Condition(whenNode, list) : null;
        var assertNode = root.Get("assert");
        if (assertNode is null)
        {
            list.Add(new PolicyError(start, "'assert' is required: the condition every subject must meet."));
        }

        var assert = assertNode is null ? null : Condition(assertNode, list);
        if (list.Count > 0 || id is null || title is null || help is null || assert is null)
        {
            return null;
        }

        var metadata = new RuleMetadata
        {
            Id = id,
            Title = title,
            DefaultSeverity = severity,
            Category = "Custom",
            Help = help,
            Rationale = Text("rationale", false) ?? help,
            Tags = root.Get("tags") is { Kind: NodeKind.Array } tags ? tags.Children.Where(t => t.IsScalar).Select(t => t.Scalar!).ToList() : ["custom"],
            HelpUriOverride = Text("help-uri", false) ?? "",
        };
        return new CustomPolicy(metadata, appliesTo == "service", forEach, when, assert, Text("message", false));
    }

    private static PolicyCondition? Condition(SNode node, List<PolicyError> errors)
    {
        if (node.Kind != NodeKind.Object || node.Children.Count == 0)
        {
            errors.Add(new PolicyError(node.Location, "A condition is a mapping: {path: ..., <operator>: ...}, {all: [...]}, {any: [...]} or {not: ...}."));
            return null;
        }

        if (node.Get("all") is { } all || node.Get("any") is { } any)
        {
            var list = node.Get("all") ?? node.Get("any")!;
            if (list.Kind != NodeKind.Array || list.Children.Count == 0)
            {
                errors.Add(new PolicyError(list.Location, "'" + list.Name + "' takes a non-empty list of conditions."));
                return null;
            }

            var parts = list.Children.Select(c => Condition(c, errors)).ToList();
            if (parts.Any(p => p is null))
            {
                return null;
            }

            return list.Name == "all" ? new PolicyCondition.All(parts!) : new PolicyCondition.Any(parts!);
        }

        if (node.Get("not") is { } not)
        {
            return Condition(not, errors) is { } inner ? new PolicyCondition.Not(inner) : null;
        }

        var operators = node.Children.Where(c => c.Name != "path").ToList();
        var pathNode = node.Get("path");
        if (pathNode is not { Kind: NodeKind.String })
        {
            errors.Add(new PolicyError(pathNode?.Location ?? node.Location, "A comparison needs 'path': where in the model to look, e.g. containers[*].image."));
            return null;
        }

        var path = PolicyPath.Parse(pathNode.Scalar!, out var pathError);
        if (pathError != null)
        {
            errors.Add(new PolicyError(pathNode.Location, pathError + "."));
            return null;
        }

        if (operators.Count != 1 || !Comparisons.Contains(operators[0].Name))
        {
            errors.Add(new PolicyError(operators.Count > 0 ? operators[0].NameLocation : node.Location, "A comparison has exactly one operator beside 'path': " + string.Join(", ", Comparisons) + "."));
            return null;
        }

        var op = operators[0];
        var operands = op.Kind == NodeKind.Array ? op.Children.Select(c => c.Scalar ?? "").ToList() : [op.Scalar ?? ""];
        switch (op.Name)
        {
            case "in" or "not-in" when op.Kind != NodeKind.Array:
                errors.Add(new PolicyError(op.Location, "'" + op.Name + "' takes a list of values."));
                return null;
            case "exists" when op.Kind != NodeKind.Boolean:
                errors.Add(new PolicyError(op.Location, "'exists' is true or false."));
                return null;
            case "gt" or "gte" or "lt" or "lte" when op.Kind != NodeKind.Number:
                errors.Add(new PolicyError(op.Location, "'" + op.Name + "' takes a number."));
                return null;
            case "matches":
                try
                {
                    _ = new Regex(operands[0], RegexOptions.CultureInvariant);
                }
                catch (ArgumentException e)
                {
                    errors.Add(new PolicyError(op.Location, "'" + operands[0] + "' is not a regular expression: " + e.Message));
                    return null;
                }

                break;
        }

        if (op.Kind is NodeKind.Object || (op.Kind == NodeKind.Array && op.Children.Any(c => !c.IsScalar)))
        {
            errors.Add(new PolicyError(op.Location, "'" + op.Name + "' takes a value (or a list of values), not a mapping."));
            return null;
        }

        return new PolicyCondition.Leaf(path!, op.Name!, operands);
    }

    /// <summary>
    /// Reads policy files in the order given (the CLI reads a folder's through its guarded reader; the analyzer gets them
    /// as AdditionalFiles): the valid policies, and every error, each at its file (a policy whose
    /// id an earlier file already uses is an error at the top of its file).
    /// </summary>
    public static IReadOnlyList<CustomPolicy> Load(IEnumerable<(string Path, byte[] Content)> files, out IReadOnlyList<PolicyError> errors)
    {
        var policies = new List<CustomPolicy>();
        var all = new List<PolicyError>();
        foreach (var (file, content) in files)
        {
            var policy = Parse(file, content, out var fileErrors);
            all.AddRange(fileErrors);
            if (policy != null)
            {
                if (policies.Any(p => p.Id == policy.Id))
                {
                    all.Add(new PolicyError(SourceLocation.At(file, 1, 1), "The id " + policy.Id + " is used by another policy."));
                }
                else
                {
                    policies.Add(policy);
                }
            }
        }

        errors = all;
        return policies;
    }

    /// <summary>The text of an example policy, e.g. for tests: the bytes of <paramref name="yaml"/>.</summary>
    public static CustomPolicy? Parse(string path, string yaml, out IReadOnlyList<PolicyError> errors) =>
        Parse(path, Encoding.UTF8.GetBytes(yaml), out errors);
}
