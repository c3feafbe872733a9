using EcsPolicy.Analyzers;
using EcsPolicy.Catalog;
using Microsoft.CodeAnalysis;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// Custom policies in the analyzer: policy YAML files given as AdditionalFiles run on the CDK code and on the ECS files
/// of the same compilation, reported under ECSP001 with the policy's ID first in the message; a malformed policy file
/// is an ECSP002 error at its line.
/// </summary>
public class AnalyzerPolicyTests
{
    /// <summary>A custom policy (ACME004: container memory at most 512 MiB), also used by <see cref="AnalyzerSuppressionTests"/>.</summary>
    internal const string Policy = """
        # No container gets more than 512 MiB.
        id: ACME004
        title: Container memory at most 512 MiB
        severity: warning
        help: Lower the container's memory.
        for-each: containers[*]
        assert: { path: memory, lte: 512 }
        message: "Container '{name}' sets {path} to {value} MiB, above the 512 MiB ceiling."
        """;

    internal const string PolicyPath = "/app/ecs-policies/memory.yaml";

    private const string Snippet = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "Shop");
        var taskDef = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps { Cpu = 512, MemoryLimitMiB = 2048 });
        taskDef.AddContainer("Web", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            MemoryLimitMiB = [|1024|],
        });
        app.Synth();
        """;

    private const string TaskDefinition = """
        {
          "family": "web",
          "requiresCompatibilities": ["FARGATE"],
          "networkMode": "awsvpc",
          "cpu": "512",
          "memory": "2048",
          "containerDefinitions": [
            { "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true, "memory": 1024 }
          ]
        }
        """;

    /// <summary>The 0-based column of the container's memory value on line 8 of <see cref="TaskDefinition"/>.</summary>
    private static readonly int MemoryColumn = TaskDefinition.Split('\n')[7].IndexOf("\"memory\": 1024", StringComparison.Ordinal) + "\"memory\": ".Length;

    [Fact]
    public void A_policy_AdditionalFile_fires_on_CDK_code_at_the_value_under_its_own_id()
    {
        var (code, spans) = CdkSnippet.Markup(Snippet);
        var diagnostics = CdkCompilation.Analyze(Compile(code), (PolicyPath, Policy));

        var finding = Assert.Single(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
        Assert.Equal("/app/Program.cs", finding.Location.SourceTree?.FilePath);
        Assert.Equal(spans[0], (finding.Location.SourceSpan.Start, finding.Location.SourceSpan.End));
        Assert.Equal("ACME004: Container 'Web' sets memory to 1024 MiB, above the 512 MiB ceiling. [construct Shop/TaskDef]", finding.GetMessage());
        Assert.Equal(DiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal("ACME004", finding.Properties[EcsPolicyAnalyzer.PolicyIdProperty]);
        Assert.Equal("/containerDefinitions/0/memory", finding.Properties[EcsPolicyAnalyzer.ModelPathProperty]);
        Assert.Equal("Custom", finding.Descriptor.Category);

        // The policy file itself is not an ECS file: nothing is reported in it.
        Assert.DoesNotContain(diagnostics, d => d.Location.GetLineSpan().Path == PolicyPath);
    }

    [Fact]
    public void A_policy_AdditionalFile_fires_on_a_task_definition_AdditionalFile_at_its_line()
    {
        var diagnostics = CdkCompilation.Analyze(Compile("System.Console.WriteLine();"), ("/app/taskdefs/web.json", TaskDefinition), (PolicyPath, Policy));

        var finding = Assert.Single(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
        Assert.Equal(LocationKind.ExternalFile, finding.Location.Kind);
        var span = finding.Location.GetLineSpan();
        Assert.Equal(("/app/taskdefs/web.json", 7, MemoryColumn, 7, MemoryColumn + 4), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal("ACME004: Container 'web' sets memory to 1024 MiB, above the 512 MiB ceiling.", finding.GetMessage());
    }

    [Fact]
    public void Without_the_policy_file_the_same_code_has_no_custom_finding()
    {
        var (code, _) = CdkSnippet.Markup(Snippet);
        Assert.DoesNotContain(CdkCompilation.Analyze(Compile(code), ("/app/taskdefs/web.json", TaskDefinition)), d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
    }

    [Fact]
    public void A_malformed_policy_is_an_error_at_its_line_and_the_valid_policies_still_run()
    {
        const string Broken = """
            id: ACME005
            title: Images are pinned
            severity: error
            colour: red
            help: Pin the image.
            assert:
              path: containers[*].image
              matches: '@sha256:'
            """;
        var diagnostics = CdkCompilation.Analyze(
            Compile("System.Console.WriteLine();"),
            ("/app/taskdefs/web.json", TaskDefinition),
            ("/app/ecs-policies/broken.yaml", Broken),
            (PolicyPath, Policy));

        var error = Assert.Single(diagnostics, d => d.Id == EcsPolicyAnalyzer.PolicyFileErrorId);
        Assert.Equal("/app/ecs-policies/broken.yaml(4,1): error ECSP002: 'colour' is not a policy key; use id, title, severity, help, rationale, help-uri, tags, applies-to, for-each, when, assert, message.", Render(error));
        Assert.Equal($"/app/taskdefs/web.json(8,{MemoryColumn + 1}): warning ECSP001: ACME004: Container 'web' sets memory to 1024 MiB, above the 512 MiB ceiling.", Render(Assert.Single(diagnostics, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId)));
    }

    [Fact]
    public void A_policy_file_that_is_not_YAML_is_an_error_at_the_place_it_breaks()
    {
        var diagnostics = CdkCompilation.Analyze(Compile("System.Console.WriteLine();"), ("/app/ecs-policies/bad.yml", "id: ACME006\ntitle: [unclosed\n"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(EcsPolicyAnalyzer.PolicyFileErrorId, error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("/app/ecs-policies/bad.yml", error.Location.GetLineSpan().Path);
        Assert.Equal(3, error.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void Two_policies_with_one_id_are_an_error_in_the_second_file()
    {
        var diagnostics = CdkCompilation.Analyze(Compile("System.Console.WriteLine();"), ("/app/ecs-policies/a.yaml", Policy), ("/app/ecs-policies/b.yaml", Policy));

        Assert.Equal("/app/ecs-policies/b.yaml(1,1): error ECSP002: The id ACME004 is used by another policy.", Render(Assert.Single(diagnostics)));
    }

    [Fact]
    public void The_package_metadata_marks_policy_files_anywhere_and_their_severity_is_configurable()
    {
        const string Path = "/app/rules/memory.yaml";
        var marked = new Dictionary<string, string> { [EcsPolicyAnalyzer.PolicyKindMetadata] = "policy" };
        var files = new[] { ("/app/taskdefs/web.json", TaskDefinition), (Path, Policy) };
        var compilation = Compile("System.Console.WriteLine();");

        // Without the metadata, a YAML file outside ecs-policies is not a policy.
        Assert.DoesNotContain(CdkCompilation.Analyze(compilation, files), d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);

        var asPolicy = CdkCompilation.AnalyzeWithConfig(compilation, new() { [Path] = marked }, files);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(asPolicy, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId).Severity);

        var raised = CdkCompilation.AnalyzeWithConfig(compilation, new() { [Path] = marked, [""] = new() { ["ecs_policy.ACME004.severity"] = "error" } }, files);
        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(raised, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId).Severity);

        var off = CdkCompilation.AnalyzeWithConfig(compilation, new() { [Path] = marked, [""] = new() { ["ecs_policy.ACME004.severity"] = "none" } }, files);
        Assert.DoesNotContain(off, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);

        // EcsPolicyKind other than policy: an ECS file even in the policies folder.
        var notPolicy = CdkCompilation.AnalyzeWithConfig(compilation, new() { [PolicyPath] = new() { [EcsPolicyAnalyzer.PolicyKindMetadata] = "ecs" } }, ("/app/taskdefs/web.json", TaskDefinition), (PolicyPath, Policy));
        Assert.DoesNotContain(notPolicy, d => d.Id == EcsPolicyAnalyzer.CustomPolicyId);
    }

    [Fact]
    public void The_supported_diagnostics_are_the_catalog_and_the_two_custom_policy_ids()
    {
        var ids = new EcsPolicyAnalyzer().SupportedDiagnostics.Select(d => d.Id);
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Append("ECSP001").Append("ECSP002").Order(StringComparer.Ordinal), ids);
    }

    private static Compilation Compile(string code)
    {
        var compilation = CdkCompilation.Create(code);
        Assert.Empty(CdkCompilation.CompilerErrors(compilation));
        return compilation;
    }

    /// <summary>The diagnostic as the build prints it: <c>path(line,col): severity ID: message</c>.</summary>
    private static string Render(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
