using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6003: a container runs as root: <c>user</c> unset (the image's user, root for most images), <c>0</c>,
/// <c>root</c>, <c>0:*</c> or <c>root:*</c> (the AWS Control Tower CT.ECS.PR.3 forms). A non-root user with group 0
/// (<c>1000:0</c>) is not reported: UID 0 is what carries root's privileges. Silent for Windows tasks, where
/// <c>user</c> is not supported, and when the operating system or the user is not statically known.
/// </summary>
public sealed class RunsAsRoot : Rule
{
    public override string Id => "ECS6003";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (HardeningPlatform.MaybeWindows(task))
        {
            return;
        }

        foreach (var (container, label) in HardeningPlatform.JudgedContainers(context))
        {
            switch (LinuxUser.Classify(container.User))
            {
                case UserKind.Unset:
                    // The user is named as the input spells it (Copilot has no manifest key: its taskdef_overrides path).
                    var user = PropRef.Of(container, "user");
                    var message = FindingText.Of($"{label} does not set {new Quoted(user)}, so it runs as the image's default user, which is root unless the image sets USER: ")
                        + FindingText.Of($"set {new Quoted(user)} to a non-root UID, e.g. {NonRoot(container)}.");
                    if (container.User.IsKnown)
                    {
                        context.Report(container.User, message);
                    }
                    else
                    {
                        context.Report(container, message);
                    }

                    break;
                case UserKind.Root:
                    var written = PropRef.Of(container, "user");
                    context.Report(
                        container.User,
                        $"{label} runs as root ({new Quoted(written)}: \"{container.User.Value.Trim()}\"): set {new Quoted(written)} to a non-root UID, e.g. {NonRoot(container)}, and give that user the files it needs.");
                    break;
            }
        }
    }

    /// <summary>
    /// The example UID: a Copilot manifest has no key for the user, so it gets the whole <c>taskdef_overrides</c> rule
    /// (shown, not applied: a user the image lacks breaks the container).
    /// </summary>
    private static ByVocabulary NonRoot(ContainerDefinition container) =>
        new("\"1000:1000\"", copilot: FindingText.Of($"{ModelEdit.Set(container, "user", "\"1000:1000\"", safe: false)}"));
}
