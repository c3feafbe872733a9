using System.Text;
using EcsPolicy.Inputs;

namespace EcsPolicy.Catalog;

/// <summary>The four inputs an example can be, as the linter reads it under its file name.</summary>
public enum ExampleInput
{
    TaskDefinitionJson,
    CloudFormation,
    Copilot,
    CdkCSharp,
}

/// <summary>One example in a rule's metadata: a whole input file. In bad examples, <c>[|</c> marks where the finding starts.</summary>
public sealed record RuleExample(string Text, string? FileName)
{
    public const string MarkStart = "[|";
    public const string MarkEnd = "|]";

    /// <summary>The example without its markers.</summary>
    public string CleanText => Text.Replace(MarkStart, "").Replace(MarkEnd, "");

    /// <summary>The 1-based line and column the marker points at, or null when the example has none.</summary>
    public (int Line, int Column)? Marker
    {
        get
        {
            var at = Text.IndexOf(MarkStart, StringComparison.Ordinal);
            if (at < 0)
            {
                return null;
            }

            var before = Text.Substring(0, at).Replace(MarkEnd, "");
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < before.Length; i++)
            {
                if (before[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, before.Length - lineStart + 1);
        }
    }

    /// <summary>A file name for the example: given, or guessed from the text.</summary>
    public string EffectiveFileName => FileName ?? (CleanText.TrimStart().StartsWith("{", StringComparison.Ordinal) || CleanText.TrimStart().StartsWith("[", StringComparison.Ordinal) ? "example.json" : "example.yaml");

    /// <summary>Which input the example is: C# by its name, the others as format detection reads the text under its name.</summary>
    public ExampleInput Input
    {
        get
        {
            var name = EffectiveFileName;
            if (name.EndsWith(".cs", StringComparison.Ordinal))
            {
                return ExampleInput.CdkCSharp;
            }

            return FormatDetector.Candidates(name, Encoding.UTF8.GetBytes(CleanText), explicitlyGiven: true).FirstOrDefault() switch
            {
                InputFormat.CloudFormationJson or InputFormat.CloudFormationYaml => ExampleInput.CloudFormation,
                InputFormat.CopilotManifest => ExampleInput.Copilot,
                _ => ExampleInput.TaskDefinitionJson,
            };
        }
    }
}

/// <summary>A rule's catalog entry, read from <c>rules/&lt;ID&gt;.yaml</c>: the single source for descriptors, SARIF and docs.</summary>
public sealed record RuleMetadata
{
    public string Id { get; init; } = "";

    public string Title { get; init; } = "";

    public Severity DefaultSeverity { get; init; }

    public string Category { get; init; } = "";

    /// <summary>Why the rule exists: what goes wrong when it is violated.</summary>
    public string Rationale { get; init; } = "";

    /// <summary>How to fix a finding.</summary>
    public string Help { get; init; } = "";

    /// <summary>Why the default severity is what it is.</summary>
    public string SeverityReason { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>
    /// Where the rule's facts (limits, tables, accepted values) come from, each with the date it was last checked:
    /// AWS changes limits, so a number without a source and a date cannot be re-checked.
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>GitHub's security-severity score (a string, 0.1 to 10.0) for security rules, else null.</summary>
    public string? SecuritySeverity { get; init; }

    public IReadOnlyList<RuleExample> Good { get; init; } = [];

    public IReadOnlyList<RuleExample> Bad { get; init; } = [];

    /// <summary>
    /// The inputs that have no bad example, each with the reason the rule cannot fire there (<c>examples: no-bad-example:</c>
    /// in the YAML, keyed <c>cloudformation</c>, <c>copilot</c> or <c>cdk</c>): every other input has one, and a test holds
    /// both to it.
    /// </summary>
    public IReadOnlyDictionary<ExampleInput, string> NoBadExample { get; init; } = new Dictionary<ExampleInput, string>();

    /// <summary>The rule's documentation page.</summary>
    public string HelpUri => HelpUriOverride ?? RuleCatalog.HelpUriOf(Id);

    /// <summary>For a rule not in the catalog (a custom policy): its own help address, or empty for none.</summary>
    public string? HelpUriOverride { get; init; }

    /// <summary>The repository-relative path of the documentation page.</summary>
    public string DocsPath => "docs/rules/" + Id + ".md";

    public bool IsSecurity => SecuritySeverity != null;
}
