using System.Globalization;
using System.Text;

namespace EcsPolicy.Inputs.CloudFormation;

/// <summary>
/// Turns intrinsic functions into values where the template alone decides them, and into
/// <see cref="NodeKind.Unknown"/> nodes (with the reason) everywhere else, so that no rule fires on a guess.
/// Known: <c>Ref</c> to a parameter with a <c>Default</c>, <c>Fn::FindInMap</c> on known keys, <c>Fn::Sub</c>,
/// <c>Fn::Join</c> and <c>Fn::Select</c> over known pieces. A resolved value is located where the function is.
/// </summary>
internal sealed class IntrinsicResolver
{
    private static readonly HashSet<string> PseudoParameters = new(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    private readonly SNode? _parameters;
    private readonly SNode? _mappings;
    private readonly SNode? _resources;
    private readonly IReadOnlyDictionary<string, bool>? _conditions;
    private readonly SNode? _conditionDefinitions;

    /// <summary>Parameters that cannot have their Default in this variant, with the condition that says so.</summary>
    private readonly Dictionary<string, string>? _notDefault;

    public IntrinsicResolver(SNode template)
    {
        _parameters = template.Get("Parameters") is { Kind: NodeKind.Object } p ? p : null;
        _mappings = template.Get("Mappings") is { Kind: NodeKind.Object } m ? m : null;
        _resources = template.Get("Resources") is { Kind: NodeKind.Object } r ? r : null;
        _conditionDefinitions = template.Get("Conditions") is { Kind: NodeKind.Object } c ? c : null;
    }

    private IntrinsicResolver(IntrinsicResolver other, IReadOnlyDictionary<string, bool> conditions)
    {
        _parameters = other._parameters;
        _mappings = other._mappings;
        _resources = other._resources;
        _conditionDefinitions = other._conditionDefinitions;
        _conditions = conditions;

        // A condition assigned the opposite of what the parameters' defaults make it means that some parameter it tests
        // is not at its default (e.g. HasEnvFile = !Not [!Equals [!Ref EnvFileARN, ""]] true while the default is "").
        // Those parameters are unknown in this variant, rather than wrongly taken at their defaults.
        foreach (var assigned in conditions)
        {
            if (other._conditionDefinitions?.Get(assigned.Key) is { } definition
                && other.Evaluate(definition, 0) is bool atDefaults && atDefaults != assigned.Value)
            {
                foreach (var parameter in ParametersIn(definition, 0))
                {
                    _notDefault ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    _notDefault[parameter] = "condition '" + assigned.Key + "' is " + (assigned.Value ? "true" : "false");
                }
            }
        }
    }

    /// <summary>The name in a <c>{Condition: Name}</c> reference inside a condition definition, or null.</summary>
    private static string? NamedCondition(SNode node) =>
        node.Kind == NodeKind.Object && node.Children.Count == 1 && node.Children[0].Name == "Condition" && node.Children[0].Kind == NodeKind.String
            ? node.Children[0].Scalar
            : null;

    /// <summary>The value of a condition definition with every parameter at its default, or null when it cannot be told.</summary>
    private bool? Evaluate(SNode definition, int depth)
    {
        if (NamedCondition(definition) is { } named)
        {
            return depth <= 16 && _conditionDefinitions?.Get(named) is { } referenced ? Evaluate(referenced, depth + 1) : null;
        }

        if (depth > 16 || !IsIntrinsic(definition, out var function, out var argument))
        {
            return null;
        }

        var items = argument.Kind == NodeKind.Array ? argument.Children : [];
        switch (function)
        {
            case "Fn::Equals" when items.Count == 2:
                return Resolve(items[0]) is { IsScalar: true } a && Resolve(items[1]) is { IsScalar: true } b
                    ? string.Equals(a.Scalar, b.Scalar, StringComparison.Ordinal)
                    : null;
            case "Fn::Not" when items.Count == 1:
                return Evaluate(items[0], depth + 1) is bool inner ? !inner : null;
            case "Fn::And" when items.Count > 0:
                var and = items.Select(i => Evaluate(i, depth + 1)).ToList();
                return and.Any(v => v == false) ? false : and.All(v => v == true) ? true : null;
            case "Fn::Or" when items.Count > 0:
                var or = items.Select(i => Evaluate(i, depth + 1)).ToList();
                return or.Any(v => v == true) ? true : or.All(v => v == false) ? false : null;
            default:
                return null;
        }
    }

    /// <summary>The parameters a condition definition refers to, through the conditions it names.</summary>
    private IEnumerable<string> ParametersIn(SNode definition, int depth)
    {
        if (depth > 16)
        {
            yield break;
        }

        if (IsIntrinsic(definition, out var function, out var argument)
            && function == "Ref" && argument.Kind == NodeKind.String && _parameters?.Get(argument.Scalar!) != null)
        {
            yield return argument.Scalar!;
            yield break;
        }

        if (NamedCondition(definition) is { } named && _conditionDefinitions?.Get(named) is { } other)
        {
            foreach (var p in ParametersIn(other, depth + 1))
            {
                yield return p;
            }

            yield break;
        }

        foreach (var child in definition.Children)
        {
            foreach (var p in ParametersIn(child, depth + 1))
            {
                yield return p;
            }
        }
    }

    /// <summary>
    /// A resolver for one variant: each <c>Fn::If</c> on a condition in <paramref name="conditions"/> takes the branch
    /// of the condition's value; an <c>Fn::If</c> on any other condition stays unknown.
    /// </summary>
    public IntrinsicResolver Under(IReadOnlyDictionary<string, bool> conditions) => new(this, conditions);

    /// <summary>
    /// The conditions the <c>Fn::If</c> calls in <paramref name="node"/> (at any depth) test, in the order they first
    /// appear; calls whose condition is not a name are left out (they stay unknown).
    /// </summary>
    public static IReadOnlyList<string> ConditionsIn(SNode? node)
    {
        var result = new List<string>();
        Collect(node);
        return result;

        void Collect(SNode? n)
        {
            if (n is null)
            {
                return;
            }

            if (IsIf(n, out var condition, out _, out _) && !result.Contains(condition))
            {
                result.Add(condition);
            }

            foreach (var child in n.Children)
            {
                Collect(child);
            }
        }
    }

    /// <summary>Whether <paramref name="node"/> is <c>Fn::If: [name, whenTrue, whenFalse]</c> with a condition name.</summary>
    private static bool IsIf(SNode node, out string condition, out SNode whenTrue, out SNode whenFalse)
    {
        if (IsIntrinsic(node, out var function, out var argument) && function == "Fn::If"
            && argument.Kind == NodeKind.Array && argument.Children.Count == 3 && argument.Children[0].Kind == NodeKind.String)
        {
            condition = argument.Children[0].Scalar!;
            whenTrue = argument.Children[1];
            whenFalse = argument.Children[2];
            return true;
        }

        condition = "";
        whenTrue = whenFalse = node;
        return false;
    }

    /// <summary>Whether <paramref name="node"/> is an intrinsic function call: an object with one <c>Ref</c> or <c>Fn::</c> key.</summary>
    public static bool IsIntrinsic(SNode node, out string function, out SNode argument)
    {
        if (node.Kind == NodeKind.Object && node.Children.Count == 1)
        {
            var only = node.Children[0];
            if (only.Name == "Ref" || only.Name!.StartsWith("Fn::", StringComparison.Ordinal))
            {
                function = only.Name;
                argument = only;
                return true;
            }
        }

        function = "";
        argument = node;
        return false;
    }

    /// <summary>
    /// The value of <paramref name="node"/>: the node itself when it is not an intrinsic function, a new node when the
    /// function resolves, an unknown node when it does not, and null for <c>Ref: AWS::NoValue</c> (the property is absent).
    /// </summary>
    public SNode? Resolve(SNode node)
    {
        if (!IsIntrinsic(node, out var function, out var argument))
        {
            return node;
        }

        var site = node.Location;
        switch (function)
        {
            case "Ref":
                return Ref(argument, site);
            case "Fn::FindInMap":
                return FindInMap(argument, site);
            case "Fn::Sub":
                return Sub(argument, site);
            case "Fn::Join":
                return Join(argument, site);
            case "Fn::Select":
                return Select(argument, site);
            case "Fn::If":
                return If(node, argument, site);
            case "Fn::GetAtt":
                var reason = "the attribute " + Describe(argument, '.') + " (Fn::GetAtt) is known only after deployment";
                return AttributeName(argument).EndsWith("Arn", StringComparison.Ordinal)
                    ? SNode.Unknown(reason, site, knownForm: "arn")
                    : SNode.Unknown(reason, site);
            case "Fn::ImportValue":
                return SNode.Unknown("a value imported from another stack (Fn::ImportValue)", site);
            default:
                return SNode.Unknown("the result of " + function, site);
        }
    }

    /// <summary>
    /// <c>Fn::If</c>: in a variant (<see cref="Under"/>) the branch its condition's value chooses, resolved and located
    /// where that branch is written (null for <c>AWS::NoValue</c>); otherwise unknown.
    /// </summary>
    private SNode? If(SNode node, SNode argument, SourceLocation site)
    {
        if (_conditions != null && IsIf(node, out var name, out var whenTrue, out var whenFalse) && _conditions.TryGetValue(name, out var value))
        {
            return Resolve(value ? whenTrue : whenFalse);
        }

        var condition = argument.Kind == NodeKind.Array && argument.Children.Count > 0 && argument.Children[0].Kind == NodeKind.String
            ? " on condition '" + argument.Children[0].Scalar + "'"
            : "";
        return SNode.Unknown("a value chosen by Fn::If" + condition, site);
    }

    private SNode? Ref(SNode argument, SourceLocation site)
    {
        if (argument.Kind != NodeKind.String)
        {
            return SNode.Unknown("a Ref whose target is not a name", site);
        }

        var name = argument.Scalar!;
        if (name == "AWS::NoValue")
        {
            return null;
        }

        if (PseudoParameters.Contains(name))
        {
            return SNode.Unknown("the pseudo parameter " + name + ", known only at deployment", site);
        }

        if (_notDefault != null && _notDefault.TryGetValue(name, out var because))
        {
            return SNode.Unknown("the parameter '" + name + "', which is not its Default when " + because, site);
        }

        if (_parameters?.Get(name) is { } parameter)
        {
            var defaultValue = parameter.Kind == NodeKind.Object ? parameter.Get("Default") : null;
            if (defaultValue is null || defaultValue.Kind == NodeKind.Null)
            {
                return SNode.Unknown("the parameter '" + name + "', which has no Default", site);
            }

            var type = parameter.Get("Type") is { Kind: NodeKind.String } t ? t.Scalar! : "String";
            if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
            {
                // The Default names an SSM parameter; the value is what the parameter holds at deploy time.
                return SNode.Unknown("the value of the SSM parameter '" + (defaultValue.IsScalar ? defaultValue.Scalar : name) + "'", site);
            }

            var isList = type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal);
            if (isList)
            {
                if (defaultValue.IsScalar)
                {
                    return SNode.Array(site, defaultValue.Scalar!.Split(',').Select(part => SNode.CreateScalar(NodeKind.String, part.Trim(), site)));
                }

                if (defaultValue.Kind == NodeKind.Array && defaultValue.Children.All(c => c.IsScalar))
                {
                    return SNode.Array(site, defaultValue.Children.Select(c => SNode.CreateScalar(NodeKind.String, c.Scalar, site)));
                }
            }
            else if (defaultValue.IsScalar)
            {
                return SNode.CreateScalar(NodeKind.String, defaultValue.Scalar, site);
            }

            return SNode.Unknown("the parameter '" + name + "', whose Default is not a plain value", site);
        }

        if (_resources?.Get(name) != null)
        {
            return SNode.Unknown("a reference to the resource '" + name + "', known only after deployment", site);
        }

        return SNode.Unknown("a Ref to '" + name + "', which the template does not define", site);
    }

