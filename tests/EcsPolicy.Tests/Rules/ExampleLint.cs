using EcsPolicy.Catalog;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using EcsPolicy.Tests.CSharp;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules;

/// <summary>
/// Runs a rule's example (rules/*.yaml, <c>examples:</c>) as the CLI runs a file of its kind, chosen by its
/// <c>file:</c> name: a <c>.cs</c> example is a CDK C# program (top-level statements are fine), compiled against
/// Amazon.CDK.Lib and read statically as <c>ecs-policy check</c> reads C#; any other example goes through the linter
/// under its name, so <c>file: template.yaml</c> is a CloudFormation template, <c>file: manifest.yml</c> (with
/// <c>name:</c> and <c>type:</c>) a Copilot manifest, and an unnamed one task-definition JSON or a template.
/// </summary>
internal static class ExampleLint
{
    public static FileResult Run(RuleExample example, LintOptions options)
    {
        if (!IsCSharp(example))
        {
            return Lint.File(example.CleanText, example.EffectiveFileName, options);
        }

        var compilation = CdkCompilation.Create(example.CleanText, path: "/app/" + example.EffectiveFileName);
        var errors = CdkCompilation.CompilerErrors(compilation);
        Assert.True(errors.Count == 0, "a C# example does not compile against Amazon.CDK.Lib:\n" + string.Join("\n", errors) + "\n" + example.CleanText);
        var tree = compilation.SyntaxTrees[0];
        return CSharpLinter.Lint(new Linter(options), compilation.GetSemanticModel(tree), new CompilationIndex(compilation, looksUpNames: true));
    }

    /// <summary>
    /// The messages of rule <paramref name="id"/> at the marked place of a bad example, as its input's user reads them
    /// (the docs show them under the example).
    /// </summary>
    public static IReadOnlyList<string> MessagesAtMarker(string id, RuleExample example, LintOptions options)
    {
        var marker = example.Marker;
        return [.. Run(example, options).Findings
            .Where(f => f.RuleId == id && marker is { } m && f.Location.StartLine == m.Line && f.Location.StartColumn == m.Column)
            .Select(f => f.Message)
            .Distinct(StringComparer.Ordinal)];
    }

    private static bool IsCSharp(RuleExample example) => example.EffectiveFileName.EndsWith(".cs", StringComparison.Ordinal);
}
