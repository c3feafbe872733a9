using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>
/// ECS2011: a mount point names a volume the task does not define, or volumesFrom, links or the proxy
/// configuration name a container the task does not have.
/// </summary>
public sealed class UnknownReference : Rule
{
    public override string Id => "ECS2011";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var index = ContainerIndex.Of(context);
        var volumes = VolumeNames(task);

        // The same for every mount of a volume the task lacks: made once, not once per mount.
        string? known = null;
        foreach (var container in index.Containers)
        {
            var who = ContainerIndex.Describe(container);
            if (volumes != null)
            {
                foreach (var mount in container.MountPoints)
                {
                    var source = mount.SourceVolume;
                    if (ContainerIndex.IsName(source) && !volumes.Contains(source.Value))
                    {
                        known ??= volumes.Count == 0 ? "the task defines no volumes" : "the task's volumes are " + ContainerIndex.JoinSome(volumes.Select(v => "'" + ContainerIndex.Cut(v) + "'").ToList(), ", ");
                        context.Report(
                            source,
                            $"Container {who} mounts {PropRef.Of(mount, "sourceVolume")} '{ContainerIndex.Cut(source.Value)}', but {known}. Add a volume named '{ContainerIndex.Cut(source.Value)}' to the task's {PropRef.Of(task, "volumes")}, or fix the name.");
                    }
                }
            }

            foreach (var from in container.VolumesFrom)
            {
                var source = from.SourceContainer;
                if (!ContainerIndex.IsName(source))
                {
                    continue;
                }

                if (container.Name.Is(source.Value))
                {
                    context.Report(source, $"Container {who} takes volumes from itself. {new PropRef(container.ShapeName, "volumesFrom", container.Node, source.Node, ["sourceContainer"])} must name another container of the task definition.");
                }
                else if (index.IsKnownMissing(source.Value))
                {
                    context.Report(source, $"Container {who} takes volumes from '{ContainerIndex.Cut(source.Value)}', but no container in this task definition has that name{Hint(index, source.Value)}. Fix {PropRef.Of(from, "sourceContainer")}.");
                }
            }

            foreach (var link in container.Links)
            {
                if (!link.IsKnown)
                {
                    continue;
                }

                var colon = link.Value.IndexOf(':');
                var target = colon >= 0 ? link.Value.Substring(0, colon) : link.Value;
                if (target.Length > 0 && index.IsKnownMissing(target))
                {
                    context.Report(link, $"Container {who} links to '{ContainerIndex.Cut(target)}', but no container in this task definition has that name{Hint(index, target)}. Fix the link (format name:alias) or remove it.");
                }
            }
        }

        var proxyName = task.ProxyConfiguration?.ContainerName;
        if (proxyName is { } proxy && ContainerIndex.IsName(proxy) && index.IsKnownMissing(proxy.Value))
        {
            context.Report(proxy, $"{PropRef.Of(task, "proxyConfiguration")} names container '{ContainerIndex.Cut(proxy.Value)}', but no container in this task definition has that name{Hint(index, proxy.Value)}. Set {PropRef.Of(task.ProxyConfiguration!, "containerName")} to the proxy (for example Envoy) container's name.");
        }
    }

    /// <summary>The task's volume names, or null when they cannot all be known.</summary>
    private static HashSet<string>? VolumeNames(TaskDefinition task)
    {
        var volumes = task.Volumes;
        if (volumes.State == ValueState.Unknown || !volumes.IsComplete)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var volume in volumes)
        {
            var name = volume.Name;
            if (name.IsUnknown)
            {
                return null;
            }

            if (name.IsKnown)
            {
                names.Add(name.Value);
            }
        }

        return names;
    }

    private static string Hint(ContainerIndex index, string name) =>
        index.CaseInsensitiveMatch(name) is { } match ? $" (did you mean '{ContainerIndex.Cut(match)}'? names are case-sensitive)" : "";
}
