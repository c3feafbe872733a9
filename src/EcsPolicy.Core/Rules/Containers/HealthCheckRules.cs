using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2012: health check interval, timeout, retries or startPeriod out of range, or a timeout above the interval.</summary>
public sealed class HealthCheckInvalid : Rule
{
    private const long DefaultInterval = 30;
    private const long DefaultTimeout = 5;

    public override string Id => "ECS2012";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            var check = container.HealthCheck;
            if (check is null)
            {
                continue;
            }

            var who = ContainerIndex.Describe(container);
            var intervalOk = InRange(check, check.Interval, "interval", 5, 300, "seconds", who, context);
            var timeoutOk = InRange(check, check.Timeout, "timeout", 2, 60, "seconds", who, context);
            InRange(check, check.Retries, "retries", 1, 10, "retries", who, context);
            InRange(check, check.StartPeriod, "startPeriod", 0, 300, "seconds", who, context);

            if (!intervalOk || !timeoutOk || check.Interval.IsUnknown || check.Timeout.IsUnknown || (check.Interval.IsAbsent && check.Timeout.IsAbsent))
            {
                continue;
            }

            var interval = check.Interval.IsKnown ? check.Interval.Value : DefaultInterval;
            var timeout = check.Timeout.IsKnown ? check.Timeout.Value : DefaultTimeout;

            // Only a timeout strictly above the interval is reported (see the rule's metadata).
            if (timeout > interval)
            {
                var intervalText = interval.ToString(CultureInfo.InvariantCulture) + (check.Interval.IsAbsent ? " s, the default" : " s");
                var timeoutText = timeout.ToString(CultureInfo.InvariantCulture) + (check.Timeout.IsAbsent ? " s, the default" : " s");
                // The ranges are API limits (an error); a timeout above the interval is accepted by the API and only
                // makes the check behave other than written, so it is at most a warning.
                context.ReportAtMost(
                    check.Timeout.IsKnown ? check.Timeout : check.Interval,
                    Severity.Warning,
                    $"Container {who} has a health check {PropRef.Of(check, "timeout")} ({timeoutText}) longer than its {PropRef.Of(check, "interval")} ({intervalText}). Make the {PropRef.Of(check, "timeout")} shorter than the {PropRef.Of(check, "interval")}.");
            }
        }
    }

    private static bool InRange(HealthCheck check, Val<long> value, string member, long min, long max, string unit, string who, RuleContext context)
    {
        if (!value.IsKnown || (value.Value >= min && value.Value <= max))
        {
            return true;
        }

        context.Report(
            value,
            $"Container {who} has health check {PropRef.Of(check, member)} {value.Value.ToString(CultureInfo.InvariantCulture)}; it must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} {unit}. Set a value in that range.");
        return false;
    }
}

/// <summary>ECS2016: the health check command does not start with CMD or CMD-SHELL, or starts with it twice.</summary>
public sealed class HealthCheckCommandPrefix : Rule
{
    public override string Id => "ECS2016";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            var command = container.HealthCheck?.Command;
            if (command is null || command.State != ValueState.Known || command.Count == 0 || command[0].Node?.Index != 0)
            {
                continue;
            }

            var first = command[0];
            if (first.IsKnown && first.Value is "CMD" or "CMD-SHELL" && command.Count > 1 && command[1] is { IsKnown: true } second
                && (second.Value.StartsWith("CMD-SHELL ", StringComparison.Ordinal) || second.Value.StartsWith("CMD ", StringComparison.Ordinal) || second.Value is "CMD" or "CMD-SHELL"))
            {
                // ["CMD-SHELL", "CMD-SHELL curl ..."]: the prefix written twice (AWS CDK adds CMD-SHELL in front of a
                // command that does not start with it, so ["CMD-SHELL curl ..."] in CDK code renders this way).
                context.Report(
                    second,
                    $"The health check of container {ContainerIndex.Describe(container)} runs \"{second.Value.Split(' ')[0]}\" as a program after {first.Value}: the prefix is written twice, so the check always fails. "
                    + "Keep one: [\"CMD-SHELL\", \"<command line>\"] (in AWS CDK, HealthCheck.Command = [\"CMD-SHELL\", \"<command line>\"] or just [\"<command line>\"]).");
                continue;
            }

            if (!first.IsKnown || first.Value.Length == 0 || first.Value is "CMD" or "CMD-SHELL" or "NONE")
            {
                continue;
            }

            var suggestion = command.Count == 1 ? "[\"CMD-SHELL\", \"<your command>\"]" : "[\"CMD\", ...] or [\"CMD-SHELL\", \"<command line>\"]";
            context.Report(
                first,
                $"The health check command of container {ContainerIndex.Describe(container)} does not start with \"CMD\" or \"CMD-SHELL\". "
                + $"The API requires one of them first; write the command as {suggestion}.");
        }
    }
}
