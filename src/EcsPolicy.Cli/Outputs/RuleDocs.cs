using System.Globalization;
using System.Text;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Outputs;

/// <summary>Renders <c>docs/rules/&lt;ID&gt;.md</c>, the rule index and the README rule table from the rule catalog.</summary>
public static class RuleDocs
{
    public const string ReadmeStart = "<!-- rules:start (generated from rules/*.yaml) -->";
    public const string ReadmeEnd = "<!-- rules:end -->";

    /// <summary>
    /// The documentation page of one rule. With <paramref name="messagesOf"/> (the messages the rule gives at the marked
    /// place of a bad example, in the words of the example's input), each bad example is followed by them, so that the
    /// reader of a CloudFormation, Copilot or CDK example sees the message as their tool prints it; the docs in
    /// docs/rules are generated so (by RuleDocsTests, which lints the examples); <c>ecs-policy explain</c> prints
    /// <see cref="ExplainPage"/>.
    /// </summary>
    public static string Page(RuleMetadata rule, Func<RuleExample, IReadOnlyList<string>>? messagesOf = null) =>
        "<!-- Generated from rules/" + rule.Id + ".yaml; edit that file, not this one. -->\n" + Body(rule, messagesOf);

    /// <summary>
    /// The page without the generator's comment, as <c>ecs-policy explain</c> shows it (the comment speaks to the editor of
    /// docs/rules, not to the reader). Sections a rule leaves empty (a custom policy may have no rationale) are left out.
    /// </summary>
    public static string Body(RuleMetadata rule, Func<RuleExample, IReadOnlyList<string>>? messagesOf = null)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(rule.Id).Append(": ").Append(rule.Title).Append("\n\n");
        sb.Append("| | |\n|---|---|\n");
        sb.Append("| ID | `").Append(rule.Id).Append("` |\n");
        sb.Append("| Category | ").Append(rule.Category).Append(" |\n");
        sb.Append("| Default severity | ").Append(rule.DefaultSeverity.ToString().ToLowerInvariant()).Append(" |\n");
        if (rule.SecuritySeverity != null)
        {
            sb.Append("| Security severity | ").Append(rule.SecuritySeverity).Append(" |\n");
        }

        if (rule.Tags.Count > 0)
        {
            sb.Append("| Tags | ").Append(string.Join(", ", rule.Tags)).Append(" |\n");
        }

        // A custom policy's own help address (help-uri); a built-in rule's is this page.
        if (rule.HelpUriOverride is { Length: > 0 } helpUri)
        {
            sb.Append("| Help | <").Append(helpUri).Append("> |\n");
        }

        sb.Append('\n');
        // A custom policy without a rationale takes its help as one (for SARIF's description): said once is enough here.
        if (rule.Rationale.Length > 0 && rule.Rationale != rule.Help)
        {
            sb.Append("## Why\n\n").Append(rule.Rationale).Append("\n\n");
        }

        if (rule.SeverityReason.Length > 0)
        {
            sb.Append("## Why this severity\n\n").Append(rule.SeverityReason).Append("\n\n");
        }

        if (rule.Help.Length > 0)
        {
            sb.Append("## How to fix\n\n").Append(rule.Help).Append("\n\n");
        }

        if (rule.Sources.Count > 0)
        {
            sb.Append("## Sources\n\n");
            foreach (var source in rule.Sources)
            {
                sb.Append("- ").Append(source).Append('\n');
            }

            sb.Append('\n');
        }

        AppendExamples(sb, "Triggers the rule", rule.Bad, messagesOf);
        if (messagesOf != null && rule.NoBadExample.Count > 0)
        {
            foreach (var (input, reason) in rule.NoBadExample.OrderBy(r => r.Key))
            {
                sb.Append("Not in ").Append(InputName(input)).Append(": ").Append(reason).Append("\n\n");
            }
        }

