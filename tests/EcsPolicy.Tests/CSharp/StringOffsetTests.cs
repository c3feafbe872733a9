using EcsPolicy.Catalog;
using EcsPolicy.Tests.Rules;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// A finding about a place inside a C# string literal (a placement expression's syntax error) is at that character,
/// whatever escapes or doubled quotes come before it, as in JSON and YAML.
/// </summary>
public class StringOffsetTests
{
    [Theory]
    [InlineData("\"attribute:ecs.instance-type [|= g5.xlarge\"")]
    [InlineData("\"attribute:ecs.instance-type\\u0020\\x20[|= g5.xlarge\"")]
    [InlineData("@\"attribute:ecs.\"\"instance-type\"\" [|= g5.xlarge\"")]
    public void ECS4001_points_at_the_character_inside_the_literal(string literal)
    {
        var example = new RuleExample(
            "using Amazon.CDK;\nusing Amazon.CDK.AWS.ECS;\n\nvar app = new App();\nvar stack = new Stack(app, \"Shop\");\n"
            + "var taskDef = new Ec2TaskDefinition(stack, \"TaskDef\", new Ec2TaskDefinitionProps\n{\n"
            + "    PlacementConstraints = new[] { PlacementConstraint.MemberOf(" + literal + ") },\n});\n"
            + "taskDef.AddContainer(\"Web\", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry(\"public.ecr.aws/nginx/nginx:1.27\"), MemoryLimitMiB = 512 });\n",
            "Program.cs");

        var finding = Assert.Single(ExampleLint.Run(example, new()).Findings, f => f.RuleId == "ECS4001");
        Assert.Equal(example.Marker, (finding.Location.StartLine, finding.Location.StartColumn));
    }
}
