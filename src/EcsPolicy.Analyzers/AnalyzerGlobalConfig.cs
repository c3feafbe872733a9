using System.Text;
using EcsPolicy.Catalog;

namespace EcsPolicy.Analyzers;

/// <summary>
/// The text of <c>build/EcsPolicy.Analyzers.globalconfig</c> in the NuGet package: each catalog rule's default severity,
/// at a global level below the project's own configuration files. Generated from <c>rules/*.yaml</c>; a test fails when
/// the file in the repository drifts from it.
/// </summary>
public static class AnalyzerGlobalConfig
{
    /// <summary>The level of the package's global configuration: below a project's <c>.globalconfig</c> (100) and other global files (0).</summary>
    public const int Level = -1;

    public static string Generate(IEnumerable<RuleMetadata> rules)
    {
        var text = new StringBuilder();
        text.Append("# Generated from rules/*.yaml by EcsPolicy.Analyzers.AnalyzerGlobalConfig; do not edit.\n");
        text.Append("# The default severity of each EcsPolicy rule. Any .globalconfig or .editorconfig of the project wins over it.\n");
        text.Append("is_global = true\n");
        text.Append("global_level = ").Append(Level.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            text.Append('\n');
            text.Append("# ").Append(rule.Id).Append(": ").Append(rule.Title).Append('\n');
            text.Append("dotnet_diagnostic.").Append(rule.Id).Append(".severity = ").Append(rule.DefaultSeverity.ToAnalyzerConfigName()).Append('\n');
        }

        return text.ToString();
    }
}
