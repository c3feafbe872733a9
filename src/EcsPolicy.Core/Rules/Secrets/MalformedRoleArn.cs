using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>ECS3005: a taskRoleArn or executionRoleArn that is neither an IAM role ARN nor a role name.</summary>
public sealed class MalformedRoleArn : Rule
{
    public override string Id => "ECS3005";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        CheckRole(context, task.TaskRoleArn, PropRef.Of(task, "taskRoleArn"));
        CheckRole(context, task.ExecutionRoleArn, PropRef.Of(task, "executionRoleArn"));
    }

    private static void CheckRole(RuleContext context, Val<string> value, PropRef property)
    {
        // An empty value means no role; a templated one is filled in later.
        if (!value.IsKnown || value.Value.Trim().Length == 0 || AwsText.IsTemplated(value.Value))
        {
            return;
        }

        if (IamRoleArn.Parse(value.Value, out var problem) is null && problem != null)
        {
            context.Report(
                AwsText.RangeOf(value, problem.Start, problem.End),
                AwsText.PathOf(value),
                FindingText.Of($"{property} {problem.Reason}. Give the role's ARN, arn:aws:iam::<12-digit account ID>:role/<name> (with its path, if any, before the name), or just the role name."));
        }
    }
}
