namespace EcsPolicy.Rules.Secrets;

/// <summary>
/// An IAM role given as <c>arn:partition:iam::account-id:role/path/name</c> or as a role name (with an optional path),
/// which the task role and execution role accept.
/// </summary>
internal sealed class IamRoleArn
{
    private IamRoleArn(string? account, string name)
    {
        Account = account;
        Name = name;
    }

    /// <summary>The account ID (or placeholder text) of an ARN; null for a role name.</summary>
    public string? Account { get; }

    /// <summary>The role name, without its path.</summary>
    public string Name { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why and where.</summary>
    public static IamRoleArn? Parse(string text, out ReferenceProblem? problem)
    {
        problem = null;
        if (!text.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (text.IndexOf(':') >= 0)
            {
                var colon = text.IndexOf(':');
                problem = new ReferenceProblem("is neither a role ARN (arn:aws:iam::account-id:role/name) nor a role name", colon, colon + 1);
                return null;
            }

            return ParseResource(text, 0, account: null, out problem);
        }

        var parts = text.Split(':');
        if (parts.Length != 6)
        {
            problem = new ReferenceProblem(
                parts.Length < 6 ? "is not a complete role ARN (arn:aws:iam::account-id:role/name)" : "has too many ':' parts for a role ARN (arn:aws:iam::account-id:role/name)",
                0,
                text.Length);
            return null;
        }

        var offsets = new int[6];
        for (var i = 1; i < 6; i++)
        {
            offsets[i] = offsets[i - 1] + parts[i - 1].Length + 1;
        }

        if (AwsText.CheckPartition(parts[1]) is { } partition)
        {
            problem = new ReferenceProblem("has a bad partition: " + partition, offsets[1], offsets[1] + Math.Max(1, parts[1].Length));
            return null;
        }

        if (parts[2] != "iam")
        {
            problem = new ReferenceProblem("is an ARN for service '" + AwsText.Cut(parts[2]) + "', not an IAM role", offsets[2], offsets[2] + Math.Max(1, parts[2].Length));
            return null;
        }

        if (parts[3].Length > 0)
        {
            problem = new ReferenceProblem("has a Region ('" + AwsText.Cut(parts[3]) + "'), but IAM ARNs have none (arn:aws:iam::account-id:role/name)", offsets[3], offsets[3] + parts[3].Length);
            return null;
        }

        if (AwsText.CheckAccount(parts[4]) is { } account)
        {
            problem = new ReferenceProblem("has a bad account ID: " + account, offsets[4], offsets[4] + Math.Max(1, parts[4].Length));
            return null;
        }

        const string Role = "role/";
        if (!parts[5].StartsWith(Role, StringComparison.Ordinal))
        {
            var slash = parts[5].IndexOf('/');
            var type = slash < 0 ? parts[5] : parts[5].Substring(0, slash);
            problem = new ReferenceProblem("names a '" + AwsText.Cut(type) + "', not a role (the resource must be role/name)", offsets[5], offsets[5] + Math.Max(1, type.Length));
            return null;
        }

        return ParseResource(parts[5].Substring(Role.Length), offsets[5] + Role.Length, parts[4], out problem);
    }

    // "[path/]name": the path is '/'-separated segments, the name the last segment.
    private static IamRoleArn? ParseResource(string resource, int offset, string? account, out ReferenceProblem? problem)
    {
        problem = null;
        var slash = resource.LastIndexOf('/');
        var name = resource.Substring(slash + 1);
        var nameStart = offset + slash + 1;
        if (name.Length == 0)
        {
            problem = new ReferenceProblem("has no role name", Math.Max(0, nameStart - 1), nameStart);
            return null;
        }

        if (slash >= 0)
        {
            var path = resource.Substring(0, slash + 1);
            if (path.IndexOf("//", StringComparison.Ordinal) >= 0 || FirstBad(path, IsPathChar) >= 0)
            {
                problem = new ReferenceProblem("has a malformed role path", offset, offset + path.Length);
                return null;
            }

            if (path.Length > 512)
            {
                problem = new ReferenceProblem("has a role path longer than 512 characters", offset, offset + path.Length);
                return null;
            }
        }

        var bad = FirstBad(name, IsNameChar);
        if (bad >= 0)
        {
            problem = new ReferenceProblem("has '" + name[bad] + "' in the role name (allowed: letters, digits and + = , . @ _ -)", nameStart + bad, nameStart + bad + 1);
            return null;
        }

        if (name.Length > 64)
        {
            problem = new ReferenceProblem("has a role name longer than 64 characters", nameStart + 64, nameStart + name.Length);
            return null;
        }

        return new IamRoleArn(account, name);
    }

    // Every role of every task is parsed (twice when the task and execution roles are compared): character tests, not
    // regular expressions.
    private static int FirstBad(string text, Func<char, bool> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!allowed(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // Role names: 1-64 of [A-Za-z0-9_+=,.@-].
    private static bool IsNameChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '+' or '=' or ',' or '.' or '@' or '-';

    // Path segments: printable ASCII (U+0021 to U+007E); '/' separates them.
    private static bool IsPathChar(char c) => c is >= '!' and <= '~';
}
