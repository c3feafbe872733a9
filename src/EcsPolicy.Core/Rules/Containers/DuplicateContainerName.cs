using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2002: two containers share a name.</summary>
public sealed class DuplicateContainerName : Rule
{
    public override string Id => "ECS2002";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var position = 0;
        foreach (var container in task.ContainerDefinitions)
        {
            position++;
            var name = container.Name;
            if (!ContainerIndex.IsName(name))
            {
                continue;
            }

            if (seen.TryGetValue(name.Value, out var first))
            {
                context.Report(
                    name,
                    $"Container name '{name.Value}' is already used by container #{first.ToString(System.Globalization.CultureInfo.InvariantCulture)}. Give each container in the task definition a unique name.");
            }
            else
            {
                seen.Add(name.Value, position);
            }
        }
    }
}
