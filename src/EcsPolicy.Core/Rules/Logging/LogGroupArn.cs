using EcsPolicy.Model;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5003: awslogs-group given as a log group ARN. The driver takes a log group name (cfn-lint reports the same with
/// E1040 on <c>!GetAtt LogGroup.Arn</c>). The value is not printed.
/// </summary>
public sealed class LogGroupArn : Rule
{
    public override string Id => "ECS5003";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (_, log, label) in LogOptions.ContainersWithDriver(task, LogOptions.Awslogs))
        {
            var group = log.Options[LogOptions.Group];
            if (group.IsKnown && group.Value.TrimStart().StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            {
                FindingText text = label + " gives \"awslogs-group\" as an ARN, but the awslogs driver takes the log group name: "
                    + "use the name (the part after \"log-group:\" in the ARN, without a trailing \":*\").";

                // The name names the same group (the driver looks it up in awslogs-region): a safe fix.
                context.Report(
                    group,
                    text,
                    NameOf(group.Value) is { } name && group.Node is { Parent: { } options } node
                        ? new ModelEdit(new PropRef(nameof(LogConfiguration), LogOptions.Group, options, node), "\"" + name + "\"")
                        : null);
            }
            else if (group.IsUnknown && group.Node?.KnownForm == "arn")
            {
                // e.g. CloudFormation's !GetAtt LogGroup.Arn: the text is unknown, but it is an ARN whatever it turns out to be.
                context.Report(
                    group,
                    label + " gives \"awslogs-group\" a resource's ARN (Fn::GetAtt ...Arn), but the awslogs driver takes the log group name: "
                    + "refer to the name instead (in CloudFormation, !Ref of an AWS::Logs::LogGroup gives its name).");
            }
        }
    }

    /// <summary>
    /// The log group name in a CloudWatch Logs log group ARN (<c>arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web:*</c>
    /// is <c>/ecs/web</c>), or null for any other text or a name with characters a log group name cannot have.
    /// </summary>
    internal static string? NameOf(string arn)
    {
        var parts = arn.Trim().Split([':'], 7);
        if (parts.Length < 7 || parts[0] != "arn" || parts[2] != "logs" || parts[5] != "log-group")
        {
            return null;
        }

        var name = parts[6].EndsWith(":*", StringComparison.Ordinal) ? parts[6].Substring(0, parts[6].Length - 2) : parts[6];
        return name.Length is > 0 and <= 512 && name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' or '/' or '.' or '#')
            ? name
            : null;
    }
}
