using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsPolicy.Policies;

/// <summary>The outcome of a condition: true, false (with the value at fault), or unknown (a value is not statically known).</summary>
internal readonly record struct Outcome(bool? Value, SNode? At)
{
    public static readonly Outcome True = new(true, null);
    public static readonly Outcome Unknown = new(null, null);

    public static Outcome False(SNode? at) => new(false, at);
}

/// <summary>
/// A condition of a custom policy over the common model. Leaves test the values a path selects (<c>equals</c>,
/// <c>not-equals</c>, <c>in</c>, <c>not-in</c>, <c>matches</c>, <c>exists</c>, <c>contains</c>, <c>gt</c>, <c>gte</c>,
/// <c>lt</c>, <c>lte</c>); <c>all</c>, <c>any</c> and <c>not</c> combine them. A comparison holds when every selected
/// value passes it and, when the path selects nothing, holds vacuously (use <c>exists</c> to require a value). Any
/// unknown value makes the outcome unknown, and the policy stays silent.
/// </summary>
internal abstract class PolicyCondition
{
    /// <summary>Evaluates the condition on <paramref name="subject"/>, taking the work from <paramref name="run"/>'s budget.</summary>
    public abstract Outcome Evaluate(SNode subject, PolicyRun run);

    public sealed class All(IReadOnlyList<PolicyCondition> parts) : PolicyCondition
    {
        public override Outcome Evaluate(SNode subject, PolicyRun run)
        {
            var unknown = false;
            foreach (var part in parts)
            {
                var outcome = part.Evaluate(subject, run);
                if (outcome.Value == false)
                {
                    return outcome;
                }

                unknown |= outcome.Value is null;
            }

            return unknown ? Outcome.Unknown : Outcome.True;
        }
    }

    public sealed class Any(IReadOnlyList<PolicyCondition> parts) : PolicyCondition
    {
        public override Outcome Evaluate(SNode subject, PolicyRun run)
        {
            var unknown = false;
            Outcome? firstFalse = null;
            foreach (var part in parts)
            {
                var outcome = part.Evaluate(subject, run);
                if (outcome.Value == true)
                {
                    return outcome;
                }

                unknown |= outcome.Value is null;
                firstFalse ??= outcome.Value == false ? outcome : null;
            }

            return unknown ? Outcome.Unknown : firstFalse ?? Outcome.False(null);
        }
    }

    public sealed class Not(PolicyCondition inner) : PolicyCondition
    {
        public override Outcome Evaluate(SNode subject, PolicyRun run) => inner.Evaluate(subject, run).Value switch
        {
            true => Outcome.False(null),
            false => Outcome.True,
            _ => Outcome.Unknown,
        };
    }

    /// <summary>A test of the values <see cref="Path"/> selects.</summary>
    public sealed class Leaf : PolicyCondition
    {
        private readonly string _operator;
        private readonly IReadOnlyList<string> _operands;
        private readonly Regex? _regex;
        private readonly double _number;

        public Leaf(PolicyPath path, string op, IReadOnlyList<string> operands)
        {
            Path = path;
            _operator = op;
            _operands = operands;
            if (op == "matches")
            {
                _regex = new Regex(operands[0], RegexOptions.CultureInvariant, PolicyRun.PatternTime);
            }

            // The policy reader accepts only decimal numbers here (see CustomPolicy.Condition): this cannot fail, and a
            // number too large to hold becomes infinity rather than an exception.
            if (op is "gt" or "gte" or "lt" or "lte")
            {
                _ = double.TryParse(operands[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _number);
            }
        }

        public PolicyPath Path { get; }

        public override Outcome Evaluate(SNode subject, PolicyRun run)
        {
            var selection = Path.Select(subject, run);
            if (selection.Unknown)
            {
                return Outcome.Unknown;
            }

            var values = selection.Values;
            switch (_operator)
            {
                case "exists":
                    var wanted = _operands[0] == "true";
                    return (values.Count > 0) == wanted ? Outcome.True : Outcome.False(wanted ? null : values[0]);
                case "contains":
                    // Not found: the finding is about the list as a whole (or the subject, when there is none).
                    return values.Any(v => v.Scalar == _operands[0]) ? Outcome.True : Outcome.False(values.Count > 0 ? ListOf(values[0]) : null);
            }

            foreach (var value in values)
            {
                if (!value.IsScalar)
                {
                    return Outcome.Unknown;
                }

                switch (Passes(value, run))
                {
                    case false:
                        return Outcome.False(value);
                    case null:
                        return Outcome.Unknown;
                }
            }

            return Outcome.True;
        }

        private static SNode? ListOf(SNode node)
        {
            for (var n = node.Parent; n != null; n = n.Parent)
            {
                if (n.Kind == NodeKind.Array)
                {
                    return n;
                }
            }

            return null;
        }

        /// <summary>Whether <paramref name="node"/>'s value passes; null when that could not be found out (see <see cref="PolicyRun.Matches"/>).</summary>
        private bool? Passes(SNode node, PolicyRun run) => _operator == "matches" ? run.Matches(_regex!, node) : Passes(node.Scalar!);

        private bool Passes(string value) => _operator switch
        {
            "equals" => value == _operands[0],
            "not-equals" => value != _operands[0],
            "in" => _operands.Contains(value),
            "not-in" => !_operands.Contains(value),
            "gt" or "gte" or "lt" or "lte" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && _operator switch
            {
                "gt" => n > _number,
                "gte" => n >= _number,
                "lt" => n < _number,
                _ => n <= _number,
            },
            _ => false,
        };
    }
}

/// <summary>
/// A path over the common model: members separated by dots, each optionally followed by <c>[*]</c> (every item of a
/// list) or <c>[N]</c>, e.g. <c>containers[*].logConfiguration.logDriver</c>. Members are the ECS API names
/// (camelCase), whatever the input format; <c>containers</c> stands for <c>containerDefinitions</c>.
/// </summary>
internal sealed class PolicyPath
{
    // [0-9], not \d: \d also matches the digits of other scripts, which are no index.
    private static readonly Regex Segment = new(@"^(?<name>[A-Za-z][A-Za-z0-9_\-]*)(?:\[(?<index>\*|[0-9]+)\])?$", RegexOptions.CultureInvariant);

