using EcsPolicy.Analyzers;
using EcsPolicy.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// The code fixes of EcsPolicy.CodeFixes on AWS CDK C# code compiled against the real Amazon.CDK.Lib 2.160.0: each fix
/// is asserted by the exact source text it produces, and by the analyzer no longer reporting the finding afterwards.
/// </summary>
public class CodeFixTests
{
    private const string Header = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;
        using Amazon.CDK.AWS.ECS.Patterns;

        var app = new App();
        var stack = new Stack(app, "Shop");

        """;

    private static string FargateTask(string cpu, string memory, string before = "") => Header + before + $$"""
        var taskDef = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps
        {
            Cpu = {{cpu}},
            MemoryLimitMiB = {{memory}},
        });
        taskDef.AddContainer("Web", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
        });

        """;

    private static async Task<IReadOnlyList<string>> RuleIdsAfter(CodeFixRunner runner) =>
        [.. (await CodeFixRunner.DiagnosticsAsync(runner.Document)).Select(d => d.Id)];

    [Theory]
    [InlineData("1024", "3000", "3072")]
    [InlineData("1024", "1000", "2048")]
    [InlineData("512", "9000", "4096")]
    [InlineData("8192", "20000", "20480")]
    // Halfway between two valid values: the larger one, so the task keeps at least the memory it asked for.
    [InlineData("1024", "3584", "4096")]
    [InlineData("256", "1536", "2048")]
    public async Task ECS1001_replaces_an_int_memory_with_the_nearest_valid_memory_for_the_cpu(string cpu, string memory, string expected)
    {
        using var runner = new CodeFixRunner(FargateTask(cpu, memory));

        var actions = await runner.ActionsAsync(new FargateMemoryCodeFixProvider(), "ECS1001");
        var (diagnostic, action) = Assert.Single(actions);
        Assert.Equal(expected, diagnostic.Properties[EcsPolicyAnalyzer.FixValueProperty]);
        Assert.Equal($"Use memory {expected} MiB, the nearest valid Fargate memory for this cpu", action.Title);
        Assert.Equal(FargateMemoryCodeFixProvider.EquivalenceKey, action.EquivalenceKey);

        var text = await runner.ApplyFirstAsync(new FargateMemoryCodeFixProvider(), "ECS1001");

        Assert.Equal(FargateTask(cpu, expected), text);
        Assert.DoesNotContain("ECS1001", await RuleIdsAfter(runner));
    }

    private static string CfnTask(string memory) => Header + $$"""
        _ = new CfnTaskDefinition(stack, "Td", new CfnTaskDefinitionProps
        {
            Cpu = "256",
            Memory = {{memory}},
            NetworkMode = "awsvpc",
            RequiresCompatibilities = new[] { "FARGATE" },
            ContainerDefinitions = new[]
            {
                new CfnTaskDefinition.ContainerDefinitionProperty
                {
                    Name = "app",
                    Image = "public.ecr.aws/nginx/nginx:1.27",
                },
            },
        });

        """;

    [Theory]
    [InlineData("\"3000\"", "\"2048\"")]
    [InlineData("\"768\"", "\"1024\"")]
    // A value written in GB stays in GB.
    [InlineData("\"3 GB\"", "\"2 GB\"")]
    public async Task ECS1001_on_an_L1_string_keeps_a_string(string memory, string expected)
    {
        using var runner = new CodeFixRunner(CfnTask(memory));

        var text = await runner.ApplyFirstAsync(new FargateMemoryCodeFixProvider(), "ECS1001");

        Assert.Equal(CfnTask(expected), text);
        Assert.DoesNotContain("ECS1001", await RuleIdsAfter(runner));
    }

    private static string Pattern(string memory) => Header + $$"""
        _ = new ApplicationLoadBalancedFargateService(stack, "Api", new ApplicationLoadBalancedFargateServiceProps
        {
            Cpu = 2048,
            MemoryLimitMiB = {{memory}},
            TaskImageOptions = new ApplicationLoadBalancedTaskImageOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            },
        });

        """;

    [Fact]
    public async Task ECS1001_fixes_the_memory_of_a_pattern()
    {
        using var runner = new CodeFixRunner(Pattern("3000"));

        var text = await runner.ApplyFirstAsync(new FargateMemoryCodeFixProvider(), "ECS1001");

        Assert.Equal(Pattern("4096"), text);
        Assert.DoesNotContain("ECS1001", await RuleIdsAfter(runner));
    }

    [Theory]
    // A constant may be used elsewhere: the finding is reported, but the fix is left to the user.
    [InlineData("1024", "Memory", "const int Memory = 3000;\n")]
    [InlineData("1024", "memory", "var memory = 3000;\n")]
    [InlineData("1024", "3000 + 0", "")]
    public async Task ECS1001_offers_no_fix_when_the_memory_is_not_a_literal_written_in_place(string cpu, string memory, string before)
    {
        using var runner = new CodeFixRunner(FargateTask(cpu, memory, before));

        Assert.Contains("ECS1001", await RuleIdsAfter(runner));
        Assert.Empty(await runner.ActionsAsync(new FargateMemoryCodeFixProvider(), "ECS1001"));
    }

    [Theory]
    // The cpu is not statically known: no fix can choose the memory.
    [InlineData("int.Parse(args[0])", "100000")]
    public async Task ECS1001_offers_no_fix_without_a_valid_known_cpu(string cpu, string memory)
    {
        using var runner = new CodeFixRunner(FargateTask(cpu, memory));

        var finding = Assert.Single(await CodeFixRunner.DiagnosticsAsync(runner.Document), d => d.Id == "ECS1001");
        Assert.False(finding.Properties.ContainsKey(EcsPolicyAnalyzer.FixValueProperty));
        Assert.Empty(await runner.ActionsAsync(new FargateMemoryCodeFixProvider(), "ECS1001"));
    }

    private static string PatternDefault(string memory) => Header + $$"""
        _ = new ApplicationLoadBalancedFargateService(stack, "Api", new ApplicationLoadBalancedFargateServiceProps
        {
            Cpu = 4096,{{memory}}
            TaskImageOptions = new ApplicationLoadBalancedTaskImageOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            },
        });

        """;

    [Fact]
    public async Task ECS1001_sets_MemoryLimitMiB_after_Cpu_when_the_memory_is_CDKs_default()
    {
        using var runner = new CodeFixRunner(PatternDefault(""));

        var (_, action) = Assert.Single(await runner.ActionsAsync(new FargateMemoryCodeFixProvider(), "ECS1001"));
        Assert.Equal("Set MemoryLimitMiB = 8192, the nearest valid Fargate memory for this cpu", action.Title);
        var text = await runner.ApplyFirstAsync(new FargateMemoryCodeFixProvider(), "ECS1001");

        Assert.Equal(PatternDefault("\n    MemoryLimitMiB = 8192,"), text);
        Assert.DoesNotContain("ECS1001", await RuleIdsAfter(runner));
    }

    [Theory]
    [InlineData("new FargateTaskDefinitionProps { Cpu = 2048 }", "new FargateTaskDefinitionProps { Cpu = 2048, MemoryLimitMiB = 4096 }")]
    [InlineData("new FargateTaskDefinitionProps { Cpu = 2048, }", "new FargateTaskDefinitionProps { Cpu = 2048, MemoryLimitMiB = 4096, }")]
    [InlineData("new FargateTaskDefinitionProps { Family = \"api\", Cpu = 2048, EphemeralStorageGiB = 30 }", "new FargateTaskDefinitionProps { Family = \"api\", Cpu = 2048, MemoryLimitMiB = 4096, EphemeralStorageGiB = 30 }")]
    [InlineData("new FargateTaskDefinitionProps\n{\n    Cpu = 2048\n}", "new FargateTaskDefinitionProps\n{\n    Cpu = 2048,\n    MemoryLimitMiB = 4096\n}")]
    public async Task ECS1001_adds_MemoryLimitMiB_in_the_layout_of_the_props(string props, string expected)
    {
        static string Code(string props) => Header + $$"""
            var taskDef = new FargateTaskDefinition(stack, "TaskDef", {{props}});
            taskDef.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27") });

            """;
        using var runner = new CodeFixRunner(Code(props));

        var text = await runner.ApplyFirstAsync(new FargateMemoryCodeFixProvider(), "ECS1001");

        Assert.Equal(Code(expected), text);
        Assert.DoesNotContain("ECS1001", await RuleIdsAfter(runner));
    }

    [Fact]
    public async Task ECS1001_fix_all_fixes_every_task_of_the_document_with_its_own_value()
    {
        var code = Header + """
            var api = new FargateTaskDefinition(stack, "Api", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = 3000 });
            api.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27") });
            var worker = new FargateTaskDefinition(stack, "Worker", new FargateTaskDefinitionProps { Cpu = 2048, MemoryLimitMiB = 5000 });
            worker.AddContainer("Job", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:2.1") });

            """;
        using var runner = new CodeFixRunner(code);
        Assert.Equal(2, (await runner.ActionsAsync(new FargateMemoryCodeFixProvider(), "ECS1001")).Count);

        var text = await runner.FixAllAsync(new FargateMemoryCodeFixProvider(), "ECS1001", FargateMemoryCodeFixProvider.EquivalenceKey);

        Assert.Equal(code.Replace("MemoryLimitMiB = 3000", "MemoryLimitMiB = 3072").Replace("MemoryLimitMiB = 5000", "MemoryLimitMiB = 5120"), text);
        Assert.DoesNotContain("ECS1001", await RuleIdsAfter(runner));
    }

    private static string Containers(string first, string second = "", string before = "") => Header + $$"""
        {{before}}
        var taskDef = new FargateTaskDefinition(stack, "Batch");
        taskDef.AddContainer("Job", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:2.1"),
            {{first}}
        });
        {{second}}
        """;

    [Fact]
    public async Task ECS2001_replaces_Essential_false_with_true()
    {
        using var runner = new CodeFixRunner(Containers("Essential = false,"));

        var text = await runner.ApplyFirstAsync(new ModelEditCodeFixProvider(), "ECS2001");

        Assert.Equal(Containers("Essential = true,"), text);
        Assert.DoesNotContain("ECS2001", await RuleIdsAfter(runner));
    }

    [Fact]
    public async Task ECS2001_makes_only_the_first_of_several_containers_essential()
    {
        const string Sidecar = """
            taskDef.AddContainer("Logs", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0"),
                Essential = false,
            });
            """;
        using var runner = new CodeFixRunner(Containers("Essential = false,", Sidecar));

        var actions = await runner.ActionsAsync(new ModelEditCodeFixProvider(), "ECS2001");
        Assert.Equal("Make the first container essential (Essential = true)", Assert.Single(actions).Action.Title);
        var text = await runner.ApplyFirstAsync(new ModelEditCodeFixProvider(), "ECS2001");

        Assert.Equal(Containers("Essential = true,", Sidecar), text);
        Assert.DoesNotContain("ECS2001", await RuleIdsAfter(runner));
    }

    [Theory]
    [InlineData("var sidecar = false;", "sidecar")]
    [InlineData("const bool Sidecar = false;", "Sidecar")]
    [InlineData("", "!true")]
    public async Task ECS2001_replaces_a_value_written_in_the_initializer_and_leaves_its_declaration_alone(string declaration, string value)
    {
        using var runner = new CodeFixRunner(Containers($"Essential = {value},", before: declaration));

        var text = await runner.ApplyFirstAsync(new ModelEditCodeFixProvider(), "ECS2001");

        Assert.Equal(Containers("Essential = true,", before: declaration), text);
        Assert.DoesNotContain("ECS2001", await RuleIdsAfter(runner));
    }

    [Fact]
    public async Task ECS2001_fixes_options_declared_before_the_container_is_added()
    {
        static string Code(string essential) => Header + $$"""
            var options = new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:2.1"), Essential = {{essential}} };
            var taskDef = new FargateTaskDefinition(stack, "Batch");
            taskDef.AddContainer("Job", options);

            """;
        using var runner = new CodeFixRunner(Code("false"));

        var text = await runner.ApplyFirstAsync(new ModelEditCodeFixProvider(), "ECS2001");

        Assert.Equal(Code("true"), text);
        Assert.DoesNotContain("ECS2001", await RuleIdsAfter(runner));
    }

    private static string CfnContainers(string essential) => Header + $$"""
        _ = new CfnTaskDefinition(stack, "Td", new CfnTaskDefinitionProps
        {
            ContainerDefinitions = new[]
            {
                new CfnTaskDefinition.ContainerDefinitionProperty
                {
                    Name = "app",
                    Image = "public.ecr.aws/nginx/nginx:1.27",
                    Memory = 512,
                    {{essential}}
                },
            },
        });

        """;

    [Fact]
    public async Task ECS2001_sets_Essential_on_an_L1_container()
    {
        using var runner = new CodeFixRunner(CfnContainers("Essential = false,"));

        var text = await runner.ApplyFirstAsync(new ModelEditCodeFixProvider(), "ECS2001");

        Assert.Equal(CfnContainers("Essential = true,"), text);
        Assert.DoesNotContain("ECS2001", await RuleIdsAfter(runner));
    }

    [Fact]
    public async Task ECS2001_fix_all_fixes_every_task_of_the_document()
    {
        var code = Header + """
            var a = new FargateTaskDefinition(stack, "A");
            a.AddContainer("Job", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:2.1"), Essential = false });
            var b = new FargateTaskDefinition(stack, "B");
            b.AddContainer("Job", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:2.1"), Essential = false });

            """;
        using var runner = new CodeFixRunner(code);

        var text = await runner.FixAllAsync(new ModelEditCodeFixProvider(), "ECS2001", ModelEditCodeFixProvider.EquivalenceKey("ECS2001", "Essential"));

        Assert.Equal(code.Replace("Essential = false", "Essential = true"), text);
        Assert.DoesNotContain("ECS2001", await RuleIdsAfter(runner));
    }

    private static IEnumerable<CodeFixProvider> AllProviders() =>
        typeof(FargateMemoryCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!);

    [Fact]
    public async Task ECS6007_has_no_code_fix()
    {
        var providers = AllProviders().ToList();
        // The generic provider takes every rule (a finding's fix is in its properties); the others one rule each.
        Assert.Equal(["ECS1001"], providers.Where(p => p is not ModelEditCodeFixProvider).SelectMany(p => p.FixableDiagnosticIds).Order(StringComparer.Ordinal));
        Assert.Contains("ECS6007", providers.OfType<ModelEditCodeFixProvider>().Single().FixableDiagnosticIds);

        var code = Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:latest") });
            """;
        using var runner = new CodeFixRunner(code);
        Assert.Contains("ECS6007", await RuleIdsAfter(runner));
        foreach (var provider in providers)
        {
            Assert.Empty(await runner.ActionsAsync(provider, "ECS6007"));
        }
    }

    [Fact]
    public void Every_provider_is_exported_for_CSharp_with_Fix_All()
    {
        foreach (var provider in AllProviders())
        {
            var export = Assert.Single(provider.GetType().GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Cast<ExportCodeFixProviderAttribute>());
            Assert.Equal(["C#"], export.Languages);
            Assert.Same(WellKnownFixAllProviders.BatchFixer, provider.GetFixAllProvider());
        }
    }
}
