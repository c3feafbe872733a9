using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>ECS3006: AWS credentials passed to a container through <c>environment</c> instead of the task role.</summary>
public sealed class AwsCredentialsInEnvironment : Rule
{
    private static readonly string[] Names = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "ECS_ENGINE_AUTH_DATA"];

    public override string Id => "ECS3006";

    /// <summary>True for the variable names this rule reports (compared case-insensitively).</summary>
    internal static bool IsAwsCredentialName(string name) =>
        Names.Any(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            foreach (var variable in container.Environment)
            {
                var name = variable.Name;
                if (!name.IsKnown || !IsAwsCredentialName(name.Value))
                {
                    continue;
                }

                // An explicitly empty value passes no credential. An unknown one (a placeholder filled in at deploy time, a
                // template parameter) still puts the credential in plain text in the task definition: the name says what
                // it is, the value does not matter.
                var value = variable.Value;
                if (value.IsAbsent || (value.IsKnown && value.Value.Trim().Length == 0))
                {
                    continue;
                }

                var n = name.Value.Trim().ToUpperInvariant();
                var fix = n == "ECS_ENGINE_AUTH_DATA"
                    ? FindingText.Of($"ECS_ENGINE_AUTH_DATA carries registry credentials: use {PropRef.Of(container, "repositoryCredentials")} with a Secrets Manager secret (or the execution role for Amazon ECR) instead.")
                    : FindingText.Of($"Give the task a {PropRef.Of(task, "taskRoleArn")} with the permissions the application needs; the AWS SDKs pick up the role's temporary credentials automatically. Remove the variable and rotate the key if it was real.");
                context.Report(
                    name,
                    FindingText.Of($"Container {AwsText.ContainerLabel(container)} passes AWS credentials in plain environment variable '{name.Value}")
                    + "', where anyone who can describe the task definition can read them. " + fix);
            }
        }
    }
}
