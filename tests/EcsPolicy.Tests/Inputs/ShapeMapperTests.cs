using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// The one shape-guided mapper (<see cref="ShapeMapper{T}"/>) behind CloudFormation properties and CDK L1 props: the
/// same property bag gives the same API members whichever input wrote it, and each input keeps its own naming rule
/// (CloudFormation's case-sensitive spelling; C#'s property names matched ignoring case).
/// </summary>
public class ShapeMapperTests
{
    private const string Template = """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              Cpu: "256"
              Memory: "512"
              NetworkMode: awsvpc
              RequiresCompatibilities: [FARGATE]
              ContainerDefinitions:
                - Name: app
                  Image: nginx:1.27
                  Essential: true
                  Memory: 512
                  Ulimits:
                    - Name: nofile
                      SoftLimit: 1024
                      HardLimit: 2048
                  LogConfiguration:
                    LogDriver: awslogs
                    Options:
                      awslogs-group: web
              Volumes:
                - Name: data
                  EFSVolumeConfiguration:
                    FilesystemId: fs-1
                    TransitEncryption: ENABLED
                    AuthorizationConfig:
                      IAM: ENABLED
        """;

    private const string L1 = """
        using System.Collections.Generic;
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "Shop");
        new CfnTaskDefinition(stack, "Task", new CfnTaskDefinitionProps
        {
            Family = "web",
            Cpu = "256",
            Memory = "512",
            NetworkMode = "awsvpc",
            RequiresCompatibilities = new[] { "FARGATE" },
            ContainerDefinitions = new[]
            {
                new CfnTaskDefinition.ContainerDefinitionProperty
                {
                    Name = "app",
                    Image = "nginx:1.27",
                    Essential = true,
                    Memory = 512,
                    Ulimits = new[] { new CfnTaskDefinition.UlimitProperty { Name = "nofile", SoftLimit = 1024, HardLimit = 2048 } },
                    LogConfiguration = new CfnTaskDefinition.LogConfigurationProperty
                    {
                        LogDriver = "awslogs",
                        Options = new Dictionary<string, string> { ["awslogs-group"] = "web" },
                    },
                },
            },
            Volumes = new[]
            {
                new CfnTaskDefinition.VolumeProperty
                {
                    Name = "data",
                    EfsVolumeConfiguration = new CfnTaskDefinition.EFSVolumeConfigurationProperty
                    {
                        FilesystemId = "fs-1",
                        TransitEncryption = "ENABLED",
                        AuthorizationConfig = new CfnTaskDefinition.AuthorizationConfigProperty { Iam = "ENABLED" },
                    },
                },
            },
        });
        """;

    [Fact]
    public void The_same_property_bag_maps_to_the_same_members_from_a_template_and_from_L1_props()
    {
        var fromTemplate = new CloudFormationLoader().Load("template.yaml", Encoding.UTF8.GetBytes(Template), explicitlyGiven: true).Tasks.Single();
        var fromCode = CdkModel.Extract(L1).Tasks.Single();

        var expected = new[]
        {
            "containerDefinitions[0].essential = Boolean true",
            "containerDefinitions[0].image = String nginx:1.27",
            "containerDefinitions[0].logConfiguration.logDriver = String awslogs",
            "containerDefinitions[0].logConfiguration.options.awslogs-group = String web",
            "containerDefinitions[0].memory = Number 512",
            "containerDefinitions[0].name = String app",
            "containerDefinitions[0].ulimits[0].hardLimit = Number 2048",
            "containerDefinitions[0].ulimits[0].name = String nofile",
            "containerDefinitions[0].ulimits[0].softLimit = Number 1024",
            "cpu = String 256",
            "family = String web",
            "memory = String 512",
            "networkMode = String awsvpc",
            "requiresCompatibilities[0] = String FARGATE",
            "volumes[0].efsVolumeConfiguration.authorizationConfig.iam = String ENABLED",
            "volumes[0].efsVolumeConfiguration.fileSystemId = String fs-1",
            "volumes[0].efsVolumeConfiguration.transitEncryption = String ENABLED",
            "volumes[0].name = String data",
        };
        Assert.Equal(expected, Leaves(fromTemplate.Node));
        Assert.Equal(expected, Leaves(fromCode.Node));

        // Each keeps the spelling its file wrote, which is what a message names.
        var templateVolume = fromTemplate.Node.Get("volumes")!.Children[0].Get("efsVolumeConfiguration")!;
        var codeVolume = fromCode.Node.Get("volumes")!.Children[0].Get("efsVolumeConfiguration")!;
        Assert.Equal(("EFSVolumeConfiguration", "FilesystemId"), (templateVolume.SourceName, templateVolume.Get("fileSystemId")!.SourceName));
        Assert.Equal(("EfsVolumeConfiguration", "FilesystemId"), (codeVolume.SourceName, codeVolume.Get("fileSystemId")!.SourceName));
    }

    [Fact]
    public void A_member_in_the_wrong_case_is_ECS0002_in_a_template_and_maps_in_CSharp()
    {
        // CloudFormation's names are case-sensitive: `EfsVolumeConfiguration` is no property of a volume, so the
        // template is reported at that key, and the member is unknown (not absent) so no rule guesses from the typo.
        var text = Template.Replace("EFSVolumeConfiguration:", "EfsVolumeConfiguration:");
        var findings = Lint.Text(text, "template.yaml");
        var typo = Assert.Single(findings.Only("ECS0002"));
        Assert.Equal(new SourceLocation("template.yaml", 25, 11, 25, 33), typo.Location);
        Assert.Contains("'EFSVolumeConfiguration'", typo.Message);
        var task = new CloudFormationLoader().Load("template.yaml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true).Tasks.Single();
        Assert.Equal(NodeKind.Unknown, task.Node.Get("volumes")!.Children[0].Get("efsVolumeConfiguration")!.Kind);

        // In C# the same spelling is the L1 class's own property name: it maps, and nothing is reported.
        var code = CdkModel.Extract(L1).Tasks.Single();
        Assert.Equal("fs-1", code.Node.Get("volumes")!.Children[0].Get("efsVolumeConfiguration")!.Get("fileSystemId")!.Scalar);
    }

    // Every scalar of the tree as `path = kind value`, sorted: the members whatever their order.
    private static List<string> Leaves(SNode node)
    {
        var leaves = new List<string>();
        Walk(node, "", leaves);
        leaves.Sort(StringComparer.Ordinal);
        return leaves;
    }

    private static void Walk(SNode node, string path, List<string> leaves)
    {
        switch (node.Kind)
        {
            case NodeKind.Object:
                foreach (var child in node.Children)
                {
                    Walk(child, path.Length == 0 ? child.Name! : path + "." + child.Name, leaves);
                }

                break;
            case NodeKind.Array:
                foreach (var item in node.Children)
                {
                    Walk(item, path + "[" + item.Index + "]", leaves);
                }

                break;
            default:
                leaves.Add(path + " = " + node.Kind + " " + node.Scalar);
                break;
        }
    }
}
