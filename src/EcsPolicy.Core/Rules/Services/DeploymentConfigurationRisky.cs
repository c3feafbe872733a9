using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>
/// ECS7006: deployment settings that allow zero healthy tasks, that leave a rolling deployment no room to move, or
/// that run a rolling deployment without the circuit breaker.
/// </summary>
public sealed class DeploymentConfigurationRisky : Rule
{
    public override string Id => "ECS7006";

    public override void CheckService(Service service, RuleContext context)
    {
        if (service.SchedulingStrategy.Is("DAEMON"))
        {
            return;
        }

        var controller = service.DeploymentController?.Type;
        if (controller is { IsKnown: false, IsAbsent: false } || (controller is { IsKnown: true } c && c.Value != "ECS"))
        {
            return;
        }

        var configuration = service.DeploymentConfiguration;
        var min = configuration?.MinimumHealthyPercent ?? default;
        var max = configuration?.MaximumPercent ?? default;
        var desired = service.DesiredCount;

        // Since 2025 the ECS controller also runs BLUE_GREEN, LINEAR and CANARY deployments; the API applies
        // maximumPercent and minimumHealthyPercent to ROLLING (the default) only, and the circuit breaker to rolling
        // (and, per the developer guide, blue/green) deployments. An unknown strategy keeps the rule silent.
        var strategy = configuration?.Strategy ?? default;
        if (strategy.IsUnknown)
        {
            return;
        }

        if (strategy.IsKnown && strategy.Value != "ROLLING")
        {
            min = default;
            max = default;
        }

        if (min.IsKnown && min.Value == 0 && !(desired.IsKnown && desired.Value == 0))
        {
            context.Report(min, $"Service {ServiceText.Name(service)} sets {Percent(configuration!, "minimumHealthyPercent")} 0, so a deployment may stop every running task before new ones are healthy: an outage on each deploy. Keep it at 50 or more for services that serve traffic.");
        }

        if (min.IsKnown && max.IsKnown && CannotProgress(min.Value, max.Value, desired))
        {
            var maxProp = Percent(configuration!, "maximumPercent");
            var minProp = Percent(configuration!, "minimumHealthyPercent");
            var count = desired.IsKnown ? FindingText.Of($" with {PropRef.Of(service, "desiredCount")} {desired.Value}") : "";
            context.Report(max, $"Service {ServiceText.Name(service)} sets {maxProp} {max.Value} and {minProp} {min.Value}{count}: a rolling deployment can neither start a new task nor stop an old one, so it never finishes. Raise {maxProp} (e.g. 200) or lower {minProp}.");
        }

        var breaker = configuration?.DeploymentCircuitBreaker;
        var enabled = breaker?.Enable ?? default;
        if (!strategy.Is("LINEAR") && !strategy.Is("CANARY") && breaker is null ? configuration is null || configuration.StateOf("deploymentCircuitBreaker") == ValueState.Absent : enabled.IsKnown && !enabled.Value)
        {
            var message = FindingText.Of($"Service {ServiceText.Name(service)} has no deployment circuit breaker: a deployment whose tasks keep failing retries forever instead of stopping (and rolling back). Set {CircuitBreaker(service, configuration, breaker)}.");
            if (breaker != null)
            {
                context.Report(enabled, message);
            }
            else if (configuration != null)
            {
                context.Report(configuration, message);
            }
            else
            {
                context.Report(service, message);
            }
        }
    }

    /// <summary>
    /// "deploymentConfiguration.deploymentCircuitBreaker to enable: true, rollback: true" with each name a property
    /// reference. The objects that do not exist yet have no model object to refer to: their references are built on the
    /// shape alone (owner and value unknown), which is enough for every vocabulary to spell them.
    /// </summary>
    private static ByVocabulary CircuitBreaker(Service service, DeploymentConfiguration? configuration, DeploymentCircuitBreaker? breaker)
    {
        // One nested reference, so that no input reads the owner's path twice.
        var member = PropRef.Path(service, "deploymentConfiguration", "deploymentCircuitBreaker");
        var enable = breaker != null ? PropRef.Of(breaker, "enable") : new PropRef(nameof(DeploymentCircuitBreaker), "enable", null, null);
        var rollback = breaker != null ? PropRef.Of(breaker, "rollback") : new PropRef(nameof(DeploymentCircuitBreaker), "rollback", null, null);

        // CDK's L2 services take the breaker as a prop of their own, enabled by being set.
        return new(
            FindingText.Of($"{member} to {enable}: true, {rollback}: true"),
            cdk: Vocabularies.CdkNames.IsLevel1(member) ? null : (FindingText)"CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true }");
    }

    /// <summary>
    /// A percentage of the deployment configuration as a part, or its API name as text when a Copilot manifest set it:
    /// there one key (deployment.rolling: recreate or default) sets both percentages, so its name would not say which
    /// one is meant.
    /// </summary>
    private static FindingText Percent(DeploymentConfiguration configuration, string member)
    {
        var prop = PropRef.Of(configuration, member);
        return prop.Node?.SourceKey is { } key && key.Contains('.') ? member : FindingText.Of($"{prop}");
    }

    /// <summary>With N desired tasks, ECS may run floor(N*max/100) and must keep ceil(N*min/100) healthy.</summary>
    private static bool CannotProgress(long min, long max, Val<long> desired)
    {
        if (!desired.IsKnown)
        {
            return max <= 100 && min >= 100;
        }

        var n = desired.Value;
        if (n <= 0)
        {
            return false;
        }

        var mayRun = n * max / 100;
        var mustKeep = (n * min + 99) / 100;
        return mayRun <= n && mustKeep >= n;
    }
}
