using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

public class FargateLogDriverTests
{
    private const string Id = "ECS1005";

    [Theory]
    [InlineData("json-file")]
    [InlineData("syslog")]
    [InlineData("journald")]
    [InlineData("gelf")]
    [InlineData("fluentd")]
    public void EC2_only_driver_fires_at_the_driver_and_names_the_container(string driver)
    {
        FiresAt(
            Id,
            Task(containerExtra: "\"logConfiguration\": { \"logDriver\": [|\"" + driver + "\" }"),
            "Container 'app'",
            "\"" + driver + "\"",
            "awslogs, splunk or awsfirelens");
    }

    [Theory]
    [InlineData("awslogs")]
    [InlineData("splunk")]
    [InlineData("awsfirelens")]
    public void Fargate_driver_is_silent(string driver)
    {
        Silent(Id, Task(containerExtra: "\"logConfiguration\": { \"logDriver\": \"" + driver + "\" }"));
    }

    [Fact]
    public void Fires_with_FARGATE_and_EC2()
    {
        FiresAt(Id, Task(compatibilities: "\"EC2\", \"FARGATE\"", containerExtra: "\"logConfiguration\": { \"logDriver\": [|\"gelf\" }"), "\"gelf\"");
    }

    [Fact]
    public void EC2_only_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", containerExtra: "\"logConfiguration\": { \"logDriver\": \"json-file\" }"));
    }

    [Fact]
    public void Value_outside_the_enum_is_left_to_the_enum_check()
    {
        Silent(Id, Task(containerExtra: "\"logConfiguration\": { \"logDriver\": \"AWSLOGS\" }"));
    }

    [Fact]
    public void Unknown_driver_is_silent()
    {
        Silent(Id, Task(containerExtra: "\"logConfiguration\": { \"logDriver\": { \"Ref\": \"LogDriver\" } }"));
    }
}
