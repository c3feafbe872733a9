namespace EcsPolicy.Tests.Rules.Containers;

public class ResourceTests
{
    [Fact]
    public void ECS2007_fires_for_a_container_without_memory_when_the_task_has_none()
    {
        var f = Marked.Single("ECS2007", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 128 },
                { "name": "b", "image": "x", "memoryReservation": 64 },
                { "name": [|"c", "image": "x" }
              ]
            }
            """);
        Assert.Contains("'c'", f.Message, StringComparison.Ordinal);
        Assert.Contains("memoryReservation", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"memory\": \"512\",")]
    [InlineData("\"memory\": \"1 GB\",")]
    [InlineData("\"memory\": { \"Ref\": \"Memory\" },")]
    public void ECS2007_is_silent_when_the_task_has_memory_or_it_is_unknown(string taskMemory) =>
        Marked.None("ECS2007", $$"""
            { "family": "t", {{taskMemory}} "containerDefinitions": [ { "name": "c", "image": "x" } ] }
            """);

    [Fact]
    public void ECS2008_container_memory_above_task_memory()
    {
        var f = Marked.Single("ECS2008", """
            {
              "family": "t",
              "memory": "1 GB",
              "containerDefinitions": [
                { "name": "ok", "image": "x", "memory": 1024 },
                { "name": "big", "image": "x", "memory": [|1025 }
              ]
            }
            """);
        Assert.Contains("'big'", f.Message, StringComparison.Ordinal);
        Assert.Contains("1025 MiB", f.Message, StringComparison.Ordinal);
        Assert.Contains("1024 MiB", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2008_reservation_sum_equal_to_task_memory_is_fine() =>
        Marked.None("ECS2008", """
            { "family": "t", "memory": "1024", "cpu": "512", "containerDefinitions": [
              { "name": "a", "image": "x", "memoryReservation": 512, "cpu": 256 },
              { "name": "b", "image": "x", "memoryReservation": 512, "cpu": 256 } ] }
            """);

    [Fact]
    public void ECS2008_reservation_sum_above_task_memory_points_where_it_crosses()
    {
        var f = Marked.Single("ECS2008", """
            {
              "family": "t",
              "memory": "1024",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memoryReservation": 512 },
                { "name": "b", "image": "x", "memoryReservation": [|513 },
                { "name": "c", "image": "x", "memoryReservation": 100 }
              ]
            }
            """);
        Assert.Contains("1125 MiB", f.Message, StringComparison.Ordinal);
        Assert.Contains("'a' 512 + 'b' 513 + 'c' 100", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2008_cpu_sum_above_task_cpu_in_vcpu_form()
    {
        var f = Marked.Single("ECS2008", """
            {
              "family": "t",
              "cpu": "0.5 vCPU",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "cpu": 256 },
                { "name": "b", "image": "x", "memory": 64, "cpu": [|512 }
              ]
            }
            """);
        Assert.Contains("768 CPU units", f.Message, StringComparison.Ordinal);
        Assert.Contains("512 CPU units", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2008_sum_is_silent_when_a_value_is_unknown() =>
        Marked.None("ECS2008", """
            { "family": "t", "cpu": "256", "containerDefinitions": [
              { "name": "a", "image": "x", "memory": 64, "cpu": 200 },
              { "name": "b", "image": "x", "memory": 64, "cpu": 200 },
              { "name": "c", "image": "x", "memory": 64, "cpu": { "Ref": "Cpu" } } ] }
            """);

    [Fact]
    public void ECS2008_sum_is_silent_when_the_container_list_is_incomplete() =>
        Marked.None("ECS2008", """
            { "family": "t", "cpu": "256", "containerDefinitions": [
              { "name": "a", "image": "x", "memory": 64, "cpu": 200 },
              { "name": "b", "image": "x", "memory": 64, "cpu": 200 },
              "unknown" ] }
            """);

    [Fact]
    public void ECS2009_fires_when_reservation_is_above_memory()
    {
        var f = Marked.Single("ECS2009", """
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "x", "memory": 256, "memoryReservation": [|257 } ] }
            """);
        Assert.Contains("257 MiB", f.Message, StringComparison.Ordinal);
        Assert.Contains("256 MiB", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, 256)]
    [InlineData(512, 256)]
    public void ECS2009_is_silent_when_reservation_is_not_above_memory(int memory, int reservation) =>
        Marked.None("ECS2009", $$"""
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "x", "memory": {{memory}}, "memoryReservation": {{reservation}} } ] }
            """);
}
