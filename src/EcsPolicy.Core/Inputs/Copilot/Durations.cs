using System.Globalization;

namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// Copilot's durations, read without ever throwing. Copilot decodes a duration field into Go's <c>time.Duration</c>
/// (<c>time.ParseDuration</c>: a signed count of nanoseconds in 64 bits), so a duration longer than
/// <see cref="Longest"/> is one it cannot read and it refuses the manifest. The digits a manifest may write are
/// unbounded, so they are never handed to <c>int.Parse</c> or multiplied in a fixed-size integer: each part is
/// checked against what is left of the range first, as Go does.
/// </summary>
internal static class Durations
{
    /// <summary>The longest duration Go can hold, as Go writes it (2^63-1 nanoseconds).</summary>
    public const string Longest = "2562047h47m16.854775807s";

    /// <summary>The longest whole number of seconds Go can hold.</summary>
    public const long MaxSeconds = long.MaxValue / 1_000_000_000;

    private static readonly (string Unit, decimal Nanoseconds)[] Units =
    [
        ("ns", 1m), ("us", 1_000m), ("\u00b5s", 1_000m), ("\u03bcs", 1_000m), ("ms", 1_000_000m),
        ("s", 1_000_000_000m), ("m", 60_000_000_000m), ("h", 3_600_000_000_000m),
    ];

    /// <summary>
    /// The seconds written in the form the task definition builder reads (<see cref="TaskDefinitionBuilder.Duration"/>:
    /// whole hours, minutes and seconds, e.g. <c>1h30m</c>): the three groups' digits. False when the total is past
    /// <see cref="MaxSeconds"/> (<paramref name="seconds"/> is then 0).
    /// </summary>
    public static bool TrySeconds(string? hours, string? minutes, string? secs, out long seconds)
    {
        seconds = 0;
        var total = 0m;
        foreach (var (digits, factor) in new[] { (hours, 3600m), (minutes, 60m), (secs, 1m) })
        {
            if (string.IsNullOrEmpty(digits))
            {
                continue;
            }

            if (Whole(digits!) is not { } value || value > MaxSeconds / factor)
            {
                return false;
            }

            total += value * factor;
        }

        if (total > MaxSeconds)
        {
            return false;
        }

        seconds = (long)total;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is written as a Go duration (e.g. <c>90s</c>, <c>1.5h</c>, <c>1h30m</c>) that is
    /// too long for Go to hold: Copilot cannot read it. False for a duration in range and for text that is not a
    /// duration at all (other checks, or none, deal with those).
    /// </summary>
    public static bool IsOutOfRange(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        if (i == text.Length || text.Substring(i) == "0")
        {
            return false;
        }

        var total = 0m;
        var overflow = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                i++;
            }

            var whole = text.Substring(start, i - start);
            var fraction = "";
            if (i < text.Length && text[i] == '.')
            {
                var fractionStart = ++i;
                while (i < text.Length && text[i] is >= '0' and <= '9')
                {
                    i++;
                }

                fraction = text.Substring(fractionStart, i - fractionStart);
            }

            if (whole.Length == 0 && fraction.Length == 0)
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && !(text[i] is >= '0' and <= '9') && text[i] != '.')
            {
                i++;
            }

            var unit = text.Substring(unitStart, i - unitStart);
            var nanoseconds = 0m;
            foreach (var (name, value) in Units)
            {
                if (name == unit)
                {
                    nanoseconds = value;
                }
            }

            if (nanoseconds == 0)
            {
                // Not a duration Go reads (no unit, or an unknown one): not this check's to report.
                return false;
            }

            if (overflow)
            {
                continue;
            }

            // Go: the whole part may not pass 2^63 / unit; then the sum may not pass 2^63 - 1.
            var wholeValue = whole.Length == 0 ? 0m : Whole(whole);
            if (wholeValue is null || wholeValue > (decimal)long.MaxValue / nanoseconds)
            {
                overflow = true;
                continue;
            }

            var part = wholeValue.Value * nanoseconds;
            if (fraction.Length > 0)
            {
                // Only the first digits can matter: 20 are past a nanosecond even in hours.
                var digits = fraction.Length > 20 ? fraction.Substring(0, 20) : fraction;
                part += decimal.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) / Pow10(digits.Length) * nanoseconds;
            }

            total += Math.Floor(part);
            overflow = total > long.MaxValue;
        }

        return overflow;
    }

    /// <summary>
    /// Whether <paramref name="number"/> (a YAML number) is a whole number past what a 64-bit integer holds, which Go
    /// cannot decode into a <c>time.Duration</c> or an <c>int</c>.
    /// </summary>
    public static bool IsTooLongInteger(string number)
    {
        var digits = number.Length > 0 && number[0] is '+' or '-' ? number.Substring(1) : number;
        return digits.Length > 0
            && digits.All(c => c is >= '0' and <= '9')
            && !long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>A whole number of at most 19 significant digits (leading zeros dropped), or null when longer.</summary>
    private static decimal? Whole(string digits)
    {
        var significant = digits.TrimStart('0');
        return significant.Length == 0 ? 0m
            : significant.Length > 19 ? null
            : decimal.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int n)
    {
        var result = 1m;
        for (var k = 0; k < n; k++)
        {
            result *= 10m;
        }

        return result;
    }
}
