using System.Globalization;
using System.Text;
using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Shape;

/// <summary>One place where a task definition does not fit the ECS shape.</summary>
/// <param name="RuleId">ECS0002 (unknown property) to ECS0006 (out of range or malformed).</param>
/// <param name="Node">The node the finding is about (the property, the value, or the object missing a member).</param>
/// <param name="Location">Where the finding points.</param>
/// <param name="Message">
/// What is wrong and how to fix it, with the names it gives as parts spelled in the input's vocabulary; never repeats a
/// value from environment or secrets.
/// </param>
public sealed record ShapeViolation(string RuleId, SNode Node, SourceLocation Location, FindingText Message);

/// <summary>The shape violations of one task definition, computed once and shared by the five shape rules.</summary>
public sealed class ShapeValidation
{
    internal ShapeValidation(IReadOnlyList<ShapeViolation> violations)
    {
        Violations = violations;
    }

    public IReadOnlyList<ShapeViolation> Violations { get; }

    /// <summary>The validation of the document being checked (computed on first use).</summary>
    public static ShapeValidation Of(RuleContext context) => context.Document.Shared(ShapeValidator.Validate);

    /// <summary>Reports the violations of <see cref="RuleContext.RuleId"/> in the task definition being checked.</summary>
    public static void Report(RuleContext context) => Report(context, Of(context));

    /// <summary>Reports the violations of <see cref="RuleContext.RuleId"/> in a service or cluster.</summary>
    public static void Report(RuleContext context, ModelObject serviceOrCluster, SourceFormat format) =>
        Report(context, ServiceCache.GetValue(serviceOrCluster.Node, _ => ShapeValidator.Validate(serviceOrCluster, format)));

    // Services and clusters are checked in their own documents; the five shape rules share one validation each.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SNode, ShapeValidation> ServiceCache = new();

    // Each shape rule reports its own violations, found by filtering the list: most task definitions have none, and
    // few have many.
    private static void Report(RuleContext context, ShapeValidation validation)
    {
        foreach (var v in validation.Violations)
        {
            if (v.RuleId == context.RuleId)
            {
                context.Report(v.Location, v.Node.Path, v.Message);
            }
        }
    }
}

/// <summary>
/// Walks the canonical source tree against <see cref="ShapeDescription"/>. Values that are not statically known are
/// never flagged, and JSON <c>null</c> counts as absent.
/// </summary>
public sealed class ShapeValidator
{
    public const string UnknownProperty = "ECS0002";
    public const string WrongType = "ECS0003";
    public const string NotAllowed = "ECS0004";
    public const string RequiredMissing = "ECS0005";
    public const string OutOfRange = "ECS0006";

    /// <summary>Enums longer than this are not listed in full in messages.</summary>
    private const int MaxListedValues = 16;

    private static readonly HashSet<string> SensitiveMembers = new(StringComparer.Ordinal)
    {
        "environment", "secrets", "secretOptions", "repositoryCredentials", "options", "driverOpts",
    };

    /// <summary>What to add, for the most common required members (keyed Structure.member).</summary>
    private static readonly Dictionary<string, string> RequiredHints = new(StringComparer.Ordinal)
    {
        ["TaskDefinition.family"] = "add a family name (1 to 255 letters, numbers, underscores and hyphens)",
        ["TaskDefinition.containerDefinitions"] = "add a list with at least one container definition",
        ["ContainerDefinition.name"] = "give the container a name (1 to 255 letters, numbers, underscores and hyphens)",
        ["ContainerDefinition.image"] = "add the image to run, e.g. \"public.ecr.aws/nginx/nginx:1.27\"",
        ["LogConfiguration.logDriver"] = "add the log driver, e.g. \"awslogs\"",
        ["HealthCheck.command"] = "add the command, e.g. [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]",
        ["Secret.name"] = "add the name of the environment variable or log option to set",
        ["Secret.valueFrom"] = "add the ARN of the Secrets Manager secret or the SSM parameter",
        ["EFSVolumeConfiguration.fileSystemId"] = "add the EFS file system ID, e.g. \"fs-1234567\"",
    };

    // The type of a whole task definition, made on first use (two threads may both make it; either will do).
    private static TypeShape? _taskDefinitionType;

    private readonly bool _lenientScalars;
    private readonly SNode _root;
    private readonly TypeShape _rootType;
    private readonly ShapeDescription _shape;
    private readonly List<ShapeViolation> _violations = [];

