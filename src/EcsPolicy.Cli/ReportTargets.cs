using EcsPolicy.Cli.Outputs;

namespace EcsPolicy.Cli;

/// <summary>One report of a run: a format, the file it goes to (null: standard output), and the option that named the file (for messages).</summary>
public sealed record ReportTarget(IOutputFormat Format, string? File, string Option);

/// <summary>
/// The reports of a run from <c>--format FORMAT[:FILE]</c> values (repeatable, as in
/// <c>--format text --format sarif:results.sarif</c>): at most one format without a file, which goes to standard output
/// or to <c>--output</c>, and never two reports into one file.
/// </summary>
public static class ReportTargets
{
    /// <summary>
    /// The reports that <paramref name="specs"/> name; <paramref name="baseDirectory"/> is the folder their files are
    /// relative to (the current directory on the command line, the configuration file's folder in it). Null, and one
    /// line per mistake on <paramref name="stderr"/>, when a value is wrong.
    /// </summary>
    public static IReadOnlyList<ReportTarget>? Parse(IEnumerable<string> specs, string? output, string baseDirectory, string source, TextWriter stderr)
    {
        var targets = new List<ReportTarget>();
        var ok = true;
        foreach (var spec in specs)
        {
            // FORMAT:FILE splits at the first colon after a known format's name, so C:\reports\x.sarif stays a path.
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? spec : spec[..colon]).Trim().ToLowerInvariant();
            var file = colon < 0 ? null : spec[(colon + 1)..].Trim();
            if (OutputFormats.All.FirstOrDefault(f => f.Name == name) is not { } format)
            {
                stderr.WriteLine($"ecs-policy: {source}: unknown format '{name}' in '{spec}'; use one of: {string.Join(", ", OutputFormats.All.Select(f => f.Name))}, optionally with :FILE.");
                ok = false;
                continue;
            }

            if (file is { Length: 0 })
            {
                stderr.WriteLine($"ecs-policy: {source}: '{spec}' names no file after the colon; write {name}:FILE, or {name} alone for standard output.");
                ok = false;
                continue;
            }

            targets.Add(new ReportTarget(format, file is null ? null : Path.GetFullPath(Path.Combine(baseDirectory, file)), source + " " + name));
        }

        var toStdout = targets.Where(t => t.File is null).ToList();
        if (toStdout.Count > 1)
        {
            stderr.WriteLine($"ecs-policy: {source}: {string.Join(" and ", toStdout.Select(t => t.Format.Name))} would both go to standard output; give all but one a file (FORMAT:FILE).");
            ok = false;
        }

        if (output is not null)
        {
            if (toStdout.Count == 0 && targets.Count > 0)
            {
                stderr.WriteLine("ecs-policy: --output names the file of the format given without a file, but every --format names its own file.");
                ok = false;
            }
            else
            {
                targets = [.. targets.Select(t => t.File is null ? t with { File = Path.GetFullPath(output), Option = "--output" } : t)];
            }
        }

        foreach (var twice in targets.Where(t => t.File is not null).GroupBy(t => t.File, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            stderr.WriteLine($"ecs-policy: {source}: {string.Join(" and ", twice.Select(t => t.Format.Name))} would both be written to {twice.Key}; give each report its own file.");
            ok = false;
        }

        return ok ? targets : null;
    }
}
