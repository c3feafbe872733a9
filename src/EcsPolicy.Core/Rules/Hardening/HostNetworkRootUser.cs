using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6005: with networkMode host, each container must either run as a non-root user or be explicitly privileged. These
/// are the AWS Config / Control Tower CT.ECS.PR.8 semantics (privileged OR non-root): AWS treats privileged as an
/// intentional opt-in. cdk-nag's ECSTaskDefinitionUserForHostMode requires both, which rejects CT.ECS.PR.8's own PASS
/// template. Silent when the user or privileged is not statically known, and for Windows tasks (host mode is Linux only; the operating system need not be given).
/// </summary>
public sealed class HostNetworkRootUser : Rule
{
    public override string Id => "ECS6005";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (!task.NetworkMode.Is("host") || task.IsWindows)
        {
            return;
        }

        foreach (var (container, label) in HardeningPlatform.JudgedContainers(context))
        {
            if (container.Privileged.IsUnknown || container.Privileged.Is(true))
            {
                continue;
            }

            var user = PropRef.Of(container, "user");
            var networkMode = PropRef.Of(task, "networkMode");
            var fix = FindingText.Of($" Set \"{user}\" to a non-root UID, e.g. \"1000:1000\" (a container that really needs root on the host network ")
                + FindingText.Of($"must say so with \"{PropRef.Of(container, "privileged")}\": true, which is then reviewed as ECS6001).");
            switch (LinuxUser.Classify(container.User))
            {
                case UserKind.Unset:
                    var message = FindingText.Of($"{label} shares the host's network stack ({networkMode} \"host\") and does not set \"{user}\", so it runs as the image's ")
                        + "default user, root for most images, without an explicit privileged opt-in." + fix;
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
                    context.Report(
                        container.User,
                        FindingText.Of($"{label} shares the host's network stack ({networkMode} \"host\") and runs as root (\"{user}\": \"{container.User.Value.Trim()}\") without an explicit privileged opt-in.") + fix);
                    break;
            }
        }
    }
}
