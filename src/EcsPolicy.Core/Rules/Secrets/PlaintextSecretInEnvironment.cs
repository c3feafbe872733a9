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
                // Only the variable's name and the detector's reason are quoted, never the value. The property names are
                // parts, so a Copilot manifest reads `secrets` and `variables`, a template `Secrets` and `Environment`.
                var secrets = PropRef.Of(container, "secrets");
                var environment = PropRef.Of(container, "environment");
                var entry = FindingText.Of($"{{\"{Secret("name")}\": \"{secretName}\", \"{Secret("valueFrom")}\": \"<secret or parameter ARN>\"}}");
                context.Report(
                    hit.Whole ? value.Location : AwsText.RangeOf(value, hit.Start, hit.End),
                    AwsText.PathOf(value),
                    FindingText.Of($"Container {AwsText.ContainerLabel(container)} sets environment variable {label} in plain text, and ")
                    + FindingText.Of($"{hit.Reason} (detector: {hit.Detector}). Plain environment values are visible to anyone who can describe the task definition")
                    + ": store the value in Secrets Manager or as an SSM SecureString parameter and reference it from the container's"
                    + FindingText.Of($" '{secrets}' instead ({entry}), then remove it from '{environment}'."));
            }
        }
    }

    /// <summary>A member of a <c>Secret</c> entry, spelled by the input (<c>valueFrom</c>, <c>ValueFrom</c>).</summary>
    private static PropRef Secret(string member) => new("Secret", member, null, null);
}
