using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>
/// ECS1008: a Fargate service pins a Linux platform version on which its tasks cannot start. AWS retired every Linux
/// Fargate platform version before 1.4.0 (1.3.0 last, in 2026; "platform-versions-retired" in the developer guide,
/// checked 2026-12), so any pinned Linux version below 1.4.0 fails whatever the task uses; the message still names the
/// features of the task that need 1.4.0 or an older gate (ecs-facts.md section 3.2), so that the fix is clear.
/// Windows on Fargate has one version, 1.0.0, which is not judged here.
/// </summary>
public sealed class NeedsNewerPlatformVersion : Rule
{
    /// <summary>The oldest Linux Fargate platform version tasks can still launch on.</summary>
    internal static readonly Version OldestLaunchable = new(1, 4, 0);

    public override string Id => "ECS1008";

    public override void CheckService(Service service, RuleContext context)
    {
        if (!PinsRetiredLinuxVersion(service, out var version))
        {
            return;
        }

        var pinned = service.PlatformVersion;
        var task = service.ResolvedTaskDefinition;
        var needs = task is null ? [] : Requirements(task).Where(r => r.Version.CompareTo(version) > 0).Select(r => r.Feature).Distinct().ToList();
        var uses = needs.Count == 0 ? FindingText.Of($"") : FindingText.Of($" (and its task definition {ServiceText.Task(task!)} uses {Join(needs)}, which need a newer version anyway)");
        context.Report(
            pinned,
            FindingText.Of($"Service {ServiceText.Name(service)} pins Fargate platform version {pinned.Value}, which AWS has retired: Linux tasks on Fargate launch only on 1.4.0 or later, so its tasks fail to start{uses}. Use 1.4.0 or LATEST."));
    }

    /// <summary>
    /// True when a Fargate service pins a Linux platform version below 1.4.0. 1.0.0 is also the only Windows version, so
    /// it counts only when the task definition is known to be Linux; 1.1.0 to 1.3.0 exist only for Linux.
    /// </summary>
    internal static bool PinsRetiredLinuxVersion(Service service, out Version version)
    {
        version = new Version();
        var pinned = service.PlatformVersion;
        if (!service.RunsOnFargate || !pinned.IsKnown || !TryParse(pinned.Value, out version) || version.CompareTo(OldestLaunchable) >= 0)
        {
            return false;
        }

        var task = service.ResolvedTaskDefinition;
        if (task is { IsWindows: true })
        {
            return false;
        }

        return version.Major != 1 || version.Minor != 0 || task is { IsWindows: false, OperatingSystemFamily.IsUnknown: false };
    }

    /// <summary>The features joined by commas, each property named by the input.</summary>
    private static FindingText Join(List<FindingText> features)
    {
        var text = features[0];
        for (var i = 1; i < features.Count; i++)
        {
            text += ", " + features[i];
        }

        return text;
    }

    // A feature is prose, or the property that asks for it (named by the input: ephemeralStorage, EphemeralStorage, ...).
    private static IEnumerable<(FindingText Feature, Version Version)> Requirements(TaskDefinition task)
    {
        var v14 = new Version(1, 4, 0);
        var v13 = new Version(1, 3, 0);
        if (task.CpuUnits is { IsKnown: true } cpu && cpu.Value >= 8192)
        {
            yield return ((cpu.Value / 1024).ToString(CultureInfo.InvariantCulture) + " vCPU", v14);
        }

        if (task.Volumes.Any(v => v.EfsVolumeConfiguration != null))
        {
            yield return ((FindingText)"EFS volumes", v14);
        }

        if (task.EphemeralStorage != null)
        {
            yield return (FindingText.Of($"{PropRef.Of(task, "ephemeralStorage")}"), v14);
        }

        if (task.PidMode.IsKnown)
        {
            yield return (FindingText.Of($"{PropRef.Of(task, "pidMode")}"), v14);
        }

        foreach (var c in task.ContainerDefinitions)
        {
            if (c.EnvironmentFiles.Count > 0)
            {
                yield return (FindingText.Of($"{PropRef.Of(c, "environmentFiles")}"), v14);
            }

            if (c.LinuxParameters?.Capabilities?.Add.Count > 0)
            {
                yield return ((FindingText)"added Linux capabilities", v14);
            }

            if (c.SystemControls.Count > 0)
            {
                yield return (FindingText.Of($"{PropRef.Of(c, "systemControls")}"), v14);
            }

            foreach (var secret in c.Secrets)
            {
                if (secret.ValueFrom is { IsKnown: true } from && from.Value.IndexOf(":secretsmanager:", StringComparison.Ordinal) >= 0)
                {
                    // arn:partition:secretsmanager:region:account:secret:name has 7 parts; a JSON key or version adds more.
                    yield return from.Value.Split(':').Length > 7 ? ((FindingText)"Secrets Manager JSON keys or versions", v14) : ((FindingText)"Secrets Manager secrets", v13);
                }
            }

            if (c.DependsOn.Count > 0)
            {
                yield return ((FindingText)"container dependencies", v13);
            }

            if (c.StartTimeout.IsKnown || c.StopTimeout.IsKnown)
            {
                yield return ((FindingText)"start/stop timeouts", v13);
            }

            if (c.RepositoryCredentials != null)
            {
                yield return ((FindingText)"private registry authentication", new Version(1, 2, 0));
            }

            if (c.HealthCheck != null)
            {
                yield return ((FindingText)"container health checks", new Version(1, 1, 0));
            }
        }
    }

    private static bool TryParse(string text, out Version version) =>
        Version.TryParse(text, out version!) && version.Build >= 0 && version.Revision < 0;

}
