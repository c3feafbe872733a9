using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Cli;

/// <summary>
/// One run over a CDK app's C# source and its <c>cdk.out</c>: a finding of both readings of one construct is reported
/// once, at the C# location; what only the template shows is kept.
/// </summary>
public class CdkSourceAndOutputTests
{
    private const string Program = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "MyStack");
        var api = new Constructs.Construct(stack, "Api");
        var taskDef = new FargateTaskDefinition(api, "TaskDef", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = MEMORY });
        taskDef.AddContainer("Web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("nginx:1.27"), Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "web" }) });
        app.Synth();
        """;

    // What `cdk synth` writes for the app (abridged): the same task definition, with its construct path.
    private const string Template = """
        {
          "Resources": {
            "ApiTaskDefCB0575BA": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ContainerDefinitions": [
                  {
                    "Essential": true,
                    "Image": "nginx:1.27",
                    "Name": "Web",
                    "LogConfiguration": { "LogDriver": "awslogs", "Options": { "awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "web" } }
                  }
                ],
                "Cpu": "1024",
                "ExecutionRoleArn": "arn:aws:iam::123456789012:role/exec",
                "Memory": "3000",
                "NetworkMode": "awsvpc",
                "RequiresCompatibilities": ["FARGATE"]
              },
              "Metadata": { "aws:cdk:path": "MyStack/Api/TaskDef/Resource" }
            }
          }
        }
        """;

    private static (int Code, string Out, string Err) Check(string memory)
    {
        using var tree = new TempTree();
        tree.Write("infra/Program.cs", Program.Replace("MEMORY", memory, StringComparison.Ordinal));
        tree.Write("infra/cdk.out/MyStack.template.json", Template);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = [Path.Combine(tree.Root, "infra")], Format = "text", RootDirectory = tree.Root }, stdout, stderr);
        return (code, stdout.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), stderr.ToString());
    }

    [Fact]
    public void A_finding_of_both_the_source_and_cdk_out_is_reported_once_at_the_CSharp_location()
    {
        var (code, output, error) = Check("3000");

        Assert.Equal("", error);
        Assert.Equal(1, code);
        var findings = output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            "infra/Program.cs(7,119): error ECS1001: Fargate does not support MemoryLimitMiB 3000 MiB with Cpu 1024: with this Cpu use MemoryLimitMiB 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct MyStack/Api/TaskDef]",
            Assert.Single(findings));
        Assert.DoesNotContain("cdk.out/MyStack.template.json(", output, StringComparison.Ordinal);
        Assert.EndsWith(
            "1 error(s), 0 warning(s), 3 note(s) in 2 task definition(s) from 2 file(s); 4 finding(s) of cdk.out also found in the C# source, shown once there.\n",
            output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_that_only_cdk_out_can_make_is_kept()
    {
        // The memory comes from the environment when the app runs: the source reading holds it as unknown.
        var (code, output, error) = Check("int.Parse(System.Environment.GetEnvironmentVariable(\"MEMORY\")!)");

        Assert.Equal("", error);
        Assert.Equal(1, code);
        var findings = output.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.Contains(": warning ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            "infra/cdk.out/MyStack.template.json(16,19): error ECS1001: Fargate does not support Memory 3000 MiB with Cpu 1024: with this Cpu use Memory 2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB; no Fargate Cpu accepts 3000 MiB. [construct MyStack/Api/TaskDef]",
            Assert.Single(findings));
        Assert.EndsWith("in 2 task definition(s) from 2 file(s); 3 finding(s) of cdk.out also found in the C# source, shown once there.\n", output, StringComparison.Ordinal);
    }
}
