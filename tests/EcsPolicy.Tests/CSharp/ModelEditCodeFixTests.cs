using EcsPolicy.Analyzers;
using EcsPolicy.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// <see cref="ModelEditCodeFixProvider"/>: the finding's fix, passed by the analyzer in the diagnostic's properties, set in
/// the props initializer at the diagnostic (replaced where written, added where not), and the finding gone afterwards.
/// </summary>
public class ModelEditCodeFixTests
{
    private const string Header = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "Shop");

        """;

    private static string Container(string members) => Header + $$"""
        var taskDef = new FargateTaskDefinition(stack, "TaskDef");
        taskDef.AddContainer("Web", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),{{members}}
        });

        """;

    private const string Web = "taskDef.AddContainer(\"Web\", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry(\"public.ecr.aws/nginx/nginx:1.27\") });\n";

    private static async Task<(Diagnostic Diagnostic, CodeAction Action)> OnlyActionAsync(CodeFixRunner runner, string ruleId)
    {
        var actions = await runner.ActionsAsync(new ModelEditCodeFixProvider(), ruleId);
        return Assert.Single(actions);
    }

    private static async Task<string> ApplyAsync(CodeFixRunner runner, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await solution.GetDocument(runner.Document.Id)!.GetTextAsync()).ToString();
    }

    [Fact]
    public async Task ECS6002_adds_ReadonlyRootFilesystem_to_the_container_options()
    {
        using var runner = new CodeFixRunner(Container(""));
        var (diagnostic, action) = await OnlyActionAsync(runner, "ECS6002");

        Assert.Equal("ReadonlyRootFilesystem", diagnostic.Properties[EcsPolicyAnalyzer.FixPropertyProperty]);
        Assert.Equal("readonlyRootFilesystem", diagnostic.Properties[EcsPolicyAnalyzer.FixMemberProperty]);
        Assert.Equal("Set ReadonlyRootFilesystem = true", action.Title);
        Assert.Equal("ECS6002.Set.ReadonlyRootFilesystem", action.EquivalenceKey);
        var text = await ApplyAsync(runner, action);
        Assert.Equal(Container("\n    ReadonlyRootFilesystem = true,"), text);

        using var after = new CodeFixRunner(text);
        Assert.DoesNotContain(await CodeFixRunner.DiagnosticsAsync(after.Document), d => d.Id == "ECS6002");
    }

    public static TheoryData<string, string, string> FixableRules() => new()
    {
        // Rule, the code, the code the fix writes (in place of the first).
        { "ECS6002", Container("\n    ReadonlyRootFilesystem = false,"), "ReadonlyRootFilesystem = true," },
        { "ECS2001", Container("\n    Essential = false,"), "Essential = true," },
        { "ECS1001", Header + "var taskDef = new FargateTaskDefinition(stack, \"TaskDef\", new FargateTaskDefinitionProps { Cpu = 3000, MemoryLimitMiB = 4096 });\n", "Cpu = 2048" },
        { "ECS1003", Header + "var taskDef = new TaskDefinition(stack, \"TaskDef\", new TaskDefinitionProps { Compatibility = Compatibility.FARGATE, Cpu = \"256\", MemoryMiB = \"512\", NetworkMode = NetworkMode.BRIDGE });\n", "NetworkMode = NetworkMode.AWS_VPC" },
        { "ECS6008", Header + "var taskDef = new FargateTaskDefinition(stack, \"TaskDef\");\ntaskDef.AddVolume(new Volume { Name = \"data\", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = \"fs-12345678\", AuthorizationConfig = new AuthorizationConfig { AccessPointId = \"fsap-12345678\" } } });\n" + Web, "TransitEncryption = \"ENABLED\"" },
        { "ECS6011", Header + "var taskDef = new FargateTaskDefinition(stack, \"TaskDef\");\ntaskDef.AddVolume(new Volume { Name = \"data\", EfsVolumeConfiguration = new EfsVolumeConfiguration { FileSystemId = \"fs-12345678\" } });\n" + Web, "TransitEncryption = \"ENABLED\"" },
        { "ECS6009", "using Amazon.CDK.AWS.EC2;\n" + Header + "var taskDef = new FargateTaskDefinition(stack, \"TaskDef\");\n" + Web + "new FargateService(stack, \"Service\", new FargateServiceProps { Cluster = new Cluster(stack, \"Cluster\"), TaskDefinition = taskDef, AssignPublicIp = true });\n", "AssignPublicIp = false" },
        { "ECS6010", Header + "var taskDef = new Ec2TaskDefinition(stack, \"TaskDef\", new Ec2TaskDefinitionProps { NetworkMode = NetworkMode.BRIDGE });\ntaskDef.AddContainer(\"Web\", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry(\"public.ecr.aws/nginx/nginx:1.27\"), MemoryLimitMiB = 512 });\n", "NetworkMode = NetworkMode.AWS_VPC" },
    };

    /// <summary>
    /// Each rule whose findings carry a fix in C#: the one action applied, the rule's finding is gone and the code is
    /// the same apart from the value written.
    /// </summary>
    [Theory]
    [MemberData(nameof(FixableRules))]
    public async Task The_rules_code_fix_removes_its_finding_and_changes_nothing_else(string rule, string code, string written)
    {
        using var runner = new CodeFixRunner(code);
        var (_, action) = await OnlyActionAsync(runner, rule);
        var text = await ApplyAsync(runner, action);

        using var after = new CodeFixRunner(text);
        Assert.DoesNotContain(await CodeFixRunner.DiagnosticsAsync(after.Document), d => d.Id == rule);
        var (_, changed) = Fixes.FixApplierTests.Middles(code, text);
        Assert.Contains(written, text, StringComparison.Ordinal);
        Assert.True(written.Contains(changed, StringComparison.Ordinal) || changed.Replace(written, "", StringComparison.Ordinal).Trim(' ', ',', '\n').Length == 0, $"changed '{changed}'");
    }

    /// <summary>
    /// Every rule for which the code fix offers an action on one of the rules' own CDK bad examples has a case above (a
    /// fix whose edit is elsewhere than the finding, such as ECS2005's on the other container, is offered by --fix only).
    /// </summary>
    [Fact]
    public async Task Every_rule_whose_code_fix_offers_an_action_has_a_case()
    {
        var tested = FixableRules().Select(c => (string)c[0]).ToHashSet(StringComparer.Ordinal);
        var untested = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in Catalog.RuleCatalog.All.Where(r => !tested.Contains(r.Id)))
        {
            foreach (var example in rule.Bad.Where(e => e.Input == Catalog.ExampleInput.CdkCSharp))
            {
                using var runner = new CodeFixRunner(example.CleanText);
                if ((await runner.ActionsAsync(new ModelEditCodeFixProvider(), rule.Id)).Count > 0)
                {
                    untested.Add(rule.Id);
                }
            }
        }

        Assert.True(untested.Count == 0, "rules whose code fix offers an action without a case here: " + string.Join(", ", untested));
    }

    [Fact]
    public async Task ECS6002_replaces_ReadonlyRootFilesystem_false()
    {
        using var runner = new CodeFixRunner(Container("\n    ReadonlyRootFilesystem = false,"));
        var (_, action) = await OnlyActionAsync(runner, "ECS6002");
        var text = await ApplyAsync(runner, action);
        Assert.Equal(Container("\n    ReadonlyRootFilesystem = true,"), text);
    }

    [Fact]
    public async Task A_diagnostic_without_a_fix_gets_no_action()
    {
        using var runner = new CodeFixRunner(Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:latest"), ReadonlyRootFilesystem = true });
            """);
        Assert.Empty(await runner.ActionsAsync(new ModelEditCodeFixProvider(), "ECS6007"));
    }

    [Theory]
    [InlineData("\"awsvpc\"", null)]
    [InlineData("NetworkMode.AWS_VPC", "NetworkMode = NetworkMode.AWS_VPC,")]
    public async Task A_value_is_set_only_when_it_converts_to_the_property(string literal, string? expected)
    {
        string Code(string networkMode) => Header + $$"""
            var taskDef = new TaskDefinition(stack, "TaskDef", new TaskDefinitionProps
            {
                Compatibility = Compatibility.FARGATE,
                {{networkMode}}
                Cpu = "256",
                MemoryMiB = "512",
            });
            taskDef.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27") });

            """;
        using var runner = new CodeFixRunner(Code("NetworkMode = NetworkMode.BRIDGE,"));
        var found = Assert.Single(await CodeFixRunner.DiagnosticsAsync(runner.Document), d => d.Id == "ECS1003");

        // The fix as the analyzer passes it, with the C# value under test (a JSON string is not an enum value).
        var properties = found.Properties.SetItem(EcsPolicyAnalyzer.FixPropertyProperty, "NetworkMode").SetItem(EcsPolicyAnalyzer.FixLiteralProperty, literal);
        var diagnostic = Diagnostic.Create(found.Descriptor, found.Location, properties);
        var actions = new List<CodeAction>();
        await new ModelEditCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(runner.Document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));

        if (expected is null)
        {
            Assert.Empty(actions);
            return;
        }

        Assert.Equal(Code(expected), await ApplyAsync(runner, Assert.Single(actions)));
    }

    [Fact]
    public void Every_catalog_rule_is_fixable_by_it_and_Fix_All_batches()
    {
        var provider = new ModelEditCodeFixProvider();
        Assert.Contains("ECS6002", provider.FixableDiagnosticIds);
        Assert.DoesNotContain(EcsPolicyAnalyzer.CustomPolicyId, provider.FixableDiagnosticIds);
        Assert.Same(WellKnownFixAllProviders.BatchFixer, provider.GetFixAllProvider());
    }
}
