using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>ECS3004: the task role and the execution role are the same IAM role.</summary>
public sealed class SameTaskAndExecutionRole : Rule
{
    public override string Id => "ECS3004";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var taskRole = task.TaskRoleArn;
        var executionRole = task.ExecutionRoleArn;
        if (!taskRole.IsKnown || !executionRole.IsKnown)
        {
            return;
        }

        var a = taskRole.Value.Trim();
        var b = executionRole.Value.Trim();
        if (a.Length == 0 || b.Length == 0 || !SameRole(a, b, out var name))
        {
            return;
        }

        context.Report(
            taskRole,
            FindingText.Of($"{PropRef.Of(task, "taskRoleArn")} and {PropRef.Of(task, "executionRoleArn")} name the same role ({name}).")
            + " The execution role is for ECS itself (pulling images, reading secrets, sending logs);"
            + " as the task role it hands those permissions, including every secret it can read, to the application code."
            + " Give the task its own role with only the permissions the application needs.");
    }

    // The same text, or both parse to the same role name (IAM role names are unique case-insensitively, and a task's
    // roles are in its own account) with no different account IDs.
    private static bool SameRole(string a, string b, out string name)
    {
        name = "'" + a + "'";
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        if (AwsText.IsTemplated(a) || AwsText.IsTemplated(b))
        {
            return false;
        }

        var ra = IamRoleArn.Parse(a, out _);
        var rb = IamRoleArn.Parse(b, out _);
        if (ra is null || rb is null || !string.Equals(ra.Name, rb.Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ra.Account != null && rb.Account != null && !string.Equals(ra.Account, rb.Account, StringComparison.Ordinal))
        {
            return false;
        }

        name = "'" + ra.Name + "'";
        return true;
    }
}
