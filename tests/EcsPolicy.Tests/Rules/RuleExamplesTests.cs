using EcsPolicy.Catalog;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules;

/// <summary>
/// Every rule's bad examples make it fire at the marked place; its good examples do not. An example is read as the file
/// its <c>file:</c> names (see <see cref="ExampleLint"/>): task-definition JSON, a CloudFormation template, a Copilot
/// manifest or CDK C#.
/// </summary>
public class RuleExamplesTests
{
    /// <summary>Every finding a rule can give, including the ones only given when asked (unused suppressions).</summary>
    internal static readonly LintOptions AllReported = new() { ReportUnusedSuppressions = true };

    public static TheoryData<string> RuleIds() => [.. RuleCatalog.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Bad_examples_fire_at_the_marked_place(string id)
    {
        var meta = RuleCatalog.Get(id);
        Assert.NotEmpty(meta.Bad);
        foreach (var example in meta.Bad)
        {
            var result = ExampleLint.Run(example, AllReported);
            Assert.True(result.NotChecked.Count == (id == "ECS0009" ? 1 : 0), string.Join("\n", result.NotChecked));
            var hits = result.Findings.Only(id);
            Assert.True(hits.Count > 0, $"{id} did not fire on bad example:\n{example.CleanText}\nFindings:\n{result.Findings.Describe()}");
            var marker = example.Marker;
            Assert.True(marker.HasValue, $"{id}: bad example has no [| marker:\n{example.Text}");
            Assert.True(
                hits.Any(f => f.Location.StartLine == marker!.Value.Line && f.Location.StartColumn == marker.Value.Column),
                $"{id}: expected a finding at ({marker!.Value.Line},{marker.Value.Column}), got:\n{hits.Describe()}");
            if (id != "ECS0001")
            {
                Assert.Empty(result.Findings.Only("ECS0001"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Good_examples_do_not_fire(string id)
    {
        var meta = RuleCatalog.Get(id);
        Assert.NotEmpty(meta.Good);
        foreach (var example in meta.Good)
        {
            var result = ExampleLint.Run(example, AllReported);
            Assert.True(result.NotChecked.Count == 0, string.Join("\n", result.NotChecked));
            Assert.True(result.Recognized, $"{id}: good example not recognised as an input:\n{example.CleanText}");
            Assert.True(result.Findings.Only(id).Count == 0, $"{id} fired on good example:\n{example.CleanText}\n{result.Findings.Only(id).Describe()}");
            Assert.Empty(result.Findings.Only("ECS0001"));
        }
    }

    /// <summary>
    /// Each rule shows its finding in every input it applies to: a CloudFormation, a Copilot and a CDK C# bad example
    /// (the docs print the message each gives, in that input's words), or, under <c>examples: no-bad-example:</c>, the
    /// reason the rule cannot fire in that input. A reason beside an example of that input is stale and fails too.
    /// </summary>
    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Bad_examples_cover_every_input_the_rule_applies_to(string id)
    {
        var meta = RuleCatalog.Get(id);
        var inputs = meta.Bad.Select(e => e.Input).ToHashSet();
        var problems = new List<string>();
        foreach (var (key, input) in RuleCatalog.ExampleInputKeys)
        {
            var reason = meta.NoBadExample.TryGetValue(input, out var r) ? r : null;
            if (inputs.Contains(input) && reason != null)
            {
                problems.Add($"{key}: has a bad example and a no-bad-example reason ('{reason}'); remove the reason");
            }
            else if (!inputs.Contains(input) && reason is null)
            {
                problems.Add($"{key}: no bad example; add one (file: template.yaml, manifest.yml or Program.cs), or say why the rule cannot fire there under examples: no-bad-example: {key}:");
            }
        }

        Assert.True(problems.Count == 0, $"rules/{id}.yaml:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Every_catalog_rule_is_a_rule_class_or_raised_by_exactly_one_stage()
    {
        // Who raises each ID: a rule class that checks the model, the loaders (several may raise one ID, e.g. ECS0001),
        // or the linter. Every ID has metadata, and exactly one of them.
        var owners = RuleRegistry.Rules.Select(r => (r.Id, Owner: "rule class " + r.GetType().Name))
            .Concat(RuleRegistry.Loaders.SelectMany(l => l.RaisesRules).Distinct().Select(id => (Id: id, Owner: "loaders")))
            .Concat(RuleRegistry.LinterRules.Select(id => (Id: id, Owner: "linter")))
            .GroupBy(o => o.Id)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Owner).ToList());
        Assert.Equal(RuleCatalog.All.Select(m => m.Id), owners.Keys.Order(StringComparer.Ordinal));
        Assert.All(owners, o => Assert.True(o.Value.Count == 1, o.Key + " is raised by " + string.Join(" and ", o.Value)));
        Assert.Equal(
            ["ECS0001", "ECS0007", "ECS0008", "ECS0009", "ECS0010", "ECS8001", "ECS8002"],
            RuleRegistry.StageRules);
    }

    [Fact]
    public void The_catalog_basics_read_without_YAML_agree_with_the_parsed_rule_files()
    {
        // Severity, category, tags, title and rationale are read by a line scan so that a plain run (and a fresh compiler
        // process running the analyzer) does not load the YAML reader.
        Assert.Equal(RuleCatalog.All.Select(m => m.Id), RuleCatalog.Ids.Order(StringComparer.Ordinal));
        Assert.All(RuleCatalog.All, m => Assert.Equal((m.DefaultSeverity, m.Category), (RuleCatalog.DefaultSeverityOf(m.Id), RuleCatalog.CategoryOf(m.Id))));
        Assert.All(RuleCatalog.All, m => Assert.Equal(m.Tags, RuleCatalog.TagsOf(m.Id)));
        Assert.All(RuleCatalog.All, m => Assert.Equal((m.Title, m.Rationale), (RuleCatalog.TitleOf(m.Id), RuleCatalog.RationaleOf(m.Id))));
        Assert.Null(RuleCatalog.DefaultSeverityOf("ECS9999"));
        Assert.Empty(RuleCatalog.TagsOf("ECS9999"));
        Assert.Null(RuleCatalog.TitleOf("ECS9999"));
    }

    [Fact]
    public void The_generated_registry_holds_every_rule_and_loader_class_of_the_core()
    {
        // What the registry held when it was found by reflection: every concrete class with a public parameterless
        // constructor that is a rule or a loader.
        static List<string> Classes<T>() => [.. typeof(EcsPolicy.Rules.Rule).Assembly.GetTypes()
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) != null)
            .Select(t => t.FullName!).Order(StringComparer.Ordinal)];

        Assert.Equal(Classes<EcsPolicy.Rules.Rule>(), RuleRegistry.Rules.Select(r => r.GetType().FullName!).Order(StringComparer.Ordinal));
        Assert.Equal(Classes<EcsPolicy.Inputs.IInputLoader>(), RuleRegistry.Loaders.Select(l => l.GetType().FullName!));
        Assert.Equal(RuleRegistry.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), RuleRegistry.Rules.Select(r => r.Id));
    }

    [Fact]
    public void Rule_ids_match_their_file_and_the_catalog_pattern()
    {
        foreach (var meta in RuleCatalog.All)
        {
            Assert.Matches("^ECS[0-9]{4}$", meta.Id);
            Assert.DoesNotContain(".", meta.Title.TrimEnd().Substring(meta.Title.Length - 1));
        }
    }
}
