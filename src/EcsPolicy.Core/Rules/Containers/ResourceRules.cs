using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2007: no task-level memory, and a container sets neither memory nor memoryReservation.</summary>
public sealed class ContainerMemoryNotSet : Rule
{
    public override string Id => "ECS2007";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        // Only when the task memory is known to be absent: unknown (a parameter, a bare container list) stays silent.
        if (!task.Memory.IsAbsent)
        {
            return;
        }

        foreach (var container in task.ContainerDefinitions)
        {
            // A container without a name is an excerpt (the shape rules report the missing name); one whose name a deploy
            // step fills in (unknown) is a real container, whose memory is still written here.
            if ((ContainerIndex.IsName(container.Name) || container.Name.State == ValueState.Unknown) && IsUnset(container.Memory) && IsUnset(container.MemoryReservation))
            {
                var memory = PropRef.Of(container, "memory");
                var reservation = PropRef.Of(container, "memoryReservation");
                context.Report(
                    container,
                    FindingText.Of($"Container {ContainerIndex.Describe(container)} sets neither {memory} nor {reservation}, and the task has no task-level memory. "
                    + $"Set {memory} or {reservation} (MiB) on the container, or set the task's {PropRef.Of(task, "memory")}."));
            }
        }
    }

    private static bool IsUnset(Val<long> value) => value.IsAbsent || (value.IsKnown && value.Value == 0);
}

/// <summary>ECS2008: a container's memory, or the sum of memoryReservation or cpu, is above the task's memory or cpu.</summary>
public sealed class ContainersExceedTaskResources : Rule
{
    public override string Id => "ECS2008";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var containers = task.ContainerDefinitions;
        var taskMemory = task.MemoryMiB;
        if (taskMemory.IsKnown)
        {
            foreach (var container in containers)
            {
                var memory = container.Memory;
                if (memory.IsKnown && memory.Value > taskMemory.Value)
                {
                    context.Report(
                        memory,
                        FindingText.Of($"Container {ContainerIndex.Describe(container)} sets {PropRef.Of(container, "memory")} {Mib(memory.Value)}, more than the task's {PropRef.Of(task, "memory")} ({Mib(taskMemory.Value)}). "
                        + $"Lower the container's {PropRef.Of(container, "memory")} or raise the task's {PropRef.Of(task, "memory")}."));
                }
            }

            CheckSum(task, c => c.MemoryReservation, taskMemory.Value, "memoryReservation", "memory", Mib, context);
        }

        var taskCpu = task.CpuUnits;
        if (taskCpu.IsKnown)
        {
            CheckSum(task, c => c.Cpu, taskCpu.Value, "cpu", "cpu", Units, context);
        }
    }

    /// <summary>
    /// Reports at the value where the running sum first goes above the task's value. Needs every container and
    /// every value known (absent counts as 0): an unknown one could change the sum.
    /// </summary>
    private static void CheckSum(
        TaskDefinition task,
        Func<ContainerDefinition, Val<long>> select,
        long limit,
        string member,
        string taskMember,
        Func<long, string> format,
        RuleContext context)
    {
        var containers = task.ContainerDefinitions;
        if (!containers.IsComplete)
        {
            return;
        }

        long total = 0;
        Val<long>? crossing = null;
        ContainerDefinition? crosser = null;
        var parts = new List<string>();
        foreach (var container in containers)
        {
            var value = select(container);
            if (value.IsUnknown)
            {
                return;
            }

            if (!value.IsKnown || value.Value <= 0)
            {
                continue;
            }

            total += value.Value;
            parts.Add(ContainerIndex.Describe(container) + " " + value.Value.ToString(CultureInfo.InvariantCulture));
            if (crossing is null && total > limit)
            {
                crossing = value;
                crosser = container;
            }
        }

        if (crossing is { } at && crosser is not null)
        {
            var own = PropRef.Of(crosser, member);
            var whole = PropRef.Of(task, taskMember);
            var message = parts.Count == 1
                ? FindingText.Of($"Container {parts[0].Substring(0, parts[0].LastIndexOf(' '))} sets {own} {format(total)}, more than the task's {whole} ({format(limit)}). ")
                : FindingText.Of($"The containers' {own} values add up to {format(total)} ({ContainerIndex.JoinSome(parts, " + ")}), more than the task's {whole} ({format(limit)}). ");
            context.Report(at, message + FindingText.Of($"Lower the containers' {own} or raise the task's {whole}."));
        }
    }

    private static string Mib(long value) => value.ToString(CultureInfo.InvariantCulture) + " MiB";

    private static string Units(long value) => value.ToString(CultureInfo.InvariantCulture) + " CPU units";
}

/// <summary>ECS2009: memoryReservation is above the container's memory hard limit.</summary>
public sealed class MemoryReservationNotBelowMemory : Rule
{
    public override string Id => "ECS2009";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            var memory = container.Memory;
            var reservation = container.MemoryReservation;

            // Equal values are not reported: AWS documents "greater than", but equality is reported to be accepted.
            if (memory.IsKnown && reservation.IsKnown && memory.Value > 0 && reservation.Value > memory.Value)
            {
                var soft = PropRef.Of(container, "memoryReservation");
                var hard = PropRef.Of(container, "memory");
                context.Report(
                    reservation,
                    FindingText.Of($"Container {ContainerIndex.Describe(container)} reserves {reservation.Value.ToString(CultureInfo.InvariantCulture)} MiB ({soft}), more than its hard limit of {memory.Value.ToString(CultureInfo.InvariantCulture)} MiB ({hard}). "
                    + $"{soft} is the soft limit and must be below {hard}: lower {soft} or raise {hard}."));
            }
        }
    }
}
