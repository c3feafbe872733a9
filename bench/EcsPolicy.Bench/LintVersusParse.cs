using System.Text.Json;
using BenchmarkDotNet.Attributes;
using EcsPolicy.Engine;

namespace EcsPolicy.Bench;

/// <summary>
/// How close a full lint is to the limit: the same bytes parsed by System.Text.Json alone (parse-only) and linted by
/// EcsPolicy (our parse with locations, the model, every rule). The goal is a full lint at most 3x parse-only.
/// The inputs are the real-world task definitions of ../shared/corpus/taskdefs (or the bundled examples).
/// </summary>
[MemoryDiagnoser]
public class LintVersusParse
{
    private readonly Linter _linter = new();
    private List<(string Name, byte[] Bytes)> _files = [];

    [GlobalSetup]
    public void Setup() => _files = Inputs.TaskDefinitions();

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
}
