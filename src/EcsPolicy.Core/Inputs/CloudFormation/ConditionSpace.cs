namespace EcsPolicy.Inputs.CloudFormation;

/// <summary>
/// Which combinations of condition values a template can produce. Each condition is read as a boolean expression over
/// the parameters (<c>Fn::Equals</c> of a <c>Ref</c> and a literal, either order; <c>Fn::Not</c>, <c>Fn::And</c>,
/// <c>Fn::Or</c>, <c>Condition</c> references, literal booleans). Anything else the expression tests (an
/// <c>Fn::Equals</c> over other functions, two different parameters, an undefined or cyclic condition) is a free
/// boolean of its own, which can only make more combinations possible: what cannot be read never hides a finding.
/// <para>
/// Rather than a solver (cfn-lint builds CNF over the <c>Fn::Equals</c> calls and asks sympy), the parameters are
/// enumerated: a parameter compared with the literals <c>a</c> and <c>b</c> can only make those comparisons come out
/// three ways (it is <c>a</c>, it is <c>b</c>, or it is something else), so its domain is those literals that its
/// <c>AllowedValues</c> admit, plus one "other" value when the <c>AllowedValues</c> admit something else (always, when
/// it has none). The combinations are the truth values of the conditions over every point of the product of the
/// domains. That product is bounded (<see cref="MaxPoints"/>, <see cref="MaxWork"/> and <see cref="MaxFileWork"/>, and the
/// work is taken from the budget); past it, every
/// combination counts as possible, which is what the loader did before it read conditions.
/// </para>
/// </summary>
internal sealed class ConditionSpace
{
    /// <summary>The most parameter-value combinations enumerated for one question; real templates need a few dozen.</summary>
    internal const int MaxPoints = 4096;

    /// <summary>The most evaluation steps (points times expression nodes) one question may take.</summary>
    internal const long MaxWork = 20_000;

    /// <summary>
    /// The most evaluation steps all the questions of one file may take: a quarter of the file's steps, so that reading
    /// conditions never leaves the rest of the file unresolved. Past it, the answers are "every combination".
    /// </summary>
    internal const long MaxFileWork = Budget.DefaultSteps / 4;

    private long _work;

    private readonly IReadOnlyDictionary<string, SNode> _parameters;
    private readonly IReadOnlyDictionary<string, SNode> _definitions;
    private readonly Budget _budget;
    private readonly Func<string, bool> _isPseudo;
    private readonly Dictionary<string, Expr> _compiled = new(StringComparer.Ordinal);
    private readonly HashSet<string> _compiling = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>?> _answers = new(StringComparer.Ordinal);
    private int _freeCount;

    public ConditionSpace(IReadOnlyDictionary<string, SNode> parameters, IReadOnlyDictionary<string, SNode> definitions, Budget budget, Func<string, bool> isPseudo)
    {
        _parameters = parameters;
        _definitions = definitions;
        _budget = budget;
        _isPseudo = isPseudo;
    }

    private enum Kind
    {
        Const,
        Equals,
        Not,
        And,
        Or,
        Condition,
        Free,
    }

    /// <summary>
    /// The variants (numbered as <see cref="Model.VariantGroup"/> numbers them: bit <c>n-1-k</c> clear when condition
    /// <c>k</c> is true) whose condition values some parameter values produce; null when that is not told (too much
    /// work), meaning every variant may happen.
    /// </summary>
    public HashSet<int>? Possible(IReadOnlyList<string> conditions, SourceLocation where)
    {
        var key = string.Join("\u0000", conditions);
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = Compute(conditions, where);
        _answers[key] = answer;
        return answer;
    }

