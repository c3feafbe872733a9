using EcsPolicy.Tests.Support;
using static EcsPolicy.Tests.Rules.Shape.ShapeTestData;

namespace EcsPolicy.Tests.Rules.Shape;

public class RequiredMissingTests
{
    [Fact]
    public void Missing_family_points_at_the_opening_brace()
    {
        var f = Single("""
            {
              "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 256 }]
            }
            """, "ECS0005");
        Assert.Equal("The task definition is missing the required property 'family'; add a family name (1 to 255 letters, numbers, underscores and hyphens).", f.Message);
        At(f, 1, 1);
    }

    [Fact]
    public void Null_counts_as_absent()
    {
        var f = Single(Task().Replace("\"family\": \"web\"", "\"family\": null"), "ECS0005");
        Assert.Contains("'family'", f.Message);
    }

    [Fact]
    public void Missing_image_points_at_the_container_name()
    {
        var f = Single(Task().Replace("      \"image\": \"public.ecr.aws/nginx/nginx:1.27\",\n", ""), "ECS0005");
        Assert.Equal("Container 'web' is missing the required property 'image'; add the image to run, e.g. \"public.ecr.aws/nginx/nginx:1.27\".", f.Message);
        At(f, 5, 15);
    }

    [Fact]
    public void Missing_container_name_points_at_the_container_brace()
    {
        var f = Single(Task().Replace("      \"name\": \"web\",\n", ""), "ECS0005");
        Assert.Equal("The container at containerDefinitions[0] is missing the required property 'name'; give the container a name (1 to 255 letters, numbers, underscores and hyphens).", f.Message);
        At(f, 4, 5);
    }

    [Fact]
    public void Empty_container_list()
    {
        var f = Single("{\n  \"family\": \"web\",\n  \"containerDefinitions\": []\n}\n", "ECS0005");
        Assert.Equal("'containerDefinitions' is empty; a task definition needs at least one container definition.", f.Message);
        At(f, 3, 27);
    }

    [Theory]
    [InlineData("\"secrets\": [{ \"name\": \"DB_PASSWORD\" }]", "'secrets[0]' of container 'web' is missing the required property 'valueFrom'")]
    [InlineData("\"secrets\": [{ \"valueFrom\": \"arn:aws:ssm:us-east-1:123456789012:parameter/db\" }]", "'secrets[0]' of container 'web' is missing the required property 'name'")]
    [InlineData("\"healthCheck\": { \"interval\": 30 }", "'healthCheck' of container 'web' is missing the required property 'command'")]
    [InlineData("\"logConfiguration\": { \"options\": { \"awslogs-group\": \"/ecs/web\" } }", "'logConfiguration' of container 'web' is missing the required property 'logDriver'")]
    [InlineData("\"portMappings\": [{ \"hostPort\": 8080 }]", "'portMappings[0]' of container 'web' is missing the required property 'containerPort' (or 'containerPortRange')")]
    [InlineData("\"dependsOn\": [{ \"containerName\": \"db\" }]", "'dependsOn[0]' of container 'web' is missing the required property 'condition'")]
    [InlineData("\"ulimits\": [{ \"name\": \"nofile\", \"softLimit\": 1024 }]", "'ulimits[0]' of container 'web' is missing the required property 'hardLimit'")]
    [InlineData("\"environmentFiles\": [{ \"value\": \"arn:aws:s3:::bucket/app.env\" }]", "'environmentFiles[0]' of container 'web' is missing the required property 'type'")]
    public void Required_members_of_nested_structures(string container, string expected)
    {
        var f = Single(Task(container: container), "ECS0005");
        Assert.StartsWith(expected, f.Message);
        Assert.EndsWith(".", f.Message);
    }

    [Fact]
    public void Efs_volume_without_file_system_id_and_name()
    {
        var json = Task(task: "\"volumes\": [{ \"efsVolumeConfiguration\": { \"rootDirectory\": \"/\" } }]");
        var all = ShapeFindings(json).OrderBy(f => f.Message, StringComparer.Ordinal).ToList();
        Assert.Equal(2, all.Count);
        Assert.All(all, f => Assert.Equal("ECS0005", f.RuleId));
        Assert.Equal("'efsVolumeConfiguration' of the volume at volumes[0] is missing the required property 'fileSystemId'; add the EFS file system ID, e.g. \"fs-1234567\".", all[0].Message);
        Assert.Equal("The volume at volumes[0] has no 'name'; a volume with 'efsVolumeConfiguration' needs a name (1 to 255 letters, numbers, underscores and hyphens) that mount points refer to.", all[1].Message);
    }

    [Fact]
    public void Port_range_replaces_container_port()
    {
        Clean(Task(container: "\"portMappings\": [{ \"containerPortRange\": \"8000-8010\" }]"));
    }

    [Fact]
    public void Bare_container_definition_array_has_no_task_level_findings()
    {
        var findings = Lint.Text("""
            [
              { "name": "web", "image": "nginx:1.27", "memory": 256, "essential": true },
              { "name": "sidecar", "memory": 64 }
            ]
            """);
        var f = Assert.Single(findings, x => ShapeRules.Contains(x.RuleId));
        Assert.Equal("ECS0005", f.RuleId);
        Assert.Equal("Container 'sidecar' is missing the required property 'image'; add the image to run, e.g. \"public.ecr.aws/nginx/nginx:1.27\".", f.Message);
        At(f, 3, 13);
    }
}
