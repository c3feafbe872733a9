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
                var entry = Entry(container, secrets, secretName);
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

    /// <summary>
    /// The secrets entry to add, in each input's shape: an object with a name and a valueFrom in a task definition or
    /// template, a map entry in a Copilot manifest (<c>secrets: {NAME: parameter}</c>), a dictionary entry of
    /// <c>Secret</c>s on CDK's L2 container (an L1 <c>CfnTaskDefinition</c> takes the template's object).
    /// </summary>
    private static ByVocabulary Entry(ContainerDefinition container, PropRef secrets, string name)
    {
        var literal = Vocabularies.CdkNames.StringLiteral(name);
        return new(
            FindingText.Of($"{{\"{Secret("name")}\": \"{name}\", \"{Secret("valueFrom")}\": \"<secret or parameter ARN>\"}}"),
            cloudFormationYaml: FindingText.Of($"{{{Secret("name")}: {Vocabularies.Names.Yaml(Vocabularies.CdkNames.StringLiteral(name))}, {Secret("valueFrom")}: <secret or parameter ARN>}}"),
            copilot: FindingText.Of($"{secrets}: {{{Vocabularies.Names.Yaml(literal)}: <SSM parameter name>}}"),
            cdk: Vocabularies.CdkNames.IsLevel1(secrets)
                ? "Secrets = new[] { new CfnTaskDefinition.SecretProperty { Name = " + literal + ", ValueFrom = \"<secret or parameter ARN>\" } }"
                : "Secrets = new Dictionary<string, Secret> { [" + literal + "] = Secret.FromSsmParameter(...) }");
    }

    /// <summary>A member of a <c>Secret</c> entry, spelled by the input (<c>valueFrom</c>, <c>ValueFrom</c>).</summary>
    private static PropRef Secret(string member) => new("Secret", member, null, null);
}
