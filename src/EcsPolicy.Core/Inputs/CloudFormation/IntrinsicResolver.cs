using System.Globalization;
using System.Text;

namespace EcsPolicy.Inputs.CloudFormation;

/// <summary>
/// Turns intrinsic functions into values where the template alone decides them, and into
/// <see cref="NodeKind.Unknown"/> nodes (with the reason) everywhere else, so that no rule fires on a guess.
/// Known: <c>Ref</c> to a parameter with a <c>Default</c> (unless it is <c>NoEcho</c>), <c>Fn::FindInMap</c> on known
/// keys, <c>Fn::Sub</c>, <c>Fn::Join</c> and <c>Fn::Select</c> over known pieces. A resolved value is located where the
/// function is.
/// The template decides how much work this is, so all of it is taken from the file's <see cref="Budget"/>: a step per
/// function resolved and per condition evaluated, and the size of every value built before it is built. A value that
/// does not fit becomes unknown and the place is recorded as a gap (ECS0009); conditions are evaluated once each, and
/// a condition that refers to itself is a gap too.
/// </summary>
internal sealed class IntrinsicResolver
{
    private static readonly HashSet<string> PseudoParameters = new(StringComparer.Ordinal)
    {
        "AWS::AccountId", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    };

    /// <summary>
    /// How deep condition evaluation may recurse, counting both functions inside a definition and <c>Condition</c>
    /// references from one definition to another. The readers stop nesting at 128, so a chain of references is what
    /// could go deeper; real templates chain a few conditions. Past it the value is unknown and a gap is recorded.
    /// </summary>
    internal const int MaxConditionDepth = 256;

    /// <summary>
    /// What one node built (a list item copied from a parameter's Default or a mapping) costs of the budget's size,
    /// counted in characters: a node takes about 200 bytes, as much as 100 characters, and the mapper copies it once
    /// more. Counting it as one character would let a hostile template build a hundred times the memory the size
    /// limit means to allow.
    /// </summary>
    private const int NodeCost = 100;

    /// <summary>What a step of <see cref="Resolve"/> is, in the gap's reason when the steps run out.</summary>
    private const string ResolvingWork = "resolving the template's intrinsic functions";

    /// <summary>The reason of a value left unknown because the budget was already spent.</summary>
    private const string SpentReason = "a value not resolved: the work this file may take is spent";

    private readonly Shared _shared;
    private readonly IReadOnlyDictionary<string, bool>? _conditions;

    /// <summary>Parameters that cannot have their Default in this variant, with the condition that says so.</summary>
    private readonly Dictionary<string, string>? _notDefault;

    public IntrinsicResolver(SNode template, Budget? budget = null)
    {
        _shared = new Shared(template, budget ?? new Budget());
    }

    private IntrinsicResolver(IntrinsicResolver other, IReadOnlyDictionary<string, bool> conditions)
    {
        _shared = other._shared;
        _conditions = conditions;

        // A condition assigned the opposite of what the parameters' defaults make it means that some parameter it tests
        // is not at its default (e.g. HasEnvFile = !Not [!Equals [!Ref EnvFileARN, ""]] true while the default is "").
        // Those parameters are unknown in this variant, rather than wrongly taken at their defaults. The values at the
        // defaults are the same in every variant: the base resolver evaluates them, once per condition.
        foreach (var assigned in conditions)
        {
            if (other.ConditionValue(assigned.Key, null, 0) is bool atDefaults && atDefaults != assigned.Value)
            {
                foreach (var parameter in other.ParametersOf(assigned.Key))
                {
                    _notDefault ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    _notDefault[parameter] = "condition '" + assigned.Key + "' is " + (assigned.Value ? "true" : "false");
                }
            }
        }
    }

    private Budget Budget => _shared.Budget;