    /// <summary>An index that stands for <c>[*]</c>.</summary>
    private const int Every = -1;

    private readonly List<(string Name, int? Index)> _segments;

    private PolicyPath(string text, List<(string, int?)> segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    /// <summary>The last member's name (for messages).</summary>
    public string LastName => _segments[_segments.Count - 1].Name;

    /// <summary>Whether it reads secret-bearing values (environment variables, secrets, log options), which are never printed.</summary>
    public bool ReadsSensitive => _segments.Any(s => s.Name is "environment" or "secrets" or "secretOptions" or "options" or "value");

    public static PolicyPath? Parse(string text, out string? error)
    {
        var segments = new List<(string, int?)>();
        foreach (var part in text.Split('.'))
        {
            var match = Segment.Match(part);
            if (!match.Success)
            {
                error = "'" + part + "' in path '" + text + "' is not a member name optionally followed by [*] or [N]";
                return null;
            }

            var name = match.Groups["name"].Value;
            int? index = null;
            if (match.Groups["index"].Success)
            {
                var digits = match.Groups["index"].Value;
                if (digits == "*")
                {
                    index = Every;
                }
                else if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    index = n;
                }
                else
                {
                    // No list in any input is that long: an index past int's range is a mistake in the policy.
                    error = "'[" + digits + "]' in path '" + text + "' is too large an index: the largest is " + int.MaxValue.ToString(CultureInfo.InvariantCulture);
                    return null;
                }
            }

            segments.Add((name == "containers" ? "containerDefinitions" : name, index));
        }

        error = null;
        return new PolicyPath(text, segments);
    }

    /// <summary>
    /// The values the path selects under <paramref name="root"/>; unknown when it runs into an unknown value, or when
    /// <paramref name="run"/>'s budget is spent (a step for each node the path passes: wildcards over long lists, for
    /// every subject, are work the input controls).
    /// </summary>
    public (IReadOnlyList<SNode> Values, bool Unknown) Select(SNode root, PolicyRun run)
    {
        var current = new List<SNode> { root };
        foreach (var (name, index) in _segments)
        {
            var next = new List<SNode>();
            foreach (var node in current)
            {
                if (!run.Step(node))
                {
                    return ([], true);
                }

                if (node.Kind == NodeKind.Unknown)
                {
                    return ([], true);
                }

                if (node.Kind != NodeKind.Object || node.Get(name) is not { } child || child.Kind == NodeKind.Null)
                {
                    continue;
                }

                if (index is null)
                {
                    next.Add(child);
                }
                else if (child.Kind == NodeKind.Unknown)
                {
                    return ([], true);
                }
                else if (child.Kind == NodeKind.Array)
                {
                    if (index == Every)
                    {
                        next.AddRange(child.Children);
                    }
                    else if (index < child.Children.Count)
                    {
                        next.Add(child.Children[index.Value]);
                    }
                }
            }

            current = next;
        }

        foreach (var node in current)
        {
            if (node.Kind == NodeKind.Unknown)
            {
                return ([], true);
            }
        }

        return (current, false);
    }
}
