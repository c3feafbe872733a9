using System.Diagnostics;
using System.Text;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using Xunit.Abstractions;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// Mutation testing of every loader: 10,000 inputs per format derived from the corpus by a seeded mutator of our own
/// (fixed seed, so a failure is reproducible), each linted as a named file. None may cause an internal error or take
/// long, an input that does not parse is one ECS0001 with a real location, and every input is either checked
/// completely or reported (ECS0001 or ECS0009 at a location in it, and exit code 2): the fail-closed invariant.
/// </summary>
public class MutationTests
{
    private const int PerFormat = 10_000;
    private const int Seed = 20261122;
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(10);

    /// <summary>Characters that matter to JSON and YAML syntax, and a few that break encodings.</summary>
    private static readonly string[] Insertions =
    [
        "{", "}", "[", "]", ":", ",", "\"", "'", "\n", "\r", "\r\n", " ", "\t", "-", "#", "&a", "*a", "!Ref ", "!If ", "|", ">",
        "\0", "\\", "\\u", "\uFEFF", "\uD800", "99999999999999999999", "-1", "null", "true", "{{", "]]", "Fn::If", "${", "é",
    ];

    private readonly ITestOutputHelper _output;

    public MutationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static readonly string[] FormatNames = ["taskdefs-json", "cloudformation-json", "cloudformation-yaml", "copilot-yaml"];

    public static TheoryData<string> Formats() => [.. FormatNames];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Mutated_inputs_never_crash_or_hang_and_unparseable_ones_get_a_located_ECS0001(string format)
    {
        var seeds = Seeds(format);
        Assert.NotEmpty(seeds);
        var random = new Random(Seed + Array.IndexOf(FormatNames, format));
        var linter = new Linter();
        var failures = new List<string>();
        var parseErrors = 0;
        var gaps = 0;
        var watch = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < PerFormat && failures.Count < 10; i++)
        {
            var (name, text) = seeds[random.Next(seeds.Count)];
            var mutated = Mutate(text, random);
            var file = "mutant-" + i + Path.GetExtension(name);
            if (format == "copilot-yaml")
            {
                file = "copilot/svc" + i + "/manifest.yml";
            }

            var bytes = Encoding.UTF8.GetBytes(mutated);
            var started = watch.Elapsed;
            var lint = Task.Run(() => linter.LintFile(file, bytes, explicitlyGiven: true));
            if (await Task.WhenAny(lint, Task.Delay(PerInputLimit)) != lint)
            {
                failures.Add($"#{i} from {name}: did not finish in {PerInputLimit.TotalSeconds} s");
                continue;
            }

            var took = watch.Elapsed - started;
            slowest = took > slowest ? took : slowest;
            var result = await lint;

            // The invariant: a file is checked completely, or every reason it was not has a located ECS0001 or ECS0009
            // finding in it and the run exits 2, whatever the fail level. An internal error is a bug even then.
            foreach (var error in result.Findings.Where(f => f.RuleId == "ECS0009" && f.Message.StartsWith("EcsPolicy could not finish", StringComparison.Ordinal)))
            {
                failures.Add($"#{i} from {name}: internal error {error.Message} (input saved as {Save(i, file, mutated)})");
            }

            var notChecked = result.Findings.Where(f => f.RuleId is "ECS0001" or "ECS0009").ToList();
            if (!result.CheckedCompletely)
            {
                gaps++;
                if (notChecked.Count < result.NotChecked.Count || Runner.ExitCode([result], result.Findings, Findings.Severity.None) != Runner.ExitUsageOrUnreadable)
                {
                    failures.Add($"#{i} from {name}: not checked ({string.Join("; ", result.NotChecked)}) without a finding for each reason or exit code 2 (input saved as {Save(i, file, mutated)})");
                }
            }

            foreach (var finding in notChecked)
            {
                parseErrors += finding.RuleId == "ECS0001" ? 1 : 0;
                if (finding.Location.StartLine < 1 || finding.Location.StartColumn < 1 || finding.Location.File != file || finding.Message.Length == 0)
                {
                    failures.Add($"#{i} from {name}: {finding.RuleId} without a location: {finding.Location} {finding.Message}");
                }
            }
        }