    /// <summary>The name in a <c>{Condition: Name}</c> reference inside a condition definition, or null.</summary>
    private static string? NamedCondition(SNode node) =>
        node.Kind == NodeKind.Object && node.Children.Count == 1 && node.Children[0].Name == "Condition" && node.Children[0].Kind == NodeKind.String
            ? node.Children[0].Scalar
            : null;

    /// <summary>
    /// The value of the condition <paramref name="name"/> with every parameter at its default, or null when it cannot
    /// be told. Each condition is evaluated once (a template whose conditions each refer to the previous one ten times
    /// would otherwise take ten to the power of its depth); <paramref name="referencedAt"/> is the reference being
    /// followed (null for a condition an <c>Fn::If</c> names), where a cycle or a too deep chain is reported.
    /// </summary>
    private bool? ConditionValue(string name, SNode? referencedAt, int depth)
    {
        var shared = _shared;
        if (shared.ConditionValues.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!shared.Conditions.TryGetValue(name, out var definition))
        {
            return null;
        }

        var where = referencedAt?.Location ?? definition.Location;
        var cycleStart = shared.Evaluating.IndexOf(name);
        if (cycleStart >= 0)
        {
            // CloudFormation rejects such a template; here the conditions of the cycle are unknown, and that is said
            // where the reference that closes the cycle is written.
            Budget.NotChecked("the condition '" + name + "' refers to itself (" + CyclePath(shared.Evaluating, cycleStart, name) + "), which CloudFormation rejects", where);
            return null;
        }

        if (depth > MaxConditionDepth)
        {
            Budget.NotChecked(string.Format(CultureInfo.InvariantCulture, "the condition '{0}' is reached through more than {1} levels of functions and Condition references", name, MaxConditionDepth), where);
            return null;
        }

        if (!Budget.Step(where, "evaluating the template's conditions"))
        {
            return null;
        }

        shared.Evaluating.Add(name);
        bool? value;
        try
        {
            value = Evaluate(definition, depth + 1);
        }
        finally
        {
            shared.Evaluating.RemoveAt(shared.Evaluating.Count - 1);
        }

        shared.ConditionValues[name] = value;
        return value;
    }

    /// <summary><c>A → B → A</c>, at most a few names of the cycle.</summary>
    private static string CyclePath(List<string> evaluating, int start, string name)
    {
        const int Shown = 6;
        var names = evaluating.Skip(start).Select(n => "'" + n + "'").ToList();
        if (names.Count > Shown)
        {
            names = [.. names.Take(Shown - 1), "…"];
        }

        names.Add("'" + name + "'");
        return string.Join(" → ", names);
    }

