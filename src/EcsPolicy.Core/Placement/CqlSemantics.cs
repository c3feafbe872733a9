using System.Globalization;
using System.Text.RegularExpressions;

namespace EcsPolicy.Placement;

/// <summary>
/// Semantic checks on a parsed expression (ecs-facts.md section 4.1): known subjects, operators allowed for each
/// subject, regular expressions that compile, registeredAt dates in a documented form, non-empty lists.
/// </summary>
public static class CqlSemantics
{
    private static readonly string[] Equality = ["==", "!="];
    private static readonly string[] Ordering = ["==", "!=", ">", ">=", "<", "<="];
    private static readonly string[] SetAndMatch = ["==", "!=", "in", "!in", "=~", "!~"];

    /// <summary>The built-in subjects and the operators each allows; null means not restricted.</summary>
    private static readonly Dictionary<string, string[]?> Subjects = new(StringComparer.Ordinal)
    {
        ["agentConnected"] = SetAndMatch,
        ["agentVersion"] = Ordering,
        ["ec2InstanceId"] = SetAndMatch,
        ["registeredAt"] = Ordering,
        ["runningTasksCount"] = Ordering,
        ["task:group"] = null,
    };

    private static readonly Regex AttributeName = new("^[A-Za-z0-9_./\\\\-]{1,128}$", RegexOptions.CultureInvariant);
    private static readonly Regex DateForm = new("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant);
    private static readonly string[] JavaOnlyRegexSyntax = ["*+", "++", "?+", "}+", "\\Q", "\\p{java", "\\h", "\\H", "\\R", "\\X", "(?U"];

    public static IReadOnlyList<CqlError> Check(CqlExpression expression)
    {
        // Its own stack, left before right as written: a chain of 'and' or 'or' is as deep as it is long, and the
        // expressions given to the public parser have no length limit.
        var errors = new List<CqlError>();
        var pending = new Stack<CqlExpression>();
        pending.Push(expression);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case CqlOr or:
                    pending.Push(or.Right);
                    pending.Push(or.Left);
                    break;
                case CqlAnd and:
                    pending.Push(and.Right);
                    pending.Push(and.Left);
                    break;
                case CqlNot not:
                    pending.Push(not.Operand);
                    break;
                case CqlComparison c:
                    if (CheckSubject(c.Subject, c.Operator, errors))
                    {
                        CheckValue(c.Subject.Text, CqlParser.Canonical(c.Operator), c.Value, errors);
                    }

                    break;
                case CqlList l:
                    if (CheckSubject(l.Subject, l.Operator, errors))
                    {
                        if (l.Values.Count == 0)
                        {
                            errors.Add(new CqlError($"The list after '{l.Operator.Text}' is empty; give at least one value.", l.ListStart, l.ListEnd));
                        }

                        foreach (var v in l.Values)
                        {
                            CheckValue(l.Subject.Text, "==", v, errors);
                        }
                    }

                    break;
                case CqlExists x:
                    CheckSubject(x.Subject, x.Operator, errors);
                    break;
            }
        }

        return errors;
    }

    /// <summary>Reports an unknown subject or an operator the subject does not allow; true when both are fine.</summary>
    private static bool CheckSubject(CqlToken subject, CqlToken op, List<CqlError> errors)
    {
        var name = subject.Text;
        if (name.StartsWith("attribute:", StringComparison.Ordinal))
        {
            var attribute = name.Substring("attribute:".Length);
            if (!AttributeName.IsMatch(attribute))
            {
                errors.Add(new CqlError(
                    attribute.Length == 0
                        ? "'attribute:' needs an attribute name, such as attribute:ecs.instance-type."
                        : $"'{attribute}' is not a valid attribute name: use 1 to 128 letters, numbers, '-', '_', '/', '\\' or '.'.",
                    subject.Start,
                    subject.End));
                return false;
            }

            return true;
        }

        if (!Subjects.TryGetValue(name, out var allowed))
        {
            var suggestion = Subjects.Keys.Concat(["attribute:"]).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? (name.IndexOf(':') < 0 && name.IndexOf('.') >= 0 ? "attribute:" + name : null);
            errors.Add(new CqlError(
                $"Unknown subject '{name}'; the subjects are agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount, task:group and attribute:<name>"
                + (suggestion != null ? $" (did you mean '{suggestion}'?)." : "."),
                subject.Start,
                subject.End));
            return false;
        }

        var canonical = CqlParser.Canonical(op);
        if (allowed != null && Array.IndexOf(allowed, canonical) < 0)
        {
            errors.Add(new CqlError($"'{name}' does not support the operator '{op.Text}'; it allows {string.Join(", ", allowed)}.", op.Start, op.End));
            return false;
        }

        return true;
    }

    private static void CheckValue(string subject, string op, CqlToken value, List<CqlError> errors)
    {
        if (op is "=~" or "!~" && !CompilesAsJavaRegex(value.Text, out var reason))
        {
            errors.Add(new CqlError($"'{value.Text}' is not a valid regular expression: {reason}", value.Start, value.End));
        }
        else if (subject == "registeredAt" && !IsDocumentedDate(value.Text))
        {
            errors.Add(new CqlError($"'{value.Text}' is not a date the attribute accepts; use 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00.", value.Start, value.End));
        }
        else if (subject == "runningTasksCount" && !long.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            errors.Add(new CqlError($"runningTasksCount is compared with a whole number, not '{value.Text}'.", value.Start, value.End));
        }
    }

    /// <summary>
    /// ECS evaluates these with java.util.regex. .NET's engine is used as a stand-in; a pattern it rejects that uses
    /// Java-only syntax (possessive quantifiers, \Q…\E, …) is given the benefit of the doubt.
    /// </summary>
    private static bool CompilesAsJavaRegex(string pattern, out string reason)
    {
        reason = "";
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException e)
        {
            if (JavaOnlyRegexSyntax.Any(s => pattern.IndexOf(s, StringComparison.Ordinal) >= 0))
            {
                return true;
            }

            var message = e.Message;
            var colon = message.LastIndexOf(" - ", StringComparison.Ordinal);
            reason = (colon >= 0 ? message.Substring(colon + 3) : message).TrimEnd('.') + ".";
            return false;
        }
    }

    private static bool IsDocumentedDate(string text)
    {
        if (!DateForm.IsMatch(text))
        {
            return false;
        }

        var date = text.Substring(0, 10);
        return DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            && (text.Length == 10 || DateTime.TryParseExact(text.Substring(11, 8), "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
    }
}
