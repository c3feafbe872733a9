using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsPolicy.CSharp;
using EcsPolicy.Tests.CSharp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace EcsPolicy.CorpusTests;

/// <summary>
/// The two readings of a CDK C# app agree: every app of tests/cdk-apps is checked from its C# source (read statically)
/// and synthesized with Amazon.CDK.Lib and Node.js and checked from its cdk.out, both through the CLI; the findings of
/// each side, as rule IDs per construct path, must be the same. A finding only the synthesized templates have is
/// allowed when the source reading holds the value it is about as unknown: the finding's model path, followed in the
/// model the C# extractor builds for that construct, reaches an unknown value (or a list with items it cannot list). A
/// finding only the source has is never allowed. The comparison table is printed, and is the failure message.
/// </summary>
public class CdkDifferentialTests
{
    private const string Agree = "agree";
    private const string UnknownInSource = "differs: unknown in source";
    private const string Mismatch = "MISMATCH";

    private readonly ITestOutputHelper _output;

    public CdkDifferentialTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Every_CDK_app_gives_the_same_findings_per_construct_from_source_and_from_cdk_out()
    {
        var apps = CdkApps.Names();
        Assert.True(apps.Count >= 10, "expected at least 10 CDK apps in " + CdkApps.Root + ", found " + apps.Count);

        var work = CdkApps.TempFolder();
        try
        {
            var total = Stopwatch.StartNew();

            // Builds one at a time (they share the NuGet cache and obj folders of nothing else), then synthesizes two at a time.
            var builds = apps.ToDictionary(a => a, a => CdkApps.Build(CdkApps.PathOf(a)));
            var synths = new Dictionary<string, TimeSpan>();
            Parallel.ForEach(apps, new ParallelOptions { MaxDegreeOfParallelism = 2 }, app =>
            {
                var took = CdkApps.Synthesize(CdkApps.PathOf(app), Path.Combine(work, app), noBuild: true);
                lock (synths)
                {
                    synths[app] = took;
                }
            });

            var table = new StringBuilder();
            var timings = new StringBuilder();
            timings.AppendLine("| App | build (s) | synth (s) | check cdk.out (s) | check source (s) |");
            timings.AppendLine("|---|---:|---:|---:|---:|");
            var mismatches = 0;
            var allowed = 0;
            var agreed = 0;
            foreach (var app in apps)
            {
                var watch = Stopwatch.StartNew();
                var synth = Check(Path.Combine(work, app));
                var checkSynth = watch.Elapsed;
                watch.Restart();
                var source = Check(CdkApps.PathOf(app));
                var checkSource = watch.Elapsed;
                var model = SourceModel(CdkApps.PathOf(app));
                Assert.True(synth.Count > 0, app + ": the synthesized templates have no findings");

                table.AppendLine().AppendLine("### " + app).AppendLine();
                table.AppendLine("| construct | rule | source | synth | verdict |");
                table.AppendLine("|---|---|---:|---:|---|");
                var keys = synth.Select(f => (f.Construct, f.Rule)).Concat(source.Select(f => (f.Construct, f.Rule))).Distinct()
                    .OrderBy(k => k.Construct, StringComparer.Ordinal).ThenBy(k => k.Rule, StringComparer.Ordinal);
                foreach (var (construct, rule) in keys)
                {
                    var fromSynth = synth.Where(f => f.Construct == construct && f.Rule == rule).ToList();
                    var fromSource = source.Count(f => f.Construct == construct && f.Rule == rule);
                    var verdict = Verdict(fromSynth, fromSource, model.GetValueOrDefault(construct));
                    if (verdict == Agree)
                    {
                        agreed++;
                    }
                    else if (verdict.StartsWith(Mismatch, StringComparison.Ordinal))
                    {
                        mismatches++;
                    }
                    else
                    {
                        allowed++;
                    }

                    table.AppendLine(CultureInfo.InvariantCulture, $"| {WithoutStack(construct)} | {rule} | {fromSource} | {fromSynth.Count} | {verdict} |");
                }

                timings.AppendLine(CultureInfo.InvariantCulture, $"| {app} | {builds[app].TotalSeconds:F1} | {synths[app].TotalSeconds:F1} | {checkSynth.TotalSeconds:F2} | {checkSource.TotalSeconds:F2} |");
            }

            var summary = $"{apps.Count} apps: {agreed} agree, {allowed} differ with the value unknown in source, {mismatches} mismatch; total {total.Elapsed.TotalSeconds:F0} s";
            var report = table + "\n" + timings + "\n" + summary;
            _output.WriteLine(report);
            Assert.True(mismatches == 0, "source and cdk.out disagree:\n" + report);
        }
        finally
        {
            CdkApps.Delete(work);
        }
    }

    /// <summary>A finding: the construct path of its message (<c>Stack/Path</c>), rule ID and model path.</summary>
    private sealed record Finding(string Construct, string Rule, string Path, string Message);

