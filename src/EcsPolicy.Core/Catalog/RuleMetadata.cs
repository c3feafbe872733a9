
namespace EcsPolicy.Catalog;

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

    /// <summary>The rule's documentation page.</summary>
    public string HelpUri => HelpUriOverride ?? RuleCatalog.HelpUriOf(Id);

    /// <summary>For a rule not in the catalog (a custom policy): its own help address, or empty for none.</summary>
    public string? HelpUriOverride { get; init; }

    /// <summary>The repository-relative path of the documentation page.</summary>
    public string DocsPath => "docs/rules/" + Id + ".md";

    public bool IsSecurity => SecuritySeverity != null;
}
