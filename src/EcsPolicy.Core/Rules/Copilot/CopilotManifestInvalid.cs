using EcsPolicy.Model;

namespace EcsPolicy.Rules.Copilot;

/// <summary>
/// ECS8001: a Copilot manifest that Copilot itself rejects (an unknown workload type). Raised by the Copilot loader,
/// which sees the manifest; there is nothing to check on the model.
/// </summary>
public sealed class CopilotManifestInvalid : Rule
{
    public override string Id => "ECS8001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
    }
}
