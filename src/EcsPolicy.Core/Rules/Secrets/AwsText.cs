using System.Globalization;
using System.Text.RegularExpressions;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>
/// Shapes shared by the ECS3xxx rules: template placeholders (values a deploy tool substitutes later, so they are not
/// statically known), documentation placeholders, and the partition, Region and account parts of ARNs.
/// </summary>
internal static class AwsText
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly Regex Partition = new(@"^aws(-cn|-us-gov|-iso(-[a-z])?|-eusc)?$", Options);

    // us-east-1, us-gov-west-1, cn-northwest-1, eu-isoe-west-1, ap-southeast-7, mx-central-1, and the European
    // Sovereign Cloud's eusc-de-east-1 (AWS SDK partition data, partition aws-eusc; checked 2026-12).
    private static readonly Regex Region = new(@"^([a-z]{2}|eusc)(-[a-z]+)+-[0-9]{1,2}$", Options);

    /// <summary>At most this many characters of a part of an ARN are quoted in a message.</summary>
    private const int QuotedPart = 64;

    /// <summary>True when the text holds a template expression, so its final value is not known statically.</summary>
    public static bool IsTemplated(string text) => TemplatePlaceholders.Contains(text);

    // Placeholder words the documentation and samples write in ARNs: region, aws-region, aws_account_id, 111122223333
    // (a real 12-digit shape), XXXXXXXXXXXX, partition. Character tests, not regular expressions: the pattern
    // ^[A-Za-z_-]*region[A-Za-z_-]*$ backtracks in time quadratic in the length of "regionregion...!".
    private static bool IsRegionWord(string text) => IsWordWith(text, "region");

    private static bool IsAccountWord(string text) => IsWordWith(text, "account") || (text.Length > 0 && text.All(c => c is 'x' or 'X'));

    private static bool IsPartitionWord(string text) => IsWordWith(text, "partition");

    /// <summary>Letters, '_' and '-' only, with <paramref name="word"/> among them (in any letter case).</summary>
    private static bool IsWordWith(string text, string word)
    {
        foreach (var c in text)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_' or '-'))
            {
                return false;
            }
        }

        return text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>A part of a reference as a message quotes it: whole up to 64 characters, else its start and "…".</summary>
    public static string Cut(string text) => text.Length <= QuotedPart ? text : text.Substring(0, QuotedPart) + "…";

    /// <summary>Null when <paramref name="partition"/> is a real partition (or a placeholder word), else the reason.</summary>
    public static string? CheckPartition(string partition) =>
        partition == "aws" || Partition.IsMatch(partition) || IsPartitionWord(partition)
            ? null
            : partition.Length == 0
                ? "the partition is empty (expected aws, aws-cn, aws-us-gov, aws-iso, ...)"
                : "'" + Cut(partition) + "' is not an AWS partition (expected aws, aws-cn, aws-us-gov, aws-iso, ...)";

    /// <summary>Null when <paramref name="region"/> has the shape of a Region code (or is a placeholder word), else the reason.</summary>
    public static string? CheckRegion(string region) =>
        Region.IsMatch(region) || IsRegionWord(region)
            ? null
            : region.Length == 0
                ? "the Region is empty"
                : "'" + Cut(region) + "' is not a Region code such as us-east-1";

    /// <summary>Null when <paramref name="account"/> is 12 digits (or a placeholder such as aws_account_id), else the reason.</summary>
    public static string? CheckAccount(string account)
    {
        // Twelve digits, the usual case, without a regular expression (every role and secret ARN of a task is checked).
        if ((account.Length == 12 && IsDigits(account)) || IsAccountWord(account))
        {
            return null;
        }

        if (account.Length == 0)
        {
            return "the account ID is empty";
        }

        return IsDigits(account)
            ? string.Format(CultureInfo.InvariantCulture, "the account ID has {0} digits, not 12", account.Length)
            : "the account ID '" + Cut(account) + "' is not 12 digits";
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How messages name a container: <c>'web'</c>, or its position when the name is not known.</summary>
    public static string ContainerLabel(ContainerDefinition container)
    {
        var name = container.Name;
        return name.IsKnown && name.Value.Length > 0
            ? "'" + name.Value + "'"
            : "#" + (container.Node.Index + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The location of characters <paramref name="start"/>..<paramref name="end"/> of a string value.</summary>
    public static SourceLocation RangeOf(Val<string> value, int start, int end) =>
        value.Node is { } node ? node.LocationOfRange(start, end) : value.Location;

    /// <summary>The path to report for a value.</summary>
    public static string PathOf<T>(Val<T> value) => value.Node?.Path ?? value.Owner?.Node.Path ?? "";
}
