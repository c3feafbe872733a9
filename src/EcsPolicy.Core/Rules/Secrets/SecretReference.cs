using System.Text.RegularExpressions;

namespace EcsPolicy.Rules.Secrets;

/// <summary>Where a secret reference is used; each place accepts different forms.</summary>
internal enum ReferenceUse
{
    /// <summary>A container's <c>secrets[].valueFrom</c>: SSM parameter name or ARN, or Secrets Manager ARN with optional suffix.</summary>
    ContainerSecret,

    /// <summary><c>logConfiguration.secretOptions[].valueFrom</c>: the same forms as container secrets.</summary>
    LogSecretOption,

    /// <summary><c>repositoryCredentials.credentialsParameter</c>: a Secrets Manager secret ARN or same-Region secret name.</summary>
    RepositoryCredentials,
}

/// <summary>What is wrong with a secret reference, and which characters of it (for the finding's columns).</summary>
internal sealed record ReferenceProblem(string Reason, int Start, int End);

/// <summary>
/// Parses the <c>valueFrom</c> forms that ECS accepts (facts §3.8):
/// an SSM parameter name (<c>name</c>, <c>/a/b</c>), an SSM ARN <c>arn:partition:ssm:region:account:parameter/name</c>,
/// a Secrets Manager ARN <c>arn:partition:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id]</c>,
/// and for repository credentials a Secrets Manager ARN or secret name. Placeholder Region and account text from the
/// documentation (<c>region</c>, <c>aws_account_id</c>) is accepted.
/// </summary>
internal static class SecretReference
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    // SSM parameter names: a-zA-Z0-9_.- and '/' for hierarchies; an optional ":version" or ":label" selector.
    private static readonly Regex SsmNameChar = new(@"[^A-Za-z0-9_.\-/]", Options);

    private static readonly Regex SsmSelector = new(@"^[A-Za-z0-9_.\-]+$", Options);

    // Secrets Manager secret names: a-zA-Z0-9/_+=.@-.
    private static readonly Regex SecretNameChar = new(@"[^A-Za-z0-9/_+=.@\-]", Options);

    private static readonly Regex VersionId = new(@"^[A-Za-z0-9\-]{32,64}$", Options);

    /// <summary>True when <paramref name="text"/> names a Secrets Manager secret by ARN.</summary>
    public static bool IsSecretsManagerArn(string text) =>
        text.StartsWith("arn:", StringComparison.Ordinal) && text.Split(':').Length > 2 && text.Split(':')[2] == "secretsmanager";

    /// <summary>Null when <paramref name="text"/> is a well-formed reference for <paramref name="use"/>, else the problem.</summary>
    public static ReferenceProblem? Check(string text, ReferenceUse use)
    {
        if (text.StartsWith("arn:", StringComparison.Ordinal))
        {
            return CheckArn(text, use);
        }

        return use == ReferenceUse.RepositoryCredentials ? CheckSecretName(text) : CheckParameterName(text, 0, text.Length, inArn: false);
    }

    private static ReferenceProblem? CheckArn(string text, ReferenceUse use)
    {
        var parts = Split(text);
        if (parts.Count < 6)
        {
            return new ReferenceProblem("is not a complete ARN (arn:partition:service:region:account-id:resource)", 0, text.Length);
        }

        var service = parts[2];
        var wantsSecret = use == ReferenceUse.RepositoryCredentials;
        if (service.Text != "secretsmanager" && (wantsSecret || service.Text != "ssm"))
        {
            var expected = wantsSecret ? "a Secrets Manager secret (arn:partition:secretsmanager:...)" : "an SSM parameter or a Secrets Manager secret";
            return new ReferenceProblem("is an ARN for service '" + AwsText.Cut(service.Text) + "', not " + expected, service.Start, service.End);
        }

        if (AwsText.CheckPartition(parts[1].Text) is { } partition)
        {
            return new ReferenceProblem("has a bad partition: " + partition, parts[1].Start, parts[1].End);
        }

        if (AwsText.CheckRegion(parts[3].Text) is { } region)
        {
            return new ReferenceProblem("has a bad Region: " + region, parts[3].Start, Math.Max(parts[3].End, parts[3].Start + 1));
        }

        if (AwsText.CheckAccount(parts[4].Text) is { } account)
        {
            return new ReferenceProblem("has a bad account ID: " + account, parts[4].Start, Math.Max(parts[4].End, parts[4].Start + 1));
        }

        return service.Text == "ssm" ? CheckSsmResource(text, parts[5].Start) : CheckSecretResource(text, parts, use);
    }

    private static ReferenceProblem? CheckSsmResource(string text, int start)
    {
        const string Prefix = "parameter";
        var resource = text.Substring(start);
        if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new ReferenceProblem("has resource '" + Cut(resource) + "'; an SSM parameter ARN ends in parameter/<name>", start, text.Length);
        }

        var after = start + Prefix.Length;
        if (after == text.Length || (text[after] == '/' && after + 1 == text.Length))
        {
            return new ReferenceProblem("names no parameter: an SSM parameter ARN ends in parameter/<name>", Math.Max(start, after - 1), text.Length);
        }

        if (text[after] != '/')
        {
            return new ReferenceProblem("has '" + text[after] + "' after 'parameter'; an SSM parameter ARN ends in parameter/<name>", after, after + 1);
        }

        return CheckParameterName(text, after + 1, text.Length, inArn: true);
    }

    private static ReferenceProblem? CheckParameterName(string text, int start, int end, bool inArn)
    {
        var name = text.Substring(start, end - start);
        if (name.Length == 0)
        {
            return new ReferenceProblem("is empty", start, end);
        }

        var colon = name.IndexOf(':');
        if (colon >= 0)
        {
            // name:version or name:label selects a parameter version; anything else is not a parameter name.
            var selector = name.Substring(colon + 1);
            if (colon == 0 || !SsmSelector.IsMatch(selector))
            {
                var reason = inArn
                    ? "has ':' in the parameter name"
                    : "is neither an ARN nor an SSM parameter name (':' is not allowed in a name; a Secrets Manager secret needs its full ARN)";
                return new ReferenceProblem(reason, start + colon, start + colon + 1);
            }

            name = name.Substring(0, colon);
            end = start + colon;
        }

        var bad = SsmNameChar.Match(name);
        if (bad.Success)
        {
            var reason = inArn
                ? "has '" + bad.Value + "' in the parameter name (allowed: letters, digits, _ . - /)"
                : "is not an SSM parameter name: '" + bad.Value + "' is not allowed (letters, digits, _ . - /); a Secrets Manager secret needs its full ARN";
            return new ReferenceProblem(reason, start + bad.Index, start + bad.Index + 1);
        }

        if (!inArn && name.IndexOf('/') > 0)
        {
            return new ReferenceProblem("is a hierarchical SSM parameter name that does not start with '/'", start, start + 1);
        }

        return name.EndsWith("/", StringComparison.Ordinal) || name.IndexOf("//", StringComparison.Ordinal) >= 0
            ? new ReferenceProblem("has an empty level in the parameter name", start, end)
            : null;
    }

    private static ReferenceProblem? CheckSecretResource(string text, List<Part> parts, ReferenceUse use)
    {
        if (parts[5].Text != "secret")
        {
            return new ReferenceProblem("has resource type '" + Cut(parts[5].Text) + "'; a Secrets Manager ARN has 'secret:<name>'", parts[5].Start, Math.Max(parts[5].End, parts[5].Start + 1));
        }

        if (parts.Count < 7 || parts[6].Text.Length == 0)
        {
            var at = parts.Count < 7 ? text.Length : parts[6].Start;
            return new ReferenceProblem("names no secret after 'secret:'", Math.Max(0, at - 1), text.Length);
        }

        var name = parts[6];
        var bad = SecretNameChar.Match(name.Text);
        if (bad.Success)
        {
            return new ReferenceProblem("has '" + bad.Value + "' in the secret name (allowed: letters, digits, / _ + = . @ -)", name.Start + bad.Index, name.Start + bad.Index + 1);
        }

        if (parts.Count == 7)
        {
            return null;
        }

        if (use == ReferenceUse.RepositoryCredentials)
        {
            return new ReferenceProblem("has a suffix after the secret name; repository credentials take the secret ARN itself, without :json-key:version-stage:version-id", parts[7].Start - 1, text.Length);
        }

        if (parts.Count > 10)
        {
            return new ReferenceProblem("has too many ':' parts; after the secret name only :json-key:version-stage:version-id may follow", parts[10].Start - 1, text.Length);
        }

        if (parts.Count < 10)
        {
            return new ReferenceProblem("has an incomplete suffix; write all three parts :json-key:version-stage:version-id, leaving unused ones empty (e.g. ':username::')", parts[7].Start - 1, text.Length);
        }

        var stage = parts[8];
        var id = parts[9];
        if (stage.Text.Length > 0 && id.Text.Length > 0)
        {
            return new ReferenceProblem("gives both a version stage and a version ID; Secrets Manager takes only one of them", id.Start, id.End);
        }

        return id.Text.Length > 0 && !VersionId.IsMatch(id.Text)
            ? new ReferenceProblem("has a version ID that is not 32 to 64 letters, digits and '-'", id.Start, id.End)
            : null;
    }

    private static ReferenceProblem? CheckSecretName(string text)
    {
        if (text.Length == 0)
        {
            return new ReferenceProblem("is empty", 0, 0);
        }

        var bad = SecretNameChar.Match(text);
        if (bad.Success)
        {
            return new ReferenceProblem("is neither a Secrets Manager ARN nor a secret name: '" + bad.Value + "' is not allowed in a name", bad.Index, bad.Index + 1);
        }

        return text.Length > 512 ? new ReferenceProblem("is longer than the 512 characters of a secret name", 512, text.Length) : null;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    private static List<Part> Split(string text)
    {
        var parts = new List<Part>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ':')
            {
                parts.Add(new Part(text.Substring(start, i - start), start, i));
                start = i + 1;
            }
        }

        return parts;
    }

    private readonly record struct Part(string Text, int Start, int End);
}
