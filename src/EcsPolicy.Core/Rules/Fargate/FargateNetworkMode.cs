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
        var prop = PropRef.Of(task, "networkMode");
        var fix = ModelEdit.Set(task, "networkMode", "\"awsvpc\"");
        if (mode.IsAbsent)
        {
            context.Report(mode, FindingText.Of($"Fargate only supports {prop} \"awsvpc\", and this task definition does not set {prop}, so it gets the default mode: add {fix}.") + FargateText.Via(task));
        }
        else if (mode.IsKnown && !string.Equals(mode.Value, "awsvpc", StringComparison.OrdinalIgnoreCase))
        {
            context.Report(mode, FindingText.Of($"Fargate only supports {prop} \"awsvpc\", not \"{mode.Value}\": set {fix}.") + FargateText.Via(task));
        }
    }
}
