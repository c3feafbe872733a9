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
                context.Report(
                    group,
                    label + " gives \"awslogs-group\" as an ARN, but the awslogs driver takes the log group name: "
                    + "use the name (the part after \"log-group:\" in the ARN, without a trailing \":*\").");
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
}
