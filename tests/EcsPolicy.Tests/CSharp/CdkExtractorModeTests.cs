using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// The CLI looks names up in their scope and the analyzer binds them with their statements (whichever is faster
/// where it runs, see <see cref="CompilationIndex.LooksUpNames"/>): a CDK app gets the same findings either way.
/// </summary>
public class CdkExtractorModeTests
{
    public static TheoryData<string> Apps() => [.. Directory.GetDirectories(Repo.PathOf("tests", "cdk-apps")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Apps))]
    public void Looking_names_up_and_binding_them_give_the_same_findings(string app)
    {
        var compilation = CdkCompilation.Create(File.ReadAllText(Repo.PathOf("tests", "cdk-apps", app, "Program.cs")));
        var tree = compilation.SyntaxTrees[0];
        string Findings(bool looksUpNames)
        {
            var result = CSharpLinter.Lint(new Linter(), compilation.GetSemanticModel(tree), new CompilationIndex(compilation, looksUpNames));
            Assert.Empty(result.NotChecked);
            return string.Join("\n", result.Findings.Select(f => $"{f.Location.StartLine},{f.Location.StartColumn}-{f.Location.EndLine},{f.Location.EndColumn} {f.RuleId}: {f.Message}"));
        }

        var bound = Findings(looksUpNames: false);
        Assert.NotEmpty(bound);
        Assert.Equal(bound, Findings(looksUpNames: true));
    }
}
