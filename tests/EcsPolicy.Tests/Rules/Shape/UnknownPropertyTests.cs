using static EcsPolicy.Tests.Rules.Shape.ShapeTestData;

namespace EcsPolicy.Tests.Rules.Shape;

public class UnknownPropertyTests
{
    [Fact]
    public void Typo_suggests_the_nearest_name_and_points_at_the_property_name()
    {
        var f = Single(Task(container: "\"esential\": true"), "ECS0002");
        Assert.Equal("Unknown property 'esential' in container 'web'; did you mean 'essential'?", f.Message);
        At(f, 7, 7);
        Assert.Equal("/containerDefinitions/0/esential", f.Path);
    }

    [Fact]
    public void Case_only_difference_suggests_the_camelCase_name()
    {
        var f = Single(Task(container: "\"Essential\": false"), "ECS0002");
        Assert.Equal("Unknown property 'Essential' in container 'web'; did you mean 'essential'?", f.Message);
    }

    [Fact]
    public void Unknown_task_level_property()
    {
        var f = Single(Task(task: "\"netwrokMode\": \"awsvpc\""), "ECS0002");
        Assert.Equal("Unknown property 'netwrokMode' in the task definition; did you mean 'networkMode'?", f.Message);
        At(f, 3, 3);
    }

    [Fact]
    public void Unknown_property_in_log_configuration()
    {
        var f = Single(Task(container: "\"logConfiguration\": { \"logDriver\": \"awslogs\", \"option\": { \"awslogs-group\": \"/ecs/web\" } }"), "ECS0002");
        Assert.Equal("Unknown property 'option' in 'logConfiguration' of container 'web'; did you mean 'options'?", f.Message);
        At(f, 7, 53);
    }

    [Fact]
    public void Unknown_property_in_a_port_mapping()
    {
        var f = Single(Task(container: "\"portMappings\": [{ \"ContainerPort\": 80 }]"), "ECS0002");
        Assert.Equal("Unknown property 'ContainerPort' in 'portMappings[0]' of container 'web'; did you mean 'containerPort'?", f.Message);
        At(f, 7, 26);
    }

    [Fact]
    public void Misspelt_required_member_is_reported_once_as_unknown_not_also_as_missing()
    {
        var json = """
            {
              "family": "files",
              "containerDefinitions": [{ "name": "app", "image": "busybox:1.36", "memory": 128 }],
              "volumes": [{ "name": "data", "efsVolumeConfiguration": { "FilesystemId": "fs-12345678" } }]
            }
            """;
        var f = Single(json, "ECS0002");
        Assert.Equal("Unknown property 'FilesystemId' in 'efsVolumeConfiguration' of volume 'data'; did you mean 'fileSystemId'?", f.Message);
        At(f, 4, 61);
    }

    [Fact]
    public void Without_a_close_name_the_message_points_at_the_reference()
    {
        var f = Single(Task(container: "\"gpu\": 1"), "ECS0002");
        Assert.Equal(
            "Unknown property 'gpu' in container 'web'; remove it or use a property listed in the ContainerDefinition reference: "
            + "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html.",
            f.Message);
    }

    [Fact]
    public void Task_level_property_inside_a_container_is_explained()
    {
        var f = Single(Task(container: "\"pidMode\": \"host\""), "ECS0002");
        Assert.Equal("Unknown property 'pidMode' in container 'web'; 'pidMode' is a task-level property: move it out of the container definition to the top level.", f.Message);
    }

    [Fact]
    public void Container_property_at_task_level_is_explained()
    {
        var f = Single(Task(task: "\"portMappings\": [{ \"containerPort\": 80 }]"), "ECS0002");
        Assert.Equal("Unknown property 'portMappings' in the task definition; 'portMappings' is a container property: move it into a container definition.", f.Message);
    }

    [Fact]
    public void Describe_task_definition_output_with_read_only_fields_and_wrapper_tags_is_accepted()
    {
        Clean("""
            {
              "taskDefinition": {
                "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:7",
                "containerDefinitions": [
                  { "name": "web", "image": "nginx:1.27", "cpu": 0, "memory": 256, "portMappings": [{ "containerPort": 80, "hostPort": 0, "protocol": "tcp" }],
                    "essential": true, "environment": [], "mountPoints": [], "volumesFrom": [], "systemControls": [] }
                ],
                "family": "web",
                "revision": 7,
                "volumes": [],
                "status": "ACTIVE",
                "requiresAttributes": [{ "name": "com.amazonaws.ecs.capability.docker-remote-api.1.18" }],
                "placementConstraints": [],
                "compatibilities": ["EXTERNAL", "EC2"],
                "registeredAt": "2024-05-01T10:00:00.000000+00:00",
                "registeredBy": "arn:aws:iam::123456789012:user/admin",
                "deregisteredAt": 1714557600.5,
                "enableFaultInjection": false
              },
              "tags": [{ "key": "team", "value": "web" }]
            }
            """);
    }

    [Fact]
    public void Unknown_property_inside_describe_output_is_still_reported()
    {
        var json = """
            {
              "taskDefinition": {
                "family": "web",
                "revison": 2,
                "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "memory": 256 }]
              }
            }
            """;
        var f = Single(json, "ECS0002");
        Assert.Equal("Unknown property 'revison' in the task definition; did you mean 'revision'?", f.Message);
        At(f, 4, 5);
    }
}
