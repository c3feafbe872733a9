using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// Task definitions and props that go through methods of the app (field study of issue 19): a helper method of the
/// file called once is followed; any other method may add containers or change the props, so what it may change is
/// unknown and no rule reports it as missing.
/// </summary>
public class CdkHelperMethodTests
{
    [Fact]
    public void A_task_definition_built_by_one_helper_and_filled_by_another_has_the_container_the_second_adds()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using Constructs;

            _ = new AppStack(new App(), "App");

            public class AppStack : Stack
            {
                internal AppStack(Construct scope, string id) : base(scope, id)
                {
                    var taskDefinition = BuildTaskDefinition();
                    AddApp(taskDefinition);
                }

                private TaskDefinition BuildTaskDefinition() =>
                    new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });

                private void AddApp(TaskDefinition taskDefinition) =>
                    taskDefinition.AddContainer([|"app"|], new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:1.27") });
            }
            """);

        Assert.Empty(run.Of("ECS0005"));
        run.Single("ECS5001", 0, "Container 'app' has no Logging, so its output is not collected centrally: add one, e.g. Logging = LogDriver.AwsLogs(...) with awslogs-group, awslogs-region and awslogs-stream-prefix. [construct App/TaskDef]");
    }

    [Fact]
    public void A_task_definition_returned_by_a_helper_called_twice_or_passed_to_a_method_of_another_class_has_unknown_containers()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using Constructs;

            _ = new App();

            public static class Registry
            {
                public static void Register(TaskDefinition taskDefinition) => taskDefinition.AddContainer("app", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:1.27") });
            }

            public class AppStack : Stack
            {
                internal AppStack(Construct scope, string id) : base(scope, id)
                {
                    Fill(Build("One"));
                    Fill(Build("Two"));
                    Registry.Register(new FargateTaskDefinition(this, "Registered", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 }));
                }

                private TaskDefinition Build(string id) => new FargateTaskDefinition(this, id, new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });

                private static void Fill(TaskDefinition taskDefinition) => taskDefinition.AddContainer("app", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:1.27") });
            }
            """);

        Assert.True(run.Diagnostics.All(d => !d.Id.StartsWith("ECS", StringComparison.Ordinal)), CdkCompilation.Describe(run.Diagnostics));
    }

    [Fact]
    public void A_scheduled_task_given_a_task_definition_through_a_helper_runs_that_task_definition_and_makes_no_container()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ApplicationAutoScaling;
            using Amazon.CDK.AWS.ECS;
            using Amazon.CDK.AWS.ECS.Patterns;
            using Constructs;

            _ = new JobStack(new App(), "Jobs", null!);

            public class JobStack : Stack
            {
                internal JobStack(Construct scope, string id, ICluster cluster) : base(scope, id)
                {
                    var taskDefinition = new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = [|3000|] });
                    taskDefinition.AddContainer("job", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("ghcr.io/acme/job:1.0"), Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "job" }) });
                    new ScheduledFargateTask(this, "Job", Customize(new ScheduledFargateTaskProps
                    {
                        Cluster = cluster,
                        Schedule = Schedule.Expression("rate(1 hour)"),
                        ScheduledFargateTaskDefinitionOptions = new ScheduledFargateTaskDefinitionOptions { TaskDefinition = taskDefinition },
                    }));
                }

                private static T Customize<T>(T props) => props;
            }
            """);

        Assert.Empty(run.Of("ECS0005"));
        Assert.DoesNotContain(run.Diagnostics, d => d.GetMessage().Contains("ScheduledContainer", StringComparison.Ordinal));
        run.Single("ECS1001", 0, "Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 1024: with this Cpu use MemoryLimitMiB 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct Jobs/TaskDef]");
    }

    [Fact]
    public void A_scheduled_task_whose_props_a_method_may_change_has_no_container_of_its_own_that_could_be_reported()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ApplicationAutoScaling;
            using Amazon.CDK.AWS.ECS;
            using Amazon.CDK.AWS.ECS.Patterns;
            using Constructs;

            _ = new App();

            public class JobStack : Stack
            {
                internal JobStack(Construct scope, string id, ICluster cluster, FargateTaskDefinition taskDefinition) : base(scope, id)
                {
                    new ScheduledFargateTask(this, "Job", InvokeCustomizeCDKPropsEvent(nameof(JobStack), new ScheduledFargateTaskProps
                    {
                        Cluster = cluster,
                        Schedule = Schedule.Expression("rate(1 hour)"),
                        ScheduledFargateTaskDefinitionOptions = new ScheduledFargateTaskDefinitionOptions { TaskDefinition = taskDefinition },
                    }));
                }

                // As in aws-dotnet-deploy's recipes: user code may replace the props.
                protected virtual T InvokeCustomizeCDKPropsEvent<T>(string name, T props) => props;
            }
            """);

        Assert.True(run.Diagnostics.All(d => !d.Id.StartsWith("ECS", StringComparison.Ordinal)), CdkCompilation.Describe(run.Diagnostics));
    }

    [Fact]
    public void The_CLI_checks_a_stack_whose_task_definition_a_helper_fills_and_a_scheduled_task_of_customized_props_without_errors()
    {
        using var tree = new TempTree();
        tree.Write("Stack.cs", """
            using Amazon.CDK;
            using Amazon.CDK.AWS.ApplicationAutoScaling;
            using Amazon.CDK.AWS.ECS;
            using Amazon.CDK.AWS.ECS.Patterns;
            using Constructs;

            public class AppStack : Stack
            {
                internal AppStack(Construct scope, string id, ICluster cluster) : base(scope, id)
                {
                    var taskDefinition = BuildTaskDefinition();
                    AddApp(taskDefinition);
                    new ScheduledFargateTask(this, "Job", InvokeCustomizeCDKPropsEvent(new ScheduledFargateTaskProps
                    {
                        Cluster = cluster,
                        Schedule = Schedule.Expression("rate(1 hour)"),
                        ScheduledFargateTaskImageOptions = new ScheduledFargateTaskImageOptions { Image = ContainerImage.FromRegistry("ghcr.io/acme/job:1.0") },
                    }));
                }

                protected virtual T InvokeCustomizeCDKPropsEvent<T>(T props) => props;

                private TaskDefinition BuildTaskDefinition() =>
                    new FargateTaskDefinition(this, "TaskDef", new FargateTaskDefinitionProps { Cpu = 256, MemoryLimitMiB = 512 });

                private void AddApp(TaskDefinition taskDefinition) =>
                    taskDefinition.AddContainer("app", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:1.27") });
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = Runner.Run(new CheckSettings { Paths = [Path.Combine(tree.Root, "Stack.cs")], Format = "text", RootDirectory = tree.Root }, stdout, stderr);

        Assert.Equal("", stderr.ToString());
        Assert.Equal(0, code);
        Assert.Equal(
            "Stack.cs(27,37): warning ECS5001: Container 'app' has no Logging, so its output is not collected centrally: add one, e.g. Logging = LogDriver.AwsLogs(...) with awslogs-group, awslogs-region and awslogs-stream-prefix.\n"
            + "3 note(s) not shown; --severity note lists them.\n"
            + "0 error(s), 1 warning(s), 3 note(s) in 2 task definition(s) from 1 file(s).\n",
            stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
