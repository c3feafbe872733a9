using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>ECS1003: a task that requires FARGATE must use the awsvpc network mode.</summary>
public sealed class FargateNetworkMode : Rule
{
    public override string Id => "ECS1003";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.OnFargate)
        {
            return;
        }

        // A differently cased "AWSVPC" is a value the API does not accept; the enum check (ECS0004) reports it.
        var mode = task.NetworkMode;
        if (mode.IsAbsent)
        {
            context.Report(
                mode,
                "Fargate only supports networkMode \"awsvpc\", and this task definition does not set networkMode, so it gets the default mode: add \"networkMode\": \"awsvpc\"." + FargateText.Via(task));
        }
        else if (mode.IsKnown && !string.Equals(mode.Value, "awsvpc", StringComparison.OrdinalIgnoreCase))
        {
            context.Report(mode, "Fargate only supports networkMode \"awsvpc\", not \"" + mode.Value + "\": set \"networkMode\": \"awsvpc\"." + FargateText.Via(task));
        }
    }
}
