using System.Globalization;
using EcsPolicy.Policies;

namespace EcsPolicy.Cli;

/// <summary>
/// A team's folder of custom policies (<c>--policies DIR</c>, see docs/custom-policies.md), read the same way by
/// <c>check</c>, <c>rules</c> and <c>explain</c>: every <c>*.yaml</c>/<c>*.yml</c> file under it, in path order, through
/// <see cref="GuardedFile"/>. A file that cannot be read is an error, as a malformed one is: its rules would silently
/// not run (or not be listed).
/// </summary>
public static class PolicyDirectory
{
    /// <summary>
    /// The policies of <paramref name="directory"/>, or null after writing each problem to <paramref name="stderr"/>
    /// (one line each, in the compiler's form <c>file(line,column): error: ...</c>) and a last line
    /// "ecs-policy: N error(s) in the policies; <paramref name="consequence"/>.".
    /// </summary>
    public static IReadOnlyList<CustomPolicy>? Load(string directory, TextWriter stderr, string consequence = "nothing was checked")
    {
        if (!Directory.Exists(directory))
        {
            stderr.WriteLine($"ecs-policy: the policies directory {directory} does not exist.");
            return null;
        }

        var policies = Read(directory, out var errors);
        if (errors.Count == 0)
        {
            return policies;
        }

        foreach (var error in errors)
        {
            stderr.WriteLine(error.ToString());
        }

        stderr.WriteLine($"ecs-policy: {errors.Count.ToString(CultureInfo.InvariantCulture)} error(s) in the policies; {consequence}.");
        return null;
    }

    /// <summary>The valid policies of an existing <paramref name="directory"/>, and every error (unreadable or malformed files).</summary>
    public static IReadOnlyList<CustomPolicy> Read(string directory, out IReadOnlyList<PolicyError> errors)
    {
        var all = new List<PolicyError>();
        var files = new List<(string Path, byte[] Content)>();
        foreach (var file in Files(directory, all).Order(StringComparer.Ordinal))
        {
            if (GuardedFile.TryRead(file, out var content, out var reason))
            {
                files.Add((file, content));
            }
            else
            {
                all.Add(new PolicyError(SourceLocation.At(file, 1, 1), "The policy file cannot be read: " + reason + "."));
            }
        }

        var policies = CustomPolicy.Load(files, out var parseErrors);
        all.AddRange(parseErrors);
        errors = all;
        return policies;
    }

    /// <summary>
    /// The YAML files under <paramref name="directory"/>, found by the walk of the inputs (<c>bin</c>, <c>obj</c>,
    /// <c>node_modules</c> and <c>.git</c> left out; symbolic links to folders not followed, so a loop cannot hang it).
    /// </summary>
    private static List<string> Files(string directory, List<PolicyError> errors)
    {
        var unreadable = new List<(string Path, string Reason)>();
        var counts = new Runner.WalkCounts();
        var found = Runner.WalkFiles(
            directory,
            unreadable,
            Directory.GetCurrentDirectory(),
            counts,
            (path, isDirectory) => isDirectory && RunConfiguration.IsAlwaysExcluded(Path.GetFileName(path)),
            file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).ToList();
        errors.AddRange(unreadable.Select(u => new PolicyError(SourceLocation.At(u.Path, 1, 1), "The policies folder cannot be read: " + u.Reason + ".")));
        if (counts.Special > 0)
        {
            errors.Add(new PolicyError(SourceLocation.At(directory, 1, 1), counts.Special.ToString(CultureInfo.InvariantCulture) + " policy file(s) are not regular files (named pipes, devices, sockets or symbolic link loops) and cannot be read."));
        }

        return found;
    }
}
