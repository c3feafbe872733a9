using System.Text;
using EcsPolicy.Engine;

namespace EcsPolicy.Tests.Support;

/// <summary>Runs the whole pipeline (loader and every rule) on text, as the CLI would on a file.</summary>
internal static class Lint
{
    private static readonly Linter Default = new();

    public static IReadOnlyList<Finding> Text(string text, string file = "task.json") =>
        Default.LintFile(file, Encoding.UTF8.GetBytes(text), explicitlyGiven: true).Findings;

    public static FileResult File(string text, string file = "task.json") =>
        Default.LintFile(file, Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    /// <summary>As <see cref="File(string, string)"/> with <paramref name="options"/> (e.g. unused suppressions reported).</summary>
    public static FileResult File(string text, string file, LintOptions options) =>
        new Linter(options).LintFile(file, Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    public static IReadOnlyList<Finding> Only(this IReadOnlyList<Finding> findings, string ruleId) =>
        findings.Where(f => f.RuleId == ruleId).ToList();

    public static string Describe(this IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Location} {f.RuleId}: {f.Message}"));
}
