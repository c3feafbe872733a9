using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>
/// ECS1001: the task cpu/memory pair must be a row of the Fargate size table (the Windows rows for Windows
/// containers) whenever FARGATE is among the required compatibilities, even together with EC2.
/// </summary>
public sealed class FargateCpuMemoryCombination : Rule
{
    public override string Id => "ECS1001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.OnFargate)
        {
            return;
        }

        var windows = task.IsWindows;
        var cpu = task.CpuUnits;
        var memory = task.MemoryMiB;

        if (cpu.IsKnown)
        {
            var row = FargateSizes.Find(cpu.Value, windows);
            if (row is null)
            {
                context.Report(cpu, CpuMessage(task, cpu.Value, memory, windows) + FargateText.Via(task));
                return;
            }

            if (memory.IsKnown && !row.Allows(memory.Value))
            {
                context.Report(memory, MemoryMessage(task, row, memory.Value, windows) + FargateText.Via(task), NearestMemory(row, memory.Value).ToString(CultureInfo.InvariantCulture));
            }

            return;
        }

        // The cpu is not known (or not given: ECS1002 reports that). A memory value no cpu accepts is still wrong.
        if (memory.IsKnown && FargateSizes.RowsAllowing(memory.Value, windows).Count == 0)
        {
            context.Report(memory, NoRowMessage(task, memory.Value, windows) + FargateText.Via(task));
        }
    }

    /// <summary>
    /// The valid memory of the row closest to <paramref name="memory"/>; on a tie the larger one, so that a task sized
    /// between two values keeps at least the memory it asked for.
    /// </summary>
    internal static long NearestMemory(FargateSize row, long memory) =>
        row.Memory.OrderBy(m => Math.Abs(m - memory)).ThenByDescending(m => m).First();

    private static string NoRowMessage(TaskDefinition task, long memory, bool windows)
    {
        var valid = FargateSizes.Rows(windows).SelectMany(r => r.Memory).Distinct().OrderBy(m => m).ToList();
        var nearest = valid.Where(m => m < memory).Reverse().Take(1).Concat(valid.Where(m => m > memory).Take(1))
            .Select(m => m.ToString(CultureInfo.InvariantCulture) + " MiB (cpu " + FargateSizes.JoinCpu(FargateSizes.RowsAllowing(m, windows)) + ")")
            .ToList();
        return "Fargate has no task size with memory " + FargateText.AsWritten(task.Memory, memory, memory: true)
            + (windows ? " for Windows containers" : "")
            + (nearest.Count == 1 ? ": the nearest valid value is " : ": the nearest valid values are ") + string.Join(" and ", nearest) + ".";
    }

    private static string CpuMessage(TaskDefinition task, long cpu, Val<long> memory, bool windows)
    {
        var written = FargateText.AsWritten(task.Cpu, cpu, memory: false);
        var message = windows
            ? "Fargate has no Windows task size with cpu " + written + ": Windows containers on Fargate use cpu " + FargateSizes.JoinCpu(FargateSizes.Rows(true)) + "."
            : "Fargate has no task size with cpu " + written + ": use cpu " + FargateSizes.JoinCpu(FargateSizes.Rows(false)) + ".";
        if (memory.IsKnown)
        {
            var fits = FargateSizes.RowsAllowing(memory.Value, windows);
            if (fits.Count > 0)
            {
                message += " With memory " + FargateText.AsWritten(task.Memory, memory.Value, memory: true) + ", use cpu " + FargateSizes.JoinCpu(fits) + ".";
            }
        }

        return message;
    }

    private static string MemoryMessage(TaskDefinition task, FargateSize row, long memory, bool windows)
    {
        var memoryText = FargateText.AsWritten(task.Memory, memory, memory: true);
        var message = "Fargate does not support memory " + memoryText + " with cpu " + FargateText.AsWritten(task.Cpu, row.Cpu, memory: false)
            + ": with this cpu use memory " + row.DescribeMemory();
        var fits = FargateSizes.RowsAllowing(memory, windows);
        message += fits.Count > 0
            ? ", or keep this memory and use cpu " + FargateSizes.JoinCpu(fits) + "."
            : "; no Fargate cpu" + (windows ? " for Windows containers" : "") + " accepts " + memory.ToString(CultureInfo.InvariantCulture) + " MiB.";
        return message;
    }
}
