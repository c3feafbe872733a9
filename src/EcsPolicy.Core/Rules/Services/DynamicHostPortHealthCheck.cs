using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>
/// ECS7005: a load balancer entry registers a container port whose host port is dynamic, but the target group checks
/// health on a fixed port instead of <c>traffic-port</c>. An absent HealthCheckPort is ELBv2's default,
/// <c>traffic-port</c>, and passes.
/// </summary>
public sealed class DynamicHostPortHealthCheck : Rule
{
    public override string Id => "ECS7005";

    public override void CheckService(Service service, RuleContext context)
    {
        var task = service.ResolvedTaskDefinition;
        if (task is null)
        {
            return;
        }

        // Looked up once per service, not once per load balancer entry: a service can list many entries.
        Dictionary<string, ContainerDefinition>? byName = null;
        HashSet<long>? staticHostPorts = null;
        var dynamicMappings = new Dictionary<(string, long), FindingText?>();
        foreach (var loadBalancer in service.LoadBalancers)
        {
            var group = service.TargetGroupOf(loadBalancer);
            if (group is null || !loadBalancer.ContainerName.IsKnown || !loadBalancer.ContainerPort.IsKnown)
            {
                continue;
            }

            var healthCheckPort = group.HealthCheckPort;
            if (!healthCheckPort.IsKnown || healthCheckPort.Value == "traffic-port")
            {
                continue;
            }

            // Only instance targets are registered on the host port; ip targets use the container's own address.
            var targetType = group.TargetType;
            if (targetType.IsUnknown || (targetType.IsKnown && targetType.Value != "instance"))
            {
                continue;
            }

            byName ??= FirstByName(task);
            var key = (loadBalancer.ContainerName.Value, loadBalancer.ContainerPort.Value);
            if (!dynamicMappings.TryGetValue(key, out var dynamic))
            {
                dynamic = byName.TryGetValue(key.Item1, out var container) ? DynamicMapping(task, container, key.Item2) : null;
                dynamicMappings.Add(key, dynamic);
            }

            if (dynamic is null || PublishedStatically(staticHostPorts ??= StaticHostPorts(task), healthCheckPort.Value))
            {
                continue;
            }

            var port = loadBalancer.ContainerPort.Value.ToString(CultureInfo.InvariantCulture);
            context.Report(
                healthCheckPort,
                FindingText.Of($"Service {ServiceText.Name(service)} registers container '{loadBalancer.ContainerName.Value}' port {port} with target group '{group.DisplayName}' on a dynamic host port ({dynamic}), but the target group checks health on port {healthCheckPort.Value}, where the task does not listen, so the targets never become healthy. Set HealthCheckPort to traffic-port, or leave it out (traffic-port is the default)."));
        }
    }

    /// <summary>Whether some container of the task publishes <paramref name="port"/> as a static host port (a health endpoint of its own).</summary>
    private static bool PublishedStatically(HashSet<long> staticHostPorts, string port) =>
        long.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number != 0 && staticHostPorts.Contains(number);

    /// <summary>The host ports the task's containers map statically (known values).</summary>
    private static HashSet<long> StaticHostPorts(TaskDefinition task)
    {
        var ports = new HashSet<long>();
        foreach (var container in task.ContainerDefinitions)
        {
            foreach (var mapping in container.PortMappings)
            {
                if (mapping.HostPort.IsKnown)
                {
                    ports.Add(mapping.HostPort.Value);
                }
            }
        }

        return ports;
    }

    /// <summary>The first container of each known name (the one a load balancer entry means).</summary>
    private static Dictionary<string, ContainerDefinition> FirstByName(TaskDefinition task)
    {
        var byName = new Dictionary<string, ContainerDefinition>(StringComparer.Ordinal);
        foreach (var container in task.ContainerDefinitions)
        {
            if (container.Name.IsKnown && !byName.ContainsKey(container.Name.Value))
            {
                byName.Add(container.Name.Value, container);
            }
        }

        return byName;
    }

    /// <summary>Why the host port of the container's mapping for <paramref name="containerPort"/> is dynamic, or null when it is not (or not known).</summary>
    private static FindingText? DynamicMapping(TaskDefinition task, ContainerDefinition container, long containerPort)
    {
        foreach (var mapping in container.PortMappings)
        {
            if (!mapping.ContainerPort.Is(containerPort))
            {
                continue;
            }

            if (mapping.HostPort.Is(0))
            {
                return FindingText.Of($"{PropRef.Of(mapping, "hostPort")} 0");
            }

            if (mapping.HostPort.IsAbsent && task.NetworkModeOrDefault.Is("bridge"))
            {
                return FindingText.Of($"no {PropRef.Of(mapping, "hostPort")} in bridge network mode");
            }
        }

        return null;
    }
}
