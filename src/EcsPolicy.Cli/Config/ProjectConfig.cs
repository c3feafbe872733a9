// STUB until the cfg21 branch merges (replaced by its file).
using Microsoft.Extensions.FileSystemGlobbing;

namespace EcsPolicy.Cli.Config;

public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): error: {Message}";
}

public sealed class PathGlobs
{
    private readonly string _base;
    private readonly Microsoft.Extensions.FileSystemGlobbing.Matcher _matcher = new();
    private readonly bool _any;

    public PathGlobs(string baseDirectory, IEnumerable<string> patterns)
    {
        _base = baseDirectory;
        foreach (var p in patterns)
        {
            _matcher.AddInclude(p);
            _any = true;
        }
    }

    public bool Matches(string fullPath)
    {
        if (!_any)
        {
            return false;
        }

        var relative = Path.GetRelativePath(_base, fullPath).Replace('\\', '/');
        if (relative.StartsWith("..", StringComparison.Ordinal))
        {
            return false;
        }

        for (var p = relative; p.Length > 0; p = p.LastIndexOf('/') is var i and > 0 ? p[..i] : "")
        {
            if (_matcher.Match(p).HasMatches)
            {
                return true;
            }
        }

        return false;
    }
}

public sealed class ProjectConfig
{
    public string Path { get; init; } = "";
    public string Directory { get; init; } = "";
    public IReadOnlyList<string>? Select { get; init; }
    public IReadOnlyList<string>? Ignore { get; init; }
    public IReadOnlyDictionary<string, Severity>? Severity { get; init; }
    public Severity? FailLevel { get; init; }
    public string? Policies { get; init; }
    public string? Baseline { get; init; }
    public IReadOnlyList<(string Format, string? File)>? Formats { get; init; }
    public string? Output { get; init; }

    public static string? Find(string directory) => null;

    public static ProjectConfig? Load(string path, out IReadOnlyList<ConfigError> errors)
    {
        errors = [];
        return new ProjectConfig { Path = path, Directory = System.IO.Path.GetDirectoryName(path)! };
    }

    public IReadOnlyList<ConfigError> CheckRuleIds(IEnumerable<string> knownIds) => [];

    public bool Excludes(string fullPath) => false;

    public static PathGlobs Globs(string baseDirectory, IEnumerable<string> patterns) => new(baseDirectory, patterns);
}
