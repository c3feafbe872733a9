namespace EcsPolicy.Cli;

/// <summary>
/// Which rules a run reports, from <c>select</c> and <c>ignore</c> lists of rule IDs and ID prefixes (<c>ECS6007</c>,
/// <c>ECS60</c>, <c>ECS6</c>, or <c>ALL</c>), as ruff's <c>--select</c>/<c>--ignore</c> read them: a rule runs when a
/// select code covers it (every rule when there is none) and no ignore code does. ECS0001 and ECS0009 (a file that was
/// not checked) are never left out: a gate must not pass a file it did not read.
/// </summary>
public sealed class RuleSelection
{
    private readonly string[] _select;
    private readonly string[] _ignore;

    public RuleSelection(IEnumerable<string> select, IEnumerable<string> ignore)
    {
        _select = [.. Codes(select)];
        _ignore = [.. Codes(ignore)];
    }

    /// <summary>Every rule.</summary>
    public static RuleSelection All { get; } = new([], []);

    /// <summary>The select codes, normalised (upper case, comma lists split); empty when every rule is selected.</summary>
    public IReadOnlyList<string> Select => _select;

    /// <summary>The ignore codes, normalised.</summary>
    public IReadOnlyList<string> Ignore => _ignore;

    /// <summary>Whether the selection leaves every rule as it is.</summary>
    public bool IsAll => _ignore.Length == 0 && (_select.Length == 0 || _select.Contains("ALL"));

    /// <summary>Whether a select code covers rule <paramref name="id"/> (every rule when there is none), whatever the ignore codes say.</summary>
    public bool Selects(string id) => _select.Length == 0 || _select.Any(c => Covers(c, id));

    /// <summary>The message for a code of <paramref name="option"/> that matches no rule (see <see cref="Unknown"/>).</summary>
    public static string NoRuleMessage(string option, string code) => $"ecs-policy: {option} {code} matches no rule; run 'ecs-policy rules' for the list.";

    /// <summary>Whether rule <paramref name="id"/> runs.</summary>
    public bool Includes(string id) =>
        Engine.Linter.IsFailClosed(id)
        || (Selects(id) && !_ignore.Any(c => Covers(c, id)));

    /// <summary>
    /// The codes of command-line or configuration values: each value may be a comma-separated list; blanks are dropped and
    /// codes are upper-cased (<c>ecs6</c> is <c>ECS6</c>).
    /// </summary>
    public static IEnumerable<string> Codes(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',')).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The codes among <paramref name="codes"/> that cover no rule of <paramref name="knownIds"/> (a typo, or a rule that
    /// does not exist, such as <c>ECS9999</c>): a selection that silently matches nothing would leave a gate open.
    /// </summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> codes, IEnumerable<string> knownIds)
    {
        var ids = knownIds.ToList();
        return [.. Codes(codes).Where(c => c != "ALL" && !ids.Any(id => Covers(c, id)))];
    }

    private static bool Covers(string code, string id) =>
        code == "ALL" || id.StartsWith(code, StringComparison.OrdinalIgnoreCase);
}
