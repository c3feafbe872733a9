using EcsPolicy.Model;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5002: the options of an awslogs log configuration. awslogs-group and awslogs-region are required; on Fargate the
/// API documents awslogs-stream-prefix as required too (whether registration enforces it is not confirmed: ecs-facts
/// §3.7, §6 item 6; the message says so); option names outside what ECS and Docker's awslogs driver accept;
/// awslogs-datetime-format together with awslogs-multiline-pattern; a mode other than blocking or non-blocking.
/// </summary>
/// <remarks>
/// Option values are never printed (they may be anything the author typed). A misspelt name that suggests a missing
/// required option is reported once, as the misspelling. The log group given as an ARN is ECS5003.
/// </remarks>
public sealed class AwslogsOptionsInvalid : Rule
{
    public override string Id => "ECS5002";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (container, log, label) in LogOptions.ContainersWithDriver(task, LogOptions.Awslogs))
        {
            var options = log.Options;
            if (options.State == ValueState.Unknown)
            {
                continue;
            }

            // Names the misspellings stand for, so that "awslogs-Group" is not also reported as a missing awslogs-group.
            var meant = new HashSet<string>(StringComparer.Ordinal);
            string? datetimeFormat = null;
            foreach (var entry in options.Entries)
            {
                var name = entry.Name ?? "";
                if (LogOptions.IsAwslogsOption(name))
                {
                    if (name == LogOptions.DatetimeFormat)
                    {
                        datetimeFormat = name;
                    }

                    continue;
                }

                var near = LogOptions.NearestAwslogsOption(name);
                if (near != null)
                {
                    meant.Add(near);
                }

                context.Report(
                    entry.NameLocation,
                    entry.Path,
                    label + " sets the awslogs option \"" + name + "\", which is not an option of the awslogs log driver (Docker rejects unknown log options when it starts the container): "
                    + (near != null ? "rename it to \"" + near + "\" (option names are case-sensitive)." : "remove it, or use the log driver it belongs to."));
            }

            var missing = new List<string>(3);
            foreach (var required in new[] { LogOptions.Group, LogOptions.Region })
            {
                if (!options.ContainsKey(required) && !meant.Contains(required))
                {
                    missing.Add(required);
                }
            }

            if (missing.Count > 0)
            {
                context.Report(
                    LogOptions.OptionsAnchor(log),
                    LogOptions.OptionsPath(log),
                    FindingText.Of($"{label} uses the awslogs log driver without {LogOptions.JoinAnd(missing)}, which ECS requires: add ")
                    + FindingText.Of($"{(missing.Count == 1 ? "it" : "them")} to {PropRef.Path(container, "logConfiguration", "options")}."));
            }

            // Documented as required on Fargate, but no rejection at registration or start is confirmed: at most a warning.
            if (task.OnFargate && !options.ContainsKey(LogOptions.StreamPrefix) && !meant.Contains(LogOptions.StreamPrefix))
            {
                context.ReportAtMost(
                    LogOptions.OptionsAnchor(log),
                    LogOptions.OptionsPath(log),
                    Severity.Warning,
                    label + " runs on Fargate with the awslogs log driver but without \"awslogs-stream-prefix\", which the ECS documentation lists as "
                    + "required on Fargate (without it, log streams are not named prefix/container/task-id and the console cannot show them): "
                    + "add \"awslogs-stream-prefix\", e.g. the service name." + Fargate.FargateText.Via(task));
            }

            if (datetimeFormat != null && options.Node!.Get(LogOptions.MultilinePattern) is { } multiline)
            {
                // The container starts and one of the two options is ignored: at most a warning.
                context.ReportAtMost(
                    multiline.NameLocation,
                    multiline.Path,
                    Severity.Warning,
                    label + " sets both \"awslogs-datetime-format\" and \"awslogs-multiline-pattern\", which cannot be configured together "
                    + "(the multiline pattern is ignored): keep only one of them.");
            }

            var mode = options[LogOptions.Mode];
            if (mode.IsKnown && mode.Value is not ("blocking" or "non-blocking"))
            {
                context.Report(
                    mode,
                    label + " sets the log option \"mode\" to a value other than \"blocking\" or \"non-blocking\": use one of those two.");
            }
        }
    }
}
