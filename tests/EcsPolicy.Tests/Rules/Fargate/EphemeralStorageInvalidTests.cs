using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

/// <summary>ECS1007 against ecs-facts §3.6: sizeInGiB 21 to 200, Fargate only.</summary>
public class EphemeralStorageInvalidTests
{
    private const string Id = "ECS1007";

    [Theory]
    [InlineData(0, "minimum is 21 GiB")]
    [InlineData(20, "minimum is 21 GiB")]
    [InlineData(201, "maximum is 200 GiB")]
    [InlineData(1000, "maximum is 200 GiB")]
    public void Size_out_of_range_fires_at_the_size(int size, string message)
    {
        FiresAt(Id, Task(taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": [|" + size + " }"), "sizeInGiB is " + size, message);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(100)]
    [InlineData(200)]
    public void Size_in_range_is_silent(int size)
    {
        Silent(Id, Task(taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": " + size + " }"));
    }

    [Theory]
    [InlineData("\"EC2\"")]
    [InlineData("\"EXTERNAL\"")]
    [InlineData("\"EC2\", \"EXTERNAL\"")]
    public void Set_on_a_task_that_cannot_run_on_Fargate_fires_at_the_setting(string compatibilities)
    {
        FiresAt(Id, Task(compatibilities: compatibilities, taskExtra: "\"ephemeralStorage\": [|{ \"sizeInGiB\": 50 }"), "only applies to tasks on Fargate", "does not include FARGATE");
    }

    [Fact]
    public void Set_with_FARGATE_and_EC2_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\", \"FARGATE\"", taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": 50 }"));
    }

    [Fact]
    public void Absent_compatibilities_do_not_mean_EC2_only()
    {
        Silent(Id, Task(compatibilities: null, taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": 50 }"));
        Silent(Id, Task(compatibilities: "", taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": 50 }"));
    }

    [Fact]
    public void Incomplete_compatibilities_are_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\", { \"Ref\": \"ExtraLaunchType\" }", taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": 50 }"));
    }

    [Fact]
    public void Unknown_size_is_silent()
    {
        Silent(Id, Task(taskExtra: "\"ephemeralStorage\": { \"sizeInGiB\": { \"Ref\": \"DiskSize\" } }"));
    }
}