    /// <summary>The value of a condition definition (or part of one) with every parameter at its default, or null when it cannot be told.</summary>
    private bool? Evaluate(SNode definition, int depth)
    {
        if (NamedCondition(definition) is { } named)
        {
            return ConditionValue(named, definition, depth + 1);
        }

        if (!IsIntrinsic(definition, out var function, out var argument))
        {
            return null;
        }

        if (depth > MaxConditionDepth)
        {
            Budget.NotChecked(string.Format(CultureInfo.InvariantCulture, "a condition whose functions and Condition references nest more than {0} levels deep", MaxConditionDepth), definition.Location);
            return null;
        }

        if (!Budget.Step(definition.Location, "evaluating the template's conditions"))
        {
            return null;
        }

        var items = argument.Kind == NodeKind.Array ? argument.Children : default;
        switch (function)
        {
            case "Fn::Equals" when items.Count == 2:
                return Resolve(items[0]) is { IsScalar: true } a && Resolve(items[1]) is { IsScalar: true } b
                    ? string.Equals(a.Scalar, b.Scalar, StringComparison.Ordinal)
                    : null;
            case "Fn::Not" when items.Count == 1:
                return Evaluate(items[0], depth + 1) is bool inner ? !inner : null;
            case "Fn::And" when items.Count > 0:
                return Combine(items, depth, decisive: false);
            case "Fn::Or" when items.Count > 0:
                return Combine(items, depth, decisive: true);
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>Fn::And</c> (<paramref name="decisive"/> false: one false item makes it false) or <c>Fn::Or</c> (one true item
    /// makes it true); known when every item is known or one is decisive. Every item is evaluated, so that a cycle
    /// behind a later item is found whatever the earlier ones are.
    /// </summary>
    private bool? Combine(NodeList items, int depth, bool decisive)
    {
        var allKnown = true;
        var decided = false;
        foreach (var item in items)
        {
            var value = Evaluate(item, depth + 1);
            if (value is null)
            {
                allKnown = false;
            }
            else if (value.Value == decisive)
            {
                decided = true;
            }
        }

        return decided ? decisive : allKnown ? !decisive : null;
    }

    /// <summary>
    /// The parameters the condition <paramref name="name"/> refers to, through the conditions it names; found once per
    /// condition, walking each condition it reaches once (no recursion, so a long chain costs only steps).
    /// </summary>
    private IReadOnlyCollection<string> ParametersOf(string name)
    {
        var shared = _shared;
        if (shared.ConditionParameters.TryGetValue(name, out var found))
        {
            return found;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        shared.ConditionParameters[name] = result;
        if (!shared.Conditions.TryGetValue(name, out var start))
        {
            return result;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal) { name };
        var pending = new Stack<SNode>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!Budget.Step(node.Location, "evaluating the template's conditions"))
            {
                break;
            }

            if (IsIntrinsic(node, out var function, out var argument)
                && function == "Ref" && argument.Kind == NodeKind.String && shared.Parameters.ContainsKey(argument.Scalar!))
            {
                result.Add(argument.Scalar!);
                continue;
            }

            if (NamedCondition(node) is { } named)
            {
                if (visited.Add(named) && shared.Conditions.TryGetValue(named, out var other))
                {
                    pending.Push(other);
                }

                continue;
            }

            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return result;
    }

    /// <summary>
    /// The variants over <paramref name="conditions"/> (numbered as <see cref="Model.VariantGroup"/> numbers them) that
    /// some parameter values produce (see <see cref="ConditionSpace"/>); null when that is not told and every variant may
    /// happen. Each condition is first evaluated at the defaults, as <see cref="Under"/> does, so that a cycle or a too
    /// deep chain is reported once, where it is written.
    /// </summary>
    public HashSet<int>? PossibleVariants(IReadOnlyList<string> conditions, SourceLocation where)
    {
        foreach (var condition in conditions)
        {
            ConditionValue(condition, null, 0);
        }

        var shared = _shared;
        shared.Space ??= new ConditionSpace(shared.Parameters, shared.Conditions, shared.Budget, PseudoParameters.Contains);
        return shared.Space.Possible(conditions, where);
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
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Collect(node);
        return result;

        void Collect(SNode? n)
        {
            if (n is null)
            {
                return;
            }

            if (IsIf(n, out var condition, out _, out _) && seen.Add(condition))
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
    /// function resolves, an unknown node when it does not (or when the file's budget is spent), and null for
    /// <c>Ref: AWS::NoValue</c> (the property is absent).
    /// </summary>
    public SNode? Resolve(SNode node)
    {
        if (!IsIntrinsic(node, out var function, out var argument))
        {
            return node;
        }

        var site = node.Location;
        if (!Budget.Step(site, ResolvingWork))
        {
            return SNode.Unknown(SpentReason, site);
        }

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
                // Fn::Split, Fn::Base64, Fn::GetAZs, Fn::Cidr and the rest are not computed: they build nothing.
                return SNode.Unknown("the result of " + function, site);
        }
    }

    /// <summary>
    /// Takes <paramref name="size"/> characters or nodes from the budget for the value <paramref name="work"/> is about
    /// to build at <paramref name="site"/>. A value that does not fit in what is left is refused without taking from
    /// the budget: that one value becomes unknown (and the gap is recorded at its place), while the rest of the file,
    /// plaintext secrets and privileged containers included, is still resolved and checked.
    /// </summary>
    private bool Reserve(SourceLocation site, string work, long size)
    {
        var budget = Budget;
        if (!budget.IsSpent && size > budget.SizeLimit - budget.SizeTaken)
        {
            budget.NotChecked(string.Format(CultureInfo.InvariantCulture, "{0} would build more than the {1:N0} characters one file may build", work, budget.SizeLimit), site);
            return false;
        }

        return budget.Build(site, work, size);
    }

    /// <summary>What is left of the budget's size, past which a value being built is refused.</summary>
    private long SizeLeft => Budget.SizeLimit - Budget.SizeTaken;

    /// <summary>
    /// What checking one more model object costs of the budget's size, in nodes (each counted as <see cref="NodeCost"/>
    /// characters): every rule runs on it and it keeps its own findings until the variants are merged.
    /// </summary>
    private const int ObjectNodes = 100;

    /// <summary>
    /// Takes from the budget what building <paramref name="count"/> variants of <paramref name="resource"/> (one per
    /// combination of <paramref name="conditions"/>) costs beyond the one object any resource is: each more variant is a
    /// copy of its properties and one more object to check. False when that does not fit: the resource is then checked
    /// once with the values Fn::If chooses unknown, and the gap is recorded at its logical ID. Without this bound a
    /// template of thousands of small resources with three conditions each would be checked eight times over.
    /// </summary>
    public bool ReserveVariants(SNode resource, int count, IReadOnlyList<string> conditions)
    {
        if (count <= 1)
        {
            return true;
        }

        var nodes = CountNodes(resource.Get("Properties"));
        var size = (count - 1) * (nodes + ObjectNodes) * NodeCost;
        var budget = Budget;
        if (budget.IsSpent)
        {
            return false;
        }

        if (size <= SizeLeft)
        {
            return budget.Build(resource.NameLocation, "building variants", size);
        }

        var names = conditions.Select(c => "'" + c + "'").ToList();
        var listed = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
        budget.NotChecked(
            string.Format(
                CultureInfo.InvariantCulture,
                "the {0} variants of the resource '{1}' (one per combination of the condition{2} {3}{4}) would build more than the {5:N0} characters one file may build, so it is checked once, with the values Fn::If chooses unknown",
                count,
                resource.Name,
                names.Count == 1 ? "" : "s",
                listed,
                count < (1L << Math.Min(conditions.Count, 62)) ? " that can happen" : "",
                budget.SizeLimit),
            resource.NameLocation);
        return false;
    }

    /// <summary>The nodes of a tree, without recursion (the readers bound it, but not its depth's use of the stack here).</summary>
    private static long CountNodes(SNode? root)
    {
        if (root is null)
        {
            return 0;
        }

        long count = 0;
        var pending = new Stack<SNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            count++;
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return count;
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

        if (_shared.Parameters.TryGetValue(name, out var parameter))
        {
            if (IsNoEcho(parameter))
            {
                // A NoEcho parameter holds a secret (CloudFormation masks it everywhere it shows it), meant to be given
                // at deployment. Its Default is never taken: it would then be quoted by any message about the value it
                // reaches (a container name, an image, a log option), in every output format.
                return SNode.Unknown("the parameter '" + name + "', which is NoEcho (a secret given at deployment)", site);
            }

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
                    // Splitting copies the text and makes a node per item, each time the parameter is referred to.
                    var text = defaultValue.Scalar!;
                    if (!Reserve(site, "resolving a Ref to the list parameter '" + name + "'", text.Length + ((long)CountOf(text, ',') + 1) * NodeCost))
                    {
                        return SNode.Unknown("the parameter '" + name + "', whose Default is too large to be split here", site);
                    }

                    return SNode.Array(site, text.Split(',').Select(part => SNode.CreateScalar(NodeKind.String, part.Trim(), site)));
                }

                if (defaultValue.Kind == NodeKind.Array && defaultValue.Children.All(c => c.IsScalar))
                {
                    if (!Reserve(site, "resolving a Ref to the list parameter '" + name + "'", (long)defaultValue.Children.Count * NodeCost))
                    {
                        return SNode.Unknown("the parameter '" + name + "', whose Default is too large to be copied here", site);
                    }

                    return SNode.Array(site, defaultValue.Children.Select(c => SNode.CreateScalar(NodeKind.String, c.Scalar, site)));
                }
            }
            else if (defaultValue.IsScalar)
            {
                // The new node shares the Default's text: nothing is copied.
                return SNode.CreateScalar(NodeKind.String, defaultValue.Scalar, site);
            }

            return SNode.Unknown("the parameter '" + name + "', whose Default is not a plain value", site);
        }

        if (_shared.Resources.ContainsKey(name))
        {
            return SNode.Unknown("a reference to the resource '" + name + "', known only after deployment", site);
        }

        return SNode.Unknown("a Ref to '" + name + "', which the template does not define", site);
    }

    /// <summary>
    /// Whether a parameter is <c>NoEcho</c>. Anything but an explicit false counts (<c>true</c>, <c>"true"</c>, a value
    /// that cannot be read), since taking a secret for a plain value would repeat it.
    /// </summary>
    private static bool IsNoEcho(SNode parameter) =>
        parameter.Kind == NodeKind.Object
        && parameter.Get("NoEcho") is { } noEcho
        && noEcho.Kind != NodeKind.Null
        && !(noEcho.IsScalar && string.Equals(noEcho.Scalar?.Trim(), "false", StringComparison.OrdinalIgnoreCase));

    private static int CountOf(string text, char c)
    {
        var count = 0;
        foreach (var ch in text)
        {
            if (ch == c)
            {
                count++;
            }
        }

        return count;
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

        var found = _shared.Member(_shared.Mappings, keys[0]) is { } map && _shared.Member(map, keys[1]) is { } entry ? _shared.Member(entry, keys[2]) : null;
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
            // A node per item, each time the entry is looked up.
            if (!Reserve(site, "resolving Fn::FindInMap", (long)found.Children.Count * NodeCost))
            {
                return SNode.Unknown("an Fn::FindInMap entry too large to be copied here", site);
            }

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

        // The pieces are found first and only referred to (the text's own parts by position, the values as they are),
        // so that the result's length is known, and taken from the budget, before any character is copied.
        var text = template.Scalar!;
        var pieces = new List<(string Text, int Start, int Length)>();
        long length = 0;
        var left = SizeLeft;
        Dictionary<string, (string? Value, string? Reason)>? values = null;
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 2);
            if (close < 0)
            {
                Add(text, i, text.Length - i);
                break;
            }

            Add(text, i, open - i);
            var name = text.Substring(open + 2, close - open - 2);
            i = close + 1;
            if (name.StartsWith("!", StringComparison.Ordinal))
            {
                // ${!Literal} is the text ${Literal}.
                Add("${", 0, 2);
                Add(name, 1, name.Length - 1);
                Add("}", 0, 1);
            }
            else
            {
                name = name.Trim();
                if (!Budget.Step(site, ResolvingWork))
                {
                    return SNode.Unknown(SpentReason, site);
                }

                // A variable is resolved once, however often the text names it.
                values ??= new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
                if (!values.TryGetValue(name, out var resolved))
                {
                    resolved = variables?.Get(name) is { } variable ? Text(variable)
                        : name.IndexOf('.') >= 0 ? (null, "the attribute " + name + " (known only after deployment)")
                        : Text(Ref(SNode.CreateScalar(NodeKind.String, name, site), site));
                    values[name] = resolved;
                }

                if (resolved.Value is null)
                {
                    return SNode.Unknown("an Fn::Sub with ${" + name + "}, " + resolved.Reason, site);
                }

                Add(resolved.Value, 0, resolved.Value.Length);
            }

            if (length > left)
            {
                // Past what may still be built: the rest of the text cannot change that.
                break;
            }
        }

        if (!Reserve(site, "resolving Fn::Sub", length))
        {
            return SNode.Unknown("an Fn::Sub whose value would be too large to build", site);
        }

        var result = new StringBuilder((int)length);
        foreach (var (piece, start, count) in pieces)
        {
            result.Append(piece, start, count);
        }

        return SNode.CreateScalar(NodeKind.String, result.ToString(), site);

        void Add(string piece, int start, int count)
        {
            if (count > 0)
            {
                pieces.Add((piece, start, count));
                length += count;
            }
        }
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

        // The parts are only referred to until the whole length is known and taken from the budget.
        var parts = new List<string>(list.Children.Count);
        long length = 0;
        var left = SizeLeft;
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

            length += part.Length + (parts.Count > 0 ? delimiter.Length : 0);
            parts.Add(part);
            if (length > left)
            {
                // Past what may still be built: the other parts cannot change that.
                break;
            }
        }

