using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// AWS CDK synth output: findings on a resource with <c>aws:cdk:path</c> metadata name its construct, and a
/// <c>cdk.out</c> directory is linted through its templates only.
/// </summary>
public class CdkOutputTests
{
    /// <summary>A template as <c>cdk synth</c> writes it (abridged), with a problem on each ECS resource.</summary>
    private const string Template = """
        {
          "Resources": {
            "ClusterEB0386A7": {
              "Type": "AWS::ECS::Cluster",
              "Metadata": { "aws:cdk:path": "MyStack/Cluster/Resource" }
            },
            "ApiTaskDefCB0575BA": {
              "Type": "AWS::ECS::TaskDefinition",
              "Properties": {
                "ContainerDefinitions": [
                  {
                    "Essential": true,
                    "Image": "nginx:latest",
                    "Name": "Web"
                  }
                ],
                "Cpu": "1024",
                "Memory": "3000",
                "NetworkMode": "awsvpc",
                "RequiresCompatibilities": ["FARGATE"]
              },
              "Metadata": { "aws:cdk:path": "MyStack/Api/TaskDef/Resource" }
            },
            "ApiServiceD5B4A50A": {
              "Type": "AWS::ECS::Service",
              "Properties": {
                "Cluster": { "Ref": "ClusterEB0386A7" },
                "LaunchType": "FARGATE",
                "NetworkConfiguration": {
                  "AwsvpcConfiguration": { "AssignPublicIp": "ENABLED", "Subnets": ["subnet-1"] }
                },
                "TaskDefinition": { "Ref": "ApiTaskDefCB0575BA" }
              },
              "Metadata": { "aws:cdk:path": "MyStack/Api/Service/Service" }
            }
          }
        }
        """;

    [Fact]
    public void Findings_on_a_CDK_resource_end_with_its_construct_path()
    {
        var findings = Lint.Text(Template, "MyStack.template.json");

        var memory = Assert.Single(findings.Only("ECS1001"));
        Assert.StartsWith("Fargate does not support Memory 3000 MiB with Cpu 1024", memory.Message);
        Assert.EndsWith(". [construct MyStack/Api/TaskDef]", memory.Message);
        Assert.EndsWith(" [construct MyStack/Api/TaskDef]", Assert.Single(findings.Only("ECS6007")).Message);

        var publicIp = Assert.Single(findings.Only("ECS6009"));
        Assert.Contains("Service 'ApiServiceD5B4A50A'", publicIp.Message);
        Assert.EndsWith(" [construct MyStack/Api/Service/Service]", publicIp.Message);

        Assert.EndsWith(" [construct MyStack/Cluster]", Assert.Single(findings.Only("ECS5006")).Message);

        // Every finding is on one of the three constructs, and names it once.
        Assert.All(findings, f => Assert.Single(f.Message.Split(" [construct ").Skip(1)));
    }

