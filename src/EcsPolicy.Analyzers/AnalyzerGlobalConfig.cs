using System.Text;
using EcsPolicy.Catalog;

namespace EcsPolicy.Analyzers;

/// <summary>The severity presets of the NuGet package, chosen with the MSBuild property <c>EcsPolicyAnalysisMode</c>.</summary>
public enum AnalysisMode
{
    /// <summary>Each rule at its catalog default (<c>build/EcsPolicy.Analyzers.globalconfig</c>).</summary>
    Recommended,

    /// <summary>The catalog defaults with every note (hardening advice) raised to a warning (<c>build/EcsPolicy.Analyzers.strict.globalconfig</c>).</summary>
    Strict,
}

/// <summary>
/// The text of the severity presets in the NuGet package (<see cref="AnalysisMode"/>): one severity per catalog rule, at
/// a global level below the project's own configuration files. Generated from <c>rules/*.yaml</c>; a test fails when a
/// file in the repository drifts from it.
/// </summary>
public static class AnalyzerGlobalConfig
{
    /// <summary>The level of the package's global configuration: below a project's <c>.globalconfig</c> (100) and other global files (0).</summary>
    public const int Level = -1;

    /// <summary>The file name of <paramref name="mode"/>'s preset in the package's build folder.</summary>
    public static string FileName(AnalysisMode mode) => mode == AnalysisMode.Strict ? "EcsPolicy.Analyzers.strict.globalconfig" : "EcsPolicy.Analyzers.globalconfig";

    /// <summary>The severity of <paramref name="rule"/> in <paramref name="mode"/>'s preset.</summary>
    public static Severity SeverityOf(RuleMetadata rule, AnalysisMode mode) =>
        mode == AnalysisMode.Strict && rule.DefaultSeverity == Severity.Note ? Severity.Warning : rule.DefaultSeverity;

    public static string Generate(IEnumerable<RuleMetadata> rules, AnalysisMode mode = AnalysisMode.Recommended)
    {
        var text = new StringBuilder();
        text.Append("# Generated from rules/*.yaml by EcsPolicy.Analyzers.AnalyzerGlobalConfig; do not edit.\n");
        text.Append(mode == AnalysisMode.Strict
            ? "# EcsPolicyAnalysisMode=strict: the default severity of each EcsPolicy rule, notes (hardening advice) raised to warnings.\n"
            : "# The default severity of each EcsPolicy rule. Any .globalconfig or .editorconfig of the project wins over it.\n");
        if (mode == AnalysisMode.Strict)
        {
            text.Append("# Any .globalconfig or .editorconfig of the project wins over it.\n");
        }

        text.Append("is_global = true\n");
        text.Append("global_level = ").Append(Level.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append('\n');
            text.Append("# ").Append(rule.Id).Append(": ").Append(rule.Title).Append('\n');
            text.Append("dotnet_diagnostic.").Append(rule.Id).Append(".severity = ").Append(SeverityOf(rule, mode).ToAnalyzerConfigName()).Append('\n');
        }

        return text.ToString();
    }
}
