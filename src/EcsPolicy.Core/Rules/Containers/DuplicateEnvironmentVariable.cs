using EcsPolicy.Model;

namespace EcsPolicy.Rules.Containers;

/// <summary>
/// ECS2014: a variable name appears twice in environment, or in both environment and secrets. Messages name the
/// variable, never its value.
/// </summary>
public sealed class DuplicateEnvironmentVariable : Rule
{
    public override string Id => "ECS2014";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var container in task.ContainerDefinitions)
        {
            var environment = container.Environment;
            var secrets = container.Secrets;
            if (environment.Count == 0)
            {
                continue;
            }

            var who = ContainerIndex.Describe(container);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variable in environment)
            {
                var name = variable.Name;
                if (ContainerIndex.IsName(name) && !names.Add(name.Value))
                {
                    // ECS registers a task definition with a repeated environment name (the later entry wins), so
                    // this case runs with one of the two values: a warning. The environment/secrets clash below is
                    // rejected at registration, so it keeps the rule's severity.
                    context.ReportAtMost(
                        name,
                        Severity.Warning,
                        $"Environment variable '{name.Value}' is set more than once in container {who}; only one value takes effect. Remove the duplicate entry.");
                }
            }

            foreach (var secret in secrets)
            {
                var name = secret.Name;
                if (ContainerIndex.IsName(name) && names.Contains(name.Value))
                {
                    context.Report(
                        name,
                        $"'{name.Value}' is set both in {PropRef.Of(container, "environment")} and in {PropRef.Of(container, "secrets")} of container {who}. Keep it only in {PropRef.Of(container, "secrets")} and remove the plain {PropRef.Of(container, "environment")} entry.");
                }
            }
        }
    }
}