    private readonly string _rootName;
    private readonly bool _onlyNearMisses;
    private readonly bool _checkRequired;

    private ShapeValidator(SNode root, TypeShape rootType, ShapeDescription shape, bool lenientScalars, string rootName = "the task definition", bool onlyNearMisses = false, bool checkRequired = true)
    {
        _root = root;
        _rootType = rootType;
        _shape = shape;
        _lenientScalars = lenientScalars;
        _rootName = rootName;
        _onlyNearMisses = onlyNearMisses;
        _checkRequired = checkRequired;
    }

    /// <summary>
    /// Validates a service (CreateService shape) or a cluster (CreateCluster shape). CloudFormation's resources have
    /// properties the API input lacks (ForceNewDeployment, ...), so an unknown property is reported only when it is a
    /// near miss of a known one (a typo); required members are not checked (CloudFormation names services itself).
    /// </summary>
    public static ShapeValidation Validate(ModelObject serviceOrCluster, SourceFormat format)
    {
        var shape = ShapeDescription.Services;
        var isService = serviceOrCluster is Service;
        var structure = isService ? shape.Root : shape.Structure("Cluster")!;
        var type = new TypeShape(ShapeKind.Object) { Structure = structure };
        var validator = new ShapeValidator(serviceOrCluster.Node, type, shape, format == SourceFormat.CloudFormation, isService ? "the service" : "the cluster", onlyNearMisses: true, checkRequired: false);
        validator.CheckValue(serviceOrCluster.Node, type);
        return new ShapeValidation(validator._violations);
    }

    /// <summary>
    /// Validates a task definition; scalars are coerced (lenient) for CloudFormation and for Copilot, which renders a
    /// CloudFormation template (its <c>taskdef_overrides</c> values are CloudFormation values).
    /// </summary>
    public static ShapeValidation Validate(TaskDefinition task) =>
        Validate(task.Node, lenientScalars: task.Format is SourceFormat.CloudFormation or SourceFormat.Copilot);

    /// <summary>
    /// Validates a canonical tree. <paramref name="lenientScalars"/>: accept a scalar of another type where it converts
    /// (CloudFormation does this; the AWS CLI and SDKs do not). Messages name properties as parts, which each input spells
    /// in its own vocabulary when the finding is rendered.
    /// </summary>
    public static ShapeValidation Validate(SNode root, bool lenientScalars)
    {
        var type = _taskDefinitionType ??= new TypeShape(ShapeKind.Object) { Structure = ShapeDescription.Default.Root };
        var validator = new ShapeValidator(root, type, ShapeDescription.Default, lenientScalars);
        validator.CheckValue(root, type);
        return new ShapeValidation(validator._violations);
    }

    private void CheckValue(SNode node, TypeShape type)
    {
        if (node.Kind is NodeKind.Null or NodeKind.Unknown)
        {
            return;
        }

        switch (type.Kind)
        {
            case ShapeKind.String:
                if (node.Kind == NodeKind.String || (_lenientScalars && node.IsScalar))
                {
                    CheckString(node, node.Scalar!, type);
                }
                else
                {
                    ReportWrongType(node, type);
                }

                break;
            case ShapeKind.Integer:
                CheckInteger(node, type);
                break;
            case ShapeKind.Number:
                if (!(node.Kind == NodeKind.Number || (_lenientScalars && node.Kind == NodeKind.String && IsNumber(node.Scalar!))))
                {
                    ReportWrongType(node, type);
                }

                break;
            case ShapeKind.Boolean:
                if (!(node.Kind == NodeKind.Boolean || (_lenientScalars && node.Kind == NodeKind.String && IsBooleanText(node.Scalar!))))
                {
                    ReportWrongType(node, type);
                }

                break;
            case ShapeKind.Timestamp:
                // describe-task-definition prints timestamps as ISO text or epoch seconds.
                if (node.Kind is not (NodeKind.String or NodeKind.Number))
                {
                    ReportWrongType(node, type);
                }

                break;
            case ShapeKind.Array:
                if (node.Kind == NodeKind.Array)
                {
                    CheckArray(node, type);
                }
                else
                {
                    ReportWrongType(node, type);
                }

                break;
            case ShapeKind.Map:
                if (node.Kind == NodeKind.Object)
                {
                    foreach (var entry in node.Children)
                    {
                        CheckValue(entry, type.Values!);
                    }
                }
                else
                {
                    ReportWrongType(node, type);
                }

                break;
            case ShapeKind.Object:
                if (node.Kind == NodeKind.Object)
                {
                    CheckObject(node, type.Structure!);
                }
                else
                {
                    ReportWrongType(node, type);
                }

                break;
        }
    }