        _output.WriteLine($"{format}: {PerFormat} inputs from {seeds.Count} seeds in {watch.Elapsed.TotalSeconds:F1} s; {parseErrors} ECS0001; {gaps} not checked completely; slowest {slowest.TotalMilliseconds:F0} ms");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Keeps a failing input for a look: under the temporary directory, named by its number.</summary>
    private static string Save(int i, string file, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "ecs-policy-mutants", i + "-" + Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static List<(string Name, string Text)> Seeds(string format)
    {
        var (directory, extensions) = format switch
        {
            "taskdefs-json" => ("taskdefs", new[] { ".json" }),
            "cloudformation-json" => ("cloudformation", new[] { ".json", ".template" }),
            "cloudformation-yaml" => ("cloudformation", new[] { ".yaml", ".yml" }),
            _ => ("copilot", new[] { ".yml", ".yaml" }),
        };
        var files = Corpus.Files(directory, extensions).Where(f => new FileInfo(f).Length < 200_000);
        if (format == "copilot-yaml")
        {
            files = files.Where(f => Path.GetFileName(f) == "manifest.yml" || f.Contains("manifest", StringComparison.Ordinal));
        }

        var seeds = files.Select(f => (Corpus.Relative(f), File.ReadAllText(f))).ToList();
        if (format == "taskdefs-json")
        {
            var examples = Path.Combine(Tests.Support.Repo.Root, "examples");
            seeds.AddRange(Directory.GetFiles(examples, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(f => ("examples/" + Path.GetFileName(f), File.ReadAllText(f))));
        }

        return seeds;
    }

    /// <summary>One to three random edits: delete, duplicate or move a span, insert syntax, swap lines, truncate, re-indent.</summary>
    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var length = sb.Length;
            var at = length == 0 ? 0 : random.Next(length);
            var span = length == 0 ? 0 : Math.Min(length - at, 1 + random.Next(40));
            switch (random.Next(8))
            {
                case 0:
                    sb.Remove(at, span);
                    break;
                case 1:
                    sb.Insert(at, sb.ToString(at, span));
                    break;
                case 2:
                    sb.Insert(at, Insertions[random.Next(Insertions.Length)]);
                    break;
                case 3:
                    sb.Length = at;
                    break;
                case 4:
                    {
                        var lines = sb.ToString().Split('\n');
                        if (lines.Length > 2)
                        {
                            var a = random.Next(lines.Length);
                            var b = random.Next(lines.Length);
                            (lines[a], lines[b]) = (lines[b], lines[a]);
                            sb.Clear().Append(string.Join('\n', lines));
                        }

                        break;
                    }

                case 5:
                    {
                        // Re-indent one line: YAML structure changes, JSON does not.
                        var lineStart = sb.ToString().LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                        if (random.Next(2) == 0)
                        {
                            sb.Insert(lineStart, "  ");
                        }
                        else if (lineStart < sb.Length && sb[lineStart] == ' ')
                        {
                            sb.Remove(lineStart, 1);
                        }

                        break;
                    }

                case 6:
                    {
                        // A number becomes a huge, negative or fractional one.
                        var digit = Enumerable.Range(at, Math.Max(0, length - at)).FirstOrDefault(i => char.IsDigit(sb[i]), -1);
                        if (digit >= 0)
                        {
                            sb.Insert(digit, random.Next(3) switch { 0 => "-", 1 => "0.5", _ => "9999999999" });
                        }

                        break;
                    }

                default:
                    if (span > 0)
                    {
                        var moved = sb.ToString(at, span);
                        sb.Remove(at, span);
                        sb.Insert(random.Next(sb.Length + 1), moved);
                    }

                    break;
            }
        }

        return sb.ToString();
    }
}
