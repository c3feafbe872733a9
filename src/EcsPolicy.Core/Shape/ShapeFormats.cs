using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Shape;

/// <summary>
/// Hand-written value checks named by the shape overlay's <c>format</c> keyword (no regex per node). Each returns
/// null when the value is fine, else the rest of a message (what is wrong and how to fix it) that follows the value's
/// name, e.g. <c> is empty; ...</c>: the caller names the value only when there is something to report.
/// </summary>
internal static class ShapeFormats
{
    internal static readonly string[] Known = ["resourceName", "image", "taskCpu", "taskMemory", "envFileArn", "tagKey", "credentialSpec"];

    public static bool IsKnown(string format) => Array.IndexOf(Known, format) >= 0;

    /// <summary>
    /// What a JSON Schema says for a format (see <see cref="TaskDefinitionSchema"/>): a pattern that ECMA-262 (editors),
    /// .NET and Java read alike, and the same in words. A pattern never rejects what <see cref="Check"/> accepts; it
    /// may accept a little more (a size in vCPU or GB that is not a whole number of units).
    /// </summary>
    internal static (string Pattern, string Description)? Schema(string format) => format switch
    {
        "resourceName" => ("^[A-Za-z0-9_-]{1,255}$", "1 to 255 letters, numbers, underscores and hyphens."),
        "image" => (
            @"^(?:[^\s\x00-\x1f\x7f-\x9f@]{1,255}|[^\s\x00-\x1f\x7f-\x9f@]{0,255}@sha256:[0-9a-fA-F]{64})$",
            "An image reference of up to 255 characters without spaces, optionally pinned as @sha256: and 64 hex characters."),
        "taskCpu" => (
            @"^\s*(?:[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)\s*[vV][cC][pP][uU])\s*$",
            "CPU units such as \"1024\" or vCPUs such as \"1 vCPU\"."),
        "taskMemory" => (
            @"^\s*(?:[0-9]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)\s*(?:[gG][bB]|[gG][iI][bB]|[mM][iI][bB]|[mM][bB]))\s*$",
            "MiB such as \"2048\" or GB such as \"2 GB\"."),
        "envFileArn" => (
            @"^arn:aws(?:-[^:]*)?:s3:::[^/]+/[\s\S]*\.[eE][nN][vV]$",
            "The ARN of an S3 object with a .env extension, e.g. arn:aws:s3:::my-bucket/app.env."),
        "tagKey" => ("^(?![aA][wW][sS]:)", "The aws: prefix (in any case) is reserved for AWS."),
        "credentialSpec" => ("^credentialspec(?:domainless)?:", "credentialspec: or credentialspecdomainless: followed by the ARN or path of the credential spec."),
        _ => null,
    };

    public static string? Check(string format, string value) => format switch
    {
        "resourceName" => ResourceName(value),
        "image" => Image(value),
        "taskCpu" => TaskUnits(value, "vcpu", "CPU units such as \"1024\" or vCPUs such as \"1 vCPU\""),
        "taskMemory" => TaskUnits(value, "gb", "MiB such as \"2048\" or GB such as \"2 GB\""),
        "envFileArn" => EnvFileArn(value),
        "tagKey" => TagKey(value),
        "credentialSpec" => CredentialSpec(value),
        _ => null,
    };

    /// <summary>Family, container and volume names: <c>^[A-Za-z0-9_-]{1,255}$</c>.</summary>
    private static string? ResourceName(string value)
    {
        const string Rule = "use 1 to 255 letters, numbers, underscores and hyphens";
        if (value.Length == 0)
        {
            return " is empty; " + Rule + ".";
        }

        if (value.Length > 255)
        {
            return " is " + Count(value.Length) + " characters long; " + Rule + ".";
        }

        foreach (var ch in value)
        {
            if (!IsNameChar(ch))
            {
                return " contains " + Describe(ch) + "; " + Rule + ".";
            }
        }

        return null;
    }

