using EcsPolicy.Analyzers;
using Microsoft.CodeAnalysis;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// Suppressions in C# source, in the analyzer: the compiler applies <c>#pragma warning disable</c> and
/// <c>[SuppressMessage]</c> to the catalog's diagnostics; a custom policy's ID (reported under ECSP001) is suppressed by
/// the analyzer itself.
/// </summary>
public class AnalyzerSuppressionTests
{
    private const string Program = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        new ShopStack(app, "Shop");
        app.Synth();

        OPEN
        public class ShopStack : Stack
        {
            public ShopStack(Constructs.Construct scope, string id) : base(scope, id)
            {
                var taskDef = new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps { Cpu = 512, MemoryLimitMiB = 3000 });
                taskDef.AddContainer("Web", new ContainerDefinitionOptions
                {
                    Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                    MemoryLimitMiB = 1024,
                });
            }
        }
        CLOSE
        """;

    [Fact]
    public void Without_suppressions_the_catalog_rule_and_the_policy_both_report()
    {
        var diagnostics = Analyze("", "");

        Assert.Contains(diagnostics, d => d.Id == "ECS1001");
        Assert.Contains(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId && d.GetMessage().StartsWith("ACME004: ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pragma_of_a_catalog_rule_hides_its_diagnostic_and_nothing_else()
    {
        var diagnostics = Analyze("#pragma warning disable ECS1001 // sized by the load test", "#pragma warning restore ECS1001");

        Assert.DoesNotContain(diagnostics, d => d.Id == "ECS1001");
        Assert.Contains(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
    }

    [Fact]
    public void A_SuppressMessage_of_a_catalog_rule_on_the_stack_class_hides_its_diagnostic()
    {
        var diagnostics = Analyze("[System.Diagnostics.CodeAnalysis.SuppressMessage(\"EcsPolicy\", \"ECS1001\", Justification = \"sized by the load test\")]", "");

        Assert.DoesNotContain(diagnostics, d => d.Id == "ECS1001");
        Assert.Contains(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
    }

    [Fact]
    public void A_pragma_of_a_custom_policy_id_hides_that_policy_finding_and_nothing_else()
    {
        var diagnostics = Analyze("#pragma warning disable ACME004 // the web container needs it", "#pragma warning restore ACME004");

        Assert.DoesNotContain(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
        Assert.Contains(diagnostics, d => d.Id == "ECS1001");
    }

    private static IReadOnlyList<Diagnostic> Analyze(string open, string close)
    {
        var compilation = CdkCompilation.Create(Program.Replace("OPEN", open, StringComparison.Ordinal).Replace("CLOSE", close, StringComparison.Ordinal));
        Assert.Empty(CdkCompilation.CompilerErrors(compilation));
        return CdkCompilation.Analyze(compilation, (AnalyzerPolicyTests.PolicyPath, AnalyzerPolicyTests.Policy));
    }
}
