namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// A container image reference split into repository, tag and digest: <c>[registry[:port]/]path[:tag][@digest]</c>.
/// The tag is looked for only after the last <c>/</c>, so a registry port (<c>localhost:5000/app</c>) is not a tag.
/// </summary>
internal readonly struct ImageReference
{
    private ImageReference(string repository, string? tag, string? digest)
    {
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>Everything before the tag and digest, registry included.</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference has none (Docker then pulls <c>latest</c>).</summary>
    public string? Tag { get; }

    /// <summary>The digest after <c>@</c> (e.g. <c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary>
    /// Parses <paramref name="text"/>. False for empty text, templates and placeholders (<c>${IMAGE}</c>,
    /// <c>&lt;image&gt;</c>, <c>{{image}}</c>, <c>$IMAGE</c>), whitespace, and references too malformed to split
    /// (the shape rules report image syntax).
    /// </summary>
    public static bool TryParse(string text, out ImageReference reference)
    {
        reference = default;
        if (text.Length == 0 || text.IndexOfAny(TemplateCharacters) >= 0)
        {
            return false;
        }

        string? digest = null;
        var name = text;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            digest = text.Substring(at + 1);
            name = text.Substring(0, at);
            if (digest.Length == 0)
            {
                return false;
            }
        }

        var lastSlash = name.LastIndexOf('/');
        var colon = name.IndexOf(':', lastSlash + 1);
        string? tag = null;
        if (colon >= 0)
        {
            tag = name.Substring(colon + 1);
            name = name.Substring(0, colon);
            if (tag.Length == 0)
            {
                return false;
            }
        }

        if (name.Length == 0 || name.EndsWith("/", StringComparison.Ordinal))
        {
            return false;
        }

        reference = new ImageReference(name, tag, digest);
        return true;
    }

    private static readonly char[] TemplateCharacters = ['$', '<', '>', '{', '}', ' ', '\t', '\r', '\n', '%'];
}
