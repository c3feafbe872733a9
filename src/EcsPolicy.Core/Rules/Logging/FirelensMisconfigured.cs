using EcsPolicy.Model;
using EcsPolicy.Rules.Hardening;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5004: a container logs with the awsfirelens driver but no container of the task is a log router (has
/// firelensConfiguration), or more than one container is a log router. "No log router" is only concluded when every
/// container is statically known and none is a fragment without an image (a documentation snippet showing one container).
/// </summary>
public sealed class FirelensMisconfigured : Rule
{
    private const string FirelensConfiguration = "firelensConfiguration";

    public override string Id => "ECS5004";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var containers = task.ContainerDefinitions;
        var routersKnownAbsent = containers.IsComplete;
        string? firstRouter = null;
        SNode? firstRouterNode = null;
        ContainerDefinition? firstRouterContainer = null;

        // Whether every container's log driver is known and none is awsfirelens (the router then serves nobody).
        var noFirelensUser = containers.IsComplete;
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            if (HardeningPlatform.IsFragment(container))
            {
                // A container without an image: the document is a fragment, not the whole task.
                routersKnownAbsent = false;
                noFirelensUser = false;
            }

            var logState = container.StateOf("logConfiguration");
            if (logState == ValueState.Unknown
                || (logState == ValueState.Known && (container.LogConfiguration is not { } log || !log.LogDriver.IsKnown || log.LogDriver.Is(LogOptions.Awsfirelens))))
            {
                noFirelensUser = false;
            }

            var state = container.StateOf(FirelensConfiguration);
            if (state == ValueState.Unknown)
            {
                routersKnownAbsent = false;
            }
            else if (state == ValueState.Known)
            {
                routersKnownAbsent = false;
                var label = Labels.Container(container, i);
                if (firstRouter is null)
                {
                    firstRouter = label;
                    firstRouterNode = container.Member(FirelensConfiguration);
                    firstRouterContainer = container;
                }
                else
                {
                    var node = container.Member(FirelensConfiguration)!;
                    // No AWS source says a second router is rejected; it is a configuration that does not work
                    // as written, so at most a warning.
                    context.ReportAtMost(
                        node.NameLocation,
                        node.Path,
                        Severity.Warning,
                        FindingText.Of($"{label} has {PropRef.Of(container, FirelensConfiguration)}, but {Lower(firstRouter)} is already the task's FireLens log router and a task ")
                        + FindingText.Of($"can have only one: remove {PropRef.Of(container, FirelensConfiguration)} from one of them."));
                }
            }
        }

        // Only when the task has a container besides its routers: a document with the router alone is an excerpt of
        // the documentation's kind (or the generated template of every parameter), not a task whose logs go elsewhere.
        var routers = containers.Count(c => c.StateOf(FirelensConfiguration) == ValueState.Known);
        if (noFirelensUser && firstRouterNode is not null && firstRouterContainer is not null && containers.Count > routers)
        {
            // RegisterTaskDefinition: "When a firelensConfiguration object is specified, at least one container has to
            // be configured with the awsfirelens log driver."
            context.Report(
                firstRouterNode.NameLocation,
                firstRouterNode.Path,
                FindingText.Of($"{firstRouter} has {PropRef.Of(firstRouterContainer, FirelensConfiguration)}, but no container of the task uses the awsfirelens log driver, and ECS does not ")
                + FindingText.Of($"register a log router that serves nobody: set {UseFirelens} on the containers whose logs it should route, or remove {PropRef.Of(firstRouterContainer, FirelensConfiguration)}."));
        }

        if (!routersKnownAbsent)
        {
            return;
        }

        foreach (var (container, log, label) in LogOptions.ContainersWithDriver(task, LogOptions.Awsfirelens))
        {
            context.Report(
                log.LogDriver,
                FindingText.Of($"{label} uses the awsfirelens log driver, but no container of the task has ")
                + FindingText.Of($"{PropRef.Of(container, FirelensConfiguration)}, so there is no log router to receive its logs: add a log router container (e.g. ")
                + FindingText.Of($"aws-for-fluent-bit with {Router(container)})."));
        }
    }

    /// <summary>The log driver the routed containers need, shown as code (it is an edit of other containers, not this finding's fix).</summary>
    private static ByVocabulary UseFirelens =>
        ByVocabulary.Code(new ModelEdit(new PropRef("LogConfiguration", "logDriver", null, null), "\"awsfirelens\"", safe: false));

    /// <summary>A FireLens router's configuration as each input writes it (Copilot adds the router itself for a logging section).</summary>
    private static ByVocabulary Router(ContainerDefinition container) =>
        new(
            "\"firelensConfiguration\": { \"type\": \"fluentbit\" }",
            cloudFormationJson: "\"FirelensConfiguration\": { \"Type\": \"fluentbit\" }",
            cloudFormationYaml: "FirelensConfiguration: {Type: fluentbit}",
            copilot: "the manifest's logging section (Copilot then adds the router)",
            cdk: Vocabularies.CdkNames.IsLevel1(PropRef.Of(container, FirelensConfiguration))
                ? "FirelensConfiguration = new CfnTaskDefinition.FirelensConfigurationProperty { Type = \"fluentbit\" }"
                : "FirelensConfig = new FirelensConfig { Type = FirelensLogRouterType.FLUENTBIT }");

    private static string Lower(string label) => "c" + label.Substring(1);
}
