using System.Globalization;
using System.Text.RegularExpressions;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>
/// ECS3003: something in the task needs the task execution role, and <c>executionRoleArn</c> is missing (facts §3.9).
/// Secrets, log secretOptions, repositoryCredentials and environmentFiles need it on every launch type; the awslogs
/// driver and private Amazon ECR images need it on Fargate (on EC2 the container instance role can serve). One finding
/// per reason and container, at the thing that needs the role. Silent when executionRoleArn is not statically known,
/// and for containers without an image (excerpts).
/// </summary>
public sealed class ExecutionRoleRequired : Rule
{
    // Amazon ECR registry hosts (ECR user guide, "Amazon ECR endpoints" and dual-stack endpoints; AWS SDK partition
    // data; checked 2026-12): account.dkr.ecr.region.amazonaws.com (.com.cn in China, .eu in the European Sovereign
    // Cloud), the FIPS form account.dkr.ecr-fips.region.amazonaws.com, and the dual-stack (IPv6) form
    // account.dkr-ecr.region.on.aws.
    private static readonly Regex PrivateEcrImage = new(
        @"^[0-9]{12}\.(dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.(com(\.cn)?|eu)|dkr-ecr\.[a-z0-9-]+\.on\.aws)/",
        RegexOptions.CultureInvariant);

    private static FindingText Fix(PropRef role) =>
        FindingText.Of($" Add an {role} naming a role that trusts ecs-tasks.amazonaws.com and has the AmazonECSTaskExecutionRolePolicy managed policy");

    public override string Id => "ECS3003";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var role = task.ExecutionRoleArn;
        if (role.IsUnknown || (role.IsKnown && role.Value.Trim().Length > 0))
        {
            return;
        }

        // Managed Instances need the execution role for awslogs and private ECR images as Fargate does (developer guide,
        // Managed Instances task definition parameters, checked 2026-12).
        // Named as the input spells it: ExecutionRoleArn in a template, ExecutionRole in CDK code.
        var executionRole = PropRef.Of(task, "executionRoleArn");
        var fargate = task.OnFargate || task.RequiresCompatibilities.Any(c => c.Is("MANAGED_INSTANCES"));
        foreach (var container in task.ContainerDefinitions)
        {
            // A container without an image is an excerpt (documentation snippets show only the part they explain), and
            // its task-level fields were left out rather than unset; ECS0005 reports the missing image.
            if (container.Image.IsAbsent)
            {
                continue;
            }

            var label = "Container " + AwsText.ContainerLabel(container);

            var secrets = container.Secrets.Where(s => IsGiven(s.ValueFrom)).ToList();
            if (secrets.Count > 0)
            {
                context.Report(
                    secrets[0].ValueFrom,
                    FindingText.Of($"{label} takes {Count(secrets.Count, "secret")} from {Stores(secrets.Select(s => s.ValueFrom))}")
                    + FindingText.Of($" (first: {Named(secrets[0].Name)}), but the task definition has no {executionRole}: ECS fetches secrets with the task execution role, and registration fails without it.")
                    + Fix(executionRole) + " plus read access to the secrets (secretsmanager:GetSecretValue, ssm:GetParameters, and kms:Decrypt for a customer managed key).");
            }

            var log = container.LogConfiguration;
            var logSecrets = log?.SecretOptions.Where(s => IsGiven(s.ValueFrom)).ToList() ?? [];
            if (logSecrets.Count > 0)
            {
                context.Report(
                    logSecrets[0].ValueFrom,
                    FindingText.Of($"{label} passes {Count(logSecrets.Count, "log driver secret")} through {PropRef.Of(log!, "secretOptions")} (first: {Named(logSecrets[0].Name)}")
                    + FindingText.Of($"), but the task definition has no {executionRole}: ECS fetches them with the task execution role.")
                    + Fix(executionRole) + " plus read access to the secrets.");
            }

            if (container.RepositoryCredentials?.CredentialsParameter is { } credentials && IsGiven(credentials))
            {
                context.Report(
                    credentials,
                    FindingText.Of($"{label} pulls its image with {PropRef.Of(container, "repositoryCredentials")}, but the task definition has no {executionRole}: ECS reads the registry credentials secret with the task execution role.")
                    + Fix(executionRole) + " plus secretsmanager:GetSecretValue on the credentials secret.");
            }

            var files = container.EnvironmentFiles.Where(f => IsGiven(f.Value)).ToList();
            if (files.Count > 0)
            {
                context.Report(
                    files[0].Value,
                    FindingText.Of($"{label} loads {Count(files.Count, "environment file")} from Amazon S3, but the task definition has no {executionRole}: ECS downloads environment files with the task execution role.")
                    + Fix(executionRole) + " plus s3:GetObject on the files (and s3:GetBucketLocation on the bucket).");
            }

            if (!fargate)
            {
                continue;
            }

            if (log?.LogDriver is { IsKnown: true } driver && driver.Value == "awslogs")
            {
                context.Report(
                    driver,
                    FindingText.Of($"{label} uses the awslogs log driver on Fargate, but the task definition has no {executionRole}: on Fargate, ECS sends the logs to CloudWatch with the task execution role (\"Fargate requires task definition to have execution role ARN to support log driver awslogs\").")
                    + Fix(executionRole) + "." + Fargate.FargateText.Via(task));
            }

            var image = container.Image;
            if (image.IsKnown && PrivateEcrImage.IsMatch(image.Value))
            {
                context.Report(
                    image,
                    FindingText.Of($"{label} pulls a private Amazon ECR image on Fargate, but the task definition has no {executionRole}: on Fargate, ECS pulls ECR images with the task execution role (\"Fargate requires task definition to have execution role ARN to support ECR images\").")
                    + Fix(executionRole) + "." + Fargate.FargateText.Via(task));
            }
        }
    }

    // Present with a value (known and non-empty, or not statically known): an empty string references nothing.
    private static bool IsGiven(Val<string> value) => value.IsUnknown || (value.IsKnown && value.Value.Trim().Length > 0);

    private static string Named(Val<string> name) => name.IsKnown ? "'" + name.Value + "'" : "unnamed";

    private static string Count(int n, string what) =>
        n == 1 ? ("aeiou".IndexOf(what[0]) >= 0 ? "an " : "a ") + what : n.ToString(CultureInfo.InvariantCulture) + " " + what + "s";

    private static string Stores(IEnumerable<Val<string>> references)
    {
        var known = references.Where(r => r.IsKnown).Select(r => SecretReference.IsSecretsManagerArn(r.Value)).Distinct().ToList();
        return known.Count switch
        {
            1 when known[0] => "Secrets Manager",
            1 => "SSM Parameter Store",
            _ => "Secrets Manager or SSM Parameter Store",
        };
    }
}
