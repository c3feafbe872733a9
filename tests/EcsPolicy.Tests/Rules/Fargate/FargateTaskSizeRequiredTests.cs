using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

public class FargateTaskSizeRequiredTests
{
    private const string Id = "ECS1002";

    [Fact]
    public void Both_missing_is_one_finding_at_the_task()
    {
        FiresAt(Id, Task(cpu: null, memory: null, opening: "[|{"), "\"cpu\" and \"memory\"", "sets neither");
    }

    [Fact]
    public void Missing_memory_lists_the_memory_values_for_the_cpu()
    {
        FiresAt(Id, Task(cpu: "\"1 vCPU\"", memory: null, opening: "[|{"), "task-level \"memory\"", "2048, 3072, 4096, 5120, 6144, 7168 or 8192 MiB");
    }

    [Fact]
    public void Missing_cpu_lists_the_cpus_for_the_memory()
    {
        FiresAt(Id, Task(cpu: null, memory: "\"2 GB\"", opening: "[|{"), "task-level \"cpu\"", "use cpu 256, 512 or 1024");
    }

    [Fact]
    public void Empty_memory_fires_at_the_value()
    {
        FiresAt(Id, Task(cpu: "\"256\"", memory: "[|\"\""), "task-level \"memory\"", "512, 1024 or 2048 MiB");
    }

    [Fact]
    public void Fires_with_FARGATE_and_EC2()
    {
        FiresAt(Id, Task(compatibilities: "\"EC2\", \"FARGATE\"", cpu: null, memory: null, opening: "[|{"), "sets neither");
    }

    [Fact]
    public void EC2_only_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", cpu: null, memory: null, containerExtra: "\"memory\": 512"));
    }

    [Fact]
    public void Unknown_compatibilities_are_silent()
    {
        Silent(Id, Task(compatibilities: "{ \"Ref\": \"LaunchType\" }", cpu: null, memory: null));
    }

    [Fact]
    public void Unknown_values_are_silent()
    {
        Silent(Id, Task(cpu: "{ \"Ref\": \"TaskCpu\" }", memory: "{ \"Ref\": \"TaskMemory\" }"));
    }
}
