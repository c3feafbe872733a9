using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EcsPolicy.Policies;

/// <summary>
/// One custom policy at work on one file: the file's <see cref="Budget"/>, which the policy's paths take steps from,
/// and the time its <c>matches</c> patterns have taken on the file's values. A pattern is a .NET regular expression
/// that can take exponential time on a value made for it; each match may take at most
/// <see cref="PatternTime"/>, and so may all of the policy's matches on one file together. Past that the policy's
/// patterns are not run on the file's further values: each value they would have judged is recorded as a gap
/// (ECS0009 at the value), so the file is reported as not checked completely instead of passing the policy silently.
/// </summary>
internal sealed class PolicyRun
{
    /// <summary>How long one match, and all of one policy's matches on one file, may take.</summary>
    public static readonly TimeSpan PatternTime = TimeSpan.FromSeconds(1);

    /// <summary>At most this many characters of a pattern are quoted in a gap's reason.</summary>
    private const int QuotedPattern = 60;

    private readonly Budget _budget;
    private readonly string _policyId;
    private readonly string _work;
    private TimeSpan _patternTime;
    private bool _patternsStopped;

    public PolicyRun(Budget budget, string policyId)
    {
        _budget = budget;
        _policyId = policyId;
        _work = "following the paths of custom policy " + policyId;
    }

    /// <summary>Takes a step for a node a path passes at <paramref name="at"/>; false when the budget is spent.</summary>
    public bool Step(SNode at) => _budget.Step(at.Location, _work);

    /// <summary>
    /// Whether <paramref name="pattern"/> matches the value of <paramref name="node"/> (a scalar); null when that is not
    /// known: the match took longer than <see cref="PatternTime"/>, the policy's patterns already took that long on this
    /// file, or the budget is spent. Each of these records a gap at the value.
    /// </summary>
    public bool? Matches(Regex pattern, SNode node)
    {
        if (!Step(node))
        {
            return null;
        }

        if (_patternsStopped)
        {
            _budget.NotChecked("the 'matches' pattern " + Quote(pattern) + " of custom policy " + _policyId + " was not run on this value: the policy's patterns had already taken more than 1 second on this file", node.Location);
            return null;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            return pattern.IsMatch(node.Scalar!);
        }
        catch (RegexMatchTimeoutException)
        {
            _patternsStopped = true;
            _budget.NotChecked("the 'matches' pattern " + Quote(pattern) + " of custom policy " + _policyId + " took more than 1 second on this value", node.Location);
            return null;
        }
        finally
        {
            _patternTime += watch.Elapsed;
            _patternsStopped |= _patternTime > PatternTime;
        }
    }

    private static string Quote(Regex pattern)
    {
        var text = pattern.ToString();
        return "'" + (text.Length <= QuotedPattern ? text : text.Substring(0, QuotedPattern) + "…") + "'";
    }
}
