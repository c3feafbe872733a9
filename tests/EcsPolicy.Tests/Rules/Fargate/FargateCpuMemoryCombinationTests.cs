using static EcsPolicy.Tests.Rules.Fargate.FargateDocs;

namespace EcsPolicy.Tests.Rules.Fargate;

/// <summary>
/// ECS1001 against the Fargate table of ecs-facts §1.1/§1.2, written out here by hand (not taken from the
/// implementation's table), so a typo in either shows.
/// </summary>
public class FargateCpuMemoryCombinationTests
{
    private const string Id = "ECS1001";

    /// <summary>Each row's smallest and largest memory (MiB), and a value in between that is valid.</summary>
    public static TheoryData<int, int> ValidPairs => new()
    {
        // 256 (.25 vCPU): 512, 1024, 2048
        { 256, 512 }, { 256, 1024 }, { 256, 2048 },
        // 512 (.5 vCPU): 1024 to 4096 in 1024 steps
        { 512, 1024 }, { 512, 3072 }, { 512, 4096 },
        // 1024 (1 vCPU): 2048 to 8192 in 1024 steps
        { 1024, 2048 }, { 1024, 5120 }, { 1024, 8192 },
        // 2048 (2 vCPU): 4096 to 16384 in 1024 steps
        { 2048, 4096 }, { 2048, 9216 }, { 2048, 16384 },
        // 4096 (4 vCPU): 8192 to 30720 in 1024 steps
        { 4096, 8192 }, { 4096, 22528 }, { 4096, 30720 },
        // 8192 (8 vCPU): 16384 to 61440 in 4096 steps
        { 8192, 16384 }, { 8192, 20480 }, { 8192, 61440 },
        // 16384 (16 vCPU): 32768 to 122880 in 8192 steps
        { 16384, 32768 }, { 16384, 40960 }, { 16384, 122880 },
        // 32768 (32 vCPU, added 2026): exactly 61440, 122880 or 249856
        { 32768, 61440 }, { 32768, 122880 }, { 32768, 249856 },
    };

    /// <summary>
    /// Per row: one step below the minimum, one step above the maximum, and an off-step value in between; with the
    /// row's minimum and maximum, which the message must offer.
    /// </summary>
    public static TheoryData<int, int, int, int> InvalidPairs => new()
    {
        { 256, 256, 512, 2048 }, { 256, 3072, 512, 2048 }, { 256, 1536, 512, 2048 },
        { 512, 512, 1024, 4096 }, { 512, 5120, 1024, 4096 }, { 512, 1536, 1024, 4096 },
        { 1024, 1024, 2048, 8192 }, { 1024, 9216, 2048, 8192 }, { 1024, 2560, 2048, 8192 },
        { 2048, 3072, 4096, 16384 }, { 2048, 17408, 4096, 16384 }, { 2048, 4608, 4096, 16384 },
        { 4096, 7168, 8192, 30720 }, { 4096, 31744, 8192, 30720 }, { 4096, 8704, 8192, 30720 },
        { 8192, 12288, 16384, 61440 }, { 8192, 65536, 16384, 61440 }, { 8192, 17408, 16384, 61440 },
        { 16384, 24576, 32768, 122880 }, { 16384, 131072, 32768, 122880 }, { 16384, 36864, 32768, 122880 },
    };

    [Theory]
    [MemberData(nameof(ValidPairs))]
    public void Valid_pair_is_silent(int cpu, int memory)
    {
        Silent(Id, Task(cpu: $"\"{cpu}\"", memory: $"\"{memory}\""));
        Silent(Id, Task(cpu: $"{cpu}", memory: $"{memory}"));
    }

    [Theory]
    [MemberData(nameof(InvalidPairs))]
    public void Invalid_memory_fires_at_the_memory_and_lists_the_valid_values(int cpu, int memory, int min, int max)
    {
        FiresAt(
            Id,
            Task(cpu: $"\"{cpu}\"", memory: $"[|\"{memory}\""),
            $"memory {memory} MiB with cpu {cpu}",
            $"with this cpu use memory {min}",
            $"{max} MiB");
    }

    [Theory]
    [InlineData(".25 vCPU", "512")]
    [InlineData(".25 vCPU", "2GB")]
    [InlineData(".5 vcpu", "4 GB")]
    [InlineData("1 vcpu", "2 GB")]
    [InlineData("1 vCPU", "2GB")]
    [InlineData("2 vCPU", "16 GB")]
    [InlineData("4 vCPU", "22 gb")]
    [InlineData("8 vCPU", "60 GB")]
    [InlineData("16     vCpU", "32 GB")]
    [InlineData("16 vcpu", "120 GB")]
    [InlineData("32 vCPU", "244 GB")]
    [InlineData("32 vcpu", "60 GB")]
    [InlineData("1024", "2 GB")]
    [InlineData("1 vCPU", "3072")]
    public void Unit_forms_of_a_valid_pair_are_silent(string cpu, string memory)
    {
        Silent(Id, Task(cpu: $"\"{cpu}\"", memory: $"\"{memory}\""));
    }

