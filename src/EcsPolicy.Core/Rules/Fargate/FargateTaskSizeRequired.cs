using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>ECS1002: a task that requires FARGATE must give task-level cpu and memory.</summary>
public sealed class FargateTaskSizeRequired : Rule
{
    public override string Id => "ECS1002";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.OnFargate)
        {
            return;
        }

        var cpuMissing = IsMissing(task.Cpu);
        var memoryMissing = IsMissing(task.Memory);
        var windows = task.IsWindows;
        var cpuProp = PropRef.Of(task, "cpu");
        var memoryProp = PropRef.Of(task, "memory");

        if (cpuMissing && memoryMissing && task.Cpu.IsAbsent && task.Memory.IsAbsent)
        {
            // The smallest size is an example, not a sizing: unsafe for --fix (the application may need more).
            var smallest = FargateSizes.Rows(windows).First();
            var addCpu = ModelEdit.Set(task, "cpu", "\"" + smallest.Cpu.ToString(CultureInfo.InvariantCulture) + "\"", safe: false);
            var addMemory = ModelEdit.Set(task, "memory", "\"" + smallest.Memory[0].ToString(CultureInfo.InvariantCulture) + "\"", safe: false);
            context.Report(
                task,
                FindingText.Of($"Fargate requires task-level \"{cpuProp}\" and \"{memoryProp}\", and this task definition sets neither: add both at the task level, for example {addCpu} and {addMemory}.") + FargateText.Via(task));
            return;
        }

        if (cpuMissing)
        {
            var memory = task.MemoryMiB;
            var fits = memory.IsKnown ? FargateSizes.RowsAllowing(memory.Value, windows) : [];
            var text = FindingText.Of($"Fargate requires task-level \"{cpuProp}\": add it")
                + (fits.Count > 0
                    ? FindingText.Of($"; with {memoryProp} {FargateText.AsWritten(task.Memory, memory.Value, memory: true)} use {cpuProp} {FargateSizes.JoinCpu(fits)}.")
                    : ", one of " + FargateSizes.JoinCpu(FargateSizes.Rows(windows)) + ".") + FargateText.Via(task);

            // The smallest cpu the memory allows (unsafe: a sizing choice); with no known memory there is none to offer.
            context.Report(task.Cpu, text, fits.Count > 0 && task.Cpu.IsAbsent ? ModelEdit.Set(task, "cpu", "\"" + fits[0].Cpu.ToString(CultureInfo.InvariantCulture) + "\"", safe: false) : null);
        }

        if (memoryMissing)
        {
            var cpu = task.CpuUnits;
            var row = cpu.IsKnown ? FargateSizes.Find(cpu.Value, windows) : null;
            var text = FindingText.Of($"Fargate requires task-level \"{memoryProp}\": add it")
                + (row != null
                    ? FindingText.Of($"; with {cpuProp} {FargateText.AsWritten(task.Cpu, row.Cpu, memory: false)} use {row.DescribeMemory()}.")
                    : ", in MiB (\"2048\") or GB (\"2 GB\") from the Fargate size table.") + FargateText.Via(task);

            // The smallest memory the cpu allows (unsafe: a sizing choice).
            context.Report(task.Memory, text, row != null && task.Memory.IsAbsent ? ModelEdit.Set(task, "memory", "\"" + row.Memory[0].ToString(CultureInfo.InvariantCulture) + "\"", safe: false) : null);
        }
    }

    /// <summary>Not given, or given as an empty string.</summary>
    private static bool IsMissing(Val<string> value) => value.IsAbsent || (value.IsKnown && value.Value.Trim().Length == 0);
}
