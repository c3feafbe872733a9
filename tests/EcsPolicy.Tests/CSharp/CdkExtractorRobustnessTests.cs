using EcsPolicy.CSharp;
using EcsPolicy.Engine;

namespace EcsPolicy.Tests.CSharp;

/// <summary>Code being typed in an IDE is mostly broken: the extractor must read any prefix of a program without failing.</summary>
public class CdkExtractorRobustnessTests
{
    private const string Program = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;
        using Amazon.CDK.AWS.ECS.Patterns;
        using Constructs;

        var app = new App();
        _ = new ShopStack(app, "Shop");

        public sealed class ShopStack : Stack
        {
            public ShopStack(Construct scope, string id) : base(scope, id)
            {
                var task = new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = 3000 });
                var web = task.AddContainer("Web", new ContainerDefinitionOptions
                {
                    Image = ContainerImage.FromRegistry($"nginx:{Tag}"),
                    Environment = new Dictionary<string, string> { ["A"] = "b" + 1 },
                    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "web" }),
                    HealthCheck = new HealthCheck { Command = ["CMD", "true"], Interval = Duration.Seconds(10) },
                    PortMappings = [new PortMapping { ContainerPort = 80 }],
                });
                web.AddContainerDependencies(new ContainerDependency { Container = web });
                _ = new ApplicationLoadBalancedFargateService(this, "Api", new() { TaskDefinition = task });
                _ = new CfnTaskDefinition(this, "Raw", new CfnTaskDefinitionProps { Cpu = "256", ContainerDefinitions = new[] { new CfnTaskDefinition.ContainerDefinitionProperty { Name = "x" } } });
            }

            private const string Tag = "1.27";
        }
        """;

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Every_prefix_of_a_program_is_read_without_an_internal_error(bool withCdk, bool looksUpNames)
    {
        var linter = new Linter();
        for (var length = 0; length <= Program.Length; length += 23)
        {
            var compilation = CdkCompilation.Create(Program.Substring(0, length), withCdk);
            var tree = compilation.SyntaxTrees[0];
            var result = CSharpLinter.Lint(linter, compilation.GetSemanticModel(tree), new CompilationIndex(compilation, looksUpNames));
            Assert.True(result.NotChecked.Count == 0, $"at length {length}: {string.Join("; ", result.NotChecked)}");
        }
    }
}