    private SNode FindInMap(SNode argument, SourceLocation site)
    {
        if (argument.Kind != NodeKind.Array || argument.Children.Count < 3)
        {
            return SNode.Unknown("an Fn::FindInMap without three keys", site);
        }

        var keys = new string[3];
        for (var i = 0; i < 3; i++)
        {
            var (key, reason) = Text(argument.Children[i]);
            if (key is null)
            {
                return SNode.Unknown("an Fn::FindInMap whose key is " + reason, site);
            }

            keys[i] = key;
        }

        var found = _mappings?.Get(keys[0])?.Get(keys[1])?.Get(keys[2]);
        if (found is null)
        {
            return SNode.Unknown("an Fn::FindInMap entry that the mapping '" + keys[0] + "' does not have", site);
        }

        if (found.IsScalar)
        {
            return SNode.CreateScalar(NodeKind.String, found.Scalar, site);
        }

        if (found.Kind == NodeKind.Array && found.Children.All(c => c.IsScalar))
        {
            return SNode.Array(site, found.Children.Select(c => SNode.CreateScalar(NodeKind.String, c.Scalar, site)));
        }

        return SNode.Unknown("an Fn::FindInMap entry that is not a plain value", site);
    }

    private SNode Sub(SNode argument, SourceLocation site)
    {
        SNode? template;
        SNode? variables = null;
        if (argument.Kind == NodeKind.Array && argument.Children.Count == 2)
        {
            template = argument.Children[0];
            variables = argument.Children[1].Kind == NodeKind.Object ? argument.Children[1] : null;
        }
        else
        {
            template = argument;
        }

        if (template.Kind != NodeKind.String)
        {
            return SNode.Unknown("an Fn::Sub whose text is not a string", site);
        }

        var text = template.Scalar!;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (close < 0)
            {
                result.Append(text, i, text.Length - i);
                break;
            }

            result.Append(text, i, open - i);
            var name = text.Substring(open + 2, close - open - 2);
            i = close + 1;
            if (name.StartsWith("!", StringComparison.Ordinal))
            {
                // ${!Literal} is the text ${Literal}.
                result.Append("${").Append(name, 1, name.Length - 1).Append('}');
                continue;
            }

            name = name.Trim();
            string? value;
            string? reason;
            if (variables?.Get(name) is { } variable)
            {
                (value, reason) = Text(variable);
            }
            else if (name.IndexOf('.') >= 0)
            {
                (value, reason) = (null, "the attribute " + name + " (known only after deployment)");
            }
            else
            {
                (value, reason) = Text(Ref(SNode.CreateScalar(NodeKind.String, name, site), site));
            }

            if (value is null)
            {
                return SNode.Unknown("an Fn::Sub with ${" + name + "}, " + reason, site);
            }

            result.Append(value);
        }

