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
                // Unsafe: the task gets another cpu than the one asked for (more or less compute, another price).
                context.Report(
                    cpu,
                    CpuMessage(task, cpu.Value, memory, windows) + FargateText.Via(task),
                    NearestCpu(cpu.Value, memory, windows) is { } fit ? ModelEdit.Set(task, "cpu", "\"" + fit.ToString(CultureInfo.InvariantCulture) + "\"", safe: false) : null);
                return;
            }

            if (memory.IsKnown && !row.Allows(memory.Value))
            {
                var nearest = NearestMemory(row, memory.Value).ToString(CultureInfo.InvariantCulture);
                context.Report(memory, MemoryMessage(task, row, memory.Value, windows) + FargateText.Via(task), ModelEdit.Set(task, "memory", "\"" + nearest + "\""));
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

    /// <summary>
    /// The Fargate cpu that accepts the task's known memory and is closest to the cpu written (on a tie the larger), or
    /// null when the memory is not known or no cpu accepts it: without the memory there is no one right cpu to offer.
    /// </summary>
    internal static long? NearestCpu(long cpu, Val<long> memory, bool windows) =>
        memory.IsKnown && FargateSizes.RowsAllowing(memory.Value, windows) is { Count: > 0 } fits
            ? fits.Select(r => r.Cpu).OrderBy(c => Math.Abs(c - cpu)).ThenByDescending(c => c).First()
            : null;

    private static FindingText NoRowMessage(TaskDefinition task, long memory, bool windows)
    {
        var valid = FargateSizes.Rows(windows).SelectMany(r => r.Memory).Distinct().OrderBy(m => m).ToList();
        var nearest = valid.Where(m => m < memory).Reverse().Take(1).Concat(valid.Where(m => m > memory).Take(1))
            .Select(m => FindingText.Of($"{m} MiB ({Cpu(task)} {FargateSizes.JoinCpu(FargateSizes.RowsAllowing(m, windows))})"))
            .ToList();
        var text = FindingText.Of($"Fargate has no task size with {Memory(task)} {FargateText.AsWritten(task.Memory, memory, memory: true)}{(windows ? " for Windows containers" : "")}{(nearest.Count == 1 ? ": the nearest valid value is " : ": the nearest valid values are ")}");
        for (var i = 0; i < nearest.Count; i++)
        {
            text += (i > 0 ? " and " : "") + nearest[i];
        }

        return text + ".";
    }

    private static FindingText CpuMessage(TaskDefinition task, long cpu, Val<long> memory, bool windows)
    {
        var written = FargateText.AsWritten(task.Cpu, cpu, memory: false);
        var message = windows
            ? FindingText.Of($"Fargate has no Windows task size with {Cpu(task)} {written}: Windows containers on Fargate use {Cpu(task)} {FargateSizes.JoinCpu(FargateSizes.Rows(true))}.")
            : FindingText.Of($"Fargate has no task size with {Cpu(task)} {written}: use {Cpu(task)} {FargateSizes.JoinCpu(FargateSizes.Rows(false))}.");
        if (memory.IsKnown)
        {
            var fits = FargateSizes.RowsAllowing(memory.Value, windows);
            if (fits.Count > 0)
            {
                message += FindingText.Of($" With {Memory(task)} {FargateText.AsWritten(task.Memory, memory.Value, memory: true)}, use {Cpu(task)} {FargateSizes.JoinCpu(fits)}.");
            }
        }

        return message;
    }

    private static FindingText MemoryMessage(TaskDefinition task, FargateSize row, long memory, bool windows)
    {
        var memoryText = FargateText.AsWritten(task.Memory, memory, memory: true);
        var message = FindingText.Of($"Fargate does not support {Memory(task)} {memoryText} with {Cpu(task)} {FargateText.AsWritten(task.Cpu, row.Cpu, memory: false)}: with this {Cpu(task)} use {Memory(task)} {row.DescribeMemory()}");
        var fits = FargateSizes.RowsAllowing(memory, windows);
        message += fits.Count > 0
            ? FindingText.Of($", or keep this {Memory(task)} and use {Cpu(task)} {FargateSizes.JoinCpu(fits)}.")
            : FindingText.Of($"; no Fargate {Cpu(task)}{(windows ? " for Windows containers" : "")} accepts {memory} MiB.");
        return message;
    }

    private static PropRef Cpu(TaskDefinition task) => PropRef.Of(task, "cpu");

    private static PropRef Memory(TaskDefinition task) => PropRef.Of(task, "memory");
}
