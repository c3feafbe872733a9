using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>
/// ECS3002: a <c>valueFrom</c> (container secrets, log secretOptions) or <c>credentialsParameter</c> (repositoryCredentials)
/// that is not a well-formed SSM parameter or Secrets Manager reference. The finding points at the faulty part.
/// </summary>
public sealed class MalformedSecretReference : Rule
{
    private const string Forms =
        "Use an SSM parameter name (/app/db-password) or ARN (arn:aws:ssm:region:account-id:parameter/name), or a Secrets Manager ARN"
        + " (arn:aws:secretsmanager:region:account-id:secret:name, optionally followed by :json-key:version-stage:version-id).";

    public override string Id => "ECS3002";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            var label = AwsText.ContainerLabel(container);
            foreach (var secret in container.Secrets)
            {
                CheckValue(context, secret.ValueFrom, ReferenceUse.ContainerSecret, FindingText.Of($"Container {label} secret {Describe(secret.Name)}: {ValueFrom(secret)}"), Forms);
            }

            if (container.LogConfiguration is { } log)
            {
                foreach (var option in log.SecretOptions)
                {
                    CheckValue(context, option.ValueFrom, ReferenceUse.LogSecretOption, FindingText.Of($"Container {label} log {PropRef.Of(log, "secretOptions")} {Describe(option.Name)}: {PropRef.Of(option, "valueFrom")}"), Forms);
                }
            }

            if (container.RepositoryCredentials is { } credentials)
            {
                CheckValue(
                    context,
                    credentials.CredentialsParameter,
                    ReferenceUse.RepositoryCredentials,
                    FindingText.Of($"Container {label} {Credentials(container, credentials)}"),
                    "Use the ARN of a Secrets Manager secret (arn:aws:secretsmanager:region:account-id:secret:name) that holds the registry username and password, or the name of a secret in the same Region.");
            }
        }
    }

    private static string Describe(Val<string> name) => name.IsKnown ? "'" + name.Value + "'" : "(unnamed)";

    /// <summary>
    /// The credentials parameter: one key in a Copilot manifest (<c>image.credentials</c>, a sidecar's
    /// <c>credentialsParameter</c>), the object and its member elsewhere.
    /// </summary>
    private static ByVocabulary Credentials(ContainerDefinition container, RepositoryCredentials credentials) =>
        new(
            FindingText.Of($"{PropRef.Of(container, "repositoryCredentials")}: {PropRef.Of(credentials, "credentialsParameter")}"),
            copilot: FindingText.Of($"{PropRef.Of(container, "repositoryCredentials")}"));

    /// <summary>
    /// A secret's reference: its valueFrom, except on CDK's L2 container, whose secrets are a dictionary of
    /// <c>Secret.From...(...)</c> values with no member of that name.
    /// </summary>
    private static ByVocabulary ValueFrom(Secret secret)
    {
        var valueFrom = PropRef.Of(secret, "valueFrom");
        return new(FindingText.Of($"{valueFrom}"), cdk: Vocabularies.CdkNames.IsLevel1(valueFrom) ? null : (FindingText)"its reference");
    }

    private static void CheckValue(RuleContext context, Val<string> value, ReferenceUse use, FindingText subject, string fix)
    {
        // Empty or missing references are the required-property rule's business; templated ones are not known yet.
        if (!value.IsKnown || value.Value.Trim().Length == 0 || AwsText.IsTemplated(value.Value))
        {
            return;
        }

        if (SecretReference.Check(value.Value, use) is not { } problem)
        {
            return;
        }

        context.Report(AwsText.RangeOf(value, problem.Start, problem.End), AwsText.PathOf(value), subject + (" " + problem.Reason + ". " + fix));
    }
}
