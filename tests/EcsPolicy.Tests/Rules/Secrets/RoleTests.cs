using static EcsPolicy.Tests.Rules.Secrets.SecretsTestKit;

namespace EcsPolicy.Tests.Rules.Secrets;

public class RoleTests
{
    private static string RoleTask(string taskRole, string executionRole) =>
        "{\n  \"family\": \"app\",\n"
        + (taskRole.Length > 0 ? "  \"taskRoleArn\": \"" + taskRole + "\",\n" : "")
        + (executionRole.Length > 0 ? "  \"executionRoleArn\": \"" + executionRole + "\",\n" : "")
        + "  \"containerDefinitions\": [{ \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512 }]\n}";

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/app-task")]
    [InlineData("arn:aws:iam::111122223333:role/service-role/app-task")]
    [InlineData("arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS")]
    [InlineData("arn:aws-cn:iam::111122223333:role/app+task=x,y.z@w_v-u")]
    [InlineData("arn:aws:iam::aws_account_id:role/ecsTaskExecutionRole")]
    [InlineData("arn:aws:iam::XXXXXXXXXXXX:role/ecs_task_iam_role")]
    [InlineData("arn:aws:iam::$AWS_ACCOUNT_ID:role/ecsanywhereTaskRole")]
    [InlineData("${YOUR_EXECUTION_ROLE}")]
    [InlineData("ecsTaskExecutionRole")]
    [InlineData("TASK_EXECUTION_ARN")]
    [InlineData("service-role/app-task")]
    public void ECS3005_accepts_role_arns_names_and_placeholders(string role)
    {
        Silent(RoleTask(role, ""), "ECS3005");
        Silent(RoleTask("", role), "ECS3005");
    }

    [Theory]
    [InlineData("arn:aws:iam::[|11111111111:role/ecsTaskExecutionRole", "has a bad account ID: the account ID has 11 digits, not 12")]
    [InlineData("arn:[|amazon:iam::111122223333:role/x", "'amazon' is not an AWS partition")]
    [InlineData("arn:aws:[|sts::111122223333:role/x", "is an ARN for service 'sts', not an IAM role")]
    [InlineData("arn:aws:iam:[|us-east-1:111122223333:role/x", "has a Region ('us-east-1'), but IAM ARNs have none")]
    [InlineData("arn:aws:iam::111122223333:[|user/deploy", "names a 'user', not a role")]
    [InlineData("arn:aws:iam::111122223333:role[|/", "has no role name")]
    [InlineData("arn:aws:iam::111122223333:role/app[| task", "has ' ' in the role name")]
    [InlineData("arn:aws:iam::111122223333:role/app[|\u00e9", "has '\u00e9' in the role name")]
    [InlineData("arn:aws:iam::111122223333:role/[|team a/app", "has a malformed role path")]
    [InlineData("arn:aws:iam::111122223333:role/[|team//app", "has a malformed role path")]
    [InlineData("[|\u00e9quipe/app", "has a malformed role path")]
    [InlineData("[|arn:aws:iam::111122223333", "not a complete role ARN")]
    [InlineData("ecs[|:role", "neither a role ARN")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd[|efgh", "longer than 64 characters")]
    public void ECS3005_reports_malformed_roles_at_the_faulty_part(string marked, string reason)
    {
        var f = SingleAtMarker(RoleTask(marked, ""), "ECS3005");
        Assert.StartsWith("taskRoleArn ", f.Message);
        Assert.Contains(reason, f.Message);
        var g = SingleAtMarker(RoleTask("", marked), "ECS3005");
        Assert.StartsWith("executionRoleArn ", g.Message);
    }

    [Fact]
    public void ECS3005_stays_silent_on_empty_roles() => Silent(RoleTask("", "").Replace("\"family\": \"app\",", "\"family\": \"app\", \"taskRoleArn\": \"\",  \"executionRoleArn\": \"\","), "ECS3005");

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "'arn:aws:iam::111122223333:role/ecsTaskExecutionRole'")]
    [InlineData("ecsTaskExecutionRole", "arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "'ecsTaskExecutionRole'")]
    [InlineData("arn:aws:iam::111122223333:role/ECSTASKEXECUTIONROLE", "arn:aws:iam::111122223333:role/path/ecsTaskExecutionRole", "'ECSTASKEXECUTIONROLE'")]
    [InlineData("TASK_EXECUTION_ARN", "TASK_EXECUTION_ARN", "'TASK_EXECUTION_ARN'")]
    public void ECS3004_reports_the_same_role_at_the_task_role(string taskRole, string executionRole, string shown)
    {
        var text = RoleTask(taskRole, executionRole);
        var f = SingleAtMarker(text.Replace("\"taskRoleArn\": ", "\"taskRoleArn\": [|"), "ECS3004");
        Assert.StartsWith("taskRoleArn and executionRoleArn name the same role (" + shown + ").", f.Message);
        Assert.Contains("Give the task its own role", f.Message);
        Assert.Equal(EcsPolicy.Findings.Severity.Warning, f.Severity);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/app-task", "arn:aws:iam::111122223333:role/ecsTaskExecutionRole")]
    [InlineData("arn:aws:iam::111122223333:role/ecsTaskExecutionRole", "arn:aws:iam::444455556666:role/ecsTaskExecutionRole")]
    [InlineData("${TASK_ROLE}", "${EXECUTION_ROLE}")]
    [InlineData("${ROLE_ARN}", "${ROLE_ARN}")] // placeholders are unknown where the file is read: not judged, even when equal
    [InlineData("", "arn:aws:iam::111122223333:role/ecsTaskExecutionRole")]
    public void ECS3004_stays_silent_for_different_or_missing_roles(string taskRole, string executionRole) =>
        Silent(RoleTask(taskRole, executionRole), "ECS3004");
}