    private static string? Image(string value)
    {
        if (value.Trim().Length == 0)
        {
            return " is empty; give an image reference such as \"public.ecr.aws/nginx/nginx:1.27\".";
        }

        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                return " contains " + Describe(ch) + "; an image reference has no spaces or control characters.";
            }
        }

        var at = value.IndexOf('@');
        if (at < 0)
        {
            return value.Length > 255
                ? " is " + Count(value.Length) + " characters long; an image reference may have at most 255."
                : null;
        }

        if (at > 255)
        {
            return " has " + Count(at) + " characters before '@'; at most 255 are allowed.";
        }

        var digest = value.Substring(at + 1);
        const string Fix = "pin the image as repository@sha256: followed by exactly 64 hex characters (0-9, a-f)";
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            var colon = digest.IndexOf(':');
            return colon > 0
                ? " uses the digest algorithm '" + digest.Substring(0, colon) + "'; only sha256 is supported: " + Fix + "."
                : " has a malformed digest after '@'; " + Fix + ".";
        }

        var hex = digest.Substring("sha256:".Length);
        if (hex.Length != 64)
        {
            return " has a sha256 digest of " + Count(hex.Length) + " characters; " + Fix + ".";
        }

        foreach (var ch in hex)
        {
            if (!(ch is >= '0' and <= '9' || ch is >= 'a' and <= 'f' || ch is >= 'A' and <= 'F'))
            {
                return " has a sha256 digest that contains " + Describe(ch) + "; " + Fix + ".";
            }
        }

        return null;
    }

    private static string? TaskUnits(string value, string unit, string forms)
    {
        if (TaskDefinition.TryParseUnits(value, unit, out _))
        {
            return null;
        }

        if (value.Trim().Length == 0)
        {
            return " is empty; write " + forms + ", or remove it.";
        }

        // Other unit spellings ("1024 MiB", "1 GiB", "1024 MB") are UNCONFIRMED upstream: not an error.
        if (unit == "gb" && HasNumberThenUnit(value, "mib", "gib", "mb"))
        {
            return null;
        }

        return " is not a valid amount; write " + forms + ".";
    }

    private static bool HasNumberThenUnit(string value, params string[] units)
    {
        var t = value.Trim();
        foreach (var u in units)
        {
            if (t.EndsWith(u, StringComparison.OrdinalIgnoreCase))
            {
                var number = t.Substring(0, t.Length - u.Length).TrimEnd();
                return number.Length > 0 && decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
            }
        }

        return false;
    }

    /// <summary>An S3 object ARN (arn:PARTITION:s3:::bucket/key) whose key ends in .env.</summary>
    private static string? EnvFileArn(string value)
    {
        const string Fix = "give the ARN of an S3 object with a .env extension, e.g. arn:aws:s3:::my-bucket/app.env";
        var parts = value.Split([':'], 6);
        var isS3Arn = parts.Length == 6 && parts[0] == "arn" && (parts[1] == "aws" || parts[1].StartsWith("aws-", StringComparison.Ordinal))
            && parts[2] == "s3" && parts[3].Length == 0 && parts[4].Length == 0;
        if (!isS3Arn)
        {
            return " is not an S3 object ARN; " + Fix + ".";
        }

        var slash = parts[5].IndexOf('/');
        if (slash <= 0 || slash == parts[5].Length - 1)
        {
            return " names a bucket but no object; " + Fix + ".";
        }

        if (!parts[5].EndsWith(".env", StringComparison.OrdinalIgnoreCase))
        {
            return " does not end in .env; environment files must have the .env extension.";
        }

        return null;
    }

    private static string? TagKey(string value) =>
        value.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)
            ? " starts with '" + value.Substring(0, 4) + "'; the aws: prefix (in any case) is reserved for AWS, use another prefix."
            : null;

    private static string? CredentialSpec(string value) =>
        value.StartsWith("credentialspec:", StringComparison.Ordinal) || value.StartsWith("credentialspecdomainless:", StringComparison.Ordinal)
            ? null
            : " must start with 'credentialspec:' or 'credentialspecdomainless:' followed by the ARN or path of the credential spec.";

    private static bool IsNameChar(char ch) => ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-';

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    internal static string Describe(char ch) => ch switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        _ when char.IsControl(ch) || char.IsSurrogate(ch) => "the character U+" + ((int)ch).ToString("X4", CultureInfo.InvariantCulture),
        _ => "'" + ch + "'",
    };
}
