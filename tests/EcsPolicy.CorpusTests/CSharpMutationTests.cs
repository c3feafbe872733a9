using System.Diagnostics;
using System.Text;
using EcsPolicy.Analyzers;
using EcsPolicy.Cli;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// The analyzer never throws: it runs on every C# sample (the CDK apps of tests/cdk-apps) and on 10,000 mutants of them
/// (a seeded mutator: spans deleted, duplicated or moved, tokens inserted, lines swapped, numbers changed), compiled
/// against the real CDK reference assemblies as a build would, with no AD0001 and no analyzer exception allowed.
/// Mutants are analysed in batches of one compilation each, every mutant its own file. Each file is also checked as the
/// CLI checks it, for the fail-closed invariant (as <see cref="MutationTests"/> asserts it for the other inputs): no
/// internal error; a file is checked completely, or every reason it was not has a located ECS0001 or ECS0009 finding in
/// it and the run exits 2; and the analyzer reports those findings in the file too.
/// </summary>
public class CSharpMutationTests
{
    private const int Mutants = 10_000;
    private const int BatchSize = 250;
    private const int Seed = 20261122;

    private static readonly string[] Insertions =
    [
        "{", "}", "(", ")", ";", ",", ".", "=", "new ", "null", "\"", "@\"", "$\"{", "0", "-1", "3000", "99999999999", "=>", "?", "!",
        "Duration.Seconds(", "ContainerImage.FromRegistry(", "new ContainerDefinitionOptions {", "#pragma warning disable ECS6007\n",
        "\n", "//", "/*", "*/", "this", "var x = ", "await ", "default", "[", "]", "<", ">", "\\",
    ];

    private readonly ITestOutputHelper _output;

    /// <summary>The files not checked completely so far (reported with the run's numbers).</summary>
    private int _notChecked;

    public CSharpMutationTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void The_analyzer_never_throws_on_the_samples_or_on_10000_mutants_of_them()
    {
        var samples = Directory.GetFiles(Repo.PathOf("tests", "cdk-apps"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Name: Path.GetRelativePath(Repo.Root, f), Text: File.ReadAllText(f)))
            .ToList();
        Assert.True(samples.Count >= 10, "expected the CDK sample apps");

        var watch = Stopwatch.StartNew();
        var failures = new List<string>();
        var diagnostics = 0;

        // The samples as they are: one compilation each, as their projects compile them.
        foreach (var (name, text) in samples)
        {
            diagnostics += Analyze([(name, text)], failures).Count;
        }

        var random = new Random(Seed);
        for (var start = 0; start < Mutants && failures.Count < 10; start += BatchSize)
        {
            var batch = new List<(string, string)>();
            for (var i = start; i < Math.Min(Mutants, start + BatchSize); i++)
            {
                var (name, text) = samples[random.Next(samples.Count)];
                batch.Add(($"/mutants/{i}-{Path.GetFileName(name)}", Mutate(text, random)));
            }

            diagnostics += Analyze(batch, failures).Count;
        }

        _output.WriteLine($"{samples.Count} samples and {Mutants} mutants analysed in {watch.Elapsed.TotalSeconds:F1} s; {diagnostics} diagnostics; {_notChecked} files not checked completely");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private IReadOnlyList<Diagnostic> Analyze(IReadOnlyList<(string Path, string Text)> files, List<string> failures)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, f.Path, Encoding.UTF8)).ToList();
        var compilation = CSharpCompilation.Create(
            "Mutants",
            trees,
            EcsPolicy.Tests.CSharp.CdkCompilation.References(withCdk: true),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (e, _, d) => failures.Add("analyzer exception: " + e.GetType().Name + ": " + e.Message + " at " + d.Location),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var result = compilation.WithAnalyzers([new EcsPolicyAnalyzer()], analyzerOptions).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        failures.AddRange(result.Where(d => d.Id == "AD0001").Select(d => "AD0001 in " + d.Location.SourceTree?.FilePath + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));

        // The fail-closed invariant, on each file as the CLI checks it (names looked up, not bound).
        var index = new CompilationIndex(compilation, looksUpNames: true);
        foreach (var tree in trees)
        {
            var file = tree.FilePath;
            var checkedFile = CSharpLinter.Lint(Linter, compilation.GetSemanticModel(tree), index);
            foreach (var error in checkedFile.Findings.Where(f => f.RuleId == "ECS0009" && f.Message.StartsWith("EcsPolicy could not finish", StringComparison.Ordinal)))
            {
                failures.Add($"{file}: internal error {error.Message} (input saved as {Save(file, tree)})");
            }

            var notChecked = checkedFile.Findings.Where(f => f.RuleId is "ECS0001" or "ECS0009").ToList();
            if (!checkedFile.CheckedCompletely)
            {
                _notChecked++;
                if (notChecked.Count < checkedFile.NotChecked.Count || Runner.ExitCode([checkedFile], checkedFile.Findings, Findings.Severity.None) != Runner.ExitUsageOrUnreadable)
                {
                    failures.Add($"{file}: not checked ({string.Join("; ", checkedFile.NotChecked)}) without a finding for each reason or exit code 2 (input saved as {Save(file, tree)})");
                }

                // What the CLI reports, the analyzer reports in the same file: a build fails on a file it did not check.
                if (!result.Any(d => d.Id is "ECS0001" or "ECS0009" && d.Location.SourceTree?.FilePath == file))
                {
                    failures.Add($"{file}: not checked ({string.Join("; ", checkedFile.NotChecked)}) but the analyzer reports no ECS0001 or ECS0009 in it (input saved as {Save(file, tree)})");
                }
            }

            foreach (var finding in notChecked)
            {
                if (finding.Location.StartLine < 1 || finding.Location.StartColumn < 1 || finding.Location.File != file || finding.Message.Length == 0)
                {
                    failures.Add($"{file}: {finding.RuleId} without a location in the file: {finding.Location} {finding.Message}");
                }
            }
        }

        return result;
    }

    private static readonly Linter Linter = new();

    /// <summary>Keeps a failing mutant for a look, under the temporary directory.</summary>
    private static string Save(string file, SyntaxTree tree)
    {
        var path = Path.Combine(Path.GetTempPath(), "ecs-policy-mutants", "csharp", Path.GetFileName(file));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, tree.ToString());
        return path;
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var length = sb.Length;
            var at = length == 0 ? 0 : random.Next(length);
            var span = length == 0 ? 0 : Math.Min(length - at, 1 + random.Next(60));
            switch (random.Next(7))
            {
                case 0:
                    sb.Remove(at, span);
                    break;
                case 1:
                    sb.Insert(at, sb.ToString(at, span));
                    break;
                case 2:
                case 3:
                    sb.Insert(at, Insertions[random.Next(Insertions.Length)]);
                    break;
                case 4:
                    {
                        var lines = sb.ToString().Split('\n');
                        var a = random.Next(lines.Length);
                        var b = random.Next(lines.Length);
                        (lines[a], lines[b]) = (lines[b], lines[a]);
                        sb.Clear().Append(string.Join('\n', lines));
                        break;
                    }

                case 5:
                    {
                        var digit = Enumerable.Range(at, Math.Max(0, length - at)).FirstOrDefault(i => char.IsDigit(sb[i]), -1);
                        if (digit >= 0)
                        {
                            sb.Insert(digit, random.Next(3) switch { 0 => "-", 1 => "0.", _ => "9999" });
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
