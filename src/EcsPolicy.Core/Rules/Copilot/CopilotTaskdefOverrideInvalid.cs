using EcsPolicy.Model;

namespace EcsPolicy.Rules.Copilot;

/// <summary>
/// ECS8002: a Copilot <c>taskdef_overrides</c> rule that Copilot refuses or cannot apply. Raised by the Copilot loader
/// while it applies the rules (see <c>Inputs/Copilot/TaskdefOverrides.cs</c>); there is nothing to check on the model.
/// </summary>
public sealed class CopilotTaskdefOverrideInvalid : Rule
{
    public override string Id => "ECS8002";

    public override void Check(TaskDefinition task, RuleContext context)
    {
    }
}