    /// <summary>Runs <c>ecs-policy check PATH --format json</c> in-process.</summary>
    private static List<Finding> Check(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = EcsPolicy.Cli.Program.Run(["check", path, "--format", "json"], stdout, stderr);
        Assert.True(code is 0 or 1, $"check {path} exited with {code}:\n{stderr}");
        // Standard error holds only the summary line (the report is JSON): no internal error, nothing unreadable.
        Assert.Matches(@"^\d+ error\(s\), \d+ warning\(s\), \d+ note\(s\) in [^\n]*\.\n$", stderr.ToString().ReplaceLineEndings("\n"));
        using var report = JsonDocument.Parse(stdout.ToString());
        return [.. report.RootElement.GetProperty("findings").EnumerateArray().Select(f =>
        {
            var message = f.GetProperty("message").GetString()!;
            return new Finding(ConstructOf(message, path), f.GetProperty("ruleId").GetString()!, f.GetProperty("path").GetString()!, message);
        })];
    }

    private static string ConstructOf(string message, string checkedPath)
    {
        const string Marker = " [construct ";
        var at = message.LastIndexOf(Marker, StringComparison.Ordinal);
        Assert.True(at >= 0 && message.EndsWith(']'), $"a finding of {checkedPath} names no construct: {message}");
        return message.Substring(at + Marker.Length, message.Length - at - Marker.Length - 1);
    }

    private static string WithoutStack(string construct) => construct.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? construct[(slash + 1)..] : construct;

    /// <summary>
    /// The verdict on one (construct, rule): the same count agrees; more findings in cdk.out are allowed only when each
    /// finding the source lacks is on a value the source holds as unknown; anything else is a mismatch.
    /// </summary>
    private static string Verdict(List<Finding> fromSynth, int fromSource, SNode? sourceObject)
    {
        if (fromSynth.Count == fromSource)
        {
            return Agree;
        }

        if (fromSource > fromSynth.Count)
        {
            return Mismatch + ": only in source";
        }

        if (sourceObject is null)
        {
            return Mismatch + ": the source reading has no such construct";
        }

        var reasons = fromSynth.Select(f => UnknownAlong(sourceObject, f.Path)).Where(r => r != null).Distinct().ToList();
        var unexplained = fromSynth.Count(f => UnknownAlong(sourceObject, f.Path) is null);
        return fromSynth.Count - fromSource <= fromSynth.Count - unexplained
            ? UnknownInSource + " (" + string.Join("; ", reasons) + ")"
            : Mismatch + ": known in source";
    }

    /// <summary>
    /// Follows a model path (<c>/containerDefinitions/0/healthCheck/timeout</c>) in the source object; the reason of the
    /// first unknown value on the way (or of an unknown item of a list the path indexes), or null when every value on the
    /// path is known (or absent).
    /// </summary>
    private static string? UnknownAlong(SNode node, string path)
    {
        foreach (var step in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node.Kind == NodeKind.Unknown)
            {
                return node.UnknownReason;
            }

            SNode? next;
            if (node.Kind == NodeKind.Array)
            {
                // An item the reading cannot list shifts the items after it.
                if (node.Children.FirstOrDefault(c => c.Kind == NodeKind.Unknown) is { } unknownItem)
                {
                    return unknownItem.UnknownReason;
                }

                next = int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.Children.Count ? node.Children[index] : null;
            }
            else
            {
                next = node.Kind == NodeKind.Object ? node.Children.FirstOrDefault(c => c.Name == step) : null;
            }

            if (next is null)
            {
                return null;
            }

            node = next;
        }

        return node.Kind == NodeKind.Unknown ? node.UnknownReason : null;
    }

    /// <summary>
    /// The model the C# extractor builds from the app's source (the CDK reference assemblies referenced, as the CLI
    /// reads a project): the root node of each task definition, service and cluster, by construct path.
    /// </summary>
    private static Dictionary<string, SNode> SourceModel(string folder)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .Order(StringComparer.Ordinal);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), options, f))
            .Append(CSharpSyntaxTree.ParseText("global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\n", options, Path.Combine(folder, "obj", "GlobalUsings.g.cs")))
            .ToList();
        var compilation = CSharpCompilation.Create("App", trees, CdkCompilation.References(withCdk: true), new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var index = new CompilationIndex(compilation, looksUpNames: true);
        var objects = new Dictionary<string, SNode>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var loaded = CdkExtractor.Extract(compilation.GetSemanticModel(tree), index);
            var origins = loaded.Tasks.Select(t => (t.Origin, t.Node)).Concat(loaded.Services.Select(s => (s.Origin, s.Node))).Concat(loaded.Clusters.Select(c => (c.Origin, c.Node)));
            foreach (var (origin, node) in origins)
            {
                if (origin is not null && origin.StartsWith("construct ", StringComparison.Ordinal))
                {
                    objects.TryAdd(origin["construct ".Length..], node);
                }
            }
        }

        return objects;
    }
}
