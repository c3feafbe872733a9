using System.Text.RegularExpressions;

namespace EcsPolicy.Rules.Secrets;

/// <summary>
/// Why a plain environment variable looks like a secret, and which characters of its value are the secret
/// (<paramref name="Whole"/>: the judgement is about the value as a whole, so the finding points at the whole string).
/// </summary>
internal sealed record SecretHit(string Detector, string Reason, int Start, int End, bool Whole = false);

/// <summary>
/// Decides whether a plain environment variable holds a secret, from its value (well-known credential formats, URLs and
/// connection strings with a password, long high-entropy strings) and from its name (PASSWORD, SECRET, TOKEN, API_KEY,
/// PRIVATE_KEY, ...), with guards against the usual false positives: names that describe a secret rather than hold it
/// (<c>PASSWORD_FILE</c>, <c>TOKEN_URL</c>, <c>SECRET_NAME</c>), booleans, numbers, paths, ARNs, plain URLs, empty values,
/// template placeholders (<c>${DB_PASSWORD}</c>) and filler (<c>&lt;password&gt;</c>, <c>****</c>, <c>your-api-key</c>).
/// A literal weak password such as <c>changeme</c> is still reported: the container runs with it.
/// Nothing here keeps or returns the value's text.
/// </summary>
internal static class SecretDetectors
{
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly (string Detector, string Reason, Regex Pattern)[] ValueDetectors =
    [
        ("private-key", "its value is a private key block", new Regex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----", Options)),
        ("aws-access-key-id", "its value contains an AWS access key ID", new Regex(@"(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])", Options)),
        ("github-token", "its value contains a GitHub token", new Regex(@"(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})", Options)),
        ("gitlab-token", "its value contains a GitLab token", new Regex(@"(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_\-]{20,}", Options)),
        ("slack-token", "its value contains a Slack token", new Regex(@"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9\-]{10,}", Options)),
        ("slack-webhook", "its value is a Slack webhook URL, which lets anyone post to the channel", new Regex(@"https://hooks\.slack\.com/(services|workflows|triggers)/[A-Za-z0-9_/\-]{20,}", Options)),
        ("stripe-key", "its value contains a Stripe secret key", new Regex(@"(?<![A-Za-z0-9])[rs]k_(live|test)_[A-Za-z0-9]{16,}", Options)),
        ("google-api-key", "its value contains a Google API key", new Regex(@"(?<![A-Za-z0-9])AIza[0-9A-Za-z_\-]{35}(?![A-Za-z0-9_\-])", Options)),
        ("sendgrid-key", "its value contains a SendGrid API key", new Regex(@"(?<![A-Za-z0-9])SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}", Options)),
        ("npm-token", "its value contains an npm access token", new Regex(@"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", Options)),
        ("ai-api-key", "its value contains an OpenAI- or Anthropic-style API key", new Regex(@"(?<![A-Za-z0-9_\-])sk-(ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,}", Options)),
        ("jwt", "its value is a JSON Web Token", new Regex(@"(?<![A-Za-z0-9_\-])eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*", Options)),
    ];

    // scheme://user:password@host: group "s" is the password. A match starts at "://" and looks back for the scheme, so
    // that a long run of scheme characters is not scanned again from each of its characters (time quadratic in its
    // length); the lazy look-back stops at the first letter.
    private static readonly Regex UrlPassword = new(@"(?<=[A-Za-z][A-Za-z0-9+.\-]*?)://[^:/?#@\s]*:(?<s>[^@/?#\s]+)@", Options);

    // Key=value settings in connection strings, option lists and JVM flags: "Password=..;", "pwd=..", "-Ddb.password=..",
    // "AccountKey=..", "?token=..". Group "s" is the value. A match starts at the key word (not a letter before it, "="
    // after it), and only then looks back for the start of the setting: the start of the text or one of ; , & ? - or
    // white space, with only letters, digits and _ . - between. Scanning forward from each possible start instead
    // takes time quadratic in the length of "-a-a-a-a...=". The words are written twice, once in the look-ahead.
    private const string SettingWords = "password|passwd|pwd|accountkey|sharedaccesskey|secret|token|apikey|api_key|api-key|client_secret";

    private static readonly Regex SettingPassword = new(
        @"(?<![A-Za-z])(?=(?:" + SettingWords + @")\s*=)(?<=(?:^|[;\s,&?\-])[A-Za-z0-9_.\-]*?)(?:" + SettingWords + @")\s*=\s*(?<s>[^;\s&,]+)",
        Options | RegexOptions.IgnoreCase);

    private static readonly Regex NameWord = new(@"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", Options);

    private static readonly Regex Boolean = new(@"^(true|false|yes|no|on|off|enabled?|disabled?|y|n)$", Options | RegexOptions.IgnoreCase);

    private static readonly Regex Number = new(@"^[+\-]?[0-9]+([.,][0-9]+)?\s*([a-zA-Z]{1,3})?$", Options);

    private static readonly Regex PathLike = new(@"^(/|\./|\.\./|~/|[A-Za-z]:[\\/]|\\\\|file:)", Options);

    private static readonly Regex UrlLike = new(@"^[A-Za-z][A-Za-z0-9+.\-]*://", Options);

    // References that a secrets tool resolves at start-up.
    private static readonly Regex Reference = new(
        @"^(arn:|(vault|ssm|secretsmanager|aws-sm|sm|op|doppler|akv|gcp|azure|keyvault)[:+])",
        Options | RegexOptions.IgnoreCase);

    // Lower-case hierarchical names such as prod/app/db (a parameter or secret name). Case-sensitive on purpose: a
    // base64 password such as 8DViDtrAQ18GaUr/8jJIprOj has a slash too, and upper and lower case letters.
    private static readonly Regex HierarchicalName = new(@"^[a-z0-9._\-]+(/[a-z0-9._\-]+)+$", Options);

    // Filler that stands for a value to be supplied: <password>, {key}, [token], ****, xxxx, your-api-key, REPLACE_ME, ...
    private static readonly Regex Placeholder = new(
        @"^(<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]|\*+|[xX]+|\.{3,}|(.)\2{3,}|(your|insert|enter|put)[_\- ].*|replace[_\- ]?(me|this|with.*)|todo|tbd|fixme|redacted|placeholder|dummy|example|sample|none|null|nil|n/a|na|unset|undefined|-)$",
        Options | RegexOptions.IgnoreCase);

    // Words that only filler holds: sk-proj-your-openai-key-here, xoxp-your-slack-token-here, my_example_password.
    private static readonly HashSet<string> FillerWords = new(StringComparer.Ordinal)
    {
        "your", "yours", "here", "example", "examples", "placeholder", "replace", "replaceme", "insert", "dummy", "sample",
        "redacted", "todo", "tbd", "fixme", "changethis",
    };

    // Words of a value: runs of letters and digits, so AKIAIOSFODNN7EXAMPLE is one word and not filler.
    private static readonly Regex Words = new(@"[A-Za-z0-9]+", Options);

    // Words in a variable name that make it a public identifier rather than a credential: PAYPAL_CLIENT_ID,
    // STRIPE_PUBLISHABLE_KEY, RECAPTCHA_SITE_KEY, VAPID_PUBLIC_KEY. Random-looking, but meant to be seen.
    private static readonly HashSet<string> PublicWords = new(StringComparer.Ordinal) { "ID", "IDS", "PUBLIC", "PUBLISHABLE", "SITE", "PUB" };

    private static readonly Regex IdentifierWords = new(@"[A-Z]?[a-z]{3,}", Options);

    // Words after the secret word that mean the variable describes or locates a secret rather than holding it.
    private static readonly HashSet<string> Qualifiers = new(StringComparer.Ordinal)
    {
        "FILE", "FILES", "PATH", "DIR", "DIRECTORY", "URL", "URI", "ENDPOINT", "HOST", "PORT", "NAME", "NAMES", "ID", "IDS",
        "ARN", "TYPE", "TTL", "EXPIRY", "EXPIRATION", "EXPIRES", "EXPIRE", "LIFETIME", "TIMEOUT", "DURATION", "AGE", "INTERVAL",
        "LENGTH", "LEN", "SIZE", "MIN", "MAX", "COUNT", "LIMIT", "POLICY", "ENABLED", "ENABLE", "DISABLED", "DISABLE", "REQUIRED",
        "HEADER", "PREFIX", "PARAM", "PARAMETER", "REGION", "ROTATION", "VERSION", "ALGORITHM", "ALG", "STORE", "BACKEND",
        "PROVIDER", "MANAGER", "SOURCE", "MODE", "KIND", "LOCATION", "REF", "REFERENCE", "FIELD", "ISSUER", "AUDIENCE", "SCOPE",
        "SCOPES", "CLAIM", "NAMESPACE", "PATTERN", "REGEX", "FORMAT", "HINT", "COMPLEXITY", "STRENGTH", "ENCODING", "KEY", "USER",
        "USERNAME", "CACHE", "BUCKET", "TABLE", "QUEUE", "TOPIC", "SERVICE", "TEMPLATE", "RESET", "CHECK", "VALIDATION",
        "VALIDATOR", "ATTEMPTS", "RETRIES", "HISTORY", "STRATEGY", "METHOD",
    };

    /// <summary>The first detector that matches, or null. <paramref name="name"/> may be null when the name is not known.</summary>
    public static SecretHit? Detect(string? name, string value)
    {
        if (value.Trim().Length == 0)
        {
            return null;
        }

        // Most values are short words, numbers and URLs: each pattern runs only on values it could match.
        if (value.Length >= ShortestDetectedValue)
        {
            foreach (var (detector, reason, pattern) in ValueDetectors)
            {
                var m = pattern.Match(value);
                if (m.Success && !IsPlaceholder(m.Value) && !IsKeyIdNamedAsIdentifier(detector, name, value, m))
                {
                    return new SecretHit(detector, reason, m.Index, m.Index + m.Length);
                }
            }
        }

        if (value.IndexOf('@') >= 0 && value.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            foreach (Match m in UrlPassword.Matches(value))
            {
                var s = m.Groups["s"];
                if (IsRealValue(s.Value))
                {
                    return new SecretHit("url-password", "its value is a URL with an embedded password", s.Index, s.Index + s.Length);
                }
            }
        }

        if (value.IndexOf('=') >= 0)
        {
            foreach (Match m in SettingPassword.Matches(value))
            {
                var s = m.Groups["s"];
                if (IsRealValue(s.Value) && !Boolean.IsMatch(s.Value) && !Number.IsMatch(s.Value))
                {
                    return new SecretHit("connection-string", "its value is a connection string or option list that sets a password or key", s.Index, s.Index + s.Length);
                }
            }
        }

        if (name != null && NameSuggestsSecret(name) is { } what && IsRealSecretValue(value))
        {
            return new SecretHit("name", "its name says it holds " + what, 0, value.Length, Whole: true);
        }

        return HighEntropy(value) && !(name != null && NamesPublicIdentifier(name)) && !IsPlaceholder(value) ? new SecretHit("high-entropy", "its value is a long random-looking string, typical of keys and tokens", 0, value.Length, Whole: true) : null;
    }

    /// <summary>What the variable name says it holds ("a password", "a token", ...), or null.</summary>
    public static string? NameSuggestsSecret(string name)
    {
        // Every secret word below contains one of these, so a name without any holds none (most names).
        if (!ContainsAny(name, SecretWordParts))
        {
            return null;
        }

        var words = NameWord.Matches(name).Cast<Match>().Select(m => m.Value.ToUpperInvariant()).ToList();
        string? what = null;
        var last = -1;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            var next = i + 1 < words.Count ? words[i + 1] : "";
            var kind = w switch
            {
                "PASSWORD" or "PASSWORDS" or "PASSWD" or "PASSPHRASE" => "a password",
                "PWD" or "PASS" or "PW" when words.Count > 1 && i > 0 => "a password",
                "SECRET" or "SECRETS" => "a secret",
                "TOKEN" or "TOKENS" => "a token",
                "APIKEY" or "APIKEYS" => "an API key",
                "PRIVATEKEY" => "a private key",
                "ACCESSKEY" or "SECRETKEY" => "an access key",
                "CREDENTIAL" or "CREDENTIALS" or "CREDS" => "credentials",
                "API" when next == "KEY" || next == "KEYS" => "an API key",
                "PRIVATE" when next == "KEY" => "a private key",
                "ACCESS" when next == "KEY" => "an access key",
                "SIGNING" or "ENCRYPTION" or "MASTER" or "HMAC" or "AUTH" when next == "KEY" => "a key",
                _ when w.Length > 8 && (w.EndsWith("PASSWORD", StringComparison.Ordinal) || w.EndsWith("PASSWD", StringComparison.Ordinal)) => "a password",
                _ when w.Length > 6 && w.EndsWith("SECRET", StringComparison.Ordinal) => "a secret",
                _ when w.Length > 5 && w.EndsWith("TOKEN", StringComparison.Ordinal) => "a token",
                _ when w.Length > 6 && w.EndsWith("APIKEY", StringComparison.Ordinal) => "an API key",
                _ => null,
            };
            if (kind != null)
            {
                what = kind;
                last = next == "KEY" || next == "KEYS" ? i + 1 : i;
            }
        }

        if (what is null)
        {
            return null;
        }

        // PASSWORD_FILE, TOKEN_URL, SECRET_NAME, API_KEY_ID: the variable points at or describes the secret.
        for (var i = last + 1; i < words.Count; i++)
        {
            if (Qualifiers.Contains(words[i]))
            {
                return null;
            }
        }

        return what;
    }

