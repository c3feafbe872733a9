using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcsPolicy.Catalog;
using EcsPolicy.Cli.Outputs;

namespace EcsPolicy.Cli;

/// <summary>
/// The <c>rules</c> and <c>explain</c> commands: the catalog (and a team's custom policies, with <c>--policies</c>) as a
/// table, JSON or Markdown, and one rule's page for a terminal, as Markdown or as JSON.
/// </summary>
public static class RuleCommands
{
    /// <summary>The width the rules table and the explained page fit in.</summary>
    public const int Width = 100;

    // A category longer than this is cut with an ellipsis, so that a long one cannot push the titles off the page.
    private const int MaxCategoryWidth = 16;

    private const string Gap = "  ";

    public static Command Rules(TextWriter stdout, TextWriter stderr)
    {
        var select = new Option<string[]>("--select")
        {
            Description = "List only these rules: IDs or ID prefixes (ECS6, ECS60, ECS6007), comma-separated, repeatable.",
            HelpName = "CODES",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: table, json or markdown.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var policies = PoliciesOption("Also list the policies of this directory (YAML files, see docs/custom-policies.md).");
        var rules = new Command("rules", "List the rules with their default severity and category.") { select, format, policies };
        rules.SetAction(result =>
        {
            if (Catalog(result.GetValue(policies), stderr, "no rule was listed") is not { } all)
            {
                return Runner.ExitUsageOrUnreadable;
            }

            var codes = result.GetValue(select) ?? [];
            var unknown = RuleSelection.Unknown(codes, all.Select(r => r.Id));
            foreach (var code in unknown)
            {
                stderr.WriteLine(RuleSelection.NoRuleMessage("--select", code));
            }

            if (unknown.Count > 0)
            {
                return Runner.ExitUsageOrUnreadable;
            }

            var selection = new RuleSelection(codes, []);
            // Only the codes decide here: ECS0001 and ECS0009 always run, but a list asked for ECS6 shows ECS6xxx.
            var shown = all.Where(r => selection.Selects(r.Id)).ToList();
            stdout.Write(result.GetValue(format) switch
            {
                "json" => Json(w =>
                {
                    w.WriteStartArray();
                    foreach (var rule in shown)
                    {
                        WriteRule(w, rule, examples: false);
                    }

                    w.WriteEndArray();
                }),
                "markdown" => MarkdownTable(shown),
                _ => Table(shown),
            });
            return Runner.ExitOk;
        });
        return rules;
    }

    public static Command Explain(TextWriter stdout, TextWriter stderr)
    {
        var ruleId = new Argument<string>("rule-id") { Description = "A rule ID such as ECS1001 (any case), or a custom policy's with --policies." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: text (the page laid out for a terminal), markdown (the page as docs/rules has it) or json (the rule's metadata).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var policies = PoliciesOption("Also explain the policies of this directory (YAML files, see docs/custom-policies.md).");
        var explain = new Command("explain", "Show a rule's documentation: why it exists, how to fix it, examples.") { ruleId, format, policies };
        explain.SetAction(result =>
        {
            if (Catalog(result.GetValue(policies), stderr, "no rule was explained") is not { } all)
            {
                return Runner.ExitUsageOrUnreadable;
            }

            var id = (result.GetValue(ruleId) ?? "").Trim();
            if (all.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase)) is not { } rule)
            {
                var suggestion = Closest(id.ToUpperInvariant(), all.Select(r => r.Id)) is { } near ? $" Did you mean {near}?" : "";
                stderr.WriteLine($"ecs-policy: no rule '{id}'.{suggestion} Run 'ecs-policy rules' for the list.");
                return Runner.ExitUsageOrUnreadable;
            }

            stdout.Write(result.GetValue(format) switch
            {
                "markdown" => RuleDocs.ExplainPage(rule),
                "json" => Json(w => WriteRule(w, rule, examples: true)),
                _ => TerminalMarkdown.Render(RuleDocs.ExplainPage(rule), Width),
            });
            return Runner.ExitOk;
        });
        return explain;
    }

    /// <summary>The rules table: ID, severity, category and title, wrapped so that no line is wider than <see cref="Width"/>.</summary>
    public static string Table(IReadOnlyList<RuleMetadata> rules)
    {
        var idWidth = rules.Select(r => r.Id.Length).Append(2).Max();
        var severityWidth = "SEVERITY".Length;
        var categoryWidth = Math.Min(rules.Select(r => r.Category.Length).Append("CATEGORY".Length).Max(), MaxCategoryWidth);
        var titleColumn = idWidth + severityWidth + categoryWidth + (3 * Gap.Length);
        // An ID long enough to leave the title less than 20 columns still gets 20 (the only way a line can pass the width).
        var titleWidth = Math.Max(Width - titleColumn, 20);
        var sb = new StringBuilder();
        void Row(string id, string severity, string category, string title)
        {
            var titleLines = Wrap(title, titleWidth);
            sb.Append(id.PadRight(idWidth)).Append(Gap).Append(severity.PadRight(severityWidth)).Append(Gap)
                .Append(Cut(category, categoryWidth).PadRight(categoryWidth)).Append(Gap).Append(titleLines[0]).Append('\n');
            foreach (var more in titleLines.Skip(1))
            {
                sb.Append(' ', titleColumn).Append(more).Append('\n');
            }
        }

        Row("ID", "SEVERITY", "CATEGORY", "TITLE");
        foreach (var rule in rules)
        {
            Row(rule.Id, rule.DefaultSeverity.ToName(), rule.Category, rule.Title);
        }

        return sb.ToString();
    }

    /// <summary>The built-in rules and the custom policies of <paramref name="policiesDirectory"/>, by ID; null when the policies have errors (reported).</summary>
    private static IReadOnlyList<RuleMetadata>? Catalog(string? policiesDirectory, TextWriter stderr, string consequence)
    {
        IEnumerable<RuleMetadata> custom = [];
        if (policiesDirectory != null)
        {
            if (PolicyDirectory.Load(policiesDirectory, stderr, consequence) is not { } policies)
            {
                return null;
            }

            custom = policies.Select(p => p.Metadata);
        }

        return [.. RuleCatalog.All.Concat(custom).OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    private static Option<string?> PoliciesOption(string description) => new("--policies") { Description = description, HelpName = "DIR" };

    private static string MarkdownTable(IEnumerable<RuleMetadata> rules)
    {
        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
        var sb = new StringBuilder("| ID | Severity | Category | Title |\n|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            var id = rule.HelpUri.Length > 0 ? $"[{rule.Id}]({rule.HelpUri})" : rule.Id;
            sb.Append("| ").Append(id).Append(" | ").Append(rule.DefaultSeverity.ToName()).Append(" | ").Append(Cell(rule.Category))
                .Append(" | ").Append(Cell(rule.Title)).Append(" |\n");
        }

        return sb.ToString();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A rule's metadata as a JSON object, written by hand in a fixed order (no reflection: the native build is trimmed).</summary>
    private static void WriteRule(Utf8JsonWriter w, RuleMetadata rule, bool examples)
    {
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("title", rule.Title);
        w.WriteString("category", rule.Category);
        w.WriteString("defaultSeverity", rule.DefaultSeverity.ToName());
        if (rule.SecuritySeverity != null)
        {
            w.WriteString("securitySeverity", rule.SecuritySeverity);
        }

        w.WriteStartArray("tags");
        foreach (var tag in rule.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteBoolean("custom", RuleCatalog.Find(rule.Id) is null);
        w.WriteString("rationale", rule.Rationale);
        if (rule.SeverityReason.Length > 0)
        {
            w.WriteString("severityReason", rule.SeverityReason);
        }

        w.WriteString("help", rule.Help);
        w.WriteString("helpUri", rule.HelpUri);
        if (examples)
        {
            w.WriteStartArray("sources");
            foreach (var source in rule.Sources)
            {
                w.WriteStringValue(source);
            }

            w.WriteEndArray();
            WriteExamples(w, "badExamples", rule.Bad);
            WriteExamples(w, "goodExamples", rule.Good);
        }

        w.WriteEndObject();
    }

    private static void WriteExamples(Utf8JsonWriter w, string name, IReadOnlyList<RuleExample> examples)
    {
        w.WriteStartArray(name);
        foreach (var example in examples)
        {
            w.WriteStartObject();
            w.WriteString("fileName", example.EffectiveFileName);
            w.WriteString("text", example.CleanText);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The known ID nearest to a mistyped one (one edit away: with four-digit IDs, two edits would match unrelated rules), for "did you mean".</summary>
    private static string? Closest(string id, IEnumerable<string> ids) =>
        ids.Select(known => (known, Distance: Distance(id, known))).Where(c => c.Distance <= 1).OrderBy(c => c.Distance).ThenBy(c => c.known, StringComparer.Ordinal)
            .Select(c => c.known).FirstOrDefault();

    /// <summary>Levenshtein distance (IDs are short: the quadratic table is fine).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // A word wider than the column is cut: the columns must never break.
            var piece = Cut(word, width);
            if (line.Length > 0 && line.Length + 1 + piece.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(piece);
        }

        lines.Add(line.ToString());
        return lines;
    }
}
