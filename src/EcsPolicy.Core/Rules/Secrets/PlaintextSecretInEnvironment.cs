using EcsPolicy.Model;

namespace EcsPolicy.Rules.Secrets;

/// <summary>ECS3001: a secret in a plain <c>environment</c> variable, found by its value or its name. Never repeats the value.</summary>
public sealed class PlaintextSecretInEnvironment : Rule
{
    public override string Id => "ECS3001";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            foreach (var variable in container.Environment)
            {
                var value = variable.Value;
                if (!value.IsKnown || variable.Name.IsUnknown)
                {
                    continue;
                }

                var name = variable.Name.IsKnown ? variable.Name.Value : null;
                if (name != null && AwsCredentialsInEnvironment.IsAwsCredentialName(name))
                {
                    continue; // ECS3006 reports these.
                }

                if (SecretDetectors.Detect(name, value.Value) is not { } hit)
                {
                    continue;
                }

                var label = name != null ? "'" + name + "'" : "#" + (variable.Node.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var secretName = name ?? "NAME";
                context.Report(
                    hit.Whole ? value.Location : AwsText.RangeOf(value, hit.Start, hit.End),
                    AwsText.PathOf(value),
                    "Container " + AwsText.ContainerLabel(container) + " sets environment variable " + label + " in plain text, and "
                    + hit.Reason + " (detector: " + hit.Detector + "). Plain environment values are visible to anyone who can describe the task definition"
                    + ": store the value in Secrets Manager or as an SSM SecureString parameter and reference it from the container's"
                    + " 'secrets' instead ({\"name\": \"" + secretName + "\", \"valueFrom\": \"<secret or parameter ARN>\"}), then remove it from 'environment'.");
            }
        }
    }
}