        AppendExamples(sb, "Does not trigger the rule", rule.Good, messagesOf is null ? null : _ => []);
        sb.Append("## Configuration\n\n");
        sb.Append("Change the severity, or switch the rule off, in a `.globalconfig` file:\n\n");
        sb.Append("```ini\nis_global = true\ndotnet_diagnostic.").Append(rule.Id).Append(".severity = warning\n```\n");
        return sb.ToString();
    }

    /// <summary>
    /// The page <c>ecs-policy explain</c> shows: the docs page without the generator's comment and without the messages
    /// under the bad examples (they come from linting the examples, C# ones with Roslyn, which is too slow for a help
    /// command), but with each example's kind and file name, and the inputs a rule cannot fire on.
    /// </summary>
    public static string ExplainPage(RuleMetadata rule) => Body(rule, static _ => []);

    /// <summary>The index page <c>docs/rules/README.md</c>.</summary>
    public static string Index(IEnumerable<RuleMetadata> rules) =>
        "<!-- Generated from rules/*.yaml; edit those files, not this one. -->\n# Rules\n\n" + Table(rules, "") + "\n";

    /// <summary>The rule table; <paramref name="linkPrefix"/> is the path from the page to docs/rules/.</summary>
    public static string Table(IEnumerable<RuleMetadata> rules, string linkPrefix)
    {
        var sb = new StringBuilder("| ID | Title | Default severity | Category |\n|---|---|---|---|\n");
        foreach (var r in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            sb.Append(string.Format(CultureInfo.InvariantCulture, "| [{0}]({1}{0}.md) | {2} | {3} | {4} |\n", r.Id, linkPrefix, r.Title, r.DefaultSeverity.ToString().ToLowerInvariant(), r.Category));
        }

        return sb.ToString();
    }

    /// <summary>Replaces the generated rule table between the markers of the README.</summary>
    public static string UpdateReadme(string readme, IEnumerable<RuleMetadata> rules)
    {
        var start = readme.IndexOf(ReadmeStart, StringComparison.Ordinal);
        var end = readme.IndexOf(ReadmeEnd, StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            return readme;
        }

        return string.Concat(readme.AsSpan(0, start + ReadmeStart.Length), "\n" + Table(rules, "docs/rules/"), readme.AsSpan(end));
    }

    private static void AppendExamples(StringBuilder sb, string heading, IReadOnlyList<RuleExample> examples, Func<RuleExample, IReadOnlyList<string>>? messagesOf)
    {
        if (examples.Count == 0)
        {
            return;
        }

        sb.Append("## ").Append(heading).Append("\n\n");
        foreach (var example in examples)
        {
            var language = example.EffectiveFileName.EndsWith(".json", StringComparison.Ordinal) ? "json" : example.EffectiveFileName.EndsWith(".cs", StringComparison.Ordinal) ? "csharp" : "yaml";
            if (messagesOf != null)
            {
                sb.Append(Kind(example)).Append(":\n\n");
            }

            sb.Append("```").Append(language).Append('\n').Append(example.CleanText.TrimEnd('\n')).Append("\n```\n\n");
            if (messagesOf != null)
            {
                foreach (var message in messagesOf(example))
                {
                    sb.Append("> ").Append(message).Append("\n\n");
                }
            }
        }
    }

    /// <summary>What input an example is, as the linter reads it under its file name.</summary>
    private static string Kind(RuleExample example)
    {
        var name = example.EffectiveFileName;
        if (example.Input == ExampleInput.CdkCSharp)
        {
            return "AWS CDK C# (`" + name + "`)";
        }

        return example.Input switch
        {
            ExampleInput.CloudFormation => "CloudFormation template (`" + name + "`)",
            ExampleInput.Copilot => "Copilot manifest (`" + name + "`)",
            _ => "Task-definition JSON (`" + name + "`)",
        };
    }

    private static string InputName(ExampleInput input) => input switch
    {
        ExampleInput.CloudFormation => "CloudFormation templates",
        ExampleInput.Copilot => "Copilot manifests",
        ExampleInput.CdkCSharp => "AWS CDK C#",
        _ => "task-definition JSON",
    };
}
