using Microsoft.CodeAnalysis;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// The analyzer on AWS CDK C# code, compiled against the real Amazon.CDK.Lib 2.160.0: each finding is asserted as a
/// user sees it in the IDE or the build, by rule ID, exact span (marked <c>[|...|]</c> in the snippet) and message.
/// </summary>
public class CdkAnalyzerTests
{
    private const string Header = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;
        using Constructs;

        var app = new App();
        var stack = new Stack(app, "Shop");

        """;

    [Fact]
    public void Fargate_cpu_memory_mismatch_is_reported_at_the_memory_value()
    {
        var run = Run(Header + """
            var api = new Construct(stack, "Api");
            var taskDef = new FargateTaskDefinition(api, "TaskDef", new FargateTaskDefinitionProps
            {
                Cpu = 1024,
                MemoryLimitMiB = [|3000|],
            });
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
            });
            app.Synth();
            """);

        var finding = run.Single("ECS1001", 0, "Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 1024: with this Cpu use MemoryLimitMiB 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct Shop/Api/TaskDef]");

        // What the diagnostic carries for a code fix, and the catalog's metadata for the IDE.
        Assert.Equal("/memory", finding.Properties[EcsPolicy.Analyzers.EcsPolicyAnalyzer.ModelPathProperty]);
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.Equal("Invalid Fargate CPU/memory combination", finding.Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Fargate", finding.Descriptor.Category);
        Assert.Equal("https://github.com/ecs-policy/ecs-policy/blob/main/docs/rules/ECS1001.md", finding.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void A_task_whose_only_container_is_not_essential_is_reported_at_Essential()
    {
        var run = Run(Header + """
            var taskDef = new FargateTaskDefinition(stack, "Batch");
            taskDef.AddContainer("Job", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/acme/job:2.1"),
                Essential = [|false|],
            });
            """);

        run.Single("ECS2001", 0, "The only container, 'Job', is marked Essential = false, but a task needs at least one essential container. Set Essential = true (or remove the property, which defaults to true). [construct Shop/Batch]");
    }

    [Fact]
    public void A_secret_in_a_plain_environment_variable_is_reported_without_its_value()
    {
        var run = Run(Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Environment = new Dictionary<string, string>
                {
                    ["LOG_LEVEL"] = "info",
                    ["DB_PASSWORD"] = [|"Zq8#vL2!pR7@wX4$"|],
                },
            });
            """);

        var finding = run.Single("ECS3001", 0, "Container 'Web' sets environment variable 'DB_PASSWORD' in plain text, and its name says it holds a password (detector: name). Plain environment values are visible to anyone who can describe the task definition: store the value in Secrets Manager or as an SSM SecureString parameter and reference it from the container's 'Secrets' instead (Secrets = new Dictionary<string, Secret> { [\"DB_PASSWORD\"] = Secret.FromSsmParameter(...) }), then remove it from 'Environment'. [construct Shop/TaskDef]");
        Assert.DoesNotContain("Zq8#vL2", finding.GetMessage(), StringComparison.Ordinal);
        Assert.All(run.Diagnostics, d => Assert.DoesNotContain("Zq8#vL2", d.GetMessage(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_privileged_container_on_Fargate_is_reported_at_Privileged()
    {
        var run = Run(Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Privileged = [|true|],
            });
            """);

        run.Single("ECS1004", 0, "Container 'Web' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false. [construct Shop/TaskDef]");
    }

    [Fact]
    public void An_image_tagged_latest_is_reported_at_the_image_name()
    {
        var run = Run(Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry([|"nginx:latest"|]),
            });
            """);

        run.Single("ECS6007", 0, "Container 'Web' uses the image nginx with the tag \"latest\", which moves whenever a new image is pushed: pin the image by digest (nginx@sha256:...), or at least by a version tag, so that every task runs the image you tested. [construct Shop/TaskDef]");
    }

    [Fact]
    public void A_pattern_renders_CDKs_defaults_at_its_creation_and_says_so()
    {
        var run = Run(Header.Replace("using Constructs;", "using Amazon.CDK.AWS.ECS.Patterns;") + """
            _ = [|new ApplicationLoadBalancedFargateService|](stack, "Api", new ApplicationLoadBalancedFargateServiceProps
            {
                Cpu = 4096,
                TaskImageOptions = new ApplicationLoadBalancedTaskImageOptions
                {
                    Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                },
            });
            """);

        // Memory 512 is CDK's default: the finding points at the pattern and says where the value comes from.
        run.Single("ECS1001", 0, "Fargate does not support MemoryLimitMiB 512 MiB with Cpu 4096: with this Cpu use MemoryLimitMiB 8192 to 30720 MiB in steps of 1024 MiB (8 GB to 30 GB in 1 GB steps), or keep this MemoryLimitMiB and use Cpu 256. MemoryLimitMiB 512 is CDK's default for a FargateTaskDefinition of an ECS pattern: set MemoryLimitMiB to choose another. [construct Shop/Api/TaskDef]");

        // The container is "web", logging to awslogs by default (no ECS5001); the service is Api/Service/Service.
        run.Single("ECS5007", 0, "Container 'web' is essential but has no HealthCheck, so ECS only notices when it exits, not when it stops responding: add a HealthCheck, e.g. HealthCheck = new HealthCheck { Command = new[] { \"CMD-SHELL\", \"curl -f http://localhost/health || exit 1\" } }. [construct Shop/Api/TaskDef]");
        Assert.Empty(run.Of("ECS5001"));
        Assert.Empty(run.Of("ECS3003"));
        Assert.EndsWith("[construct Shop/Api/Service/Service]", Assert.Single(run.Of("ECS7006")).GetMessage(), StringComparison.Ordinal);

        // Without a cluster, the pattern creates one in the stack.
        Assert.EndsWith("[construct Shop/EcsDefaultClusterMnL3mNNYN]", Assert.Single(run.Of("ECS5006")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_L1_CfnTaskDefinition_is_read_with_its_CloudFormation_property_names()
    {
        var run = Run(Header + """
            var td = new CfnTaskDefinition(stack, "Td", new CfnTaskDefinitionProps
            {
                Cpu = "1024",
                Memory = [|"3000"|],
                NetworkMode = "awsvpc",
                RequiresCompatibilities = new[] { "FARGATE" },
                ContainerDefinitions = new[]
                {
                    new CfnTaskDefinition.ContainerDefinitionProperty
                    {
                        Name = "app",
                        Image = "public.ecr.aws/nginx/nginx:1.27",
                        Privileged = [|true|],
                    },
                },
            });
            _ = new CfnService(stack, "Svc", new CfnServiceProps
            {
                TaskDefinition = td.Ref,
                LaunchType = "FARGATE",
                NetworkConfiguration = new CfnService.NetworkConfigurationProperty
                {
                    AwsvpcConfiguration = new CfnService.AwsVpcConfigurationProperty
                    {
                        Subnets = new[] { "subnet-0abc" },
                        AssignPublicIp = [|"ENABLED"|],
                    },
                },
            });
            """);

        run.Single("ECS1001", 0, "Fargate does not support Memory 3000 MiB with Cpu 1024: with this Cpu use Memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct Shop/Td]");
        run.Single("ECS1004", 1, "Container 'app' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false. [construct Shop/Td]");
        run.Single("ECS6009", 2, "Service 'Svc' assigns public IP addresses to its tasks, so each task is reachable from the internet wherever its security groups allow. Set AssignPublicIp = \"DISABLED\" and reach the internet through a NAT gateway or VPC endpoints; expose the service through a load balancer. [construct Shop/Svc]");
    }

    [Fact]
    public void Constants_and_fields_from_elsewhere_are_evaluated_where_they_are_used()
    {
        var run = Run(Header + """
            var memory = Sizes.Small + 952;
            var taskDef = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps
            {
                Cpu = Sizes.Cpu,
                MemoryLimitMiB = [|memory|],
            });
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry($"nginx:{Sizes.Tag}"),
            });

            static class Sizes
            {
                public const int Cpu = 1024;
                public const int Small = Cpu * 2;
                public static readonly string Tag = "lat" + "est";
            }
            """);

        run.Single("ECS1001", 0, "Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 1024: with this Cpu use MemoryLimitMiB 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct Shop/TaskDef]");
        Assert.Single(run.Of("ECS6007"));
    }

    [Fact]
    public void Values_not_known_before_the_app_runs_keep_rules_silent()
    {
        var run = Run(Header + """
            Build(stack, 3000, System.Environment.GetEnvironmentVariable("IMAGE") ?? "nginx:latest");

            static void Build(Stack stack, int memory, string image)
            {
                var taskDef = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps
                {
                    Cpu = 1024,
                    MemoryLimitMiB = memory,
                });
                taskDef.AddContainer("Web", new ContainerDefinitionOptions
                {
                    Image = ContainerImage.FromRegistry(image),
                    Privileged = memory > 0,
                });
            }
            """);

        Assert.Empty(run.Of("ECS1001"));
        Assert.Empty(run.Of("ECS6007"));
        Assert.Empty(run.Of("ECS1004"));
    }

    [Fact]
    public void Props_and_options_from_parameters_make_every_member_unknown()
    {
        var run = Run(Header + """
            // Called twice: the parameters hold a different value each time (a method called once is followed to its call).
            Build(stack, new TaskDefinitionProps { Compatibility = Compatibility.FARGATE }, new ContainerDefinitionOptions());
            Build(stack, new TaskDefinitionProps { Compatibility = Compatibility.EC2 }, new ContainerDefinitionOptions());

            static void Build(Stack stack, TaskDefinitionProps props, ContainerDefinitionOptions options)
            {
                var generic = new TaskDefinition(stack, "Generic", props);
                generic.AddContainer("Web", options);
                var fargate = new FargateTaskDefinition(stack, "Fargate", null);
                fargate.AddContainer("Web", options);
            }
            """);

        // Nothing can be said about either task definition but that they exist.
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void The_construct_path_of_this_in_a_stack_class_comes_from_its_one_instantiation()
    {
        var run = Run("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;
            using Constructs;

            var app = new App();
            _ = new WorkerStack(app, "Workers");
            app.Synth();

            public sealed class WorkerStack : Stack
            {
                public WorkerStack(Construct scope, string id, IStackProps? props = null)
                    : base(scope, id, props)
                {
                    var jobs = new Construct(this, "Jobs");
                    var task = new Ec2TaskDefinition(jobs, "TaskDef", new Ec2TaskDefinitionProps { PidMode = [|PidMode.HOST|] });
                    task.AddContainer("Worker", new ContainerDefinitionOptions
                    {
                        Image = ContainerImage.FromRegistry("public.ecr.aws/acme/worker:1.4"),
                        MemoryLimitMiB = 512,
                    });
                }
            }
            """);

        run.Single("ECS6004", 0, "The task shares the host's process namespace (PidMode \"host\"): its containers see every process on the instance and, with "
            + "enough privileges, can signal or inspect them. Remove PidMode, or use \"task\" to share processes only between the task's containers. [construct Workers/Jobs/TaskDef]");
    }

    [Fact]
    public void JSON_files_given_as_AdditionalFiles_are_linted_at_their_own_lines()
    {
        const string Json = """
            {
              "family": "web",
              "requiresCompatibilities": ["FARGATE"],
              "networkMode": "awsvpc",
              "cpu": "1024",
              "memory": "3000",
              "containerDefinitions": [{ "name": "web", "image": "public.ecr.aws/nginx/nginx:1.27", "essential": true }]
            }
            """;
        var diagnostics = CdkCompilation.Analyze(CdkCompilation.Create("System.Console.WriteLine();"), ("/app/taskdefs/web.json", Json));

        var finding = Assert.Single(diagnostics, d => d.Id == "ECS1001");
        Assert.Equal(LocationKind.ExternalFile, finding.Location.Kind);
        var span = finding.Location.GetLineSpan();
        Assert.Equal("/app/taskdefs/web.json", span.Path);
        Assert.Equal((5, 12, 5, 18), (span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character));
        Assert.Equal("Fargate does not support memory 3000 MiB with cpu 1024: with this cpu use memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate cpu accepts 3000 MiB.", finding.GetMessage());
    }

    [Fact]
    public void Without_CDK_references_names_give_the_same_findings()
    {
        var code = Header + """
            var vpcless = new Cluster(stack, "Cluster");
            var api = new Construct(stack, "Api");
            var taskDef = new FargateTaskDefinition(api, "TaskDef", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = 3000 });
            var web = taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("nginx:latest"),
                Privileged = true,
                Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = "Zq8#vL2!pR7@wX4$" },
            });
            web.AddPortMappings(new PortMapping { ContainerPort = 80, Protocol = Protocol.TCP });
            _ = new FargateService(api, "Service", new FargateServiceProps
            {
                Cluster = vpcless,
                TaskDefinition = taskDef,
                AssignPublicIp = true,
            });
            """;
        var withCdk = CdkCompilation.Describe(Run(code).Diagnostics);
        var without = CdkCompilation.Describe(CdkCompilation.Analyze(CdkCompilation.Create(code.Replace("[|", "").Replace("|]", ""), withCdk: false)));

        Assert.Equal(withCdk, without);
        foreach (var id in new[] { "ECS1001", "ECS1004", "ECS3001", "ECS5006", "ECS6007", "ECS6009" })
        {
            Assert.Contains(" " + id + ":", without, StringComparison.Ordinal);
        }
    }

    private static CdkSnippet.Run Run(string marked) => CdkSnippet.Analyze(marked);
}