        return SNode.CreateScalar(NodeKind.String, result.ToString(), site);
    }

    private SNode Join(SNode argument, SourceLocation site)
    {
        if (argument.Kind != NodeKind.Array || argument.Children.Count != 2)
        {
            return SNode.Unknown("an Fn::Join without a delimiter and a list", site);
        }

        var (delimiter, reason) = Text(argument.Children[0]);
        var list = Resolve(argument.Children[1]);
        if (delimiter is null)
        {
            return SNode.Unknown("an Fn::Join whose delimiter is " + reason, site);
        }

        if (list is not { Kind: NodeKind.Array })
        {
            return SNode.Unknown("an Fn::Join over " + (list is { Kind: NodeKind.Unknown } ? list.UnknownReason : "a value that is not a list"), site);
        }

        var parts = new List<string>(list.Children.Count);
        foreach (var item in list.Children)
        {
            var resolved = Resolve(item);
            if (resolved is null)
            {
                continue;
            }

            var (part, why) = Text(resolved);
            if (part is null)
            {
                return SNode.Unknown("an Fn::Join with a part that is " + why, site);
            }

            parts.Add(part);
        }

        return SNode.CreateScalar(NodeKind.String, string.Join(delimiter, parts), site);
    }

    private SNode Select(SNode argument, SourceLocation site)
    {
        if (argument.Kind != NodeKind.Array || argument.Children.Count != 2)
        {
            return SNode.Unknown("an Fn::Select without an index and a list", site);
        }

        var (indexText, reason) = Text(argument.Children[0]);
        if (indexText is null || !int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return SNode.Unknown("an Fn::Select whose index is " + (reason ?? "not a number"), site);
        }

        var list = Resolve(argument.Children[1]);
        if (list is not { Kind: NodeKind.Array })
        {
            return SNode.Unknown("an Fn::Select from " + (list is { Kind: NodeKind.Unknown } ? list.UnknownReason : "a value that is not a list"), site);
        }

        if (index >= list.Children.Count)
        {
            return SNode.Unknown("an Fn::Select index past the end of the list", site);
        }

        var chosen = Resolve(list.Children[index]);
        return chosen is null ? SNode.Unknown("an Fn::Select of AWS::NoValue", site)
            : chosen.IsScalar ? SNode.CreateScalar(chosen.Kind, chosen.Scalar, site)
            : chosen.Kind == NodeKind.Unknown ? SNode.Unknown(chosen.UnknownReason!, site)
            : SNode.Unknown("an Fn::Select of a value that is not plain", site);
    }

    /// <summary>The text of a value after resolution, or null and why it is not known.</summary>
    private (string? Value, string? Reason) Text(SNode? node)
    {
        var resolved = node is null ? null : Resolve(node);
        return resolved switch
        {
            null => (null, "AWS::NoValue"),
            { IsScalar: true } => (resolved.Scalar, null),
            { Kind: NodeKind.Unknown } => (null, resolved.UnknownReason),
            _ => (null, "not a single value"),
        };
    }

    /// <summary>The attribute of an Fn::GetAtt argument (<c>X.Arn</c> or <c>[X, Arn]</c>), or "".</summary>
    private static string AttributeName(SNode argument) => argument.Kind switch
    {
        NodeKind.String => argument.Scalar!.Substring(argument.Scalar!.IndexOf('.') + 1),
        NodeKind.Array when argument.Children.Count == 2 && argument.Children[1].IsScalar => argument.Children[1].Scalar!,
        _ => "",
    };

    private static string Describe(SNode argument, char separator) => argument.Kind switch
    {
        NodeKind.String => "'" + argument.Scalar + "'",
        NodeKind.Array => "'" + string.Join(separator.ToString(), argument.Children.Select(c => c.IsScalar ? c.Scalar : "…")) + "'",
        _ => "",
    };
}