    private void CheckObject(SNode node, StructureShape structure)
    {
        List<string>? suggested = null;
        foreach (var child in node.Children)
        {
            if (child.Kind == NodeKind.Null)
            {
                continue;
            }

            var member = structure.Member(child.Name!);
            if (member is null)
            {
                if (ReportUnknown(node, child, structure) is { } suggestion)
                {
                    (suggested ??= []).Add(suggestion);
                }
            }
            else
            {
                CheckValue(child, member);
            }
        }

        CheckRequired(node, structure, suggested);
    }

    /// <param name="suggested">Members an unknown property was taken for: ECS0002 already reports them as misspelt.</param>
    private void CheckRequired(SNode node, StructureShape structure, List<string>? suggested)
    {
        if (!_checkRequired)
        {
            return;
        }

        // Indexed loops and no lambdas: this runs for every object of every task definition.
        var required = structure.Required;
        for (var i = 0; i < required.Count; i++)
        {
            if (IsMissing(node, required[i], suggested))
            {
                ReportMissing(node, structure, required[i]);
            }
        }

        var oneOf = structure.RequiredOneOf;
        if (oneOf.Count > 0 && AllMissing(node, oneOf, suggested))
        {
            ReportMissing(node, structure, oneOf[0]);
        }

        var requiredWith = structure.RequiredWith;
        for (var i = 0; i < requiredWith.Count; i++)
        {
            var (member, when) = requiredWith[i];
            if (IsMissing(node, member, suggested))
            {
                var trigger = FirstPresent(node, when);
                if (trigger != null)
                {
                    Add(RequiredMissing, node, Anchor(node),
                        $"{Capitalize(Owner(node))} has no '{Show(member, structure, node)}'; a volume with '{Show(trigger, structure, node, node.Get(trigger))}' needs a name (1 to 255 letters, numbers, underscores and hyphens) that mount points refer to.");
                }
            }
        }
    }

    // Absent, and not what an unknown property was taken for (see CheckRequired).
    private static bool IsMissing(SNode node, string member, List<string>? suggested) =>
        IsAbsent(node.Get(member)) && suggested?.Contains(member) != true;

