using System.Globalization;
using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.CorpusTests;

/// <summary>The third-party corpus in ../shared/corpus (present in CI, absent from a user's clone).</summary>
internal static class Corpus
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "corpus"));

    public static IEnumerable<string> Files(string subdirectory, params string[] extensions)
    {
        var dir = Path.Combine(Root, subdirectory);
        Assert.True(Directory.Exists(dir), "The corpus is missing: " + dir + " (corpus tests run in CI beside ../shared).");
        return Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Lints every file and renders the findings (paths relative to the corpus) plus counts per rule.</summary>
    public static (string Report, IReadOnlyList<FileResult> Results) LintAll(IEnumerable<string> files)
    {
        var linter = new Linter();
        var results = files.Select(f => linter.LintFile(Relative(f), File.ReadAllBytes(f), explicitlyGiven: true)).ToList();
        var sb = new StringBuilder();
        foreach (var f in results.SelectMany(r => r.Findings))
        {
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): {3} {4}: {5}\n", f.Location.File, f.Location.StartLine, f.Location.StartColumn, f.Severity.ToName(), f.RuleId, f.Message));
        }

        sb.Append("\n# Findings per rule\n");
        foreach (var group in results.SelectMany(r => r.Findings).GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append(string.Format(CultureInfo.InvariantCulture, "{0}: {1} in {2} file(s)\n", group.Key, group.Count(), group.Select(f => f.Location.File).Distinct().Count()));
        }

        sb.Append(string.Format(CultureInfo.InvariantCulture, "# {0} file(s), {1} recognised, {2} task definition(s)\n", results.Count, results.Count(r => r.Recognized), results.Sum(r => r.TaskCount)));
        return (sb.ToString(), results);
    }
}
