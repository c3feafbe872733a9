using EcsPolicy.Model;
using EcsPolicy.Rules.Hardening;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5001: a container without a log configuration. Its output then goes wherever the instance's Docker daemon sends
/// it by default (json-file on the instance's disk on EC2), or nowhere readable on Fargate. A log configuration whose
/// driver is missing is a shape problem (ECS0005), and one that is not statically known stays silent.
/// </summary>
public sealed class NoLogConfiguration : Rule
{
    public override string Id => "ECS5001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (container, label) in HardeningPlatform.JudgedContainers(context))
        {
            if (container.StateOf("logConfiguration") != ValueState.Absent)
            {
                continue;
            }

            // The driver is shown as code, never applied: the options it needs (log group, region) are the user's.
            var driver = new ModelEdit(new PropRef("LogConfiguration", "logDriver", null, null), "\"awslogs\"", safe: false);
            context.Report(
                container,
                FindingText.Of($"{label} has no {PropRef.Of(container, "logConfiguration")}, so its output is not collected centrally: add one, "
                + $"e.g. {driver} with awslogs-group, awslogs-region and awslogs-stream-prefix."));
        }
    }
}
