using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Model;

namespace EcsPolicy.Bench;

/// <summary>
/// How close a full lint is to the limit: the same bytes parsed by System.Text.Json alone (parse-only) and linted by
/// EcsPolicy (our parse with locations, the model, every rule). The goal is a full lint at most 3x parse-only.
/// The inputs are the real-world task definitions of ../shared/corpus/taskdefs (or the bundled examples).
/// Three more lines split the full lint into its parts: the tokens alone (the floor of any JSON reader), our tree with
/// locations, and the rules on task definitions already loaded (the model's values read once before, so a floor too).
/// </summary>
[MemoryDiagnoser]
public class LintVersusParse
{
    private readonly Linter _linter = new();
    private List<(string Name, byte[] Bytes)> _files = [];
    private List<TaskDefinition> _tasks = [];

    [GlobalSetup]
    public void Setup()
    {
        _files = Bench.Inputs.TaskDefinitions();
        var loader = new TaskDefinitionJsonLoader();
        _tasks = _files.SelectMany(f => loader.Load(f.Name, f.Bytes, explicitlyGiven: true).Tasks).ToList();
        foreach (var task in _tasks)
        {
            _linter.Check(task);
        }
    }

    [Benchmark(Baseline = true, Description = "parse-only (System.Text.Json)")]
    public int ParseOnly()
    {
        var n = 0;
        foreach (var (_, bytes) in _files)
        {
            try
            {
                using var document = JsonDocument.Parse(bytes);
                n += document.RootElement.ValueKind == JsonValueKind.Object ? 1 : 0;
            }
            catch (JsonException)
            {
            }
        }

        return n;
    }

    [Benchmark(Description = "full lint (EcsPolicy)")]
    public int FullLint()
    {
        var n = 0;
        foreach (var (name, bytes) in _files)
        {
            n += _linter.LintFile(name, bytes, explicitlyGiven: true).Findings.Count;
        }

        return n;
    }

    [Benchmark(Description = "tokens only (Utf8JsonReader)")]
    public int TokensOnly()
    {
        var n = 0;
        foreach (var (_, bytes) in _files)
        {
            try
            {
                var reader = new Utf8JsonReader(bytes);
                while (reader.Read())
                {
                    n++;
                }
            }
            catch (JsonException)
            {
            }
        }

        return n;
    }

    [Benchmark(Description = "tree with locations (EcsPolicy)")]
    public int TreeOnly()
    {
        var n = 0;
        foreach (var (name, bytes) in _files)
        {
            n += JsonTreeReader.Parse(name, bytes, out _) is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "rules on loaded task definitions")]
    public int RulesOnly()
    {
        var n = 0;
        foreach (var task in _tasks)
        {
            n += _linter.Check(task).Count;
        }

        return n;
    }
}
