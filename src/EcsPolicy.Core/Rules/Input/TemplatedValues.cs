using EcsPolicy.Model;

namespace EcsPolicy.Rules.Input;

/// <summary>
/// ECS0010: raised by the task-definition loader when values are template placeholders a deploy step fills in (see
/// <see cref="TemplatePlaceholders"/>); they are unknown in the model, so there is nothing more to check here.
/// </summary>
public sealed class TemplatedValues : Rule
{
    public override string Id => "ECS0010";

    public override void Check(TaskDefinition task, RuleContext context)
    {
    }
}