    private HashSet<int>? Compute(IReadOnlyList<string> conditions, SourceLocation where)
    {
        if (_budget.IsSpent)
        {
            return null;
        }

        var roots = new Expr[conditions.Count];
        for (var k = 0; k < conditions.Count; k++)
        {
            roots[k] = Compile(conditions[k], 0);
        }

        // What the expressions test: the literals each parameter is compared with, the free booleans, and the nodes
        // one evaluation visits (each condition once).
        var literals = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var free = new List<int>();
        var nodes = 0L;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Expr>(roots);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            nodes++;
            switch (e.Kind)
            {
                case Kind.Equals:
                    if (!literals.TryGetValue(e.Name!, out var set))
                    {
                        literals[e.Name!] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(e.Literal!);
                    break;
                case Kind.Free:
                    free.Add(e.Index);
                    break;
                case Kind.Condition:
                    if (visited.Add(e.Name!))
                    {
                        pending.Push(_compiled[e.Name!]);
                    }

                    break;
                default:
                    foreach (var item in e.Items)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        // The walk is paid for (a question given up on costs what it walked; an answered one, the evaluations, which
        // visit as many nodes at every point), so that many questions over one large condition cost what they do.
        free = free.Distinct().ToList();
        if (free.Count > 12)
        {
            _budget.Step(where, "evaluating the template's conditions", nodes);
            return null;
        }

        var parameters = literals.Keys.ToList();
        var domains = parameters.Select(p => Domain(p, literals[p])).ToList();
        long points = 1L << free.Count;
        foreach (var d in domains)
        {
            points *= d.Length;
            if (points > MaxPoints)
            {
                break;
            }
        }

        if (points > MaxPoints || points * nodes > MaxWork || _work + (points * nodes) > MaxFileWork)
        {
            _budget.Step(where, "evaluating the template's conditions", nodes);
            return null;
        }

        _work += points * nodes;
        if (!_budget.Step(where, "evaluating the template's conditions", points * nodes))
        {
            return null;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var freeValues = new Dictionary<int, bool>();
        var memo = new Dictionary<string, bool>(StringComparer.Ordinal);
        var result = new HashSet<int>();
        var all = 1 << conditions.Count;
        var digits = new int[domains.Count + free.Count];
        for (var point = 0L; point < points && result.Count < all; point++)
        {
            for (var i = 0; i < domains.Count; i++)
            {
                values[parameters[i]] = domains[i][digits[i]];
            }

            for (var i = 0; i < free.Count; i++)
            {
                freeValues[free[i]] = digits[domains.Count + i] == 1;
            }

            memo.Clear();
            var variant = 0;
            for (var k = 0; k < roots.Length; k++)
            {
                if (!Evaluate(roots[k], values, freeValues, memo))
                {
                    variant |= 1 << (roots.Length - 1 - k);
                }
            }

            result.Add(variant);

            // The next point: a counter whose digit i counts through domain i (free booleans: two values).
            for (var i = 0; i < digits.Length; i++)
            {
                var size = i < domains.Count ? domains[i].Length : 2;
                if (++digits[i] < size)
                {
                    break;
                }

                digits[i] = 0;
            }
        }

        return result;
    }

    /// <summary>
    /// The values of <paramref name="parameter"/> that tell the comparisons apart: each literal it is compared with that
    /// it may take, and null ("a value equal to none of them") when it may take one.
    /// </summary>
    private string?[] Domain(string parameter, HashSet<string> compared)
    {
        var allowed = AllowedValues(parameter);
        if (allowed is null)
        {
            return [.. compared.OrderBy(l => l, StringComparer.Ordinal), null];
        }

        var result = new List<string?>(compared.Where(allowed.Contains).OrderBy(l => l, StringComparer.Ordinal));
        if (allowed.Any(a => !compared.Contains(a)))
        {
            result.Add(null);
        }

        return [.. result];
    }

    /// <summary>The parameter's <c>AllowedValues</c> when they restrict a single value (a list of plain values); null otherwise.</summary>
    private HashSet<string>? AllowedValues(string parameter)
    {
        if (!_parameters.TryGetValue(parameter, out var definition) || definition.Kind != NodeKind.Object
            || definition.Get("AllowedValues") is not { Kind: NodeKind.Array } allowed || allowed.Children.Count == 0
            || !allowed.Children.All(c => c.IsScalar && c.Scalar != null))
        {
            return null;
        }

        // For a list type the allowed values constrain each item, not the value Fn::Equals compares; for an SSM parameter
        // type they constrain the parameter's name, not the value the Ref gives.
        var type = definition.Get("Type") is { Kind: NodeKind.String } t ? t.Scalar! : "String";
        if (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal) || type.StartsWith("AWS::SSM::", StringComparison.Ordinal))
        {
            return null;
        }

        return new HashSet<string>(allowed.Children.Select(c => c.Scalar!), StringComparer.Ordinal);
    }

    private bool Evaluate(Expr e, Dictionary<string, string?> values, Dictionary<int, bool> free, Dictionary<string, bool> memo)
    {
        switch (e.Kind)
        {
            case Kind.Const:
                return e.Value;
            case Kind.Equals:
                return values.TryGetValue(e.Name!, out var value) && value != null && string.Equals(value, e.Literal, StringComparison.Ordinal);
            case Kind.Not:
                return !Evaluate(e.Items[0], values, free, memo);
            case Kind.And:
                foreach (var item in e.Items)
                {
                    if (!Evaluate(item, values, free, memo))
                    {
                        return false;
                    }
                }

                return true;
            case Kind.Or:
                foreach (var item in e.Items)
                {
                    if (Evaluate(item, values, free, memo))
                    {
                        return true;
                    }
                }

                return false;
            case Kind.Condition:
                if (!memo.TryGetValue(e.Name!, out var known))
                {
                    known = Evaluate(_compiled[e.Name!], values, free, memo);
                    memo[e.Name!] = known;
                }

                return known;
            default:
                return free.TryGetValue(e.Index, out var b) && b;
        }
    }

    /// <summary>
    /// The expression of the condition <paramref name="name"/>, compiled once. An undefined condition, one that refers
    /// to itself (the resolver reports that, ECS0009) or one reached too deep is a free boolean.
    /// </summary>
    private Expr Compile(string name, int depth)
    {
        if (_compiled.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!_definitions.TryGetValue(name, out var definition) || _compiling.Contains(name) || depth > IntrinsicResolver.MaxConditionDepth)
        {
            // Not stored while compiling (a cycle): the condition being compiled gets its own expression afterwards.
            var free = Free();
            if (!_compiling.Contains(name))
            {
                _compiled[name] = free;
            }

            return free;
        }

        _compiling.Add(name);
        Expr compiled;
        try
        {
            compiled = CompileNode(definition, depth + 1);
        }
        finally
        {
            _compiling.Remove(name);
        }

        _compiled[name] = compiled;
        return compiled;
    }

    private Expr CompileNode(SNode node, int depth)
    {
        if (depth > IntrinsicResolver.MaxConditionDepth)
        {
            return Free();
        }

        if (node.IsScalar && node.Scalar is { } text
            && (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "false", StringComparison.OrdinalIgnoreCase)))
        {
            return new Expr(Kind.Const) { Value = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) };
        }

        if (node.Kind == NodeKind.Object && node.Children.Count == 1 && node.Children[0].Name == "Condition" && node.Children[0].Kind == NodeKind.String)
        {
            // A reference to a condition that is evaluated (once per point) where it is defined; one that cannot be read
            // is its free boolean, the same wherever it is referred to.
            var name = node.Children[0].Scalar!;
            var target = Compile(name, depth + 1);
            return target.Kind == Kind.Free || _compiling.Contains(name) ? target : new Expr(Kind.Condition) { Name = name };
        }

        if (!IntrinsicResolver.IsIntrinsic(node, out var function, out var argument))
        {
            return Free();
        }

        var items = argument.Kind == NodeKind.Array ? argument.Children : default;
        switch (function)
        {
            case "Fn::Equals" when items.Count == 2:
                return CompileEquals(items[0], items[1]);
            case "Fn::Not" when items.Count == 1:
                return new Expr(Kind.Not) { Items = [CompileNode(items[0], depth + 1)] };
            case "Fn::And" when items.Count > 0:
                return new Expr(Kind.And) { Items = items.Select(i => CompileNode(i, depth + 1)).ToArray() };
            case "Fn::Or" when items.Count > 0:
                return new Expr(Kind.Or) { Items = items.Select(i => CompileNode(i, depth + 1)).ToArray() };
            default:
                return Free();
        }
    }