    private static bool AllMissing(SNode node, IReadOnlyList<string> members, List<string>? suggested)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (!IsMissing(node, members[i], suggested))
            {
                return false;
            }
        }

        return true;
    }

    private static string? FirstPresent(SNode node, IReadOnlyList<string> members)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (!IsAbsent(node.Get(members[i])))
            {
                return members[i];
            }
        }

        return null;
    }

    private void CheckArray(SNode node, TypeShape type)
    {
        var present = 0;
        var unknown = 0;
        foreach (var item in node.Children)
        {
            if (item.Kind == NodeKind.Null)
            {
                continue;
            }

            if (item.Kind == NodeKind.Unknown)
            {
                unknown++;
                continue;
            }

            present++;
            CheckValue(item, type.Items!);
        }

        if (type.MaxItems is { } max && present > max)
        {
            Add(OutOfRange, node, node.Location,
                $"{Subject(node)} has {Num(present)} entries; at most {Num(max)} are allowed. Remove {Num(present - max)}.");
        }

        if (type.MinItems is { } min && unknown == 0 && present < min)
        {
            var message = present == 0
                ? FindingText.Of($"{Subject(node)} is empty; ") + (node.Name == "containerDefinitions" && node.Parent == _root
                    ? "a task definition needs at least one container definition."
                    : "it needs at least " + Num(min) + " " + (min == 1 ? "entry." : "entries."))
                : FindingText.Of($"{Subject(node)} has {Num(present)} entries; at least {Num(min)} are required.");
            Add(type.MinItemsRule, node, node.Location, message);
        }

        if (type.UniqueKey is { } key)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in node.Children)
            {
                if (item.Kind == NodeKind.Object && item.Get(key) is { Kind: NodeKind.String } k && !seen.Add(k.Scalar!))
                {
                    var name = Show(key, type.Items!.Structure!, item, k);
                    Add(OutOfRange, k, k.Location,
                        $"{Subject(k)} repeats the {name} '{k.Scalar}' of an earlier entry; each {name} may appear only once.");
                }
            }
        }
    }

    private void CheckInteger(SNode node, TypeShape type)
    {
        string text;
        if (node.Kind == NodeKind.Number)
        {
            text = node.Scalar!;
            if (!IsIntegerLiteral(text))
            {
                ReportWrongType(node, type);
                return;
            }
        }
        else if (_lenientScalars && node.Kind == NodeKind.String && IsIntegerLiteral(node.Scalar!.Trim()))
        {
            text = node.Scalar!.Trim();
        }
        else
        {
            ReportWrongType(node, type);
            return;
        }

        if ((type.Minimum.HasValue || type.Maximum.HasValue)
            && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            && (value < type.Minimum || value > type.Maximum))
        {
            var range = type.Maximum.HasValue
                ? "use a value from " + Num(type.Minimum ?? long.MinValue) + " to " + Num(type.Maximum.Value)
                : "use " + Num(type.Minimum!.Value) + " or more";
            Add(OutOfRange, node, node.Location, $"{Subject(node)} is {(IsSensitive(node) ? "out of range" : text)}; {range}.");
        }
    }

    private void CheckString(SNode node, string text, TypeShape type)
    {
        if (IsPlaceholder(text) || Model.TemplatePlaceholders.Contains(text))
        {
            // "$FAMILY" / "${IMAGE_TAG}": a template value that envsubst or a CI step fills in; not known here.
            return;
        }

        if (type.Enum is { } allowed)
        {
            if (!allowed.Contains(text))
            {
                ReportNotAllowed(node, text, allowed);
            }

            return;
        }

        var length = CodePoints(text);
        if (type.MinLength is { } minLength && length < minLength)
        {
            Add(OutOfRange, node, node.Location, $"{Subject(node)}{(length == 0 ? " is empty" : " is too short")}; it needs at least {Num(minLength)}{(minLength == 1 ? " character." : " characters.")}");
            return;
        }

        if (type.MaxLength is { } maxLength && length > maxLength)
        {
            Add(OutOfRange, node, node.Location, $"{Subject(node)} is {Num(length)} characters long; at most {Num(maxLength)} are allowed.");
            return;
        }

        if (type.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            Add(OutOfRange, node, node.Location, $"{Subject(node)} has characters or a form that is not allowed; use {type.PatternHint}.");
            return;
        }

        if (type.Format is { } format && ShapeFormats.Check(format, text) is { } problem)
        {
            Add(OutOfRange, node, node.Location, Subject(node) + problem);
        }
    }

    /// <returns>The suggested member name, if any.</returns>
    private string? ReportUnknown(SNode owner, SNode property, StructureShape structure)
    {
        var name = property.SourceName ?? property.Name!;
        var suggestion = Suggest(property, structure);
        if (_onlyNearMisses && suggestion is null)
        {
            return null;
        }

        // A template that writes the API's camelCase (networkMode) is not told that name back: the message gives its own.
        var apiSpelling = IsApiSpelling(name, suggestion, structure, owner);
        var message = FindingText.Of($"Unknown property{new WrittenName(" '" + name + "'", "", apiSpelling)} in {Owner(owner)}");
        if (suggestion != null)
        {
            message += FindingText.Of($"{new WrittenName("; did you mean '", ": it is written in the ECS API's spelling; rename it to '", apiSpelling)}{Show(suggestion, structure, owner, writtenBy: property)}{new WrittenName("'?", "'.", apiSpelling)}");
        }
        else if (IsContainer(owner) && _shape.Root.Member(property.Name!) != null)
        {
            message += FindingText.Of($"; {new WrittenName("'" + name + "'", "it", apiSpelling)} is a task-level property: move it out of the container definition to the top level.");
        }
        else if (owner == _root && _shape.Structure("ContainerDefinition")?.Member(property.Name!) != null)
        {
            message += FindingText.Of($"; {new WrittenName("'" + name + "'", "it", apiSpelling)} is a container property: move it into a container definition.");
        }
        else
        {
            message += "; remove it or use a property listed in the " + structure.Name + " reference: " + structure.DocumentationUri + ".";
        }

        Add(UnknownProperty, property, property.NameLocation, message);
        return suggestion;
    }

    /// <summary>
    /// Whether <paramref name="written"/> is the API's spelling of a member that other vocabularies spell otherwise: of the
    /// member suggested, or of a task-level or container member written in the wrong object.
    /// </summary>
    private bool IsApiSpelling(string written, string? suggestion, StructureShape structure, SNode owner)
    {
        if (suggestion != null)
        {
            return written == suggestion && CfnNames.Spelling(structure, suggestion) != written;
        }

        var elsewhere = IsContainer(owner) ? _shape.Root : owner == _root ? _shape.Structure("ContainerDefinition") : null;
        return elsewhere?.Member(written) != null && CfnNames.Spelling(elsewhere, written) != written;
    }

    private void ReportMissing(SNode node, StructureShape structure, string member)
    {
        var hint = RequiredHint(structure, member, node);
        var alternatives = structure.RequiredOneOf.Count > 1 && structure.RequiredOneOf[0] == member
            ? FindingText.Of($" (or '{Show(structure.RequiredOneOf[1], structure, node)}')")
            : "";
        Add(RequiredMissing, node, Anchor(node), $"{Capitalize(Owner(node))} is missing the required property '{Show(member, structure, node)}'{alternatives}; {hint}.");
    }

    /// <summary>What to add for a required member: <see cref="RequiredHints"/>, with the names it gives as parts.</summary>
    private static FindingText RequiredHint(StructureShape structure, string member, SNode node) =>
        (structure.Name, member) switch
        {
            ("PortMapping", "containerPort") => FindingText.Of($"add the container port (or a {Show("containerPortRange", structure, node)})"),
            _ => RequiredHints.TryGetValue(structure.Name + "." + member, out var h) ? h : "add it",
        };

    private void ReportNotAllowed(SNode node, string text, EnumShape allowed)
    {
        var message = new StringBuilder();
        if (text.Length == 0)
        {
            message.Append(" is empty");
        }
        else
        {
            message.Append(" is '").Append(text).Append("', which is not an allowed value");
        }

        var caseMatch = allowed.CaseInsensitiveMatch(text);
        var withoutCap = text.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? allowed.CaseInsensitiveMatch(text.Substring(4)) : null;
        if (caseMatch != null)
        {
            message.Append("; write '").Append(caseMatch).Append("' (values are case-sensitive)");
        }
        else if (withoutCap != null)
        {
            message.Append("; write '").Append(withoutCap).Append("' (without the CAP_ prefix)");
        }
        else if (text.Length > 0 && Nearest(text, allowed.Values) is { } near)
        {
            message.Append("; did you mean '").Append(near).Append("'?");
        }

        if (allowed.Values.Count <= MaxListedValues)
        {
            message.Append(message[message.Length - 1] == '?' ? " Allowed values: " : ". Allowed values: ").Append(string.Join(", ", allowed.Values)).Append('.');
        }
        else
        {
            message.Append(message[message.Length - 1] == '?' ? " The allowed values are listed at " : ". The allowed values are listed at ").Append(allowed.Reference ?? "the ECS API reference").Append('.');
        }

        Add(NotAllowed, node, node.Location, Subject(node) + message.ToString());
    }

    private void ReportWrongType(SNode node, TypeShape type)
    {
        var expected = type.Kind switch
        {
            ShapeKind.String => "a string",
            ShapeKind.Integer => "a whole number",
            ShapeKind.Number => "a number",
            ShapeKind.Boolean => "true or false",
            ShapeKind.Timestamp => "a timestamp",
            ShapeKind.Array => "a list",
            ShapeKind.Map => "an object of names and string values",
            _ => "an object",
        };
        var actual = node.Kind switch
        {
            NodeKind.String => "a string",
            NodeKind.Number => IsIntegerLiteral(node.Scalar!) ? "a number" : "a decimal number",
            NodeKind.Boolean => "a boolean",
            NodeKind.Array => "a list",
            _ => "an object",
        };
        var sensitive = IsSensitive(node);
        var fix = (type.Kind, node.Kind) switch
        {
            (ShapeKind.String, NodeKind.Number or NodeKind.Boolean) => sensitive
                ? "put the value in quotes"
                : "write it in quotes: \"" + node.Scalar + "\"",
            (ShapeKind.Integer, NodeKind.String) when IsIntegerLiteral(node.Scalar!.Trim()) => sensitive
                ? "remove the quotes"
                : "write " + node.Scalar!.Trim() + " without quotes",
            (ShapeKind.Integer, NodeKind.String) when !sensitive && LeadingInteger(node.Scalar!.Trim()) is { } number => "write " + number
                + " alone: the '" + node.Scalar!.Trim().Substring(number.Length) + "' after it makes the value text",
            (ShapeKind.Integer, NodeKind.String) when node.IsPlainYamlString => "use a whole number",
            (ShapeKind.Integer, _) => "use a whole number without quotes",
            (ShapeKind.Boolean, NodeKind.String) when IsBooleanText(node.Scalar!) => "write " + node.Scalar!.Trim().ToLowerInvariant() + " without quotes",
            (ShapeKind.Boolean, _) => "use true or false",
            (ShapeKind.Array, NodeKind.Object) => "put the object in a list: [ { ... } ]",
            (ShapeKind.Array, _) => "wrap the value in a list: [ ... ]",
            (ShapeKind.Object, NodeKind.Array) when node.Children.Count == 1 && node.Children[0].Kind == NodeKind.Object => "remove the surrounding [ ] and keep the single object",
            (ShapeKind.Map, _) => "use an object such as { \"name\": \"value\" }",
            _ => "use " + expected,
        };
        var note = !_lenientScalars && node.IsScalar && type.Kind is ShapeKind.String or ShapeKind.Integer or ShapeKind.Boolean
            ? " (the AWS CLI and SDKs reject " + actual + " here)"
            : "";
        Add(WrongType, node, node.Location, $"{Subject(node)} must be {expected}, not {actual}; {fix}{note}.");
    }

    private void Add(string ruleId, SNode node, SourceLocation location, FindingText message) =>
        _violations.Add(new ShapeViolation(ruleId, node, location, message));

    private void Add(string ruleId, SNode node, SourceLocation location, FindingTextBuilder message) => Add(ruleId, node, location, message.ToText());

    /// <summary>
    /// The member an unknown property was probably meant to be: a case-only difference, else the nearest name by edit
    /// distance; by canonical name, and by CloudFormation's spelling too, which templates, Copilot overrides and CDK L1
    /// props write (ClusterSettings for the API's settings).
    /// </summary>
    private static string? Suggest(SNode property, StructureShape structure)
    {
        var name = property.Name!;
        var written = property.SourceName ?? name;
        foreach (var candidate in structure.MemberNames)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(CfnNames.Spelling(structure, candidate), written, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        var nearest = Nearest(name, structure.MemberNames);
        if (nearest is null)
        {
            var spellings = structure.MemberNames.Select(m => CfnNames.Spelling(structure, m)).ToList();
            var spelling = Nearest(written, spellings);
            nearest = spelling is null ? null : structure.MemberNames[spellings.IndexOf(spelling)];
        }

        return nearest;
    }

    private static string? Nearest(string text, IReadOnlyList<string> candidates)
    {
        var limit = text.Length <= 3 ? 0 : text.Length <= 5 ? 1 : text.Length <= 9 ? 2 : 3;
        string? best = null;
        var bestDistance = limit + 1;
        var lower = text.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - text.Length) >= bestDistance)
            {
                continue;
            }

            var d = Distance(lower, candidate.ToLowerInvariant(), bestDistance);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance (edits and adjacent transpositions), capped at <paramref name="cap"/>.</summary>
    internal static int Distance(string a, string b, int cap = int.MaxValue)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }

                d[i, j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            if (rowMin >= cap && b.Length > 0)
            {
                return cap;
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>How messages name a value: <c>'portMappings[0].hostPort' in container 'web'</c>.</summary>
    private FindingText Subject(SNode node)
    {
        var owner = OwnerEntity(node);
        return owner != null
            ? FindingText.Of($"'{Path(owner, node)}' in {EntityName(owner)}")
            : FindingText.Of($"'{Path(_root, node)}'");
    }

    /// <summary>How messages name an object: the task definition, a container, a volume, or a path within one.</summary>
    private FindingText Owner(SNode node)
    {
        if (node == _root)
        {
            return _rootName;
        }

        if (IsEntity(node))
        {
            return EntityName(node);
        }

        var owner = OwnerEntity(node);
        return owner != null
            ? FindingText.Of($"'{Path(owner, node)}' of {EntityName(owner)}")
            : FindingText.Of($"'{Path(_root, node)}'");
    }

    /// <summary>The container or volume <paramref name="node"/> is inside (not itself), or null.</summary>
    private SNode? OwnerEntity(SNode node)
    {
        for (var n = node.Parent; n != null; n = n.Parent)
        {
            if (IsEntity(n))
            {
                return n;
            }
        }

        return null;
    }

    private bool IsEntity(SNode node) => IsContainer(node) || IsVolume(node);

    private bool IsContainer(SNode node) =>
        node.Kind == NodeKind.Object && node.Parent is { Name: "containerDefinitions", Kind: NodeKind.Array } list && list.Parent == _root;

    private bool IsVolume(SNode node) =>
        node.Kind == NodeKind.Object && node.Parent is { Name: "volumes", Kind: NodeKind.Array } list && list.Parent == _root;

    private FindingText EntityName(SNode entity)
    {
        var kind = IsContainer(entity) ? "container" : "volume";
        return entity.Get("name") is { Kind: NodeKind.String } name && name.Scalar!.Length > 0
            ? kind + " '" + name.Scalar + "'"
            : FindingText.Of($"the {kind} at {Path(_root, entity)}");
    }

    /// <summary>The path from (excluding) <paramref name="from"/> to <paramref name="node"/>, spelled by each input.</summary>
    private SpelledPart Path(SNode from, SNode node) => new ShapePath(_root, _rootType, from, node);

    /// <summary>ModelObject.AnchorLocation semantics: the object's name value, else its opening brace.</summary>
    private static SourceLocation Anchor(SNode node)
    {
        if (node.Get("name") is { } name && name.IsScalar)
        {
            return name.Location;
        }

        var start = node.Location;
        return new SourceLocation(start.File, start.StartLine, start.StartColumn, start.StartLine, start.StartColumn + 1);
    }

    private static bool IsSensitive(SNode node)
    {
        for (var n = node; n != null; n = n.Parent)
        {
            if (n.Name != null && SensitiveMembers.Contains(n.Name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Member <paramref name="member"/> of <paramref name="owner"/> (of <paramref name="structure"/>), spelled by each input
    /// (<see cref="Vocabularies.Names"/>). <paramref name="node"/> is its value when the file wrote one, which gives the
    /// spelling written; a suggestion for a misspelt name passes none, as the value under that name may be the misspelling's.
    /// </summary>
    private static SpelledPart Show(string member, StructureShape structure, SNode owner, SNode? node = null, SNode? writtenBy = null) =>
        new ShapeMember(new PropRef(structure.Name, member, owner, node), writtenBy ?? owner);

    private static bool IsAbsent(SNode? node) => node is null || node.Kind == NodeKind.Null;

    /// <summary>
    /// The whole number a text starts with when only punctuation follows it (<c>1,</c> or <c>"2;"</c>: a stray character
    /// after the number), else null.
    /// </summary>
    private static string? LeadingInteger(string text)
    {
        var end = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var digitsStart = end;
        while (end < text.Length && text[end] is >= '0' and <= '9')
        {
            end++;
        }

        return end > digitsStart && end < text.Length && end - digitsStart <= 18 && text.Skip(end).All(c => char.IsPunctuation(c) || char.IsSymbol(c))
            ? text.Substring(0, end)
            : null;
    }

    private static bool IsIntegerLiteral(string text)
    {
        var start = text.Length > 0 && text[0] == '-' ? 1 : 0;
        if (text.Length == start)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A whole value that is a shell-style variable: <c>$NAME</c> or <c>${NAME}</c>.</summary>
    private static bool IsPlaceholder(string text)
    {
        if (text.Length < 2 || text[0] != '$')
        {
            return false;
        }

        var braced = text[1] == '{';
        var start = braced ? 2 : 1;
        var end = braced ? text.Length - 1 : text.Length;
        if (braced && text[text.Length - 1] != '}')
        {
            return false;
        }

        if (end <= start || char.IsDigit(text[start]))
        {
            return false;
        }

        for (var i = start; i < end; i++)
        {
            var ch = text[i];
            if (!(ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool IsBooleanText(string text) =>
        string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    private static int CodePoints(string text)
    {
        var count = 0;
        foreach (var ch in text)
        {
            if (!char.IsLowSurrogate(ch))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The text with a capital first letter (its first part is text: the task definition, a container, a path's quote).</summary>
    private static FindingText Capitalize(FindingText text) =>
        text.Parts.Count > 0 && text.Parts[0] is string { Length: > 0 } first && char.IsLower(first[0])
            ? new FindingText([char.ToUpperInvariant(first[0]) + first.Substring(1), .. text.Parts.Skip(1)])
            : text;

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
