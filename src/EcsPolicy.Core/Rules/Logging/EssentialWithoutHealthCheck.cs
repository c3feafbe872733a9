using EcsPolicy.Model;
using EcsPolicy.Rules.Hardening;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5007: an essential container (omitted <c>essential</c> means true) without a container health check. ECS then
/// only notices that the container exited, not that it hangs. Silent when essential or healthCheck is not statically known.
/// </summary>
public sealed class EssentialWithoutHealthCheck : Rule
{
    public override string Id => "ECS5007";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (container, label) in HardeningPlatform.JudgedContainers(context))
        {
            if (!container.Essential.Is(true) || container.StateOf("healthCheck") != ValueState.Absent)
            {
                continue;
            }

            // The example is the health check's command, in the shape each input writes it: an object in a task
            // definition or template, the manifest key in Copilot, an initializer in CDK C#.
            var healthCheck = PropRef.Of(container, "healthCheck");
            context.Report(
                container,
                FindingText.Of($"{label} is essential but has no {healthCheck}, so ECS only notices when it exits, not when it "
                + $"stops responding: add {new WithArticle(healthCheck)}, e.g. {Example(container)}."));
        }
    }

    // Spelled when rendered: the Copilot and CDK forms look up paths that a task-definition file never needs.
    private static ByVocabulary Example(ContainerDefinition container) => new(vocabulary => Example(container, vocabulary));

    private static FindingText Example(ContainerDefinition container, Vocabulary vocabulary)
    {
        const string Curl = "\"curl -f http://localhost/health || exit 1\"";
        switch (vocabulary)
        {
            case Vocabulary.CloudFormationJson:
                return "{ \"Command\": [\"CMD-SHELL\", " + Curl + "] }";
            case Vocabulary.CloudFormationYaml:
                return "{Command: [CMD-SHELL, " + Curl + "]}";
            case Vocabulary.Copilot:
                var command = PropRef.Path(container, "healthCheck", "command");
                return Vocabularies.CopilotNames.NestedKey(command) is null
                    ? "taskdef_overrides: [{path: " + Vocabularies.CopilotNames.OverridePath(command.Outer) + ".Command, value: [\"CMD-SHELL\", " + Curl + "]}]"
                    : FindingText.Of($"{command}: [\"CMD-SHELL\", {Curl}]");
            case Vocabulary.CdkCSharp:
                var type = Vocabularies.CdkNames.IsLevel1(PropRef.Path(container, "healthCheck", "command")) ? "CfnTaskDefinition.HealthCheckProperty" : "HealthCheck";
                return "HealthCheck = new " + type + " { Command = new[] { \"CMD-SHELL\", " + Curl + " } }";
            default:
                return "{ \"command\": [\"CMD-SHELL\", " + Curl + "] }";
        }
    }
}
