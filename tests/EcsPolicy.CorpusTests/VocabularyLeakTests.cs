using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Shape;
using EcsPolicy.Tests.Support;
using EcsPolicy.Vocabularies;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Every message speaks its input's words: on the CloudFormation and Copilot corpus, the CDK test apps and
/// <c>examples/</c>, no finding names a property in a spelling its input does not use (a CloudFormation user never reads
/// <c>"networkMode"</c>, a Copilot user never reads <c>readonlyRootFilesystem</c>, a CDK user never reads
/// <c>logConfiguration</c>). The names each vocabulary cannot contain come from the shape of the ECS API and the Copilot
/// mapping, not from a hand-written list, so a property added to the shape is covered without touching this test.
/// </summary>
public class VocabularyLeakTests
{
    [Fact]
    public void No_message_names_a_property_in_a_spelling_its_input_does_not_use()
    {
        var leaks = new List<Leak>();

        // The corpus, one lint per file as the corpus golden tests run it (CloudFormation and Copilot: task-definition JSON
        // speaks the API's names, the identity).
        var linter = new Linter();
        foreach (var (name, extensions) in new[]
        {
            ("cloudformation", new[] { ".json", ".yaml", ".yml", ".template" }),
            ("copilot", new[] { ".yml", ".yaml" }),
        })
        {
            foreach (var file in Corpus.Files(name, extensions))
            {
                var bytes = File.ReadAllBytes(file);
                var result = linter.LintFile(Corpus.Relative(file), bytes, explicitlyGiven: true);
                var vocabulary = VocabularyOf(file, bytes);
                leaks.AddRange(result.Findings.SelectMany(f => Leaks(vocabulary, f.RuleId, "corpus/" + Corpus.Relative(file), f.Location.StartLine, f.Message)));
            }
        }

        // The CDK test apps (read statically from their C# source) and the examples, through the CLI as a user runs it.
        leaks.AddRange(Check("tests", "cdk-apps"));
        leaks.AddRange(Check("examples"));

        // ECSPOLICY_LEAKS=<file> writes every leak there, for the one migrating a rule.
        if (Environment.GetEnvironmentVariable("ECSPOLICY_LEAKS") is { Length: > 0 } dump)
        {
            File.WriteAllLines(dump, leaks.Select(l => l.ToString()));
        }

        Assert.True(leaks.Count == 0, $"{leaks.Count} message(s) name a property in a spelling their input does not use:\n" + string.Join("\n", leaks.Take(40)));
    }

    [Fact]
    public void The_tables_hold_the_names_of_the_shape_and_spare_prose_words()
    {
        // The tables are built from the shape: the API names that differ from CloudFormation's, and every one that is no
        // Copilot manifest key; names in prose are not matched, only the forms the renderer writes a name in.
        Assert.Contains("readonlyRootFilesystem", Forbidden[Vocabulary.CloudFormationYaml]);
        Assert.Contains("networkMode", Forbidden[Vocabulary.CloudFormationJson]);
        Assert.Contains("logConfiguration", Forbidden[Vocabulary.CdkCSharp]);
        Assert.Contains("readonlyRootFilesystem", Forbidden[Vocabulary.Copilot]);
        Assert.DoesNotContain("essential", Forbidden[Vocabulary.Copilot]);
        Assert.DoesNotContain("secretOptions", Forbidden[Vocabulary.Copilot]);
        Assert.Contains("ReadonlyRootFilesystem", Forbidden[Vocabulary.Api]);

        Assert.Equal(["networkMode"], Names(Vocabulary.CloudFormationYaml, "Set \"networkMode\": \"awsvpc\" on the task definition."));
        Assert.Equal(["networkMode"], Names(Vocabulary.CloudFormationYaml, "Fargate needs networkMode: awsvpc."));
        Assert.Equal(["readonlyRootFilesystem"], Names(Vocabulary.Copilot, "readonlyRootFilesystem is not set."));
        Assert.Empty(Names(Vocabulary.CloudFormationYaml, "Set NetworkMode: awsvpc; the memory of the image's user is 512."));
        Assert.Equal(["enable", "rollback"], Names(Vocabulary.CloudFormationYaml, "Set it to enable: true, rollback: true."));
        Assert.Empty(Names(Vocabulary.CdkCSharp, "The task uses NetworkMode \"host\"; a binpack strategy packs by \"cpu\"."));
        Assert.Equal(["cpu"], Names(Vocabulary.CloudFormationJson, "Add \"cpu\": \"256\"."));
        Assert.Empty(Names(Vocabulary.CloudFormationYaml, "An attacker can change its binaries and configuration: set ReadonlyRootFilesystem: true."));
        Assert.Empty(Names(Vocabulary.Copilot, "Set storage.readonly_fs: true, or taskdef_overrides path ContainerDefinitions[0].User."));
        Assert.Empty(Names(Vocabulary.CdkCSharp, "Set ReadonlyRootFilesystem = true (docs: container_definition_readonlyRootFilesystem)."));
    }

