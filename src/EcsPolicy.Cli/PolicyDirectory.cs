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

    /// <summary>The YAML files under <paramref name="directory"/> (symbolic links to folders are not followed, so a loop cannot hang the walk).</summary>
    private static List<string> Files(string directory, List<PolicyError> errors)
    {
        var found = new List<string>();
        var special = 0;
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] files, dirs;
            try
            {
                files = Directory.GetFiles(dir);
                dirs = Directory.GetDirectories(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new PolicyError(SourceLocation.At(dir, 1, 1), "The policies folder cannot be read: " + e.Message + "."));
                continue;
            }

            foreach (var file in files)
            {
                if (!file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (GuardedFile.Refusal(file) is null)
                {
                    found.Add(file);
                }
                else
                {
                    special++;
                }
            }

            foreach (var sub in dirs)
            {
                if (!RunConfiguration.IsAlwaysExcluded(Path.GetFileName(sub)) && new DirectoryInfo(sub).LinkTarget is null)
                {
                    pending.Push(sub);
                }
            }
        }

        if (special > 0)
        {
            errors.Add(new PolicyError(SourceLocation.At(directory, 1, 1), special.ToString(CultureInfo.InvariantCulture) + " policy file(s) are not regular files (named pipes, devices, sockets or symbolic link loops) and cannot be read."));
        }

        return found;
    }
}
