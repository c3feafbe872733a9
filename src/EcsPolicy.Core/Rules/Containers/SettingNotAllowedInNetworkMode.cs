using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>ECS2013: links outside bridge mode; hostname or extraHosts with awsvpc.</summary>
public sealed class SettingNotAllowedInNetworkMode : Rule
{
    public override string Id => "ECS2013";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var modeVal = task.NetworkModeOrDefault;
        if (!modeVal.IsKnown)
        {
            return;
        }

        var mode = modeVal.Value;
        var networkMode = PropRef.Of(task, "networkMode");
        foreach (var container in task.ContainerDefinitions)
        {
            var who = ContainerIndex.Describe(container);
            var links = container.Links;
            if (mode != "bridge" && links.State == ValueState.Known && (links.Count > 0 || links.UnknownItems > 0))
            {
                context.Report(
                    links,
                    FindingText.Of($"Container {who} uses {PropRef.Of(container, "links")}, which work only with {networkMode} \"bridge\" (this task uses \"{mode}\"). ")
                    + (mode is "awsvpc" or "host"
                        ? FindingText.Of($"Remove {PropRef.Of(container, "links")}: containers of the task reach each other on localhost.")
                        : FindingText.Of($"Remove {PropRef.Of(container, "links")}, or use {networkMode} \"bridge\".")));
            }

            if (mode != "awsvpc")
            {
                continue;
            }

            var hostname = container.Hostname;
            if (!hostname.IsAbsent)
            {
                context.Report(
                    hostname,
                    $"Container {who} sets {PropRef.Of(container, "hostname")}, which is not supported with {networkMode} \"awsvpc\". Remove {PropRef.Of(container, "hostname")}: the task gets the hostname of its network interface.");
            }

            var extraHosts = container.ExtraHosts;
            if (extraHosts.State == ValueState.Known && (extraHosts.Count > 0 || extraHosts.UnknownItems > 0))
            {
                context.Report(
                    extraHosts,
                    $"Container {who} sets {PropRef.Of(container, "extraHosts")}, which is not supported with {networkMode} \"awsvpc\". Remove {PropRef.Of(container, "extraHosts")} and resolve the names through DNS (for example a Route 53 private zone or Cloud Map).");
            }
        }
    }
}