        if (!Reserve(site, "resolving Fn::Join", length))
        {
            return SNode.Unknown("an Fn::Join whose value would be too large to build", site);
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

    /// <summary>
    /// What the resolvers of one template (the base one and one per variant) share: the budget, the template's sections
    /// indexed by name, and the conditions' values at the parameters' defaults, each evaluated once.
    /// </summary>
    private sealed class Shared
    {
        /// <summary>Objects with more members than this are looked up through an index rather than a scan.</summary>
        private const int ScanLimit = 16;

        private Dictionary<SNode, Dictionary<string, SNode>>? _indexes;

        public Shared(SNode template, Budget budget)
        {
            Budget = budget;
            Parameters = Index(template.Get("Parameters"));
            Resources = Index(template.Get("Resources"));
            Conditions = Index(template.Get("Conditions"));
            Mappings = template.Get("Mappings") is { Kind: NodeKind.Object } m ? m : null;
        }

        public Budget Budget { get; }

        public Dictionary<string, SNode> Parameters { get; }

        public Dictionary<string, SNode> Resources { get; }

        /// <summary>The condition definitions by name.</summary>
        public Dictionary<string, SNode> Conditions { get; }

        public SNode? Mappings { get; }

        /// <summary>The value of each condition evaluated so far (null: it cannot be told).</summary>
        public Dictionary<string, bool?> ConditionValues { get; } = new(StringComparer.Ordinal);

        /// <summary>Which combinations of condition values can happen, built when first asked.</summary>
        public ConditionSpace? Space { get; set; }

        /// <summary>The conditions being evaluated, outermost first: one named again is a cycle.</summary>
        public List<string> Evaluating { get; } = [];

        /// <summary>The parameters each condition refers to, found so far.</summary>
        public Dictionary<string, HashSet<string>> ConditionParameters { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The member <paramref name="name"/> of <paramref name="node"/> (the last one if repeated, as
        /// <see cref="SNode.Get"/>), through an index for large objects, which hostile templates look up thousands of times.
        /// </summary>
        public SNode? Member(SNode? node, string name)
        {
            if (node is not { Kind: NodeKind.Object })
            {
                return null;
            }

            if (node.Children.Count <= ScanLimit)
            {
                return node.Get(name);
            }

            // SNode compares by reference: one index per object node.
            _indexes ??= [];
            if (!_indexes.TryGetValue(node, out var index))
            {
                index = Index(node);
                _indexes[node] = index;
            }

            return index.TryGetValue(name, out var found) ? found : null;
        }

        /// <summary>The members of an object section by name, the last one winning as in <see cref="SNode.Get"/>.</summary>
        private static Dictionary<string, SNode> Index(SNode? section)
        {
            var index = new Dictionary<string, SNode>(StringComparer.Ordinal);
            if (section is { Kind: NodeKind.Object })
            {
                foreach (var child in section.Children)
                {
                    index[child.Name!] = child;
                }
            }

            return index;
        }
    }
}
