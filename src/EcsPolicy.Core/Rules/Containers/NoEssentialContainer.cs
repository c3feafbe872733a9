using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2001: every container is explicitly non-essential (an omitted <c>essential</c> means true).</summary>
public sealed class NoEssentialContainer : Rule
{
    public override string Id => "ECS2001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var containers = task.ContainerDefinitions;
        if (!containers.IsComplete || containers.Count == 0)
        {
            return;
        }

        foreach (var container in containers)
        {
            var essential = container.Essential;
            if (!essential.IsExplicit || essential.Value)
            {
                return;
            }
        }

        var names = ContainerIndex.JoinSome(containers.Select(ContainerIndex.Describe).ToList(), ", ");
        // The fix is safe for a single container; with several, which one is the main container is the user's choice.
        var isFalse = ModelEdit.Set(containers[0], "essential", "false");
        var fix = ModelEdit.Set(containers[0], "essential", "true", safe: containers.Count == 1);
        var message = containers.Count == 1
            ? FindingText.Of($"The only container, {names}, is marked {isFalse}, but a task needs at least one essential container. Set {fix} (or remove the property, which defaults to true).")
            : FindingText.Of($"Every container ({names}) is marked {isFalse}, but a task needs at least one essential container. Set {fix} on the main container (or remove the property, which defaults to true).");
        context.Report(containers[0].Essential, message, fix);
    }
}
