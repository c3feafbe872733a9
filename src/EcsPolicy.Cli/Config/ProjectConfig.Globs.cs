using Microsoft.Extensions.FileSystemGlobbing;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// Exclude globs relative to a base folder (the configuration file's folder, or the current folder for
/// <c>--exclude</c>): <c>*</c> within a name, <c>**</c> for any folders, as .NET's own file globbing
/// (Microsoft.Extensions.FileSystemGlobbing, the globs of MSBuild items and dotnet tools) reads them. A path is excluded
/// when a glob matches it or one of its parent folders, so <c>examples/broken</c> excludes every file under that folder.
/// Patterns are anchored at the base folder (<c>bin</c> is the top-level bin; <c>**/bin</c> any bin); a leading
/// <c>./</c> or <c>/</c> and a trailing <c>/</c> are dropped. Names compare as the file system does: case-insensitively
/// on Windows and macOS, exactly elsewhere.
/// </summary>
public sealed class PathGlobs
{
    private static readonly StringComparison NameComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    private readonly Matcher _matcher = new(NameComparison);

    /// <param name="baseDirectory">The folder the globs are relative to (made a full path).</param>
    /// <param name="patterns">The globs; blank ones are ignored.</param>
    public PathGlobs(string baseDirectory, IEnumerable<string> patterns)
    {
        BaseDirectory = Path.GetFullPath(baseDirectory);
        Patterns = [.. patterns.Select(Normalize).Where(p => p.Length > 0)];
        _matcher.AddIncludePatterns(Patterns);
    }

    /// <summary>The full path the globs are relative to.</summary>
    public string BaseDirectory { get; }

    /// <summary>The globs as matched (normalised).</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>
    /// Whether a glob matches <paramref name="fullPath"/> (a file or a folder) or one of its parent folders up to the base
    /// folder. A path outside the base folder is never matched.
    /// </summary>
    public bool Matches(string fullPath)
    {
        if (Patterns.Count == 0)
        {
            return false;
        }

        var relative = Path.GetRelativePath(BaseDirectory, Path.GetFullPath(fullPath)).Replace('\\', '/');
        if (relative == "." || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return false;
        }

        // Each ancestor folder, then the path itself: "a", "a/b", "a/b/c.json".
        for (var end = relative.IndexOf('/', StringComparison.Ordinal); ; end = relative.IndexOf('/', end + 1))
        {
            var prefix = end < 0 ? relative : relative[..end];
            if (_matcher.Match(prefix).HasMatches)
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }
        }
    }

    private static string Normalize(string pattern)
    {
        var p = pattern.Trim().Replace('\\', '/');
        while (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[2..];
        }

        return p.Trim('/');
    }
}
