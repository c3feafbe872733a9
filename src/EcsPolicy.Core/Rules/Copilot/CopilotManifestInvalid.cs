using EcsPolicy.Model;

namespace EcsPolicy.Rules.Copilot;

/// <summary>
/// ECS8001: a Copilot manifest that Copilot itself rejects. Raised by the Copilot loader (an unknown workload type, and
/// the checks of <c>Inputs/Copilot/ManifestValidator.cs</c>), which sees the manifest; there is nothing to check on the model.
/// </summary>
public sealed class CopilotManifestInvalid : Rule
{
    public override string Id => "ECS8001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
    }
}
