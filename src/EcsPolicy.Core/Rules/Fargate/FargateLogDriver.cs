using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>ECS1005: on Fargate a container may only log with awslogs, splunk or awsfirelens.</summary>
public sealed class FargateLogDriver : Rule
{
    /// <summary>
    /// The drivers of the API's LogDriver enum that Fargate does not offer. Values outside the enum (typos, other
    /// case) are for the enum check (ECS0004).
    /// </summary>
    private static readonly HashSet<string> NotOnFargate = new(StringComparer.Ordinal) { "json-file", "syslog", "journald", "gelf", "fluentd" };

    public override string Id => "ECS1005";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.OnFargate)
        {
            return;
        }

        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            var driver = containers[i].LogConfiguration?.LogDriver;
            if (driver is { IsKnown: true } d && NotOnFargate.Contains(d.Value))
            {
                var forward = d.Value is "fluentd" or "gelf" or "syslog"
                    ? " (a FireLens log router can forward to " + d.Value + " destinations)"
                    : "";
                context.Report(
                    d,
                    Labels.Container(containers[i], i) + " uses the log driver \"" + d.Value
                    + "\", which Fargate does not support: use awslogs, splunk or awsfirelens" + forward + "." + FargateText.Via(task));
            }
        }
    }
}
