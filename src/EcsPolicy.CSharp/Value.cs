using System.Globalization;

namespace EcsPolicy.CSharp;

/// <summary>
/// What an expression is known to evaluate to before the app runs: a string, a number, a boolean, a
/// <c>Duration</c> (in seconds), <c>null</c>, or unknown with the reason.
/// </summary>
internal readonly struct Value
{
    private Value(object? constant, bool isDuration, string? unknownReason, bool isNull)
    {
        Constant = constant;
        IsDuration = isDuration;
        UnknownReason = unknownReason;
        IsNull = isNull;
    }

    /// <summary>A string, a double or a bool; for a duration, its seconds (a double).</summary>
    public object? Constant { get; }

    public bool IsDuration { get; }

    public bool IsNull { get; }

    public string? UnknownReason { get; }

    public bool IsKnown => UnknownReason is null && !IsNull;

    public static Value Null => new(null, false, null, isNull: true);

    public static Value Of(object constant) => constant switch
    {
        string or bool or double => new Value(constant, false, null, false),
        char c => new Value(c.ToString(), false, null, false),
        _ => new Value(Convert.ToDouble(constant, CultureInfo.InvariantCulture), false, null, false),
    };

    public static Value Seconds(double seconds) => new(seconds, isDuration: true, null, false);

    public static Value Unknown(string reason) => new(null, false, reason, false);

    public bool TryNumber(out double number)
    {
        if (Constant is double d && !IsDuration)
        {
            number = d;
            return true;
        }

        number = 0;
        return false;
    }

    /// <summary>The value as text, the way C# string conversion would write it (invariant culture).</summary>
    public string? Text => Constant switch
    {
        string s => s,
        bool b => b ? "True" : "False",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
