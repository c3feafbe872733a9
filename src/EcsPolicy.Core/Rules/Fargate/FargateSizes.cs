using System.Globalization;

namespace EcsPolicy.Rules.Fargate;

/// <summary>One row of the Fargate task size table: a task cpu value and the task memory values it allows.</summary>
internal sealed class FargateSize
{
    private readonly HashSet<long> _memory;

    private FargateSize(long cpu, string vCpu, long[] memory, long step, bool windows)
    {
        Cpu = cpu;
        VCpu = vCpu;
        Memory = memory;
        Step = step;
        Windows = windows;
        _memory = [.. memory];
    }

    /// <summary>Task cpu in CPU units.</summary>
    public long Cpu { get; }

    /// <summary>The same cpu in the vCPU form the docs use (<c>.25</c>, <c>1</c>, ...).</summary>
    public string VCpu { get; }

    /// <summary>The valid task memory values in MiB, ascending.</summary>
    public IReadOnlyList<long> Memory { get; }

    /// <summary>The increment between memory values, or 0 when the values are listed one by one.</summary>
    public long Step { get; }

    /// <summary>Whether Windows containers on Fargate may use this row.</summary>
    public bool Windows { get; }

    public bool Allows(long memoryMiB) => _memory.Contains(memoryMiB);

    /// <summary>The valid memory values in words: a list when short, else a range with its step.</summary>
    public string DescribeMemory()
    {
        if (Step == 0 || Memory.Count <= 7)
        {
            return Labels.JoinOr(Memory.Select(m => m.ToString(CultureInfo.InvariantCulture))) + " MiB";
        }

        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} to {1} MiB in steps of {2} MiB ({3} GB to {4} GB in {5} GB steps)",
            Memory[0],
            Memory[Memory.Count - 1],
            Step,
            Memory[0] / 1024,
            Memory[Memory.Count - 1] / 1024,
            Step / 1024);
    }

    internal static FargateSize Listed(long cpu, string vCpu, bool windows, params long[] memory) => new(cpu, vCpu, memory, 0, windows);

    internal static FargateSize Range(long cpu, string vCpu, bool windows, long min, long max, long step)
    {
        var memory = new List<long>();
        for (var m = min; m <= max; m += step)
        {
            memory.Add(m);
        }

        return new FargateSize(cpu, vCpu, [.. memory], step, windows);
    }
}

/// <summary>
/// The Fargate task cpu/memory table (ecs-facts §1.1 and §1.2; the same ranges as cfn-lint E3047, 32 vCPU included
/// since cfn-lint 4668). The single place the sizes are written down; rules/ECS1001.yaml names the sources.
/// </summary>
internal static class FargateSizes
{
    /// <summary>Every row, by ascending cpu. Windows containers may use the 1024, 2048 and 4096 rows only.</summary>
    public static readonly IReadOnlyList<FargateSize> All =
    [
        FargateSize.Listed(256, ".25", false, 512, 1024, 2048),
        FargateSize.Range(512, ".5", false, 1024, 4096, 1024),
        FargateSize.Range(1024, "1", true, 2048, 8192, 1024),
        FargateSize.Range(2048, "2", true, 4096, 16384, 1024),
        FargateSize.Range(4096, "4", true, 8192, 30720, 1024),
        FargateSize.Range(8192, "8", false, 16384, 61440, 4096),
        FargateSize.Range(16384, "16", false, 32768, 122880, 8192),
        FargateSize.Listed(32768, "32", false, 61440, 122880, 249856),
    ];

    /// <summary>The smallest task cpu Windows containers may use on Fargate.</summary>
    public const long WindowsMinimumCpu = 1024;

    /// <summary>The rows a task may use: all of them, or the Windows rows for Windows containers.</summary>
    public static IEnumerable<FargateSize> Rows(bool windows) => windows ? All.Where(r => r.Windows) : All;

    /// <summary>The row for <paramref name="cpu"/>, or null when Fargate has no such size (for that OS).</summary>
    public static FargateSize? Find(long cpu, bool windows) => Rows(windows).FirstOrDefault(r => r.Cpu == cpu);

    /// <summary>The rows that allow <paramref name="memoryMiB"/>.</summary>
    public static IReadOnlyList<FargateSize> RowsAllowing(long memoryMiB, bool windows) => [.. Rows(windows).Where(r => r.Allows(memoryMiB))];

    /// <summary>A cpu value as the docs write it: <c>1024 (1 vCPU)</c>.</summary>
    public static string DescribeCpu(long cpu)
    {
        var row = All.FirstOrDefault(r => r.Cpu == cpu);
        return row is null
            ? cpu.ToString(CultureInfo.InvariantCulture)
            : string.Format(CultureInfo.InvariantCulture, "{0} ({1} vCPU)", cpu, row.VCpu);
    }

    /// <summary>Several cpu values joined: <c>512, 1024 or 2048</c>.</summary>
    public static string JoinCpu(IEnumerable<FargateSize> rows) => Labels.JoinOr(rows.Select(r => r.Cpu.ToString(CultureInfo.InvariantCulture)));
}
