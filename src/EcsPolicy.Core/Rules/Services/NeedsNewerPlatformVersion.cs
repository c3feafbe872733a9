using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>
/// ECS1008: a Fargate service pins a Linux platform version older than what its task definition uses
/// (ecs-facts.md section 3.2: 8 and 16 vCPU, EFS, ephemeral storage, environment files, added capabilities, pidMode,
/// systemControls and Secrets Manager JSON keys need 1.4.0; dependsOn, start/stop timeouts and Secrets Manager
/// secrets 1.3.0; private registry authentication 1.2.0; container health checks 1.1.0).
/// </summary>
public sealed class NeedsNewerPlatformVersion : Rule
{
    public override string Id => "ECS1008";

    public override void CheckService(Service service, RuleContext context)
    {
        var task = service.ResolvedTaskDefinition;
        var pinned = service.PlatformVersion;
        if (task is null || !service.RunsOnFargate || !pinned.IsKnown || !TryParse(pinned.Value, out var version) || task.IsWindows)
        {
            return;
        }

        var needs = Requirements(task).Where(r => r.Version.CompareTo(version) > 0).ToList();
        if (needs.Count == 0)
        {
            return;
        }

        var highest = needs.Max(r => r.Version)!;
        var reasons = string.Join(", ", needs.OrderByDescending(r => r.Version).Select(r => r.Feature + " (" + Format(r.Version) + ")").Distinct());
        context.Report(
            pinned,
            string.Format(CultureInfo.InvariantCulture, "Service {0} pins Fargate platform version {1}, but its task definition {2} uses {3}; tasks fail to start on {1}. Use {4} or LATEST.", ServiceText.Name(service), pinned.Value, ServiceText.Task(task), reasons, Format(highest)));
    }

    private static IEnumerable<(string Feature, Version Version)> Requirements(TaskDefinition task)
    {
        var v14 = new Version(1, 4, 0);
        var v13 = new Version(1, 3, 0);
        if (task.CpuUnits is { IsKnown: true } cpu && cpu.Value >= 8192)
        {
            yield return (cpu.Value / 1024 + " vCPU", v14);
        }

        if (task.Volumes.Any(v => v.EfsVolumeConfiguration != null))
        {
            yield return ("EFS volumes", v14);
        }

        if (task.EphemeralStorage != null)
        {
            yield return ("ephemeralStorage", v14);
        }

        if (task.PidMode.IsKnown)
        {
            yield return ("pidMode", v14);
        }

        foreach (var c in task.ContainerDefinitions)
        {
            if (c.EnvironmentFiles.Count > 0)
            {
                yield return ("environmentFiles", v14);
            }

            if (c.LinuxParameters?.Capabilities?.Add.Count > 0)
            {
                yield return ("added Linux capabilities", v14);
            }

            if (c.SystemControls.Count > 0)
            {
                yield return ("systemControls", v14);
            }

            foreach (var secret in c.Secrets)
            {
                if (secret.ValueFrom is { IsKnown: true } from && from.Value.IndexOf(":secretsmanager:", StringComparison.Ordinal) >= 0)
                {
                    // arn:partition:secretsmanager:region:account:secret:name has 7 parts; a JSON key or version adds more.
                    yield return from.Value.Split(':').Length > 7 ? ("Secrets Manager JSON keys or versions", v14) : ("Secrets Manager secrets", v13);
                }
            }

            if (c.DependsOn.Count > 0)
            {
                yield return ("container dependencies", v13);
            }

            if (c.StartTimeout.IsKnown || c.StopTimeout.IsKnown)
            {
                yield return ("start/stop timeouts", v13);
            }

            if (c.RepositoryCredentials != null)
            {
                yield return ("private registry authentication", new Version(1, 2, 0));
            }

            if (c.HealthCheck != null)
            {
                yield return ("container health checks", new Version(1, 1, 0));
            }
        }
    }

    private static bool TryParse(string text, out Version version) =>
        Version.TryParse(text, out version!) && version.Build >= 0 && version.Revision < 0;

    private static string Format(Version v) => v.ToString(3);
}
