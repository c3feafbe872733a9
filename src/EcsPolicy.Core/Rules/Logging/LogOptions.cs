using EcsPolicy.Model;
using EcsPolicy.Shape;

namespace EcsPolicy.Rules.Logging;

/// <summary>Log driver names and option names shared by the ECS5xxx rules.</summary>
internal static class LogOptions
{
    public const string Awslogs = "awslogs";
    public const string Splunk = "splunk";
    public const string Awsfirelens = "awsfirelens";

    public const string Group = "awslogs-group";
    public const string Region = "awslogs-region";
    public const string StreamPrefix = "awslogs-stream-prefix";
    public const string DatetimeFormat = "awslogs-datetime-format";
    public const string MultilinePattern = "awslogs-multiline-pattern";
    public const string Mode = "mode";

    /// <summary>
    /// Every option name the awslogs driver accepts: the ECS API's list (ecs-facts §3.7, the same eight names as
    /// cfn-lint E3046), plus the options of Docker's awslogs driver, which the ECS API text only samples ("some of the
    /// options ... include") and which Docker itself accepts (its ValidateLogOpt rejects anything else with "unknown
    /// log opt"). A name outside this union is not an option of the driver at all.
    /// </summary>
    public static readonly string[] AwslogsOptionNames =
    [
        // ECS API LogConfiguration.options (and the options that apply to all drivers).
        "awslogs-create-group", DatetimeFormat, Group, MultilinePattern, Region, StreamPrefix, "max-buffer-size", Mode,

        // Docker's awslogs driver.
        "awslogs-endpoint", "awslogs-stream", "awslogs-create-stream", "awslogs-credentials-endpoint",
        "awslogs-force-flush-interval-seconds", "awslogs-max-buffered-events", "awslogs-format", "tag",
    ];

    private static readonly HashSet<string> AwslogsOptionSet = new(AwslogsOptionNames, StringComparer.Ordinal);

    public static bool IsAwslogsOption(string name) => AwslogsOptionSet.Contains(name);

    /// <summary>The awslogs option a misspelt name most likely means (other case, a typo, '_' for '-'), or null.</summary>
    public static string? NearestAwslogsOption(string name)
    {
        var normalized = name.Trim().Replace('_', '-');
        string? best = null;
        var limit = normalized.Length <= 5 ? 1 : normalized.Length <= 12 ? 2 : 3;
        var bestDistance = limit + 1;
        foreach (var candidate in AwslogsOptionNames)
        {
            if (string.Equals(candidate, normalized, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }

            if (Math.Abs(candidate.Length - normalized.Length) >= bestDistance)
            {
                continue;
            }

            var d = ShapeValidator.Distance(normalized.ToLowerInvariant(), candidate, bestDistance);
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>The log configuration of a container when its driver is statically known to be <paramref name="driver"/>.</summary>
    public static LogConfiguration? WithDriver(ContainerDefinition container, string driver) =>
        container.LogConfiguration is { } log && log.LogDriver.Is(driver) ? log : null;

    /// <summary>The containers whose log driver is statically known to be <paramref name="driver"/>, with their log configuration and label.</summary>
    public static IEnumerable<(ContainerDefinition Container, LogConfiguration Log, string Label)> ContainersWithDriver(TaskDefinition task, string driver)
    {
        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            if (WithDriver(containers[i], driver) is { } log)
            {
                yield return (containers[i], log, Labels.Container(containers[i], i));
            }
        }
    }

    /// <summary>
    /// Where a finding about missing options points: the <c>options</c> key when the map is there, else the driver name.
    /// </summary>
    public static SourceLocation OptionsAnchor(LogConfiguration log) =>
        log.Options.Node is { } options ? options.NameLocation : log.LogDriver.Location;

    public static string OptionsPath(LogConfiguration log) =>
        log.Options.Node?.Path ?? log.LogDriver.Node?.Path ?? log.Node.Path;

    /// <summary>Joins names as <c>"a"</c>, <c>"a" and "b"</c>, <c>"a", "b" and "c"</c>.</summary>
    public static string JoinAnd(IReadOnlyList<string> names)
    {
        var quoted = names.Select(n => "\"" + n + "\"").ToList();
        return quoted.Count switch
        {
            0 => "",
            1 => quoted[0],
            _ => string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[quoted.Count - 1],
        };
    }
}