    private sealed record Leak(string Rule, string File, int Line, string Name, string Message)
    {
        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} {1}({2}) names {3}: {4}", Rule, File, Line, Name, Message);
    }

    /// <summary>
    /// Strings the API takes as values that are also member names (<c>networkMode "host"</c>, a binpack strategy's field
    /// <c>"cpu"</c>): quoted alone they are values, written as the user writes them in every format; quoted and followed
    /// by a colon they are still names.
    /// </summary>
    // Declared before Forbidden, whose builder adds the enum values of the shape to it.
    private static readonly HashSet<string> Values = new(StringComparer.Ordinal) { "cpu", "memory", "instanceId" };

    /// <summary>
    /// Per vocabulary, the API names its messages must not contain: every member of the task-definition, service and
    /// cluster shapes whose CloudFormation spelling differs (CloudFormation, and CDK C#, whose construct props and L1
    /// props are PascalCase); for Copilot, every API name that is no segment of a manifest key Copilot's mapping knows
    /// (so <c>essential</c> and <c>command</c> are allowed, <c>readonlyRootFilesystem</c> and <c>user</c> are not); for
    /// task-definition JSON, the CloudFormation spellings that differ from the API's.
    /// </summary>
    private static readonly Dictionary<Vocabulary, HashSet<string>> Forbidden = BuildForbidden();

    private static readonly Dictionary<Vocabulary, Regex> Patterns = Forbidden.ToDictionary(p => p.Key, p => Pattern(p.Value));

    private static Dictionary<Vocabulary, HashSet<string>> BuildForbidden()
    {
        var members = new HashSet<(StructureShape Structure, string Member)>();
        var seen = new HashSet<StructureShape>();
        void Walk(StructureShape? structure)
        {
            if (structure is null || !seen.Add(structure))
            {
                return;
            }

            foreach (var member in structure.MemberNames)
            {
                members.Add((structure, member));
                for (var type = structure.Member(member); type != null; type = type.Items ?? type.Values)
                {
                    Values.UnionWith(type.Enum?.Values ?? []);
                    Walk(type.Structure);
                }
            }
        }

        Walk(ShapeDescription.Default.Root);
        Walk(ShapeDescription.Services.Root);
        Walk(ShapeDescription.Services.Structure("Cluster"));

        var differs = members.Where(m => CfnNames.Spelling(m.Structure, m.Member) != m.Member).ToList();
        var api = differs.Select(m => m.Member).ToHashSet(StringComparer.Ordinal);
        // A taskdef_overrides rule is written with the manifest keys path and value.
        var copilotKeys = CopilotKeySegments();
        copilotKeys.UnionWith(["path", "value"]);
        return new Dictionary<Vocabulary, HashSet<string>>
        {
            [Vocabulary.Api] = differs.Select(m => CfnNames.Spelling(m.Structure, m.Member)).ToHashSet(StringComparer.Ordinal),
            [Vocabulary.CloudFormationJson] = api,
            [Vocabulary.CloudFormationYaml] = api,
            [Vocabulary.CdkCSharp] = api,
            [Vocabulary.Copilot] = members.Select(m => m.Member).Where(m => !copilotKeys.Contains(m)).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// Every segment of the manifest keys in Copilot's mapping (<see cref="CopilotNames"/>' tables, read by reflection so
    /// that a key added there is allowed here too).
    /// </summary>
    private static HashSet<string> CopilotKeySegments()
    {
        var segments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in typeof(CopilotNames).GetFields(BindingFlags.NonPublic | BindingFlags.Static))
        {
            if (field.GetValue(null) is System.Collections.IDictionary table)
            {
                foreach (var value in table.Values)
                {
                    if (value is string key)
                    {
                        segments.UnionWith(key.Split('.', StringSplitOptions.RemoveEmptyEntries));
                    }
                }
            }
        }

        Assert.Contains("readonly_fs", segments);
        return segments;
    }

    /// <summary>
    /// The forms in which the renderer writes a name: quoted (<c>"name"</c>, JSON), as a key of code
    /// (<c>name: value</c>, with a value that is a literal: a sentence's colon, as in "its binaries and configuration:
    /// set ...", is prose), or anywhere as a whole word when it is a multi-word identifier (an inner capital, e.g.
    /// <c>networkMode</c>); a one-word name (<c>memory</c>, <c>user</c>, <c>image</c>) is then prose and not matched.
    /// </summary>
    private static Regex Pattern(IEnumerable<string> names)
    {
        var all = string.Join("|", names.OrderByDescending(n => n.Length).Select(Regex.Escape));
        var quoted = string.Join("|", names.Where(n => !Values.Contains(n)).OrderByDescending(n => n.Length).Select(Regex.Escape));
        var words = string.Join("|", names.Where(n => n.Skip(1).Any(char.IsUpper)).OrderByDescending(n => n.Length).Select(Regex.Escape));
        return new Regex(
            $"\"(?<n>{all})\":|\"(?<n>{quoted})\"|(?<![A-Za-z0-9_])(?<n>{all}): ?(?=[\"'\\[{{0-9-]|true\\b|false\\b|null\\b)|(?<![A-Za-z0-9_])(?<n>{words})(?![A-Za-z0-9_])",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    private static List<string> Names(Vocabulary vocabulary, string message) =>
        [.. Patterns[vocabulary].Matches(message).Select(m => m.Groups["n"].Value).Distinct()];

    private static IEnumerable<Leak> Leaks(Vocabulary vocabulary, string rule, string file, int line, string message) =>
        Names(vocabulary, message).Select(n => new Leak(rule, file, line, n, message));

    /// <summary>The vocabulary of a file, as the linter picks its format (a C# file is CDK code).</summary>
    private static Vocabulary VocabularyOf(string path, byte[] content)
    {
        if (path.EndsWith(".cs", StringComparison.Ordinal))
        {
            return Vocabulary.CdkCSharp;
        }

        return FormatDetector.Candidates(path, content, explicitlyGiven: true).FirstOrDefault() switch
        {
            InputFormat.CloudFormationJson => Vocabulary.CloudFormationJson,
            InputFormat.CloudFormationYaml => Vocabulary.CloudFormationYaml,
            InputFormat.CopilotManifest => Vocabulary.Copilot,
            _ => Vocabulary.Api,
        };
    }

    /// <summary>Runs <c>ecs-policy check DIR/ --format json</c> in-process from the repository root, and the leaks in it.</summary>
    private static List<Leak> Check(params string[] folder)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = Runner.Run(new CheckSettings { Paths = [Repo.PathOf(folder) + "/"], Format = "json", RootDirectory = Repo.Root }, stdout, stderr);
        Assert.True(code is Runner.ExitOk or Runner.ExitFindings, $"check {string.Join('/', folder)} exited with {code}:\n{stderr}");
        using var json = JsonDocument.Parse(stdout.ToString());
        var leaks = new List<Leak>();
        var vocabularies = new Dictionary<string, Vocabulary>(StringComparer.Ordinal);
        foreach (var f in json.RootElement.GetProperty("findings").EnumerateArray())
        {
            var file = f.GetProperty("file").GetString()!;
            if (!vocabularies.TryGetValue(file, out var vocabulary))
            {
                var full = Path.Combine(Repo.Root, file);
                vocabulary = vocabularies[file] = VocabularyOf(full, File.Exists(full) ? File.ReadAllBytes(full) : []);
            }

            leaks.AddRange(Leaks(vocabulary, f.GetProperty("ruleId").GetString()!, file, f.GetProperty("line").GetInt32(), f.GetProperty("message").GetString()!));
        }

        return leaks;
    }
}