    private Expr CompileEquals(SNode left, SNode right)
    {
        var a = Operand(left);
        var b = Operand(right);
        if (a.Literal != null && b.Literal != null)
        {
            return new Expr(Kind.Const) { Value = string.Equals(a.Literal, b.Literal, StringComparison.Ordinal) };
        }

        if (a.Parameter != null && b.Parameter != null && a.Parameter == b.Parameter)
        {
            return new Expr(Kind.Const) { Value = true };
        }

        if (a.Parameter != null && b.Literal != null)
        {
            return new Expr(Kind.Equals) { Name = a.Parameter, Literal = b.Literal };
        }

        if (b.Parameter != null && a.Literal != null)
        {
            return new Expr(Kind.Equals) { Name = b.Parameter, Literal = a.Literal };
        }

        return Free();
    }

    /// <summary>A side of <c>Fn::Equals</c>: a plain value, a <c>Ref</c> to a parameter (pseudo parameters included), or neither.</summary>
    private (string? Literal, string? Parameter) Operand(SNode node)
    {
        if (node.IsScalar && node.Scalar != null)
        {
            return (node.Scalar, null);
        }

        if (IntrinsicResolver.IsIntrinsic(node, out var function, out var argument) && function == "Ref"
            && argument.Kind == NodeKind.String && argument.Scalar is { } name && (_parameters.ContainsKey(name) || _isPseudo(name)))
        {
            return (null, name);
        }

        return (null, null);
    }

    private Expr Free() => new(Kind.Free) { Index = _freeCount++ };

    private sealed class Expr
    {
        public Expr(Kind kind)
        {
            Kind = kind;
        }

        public Kind Kind { get; }

        public bool Value { get; init; }

        /// <summary>The parameter of <see cref="Kind.Equals"/>, the condition of <see cref="Kind.Condition"/>.</summary>
        public string? Name { get; init; }

        public string? Literal { get; init; }

        public int Index { get; init; }

        public Expr[] Items { get; init; } = [];
    }
}
