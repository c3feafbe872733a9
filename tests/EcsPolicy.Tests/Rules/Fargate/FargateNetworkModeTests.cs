using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

public class FargateNetworkModeTests
{
    private const string Id = "ECS1003";

    [Theory]
    [InlineData("bridge")]
    [InlineData("host")]
    [InlineData("none")]
    public void Other_mode_fires_at_the_value(string mode)
    {
        FiresAt(Id, Task(networkMode: "[|\"" + mode + "\""), "not \"" + mode + "\"", "\"networkMode\": \"awsvpc\"");
    }

    [Fact]
    public void Absent_mode_fires_at_the_task()
    {
        FiresAt(Id, Task(networkMode: null, opening: "[|{"), "does not set networkMode", "\"networkMode\": \"awsvpc\"");
    }

    [Fact]
    public void Fires_with_FARGATE_and_EC2()
    {
        FiresAt(Id, Task(compatibilities: "\"EC2\", \"FARGATE\"", networkMode: "[|\"bridge\""), "not \"bridge\"");
    }

    [Fact]
    public void Awsvpc_is_silent()
    {
        Silent(Id, Task());
    }

    [Fact]
    public void EC2_only_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", networkMode: "\"bridge\""));
        Silent(Id, Task(compatibilities: "\"EC2\"", networkMode: null));
    }

    [Fact]
    public void Unknown_mode_is_silent()
    {
        Silent(Id, Task(networkMode: "{ \"Ref\": \"NetworkMode\" }"));
    }

    [Fact]
    public void Absent_compatibilities_are_silent()
    {
        Silent(Id, Task(compatibilities: null, networkMode: "\"bridge\""));
    }
}