    [Theory]
    [InlineData("1 vCPU", "16 GB", "\"16 GB\" (16384 MiB)", "cpu 2048, 4096 or 8192")]
    [InlineData("2 vcpu", "22 gb", "\"22 gb\" (22528 MiB)", "cpu 4096")]
    [InlineData(".25 vCPU", "4GB", "\"4GB\" (4096 MiB)", "cpu 512, 1024 or 2048")]
    [InlineData("8 vCPU", "18 GB", "\"18 GB\" (18432 MiB)", "keep this memory and use cpu 4096")]
    [InlineData("16 vCPU", "128 GB", "\"128 GB\" (131072 MiB)", "no Fargate cpu accepts 131072 MiB")]
    public void Unit_forms_of_an_invalid_pair_fire_at_the_memory(string cpu, string memory, string shown, string hint)
    {
        FiresAt(Id, Task(cpu: $"\"{cpu}\"", memory: $"[|\"{memory}\""), "memory " + shown, "with cpu \"" + cpu + "\"", hint);
    }

    [Theory]
    [InlineData(1024, 2048)]
    [InlineData(1024, 8192)]
    [InlineData(2048, 4096)]
    [InlineData(2048, 16384)]
    [InlineData(4096, 8192)]
    [InlineData(4096, 30720)]
    public void Windows_rows_are_silent(int cpu, int memory)
    {
        Silent(Id, Task(cpu: $"\"{cpu}\"", memory: $"\"{memory}\"", taskExtra: Windows()));
    }

    [Theory]
    [InlineData(256, 512)]
    [InlineData(512, 1024)]
    [InlineData(8192, 16384)]
    [InlineData(16384, 32768)]
    [InlineData(32768, 61440)]
    public void Linux_only_rows_fire_at_the_cpu_for_Windows(int cpu, int memory)
    {
        FiresAt(Id, Task(cpu: $"[|\"{cpu}\"", memory: $"\"{memory}\"", taskExtra: Windows("WINDOWS_SERVER_2019_FULL")), $"no Windows task size with cpu {cpu}", "1024, 2048 or 4096");
    }

    [Fact]
    public void Windows_memory_outside_the_row_fires_at_the_memory()
    {
        FiresAt(Id, Task(cpu: "\"1024\"", memory: "[|\"1024\"", taskExtra: Windows()), "with this cpu use memory 2048");
    }

    [Fact]
    public void Cpu_that_is_no_Fargate_size_fires_at_the_cpu_with_the_cpus_for_the_memory()
    {
        FiresAt(Id, Task(cpu: "[|\"3072\"", memory: "\"8192\""), "no task size with cpu 3072", "256, 512, 1024, 2048, 4096, 8192, 16384 or 32768", "use cpu 1024, 2048 or 4096");
    }

    [Theory]
    [InlineData(65536)]
    [InlineData(131072)]
    [InlineData(245760)]
    public void The_32_vCPU_row_takes_three_memory_values_only(int memory)
    {
        FiresAt(Id, Task(cpu: "\"32768\"", memory: $"[|\"{memory}\""), $"memory {memory} MiB with cpu 32768", "61440, 122880 or 249856 MiB");
    }

    [Fact]
    public void Fires_with_FARGATE_and_EC2()
    {
        FiresAt(Id, Task(compatibilities: "\"EC2\", \"FARGATE\"", cpu: "\"256\"", memory: "[|\"4096\""), "use cpu 512, 1024 or 2048");
    }

    [Fact]
    public void EC2_only_is_silent()
    {
        Silent(Id, Task(compatibilities: "\"EC2\"", cpu: "\"256\"", memory: "\"4096\""));
    }

    [Fact]
    public void Absent_compatibilities_are_silent()
    {
        Silent(Id, Task(compatibilities: null, cpu: "\"256\"", memory: "\"4096\""));
    }

    [Fact]
    public void Unknown_cpu_is_silent()
    {
        Silent(Id, Task(cpu: "{ \"Ref\": \"TaskCpu\" }", memory: "\"4096\""));
    }

    [Fact]
    public void Unknown_memory_is_silent()
    {
        Silent(Id, Task(cpu: "\"256\"", memory: "{ \"Ref\": \"TaskMemory\" }"));
    }

    [Fact]
    public void Unparsable_unit_form_is_silent()
    {
        // "MiB" is not a documented form: the value is unknown here, and the shape rules judge the text.
        Silent(Id, Task(cpu: "\"256\"", memory: "\"3000 MiB\""));
    }

    [Fact]
    public void Memory_that_no_cpu_accepts_fires_even_when_the_cpu_is_unknown()
    {
        FiresAt(
            Id,
            Task(cpu: "{ \"Ref\": \"TaskCpu\" }", memory: "[|\"3000\""),
            "no task size with memory 3000 MiB",
            "2048 MiB (cpu 256, 512 or 1024) and 3072 MiB (cpu 512 or 1024)");
        FiresAt(Id, Task(cpu: null, memory: "[|\"200 GB\""), "\"200 GB\" (204800 MiB)", "nearest valid values are 122880 MiB (cpu 16384 or 32768) and 249856 MiB (cpu 32768)");
        FiresAt(Id, Task(cpu: null, memory: "[|\"300 GB\""), "\"300 GB\" (307200 MiB)", "nearest valid value is 249856 MiB (cpu 32768)");
    }

    [Fact]
    public void Bare_container_list_is_silent()
    {
        Silent(Id, "[\n  { \"name\": \"app\", \"image\": \"busybox:1.36\", \"essential\": true, \"memory\": 100 }\n]\n");
    }
}
