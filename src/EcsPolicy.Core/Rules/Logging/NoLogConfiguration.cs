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

            context.Report(
                container,
                label + " has no logConfiguration, so its output is not collected centrally: add one, "
                + "e.g. \"logDriver\": \"awslogs\" with awslogs-group, awslogs-region and awslogs-stream-prefix.");
        }
    }
}