    [Fact]
    public void Without_CDK_metadata_messages_are_unchanged()
    {
        var plain = Template.Replace("\"aws:cdk:path\"", "\"other\"", StringComparison.Ordinal);
        var findings = Lint.Text(plain, "stack.json");

        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.DoesNotContain("construct", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_finding_of_some_conditions_names_them_before_the_construct()
    {
        var conditional = Template
            .Replace("\"Resources\": {", "\"Conditions\": { \"IsProd\": { \"Fn::Equals\": [{ \"Ref\": \"AWS::AccountId\" }, \"111122223333\"] } },\n  \"Resources\": {", StringComparison.Ordinal)
            .Replace("\"Memory\": \"3000\"", "\"Memory\": { \"Fn::If\": [\"IsProd\", \"3000\", \"2048\"] }", StringComparison.Ordinal);
        var findings = Lint.Text(conditional, "MyStack.template.json");

        var memory = Assert.Single(findings.Only("ECS1001"));
        Assert.EndsWith(" (when condition 'IsProd' is true). [construct MyStack/Api/TaskDef]", memory.Message);
    }

    [Theory]
    [InlineData("MyStack/Api/TaskDef/Resource", "construct MyStack/Api/TaskDef")]
    [InlineData("MyStack/Cluster/Default", "construct MyStack/Cluster")]
    [InlineData("MyStack/Api/Service/Service", "construct MyStack/Api/Service/Service")]
    [InlineData("/MyStack/TaskDef", "construct MyStack/TaskDef")]
    [InlineData("Resource", "construct Resource")]
    public void The_construct_path_leaves_out_the_default_child(string metadata, string origin)
    {
        var template = Template.Replace("MyStack/Api/TaskDef/Resource", metadata, StringComparison.Ordinal);
        var findings = Lint.Text(template, "MyStack.template.json");

        Assert.EndsWith(" [" + origin + "]", Assert.Single(findings.Only("ECS1001")).Message);
    }

    [Fact]
    public void A_cdk_out_directory_is_linted_through_its_templates_only()
    {
        using var tree = new TempTree();
        tree.Write("cdk.out/cdk.out", """{"version":"38.0.0"}""");
        tree.Write("cdk.out/manifest.json", """
            {
              "version": "38.0.0",
              "artifacts": {
                "MyStack": {
                  "type": "aws:cloudformation:stack",
                  "properties": { "templateFile": "MyStack.template.json" },
                  "metadata": { "/MyStack/Api/TaskDef/Resource": [{ "type": "aws:cdk:logicalId", "data": "ApiTaskDefCB0575BA" }] }
                }
              }
            }
            """);
        tree.Write("cdk.out/tree.json", """
            {
              "version": "tree-0.1",
              "tree": {
                "id": "App",
                "path": "",
                "children": {
                  "MyStack": {
                    "id": "MyStack",
                    "path": "MyStack",
                    "attributes": { "aws:cdk:cloudformation:type": "AWS::ECS::TaskDefinition", "aws:cdk:cloudformation:props": { "Resources": {} } }
                  }
                }
              }
            }
            """);
        tree.Write("cdk.out/MyStack.assets.json", """{"version":"38.0.0","files":{},"dockerImages":{}}""");
        tree.Write("cdk.out/MyStack.template.json", Template);

        // Staged assets are copies of the app's own files: a broken task definition among them is not read twice.
        tree.Write("cdk.out/asset.0123abcd/task.json", """{"family": "web", "containerDefinitions": [,]}""");
        tree.Write("cdk.out/asset.4567cdef.json", """{"family": "web", "containerDefinitions": [,]}""");

        // A nested cloud assembly (a CDK Stage) is one too.
        tree.Write("cdk.out/assembly-Prod/cdk.out", """{"version":"38.0.0"}""");
        tree.Write("cdk.out/assembly-Prod/manifest.json", """{"version":"38.0.0","artifacts":{}}""");
        tree.Write("cdk.out/assembly-Prod/ProdMyStack.template.json", Template.Replace("MyStack/", "Prod/MyStack/", StringComparison.Ordinal));
        tree.Write("cdk.out/assembly-Prod/asset.89ab/task.json", """{"family": "web", "containerDefinitions": [,]}""");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = [Path.Combine(tree.Root, "cdk.out")], RootDirectory = tree.Root }, stdout, stderr);
        var output = stdout.ToString();

        Assert.Equal(1, code);
        Assert.Equal("", stderr.ToString());
        Assert.Contains("cdk.out/MyStack.template.json(", output);
        Assert.Contains("[construct MyStack/Api/TaskDef]", output);
        Assert.Contains("cdk.out/assembly-Prod/ProdMyStack.template.json(", output);
        Assert.Contains("[construct Prod/MyStack/Api/TaskDef]", output);
        Assert.DoesNotContain("asset.", output);
        Assert.DoesNotContain("manifest.json", output);
        Assert.DoesNotContain("tree.json", output);
        Assert.DoesNotContain("ECS0001", output);
        Assert.Contains(" in 2 task definition(s) from 2 file(s).", output);
    }

    [Fact]
    public void Outside_a_cloud_assembly_asset_named_files_are_linted()
    {
        using var tree = new TempTree();
        tree.Write("app/manifest.json", """{"family": "web", "containerDefinitions": [,]}""");
        tree.Write("app/asset.task.json", """{"family": "web", "containerDefinitions": [,]}""");

        var stdout = new StringWriter();
        var code = Runner.Run(new CheckSettings { Paths = [Path.Combine(tree.Root, "app")], RootDirectory = tree.Root }, stdout, new StringWriter());

        Assert.Equal(1, code);
        Assert.Contains("app/manifest.json(1,", stdout.ToString());
        Assert.Contains("app/asset.task.json(1,", stdout.ToString());
    }
}

public class CdkManifestTests
{
    [Fact]
    public void Without_path_metadata_the_construct_path_comes_from_the_assembly_manifest()
    {
        using var tree = new TempTree();
        tree.Write("cdk.out/cdk.out", """{"version":"36.0.0"}""");
        tree.Write("cdk.out/manifest.json", """
            {"version": "36.0.0", "artifacts": {
              "AppStack": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "AppStack.template.json"},
                "metadata": {"/AppStack/Api/TaskDef/Resource": [{"type": "aws:cdk:logicalId", "data": "ApiTaskDef1234ABCD"}]}}}}
            """);
        tree.Write("cdk.out/AppStack.template.json", """
            {"Resources": {"ApiTaskDef1234ABCD": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
              "Family": "api", "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": "1024", "Memory": "3000",
              "ContainerDefinitions": [{"Name": "web", "Image": "nginx:1.27"}]}}}}
            """);
        var stdout = new StringWriter();
        Runner.Run(new CheckSettings { Paths = [tree.Root], RootDirectory = tree.Root }, stdout, new StringWriter());
        var line = Assert.Single(stdout.ToString().Split('\n'), l => l.Contains("ECS1001", StringComparison.Ordinal));
        Assert.StartsWith("cdk.out/AppStack.template.json(2,", line);
        Assert.EndsWith("[construct AppStack/Api/TaskDef]", line.TrimEnd());
    }
}