    // The shortest text any of ValueDetectors matches: a Slack token, "xoxb-" and 10 characters.
    private const int ShortestDetectedValue = 15;

    // Parts of the secret words NameSuggestsSecret looks for (PASSWORD, PWD, SECRET, TOKEN, APIKEY, CREDS, ...).
    private static readonly string[] SecretWordParts = ["PW", "PASS", "SECRET", "TOKEN", "KEY", "CRED"];

    private static bool ContainsAny(string text, string[] parts)
    {
        foreach (var part in parts)
        {
            if (text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    // A value that a secret-sounding name holds: not empty, a flag, a number, a path, a plain URL, a reference or filler.
    private static bool IsRealSecretValue(string value)
    {
        var v = value.Trim();
        return IsRealValue(v)
            && !Boolean.IsMatch(v)
            && !Number.IsMatch(v)
            && !PathLike.IsMatch(v)
            && !UrlLike.IsMatch(v)
            && !Reference.IsMatch(v)
            && !HierarchicalName.IsMatch(v);
    }

    private static bool IsRealValue(string value)
    {
        var v = value.Trim();
        return v.Length > 0 && !IsPlaceholder(v);
    }

    /// <summary>
    /// The one notion of a placeholder, applied to what every detector found: a template expression a deploy tool fills
    /// in (<c>${DB_PASSWORD}</c>, <c>{{ .Token }}</c>), filler as a whole (<c>&lt;password&gt;</c>, <c>****</c>,
    /// <c>REPLACE_ME</c>, <c>your-api-key</c>), or a value with a filler word in it (<c>sk-proj-your-openai-key-here</c>,
    /// <c>xoxp-your-slack-token-here</c>, <c>my_example_password</c>). A weak literal such as <c>changeme</c> is not a
    /// placeholder: the container really runs with it.
    /// </summary>
    internal static bool IsPlaceholder(string text)
    {
        var v = text.Trim();
        if (AwsText.IsTemplated(v) || Placeholder.IsMatch(v))
        {
            return true;
        }

        foreach (Match word in Words.Matches(v))
        {
            if (word.Length >= 3 && word.Length <= 11 && FillerWords.Contains(word.Value.ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    // Words in a variable name that say it holds a user name.
    private static readonly HashSet<string> IdentifierNameWords = new(StringComparer.Ordinal) { "USER", "USERNAME", "LOGIN" };

    /// <summary>
    /// An access key ID alone, under a name that says it is a user name (SES gives its SMTP user name in
    /// this form: SMTP_USER=AKIA...): the identifying half of a key pair, which AWS does not treat as secret. The secret
    /// half (or the pair under AWS_ACCESS_KEY_ID, ECS3006) is still reported.
    /// </summary>
    private static bool IsKeyIdNamedAsIdentifier(string detector, string? name, string value, Match match) =>
        detector == "aws-access-key-id" && name != null && match.Length == value.Trim().Length
        && NameWord.Matches(name).Cast<Match>().Any(w => IdentifierNameWords.Contains(w.Value.ToUpperInvariant()));

    /// <summary>Whether the variable name says its value is a public identifier (a client ID, a publishable key).</summary>
    private static bool NamesPublicIdentifier(string name)
    {
        foreach (Match word in NameWord.Matches(name))
        {
            if (PublicWords.Contains(word.Value.ToUpperInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    // 32 to 256 characters of one base64/base64url-like token, with upper and lower case letters and digits, not hex
    // (commit SHAs, digests, UUIDs), not mostly words (identifiers), and with a high Shannon entropy per character.
    private static bool HighEntropy(string value)
    {
        var v = value.Trim();
        if (v.Length < 32 || v.Length > 256)
        {
            return false;
        }

        int upper = 0, lower = 0, digits = 0, hex = 0;
        foreach (var c in v)
        {
            if (c is >= 'A' and <= 'Z')
            {
                upper++;
            }
            else if (c is >= 'a' and <= 'z')
            {
                lower++;
            }
            else if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c is not ('+' or '/' or '=' or '_' or '-'))
            {
                return false;
            }

            if (c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F') or '-')
            {
                hex++;
            }
        }

        if (hex == v.Length || upper == 0 || lower == 0 || digits < 2)
        {
            return false;
        }

        var wordy = IdentifierWords.Matches(v).Cast<Match>().Sum(m => m.Length);
        if (wordy * 2 >= v.Length)
        {
            return false;
        }

        return Entropy(v) >= 4.3;
    }

    private static double Entropy(string s)
    {
        var counts = new Dictionary<char, int>();
        foreach (var c in s)
        {
            counts[c] = counts.TryGetValue(c, out var n) ? n + 1 : 1;
        }

        var entropy = 0.0;
        foreach (var n in counts.Values)
        {
            var p = (double)n / s.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }
}
