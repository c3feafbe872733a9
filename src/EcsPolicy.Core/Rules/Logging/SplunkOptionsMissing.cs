using EcsPolicy.Model;

namespace EcsPolicy.Rules.Logging;

/// <summary>
/// ECS5005: the splunk log driver needs splunk-url and splunk-token (ecs-facts §3.7); the token may come from
/// secretOptions instead of options. Option values are never printed. Silent when options, or the secretOptions that
/// could hold the token, are not statically known.
/// </summary>
public sealed class SplunkOptionsMissing : Rule
{
    private const string Url = "splunk-url";
    private const string Token = "splunk-token";

    public override string Id => "ECS5005";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var (_, log, label) in LogOptions.ContainersWithDriver(task, LogOptions.Splunk))
        {
            if (log.Options.State == ValueState.Unknown)
            {
                continue;
            }

            var missing = new List<string>(2);
            if (!log.Options.ContainsKey(Url))
            {
                missing.Add(Url);
            }

            if (!log.Options.ContainsKey(Token) && TokenKnownMissingFromSecrets(log))
            {
                missing.Add(Token);
            }

            if (missing.Count == 0)
            {
                continue;
            }

            var fix = missing.Contains(Token)
                ? FindingText.Of($" ({TokenAdvice(log)})")
                : "";
            context.Report(
                LogOptions.OptionsAnchor(log),
                LogOptions.OptionsPath(log),
                FindingText.Of($"{label} uses the splunk log driver without {LogOptions.JoinAnd(missing)}")
                + FindingText.Of($", which the driver requires: add {(missing.Count == 1 ? "it" : "them")}{fix}."));
        }
    }

    /// <summary>Where the token goes: CDK's <c>LogDriver.Splunk(...)</c> takes it as a prop of its own.</summary>
    private static ByVocabulary TokenAdvice(LogConfiguration log) =>
        new(
            FindingText.Of($"put the token in {PropRef.Of(log, "secretOptions")}, from Secrets Manager or SSM Parameter Store, rather than in plain {PropRef.Of(log, "options")}"),
            cdk: Vocabularies.CdkNames.IsLevel1(PropRef.Of(log, "options")) ? null : (FindingText)"give SplunkLogDriverProps.SecretToken a Secret from Secrets Manager or SSM Parameter Store rather than a plain Token");

    private static bool TokenKnownMissingFromSecrets(LogConfiguration log)
    {
        var secrets = log.SecretOptions;
        if (!secrets.IsComplete)
        {
            return false;
        }

        foreach (var secret in secrets)
        {
            if (!secret.Name.IsKnown || secret.Name.Value == Token)
            {
                return false;
            }
        }

        return true;
    }
}
