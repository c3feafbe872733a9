using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6002: readonlyRootFilesystem is not true. Silent for Windows tasks (the parameter is not supported there) and
/// when the operating system or the value is not statically known.
/// </summary>
public sealed class WritableRootFilesystem : Rule
{
    public override string Id => "ECS6002";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        if (HardeningPlatform.MaybeWindows(task))
        {
            return;
        }

        foreach (var (container, label) in HardeningPlatform.JudgedContainers(context))
        {
            var readOnly = container.ReadonlyRootFilesystem;
            if (readOnly.IsUnknown || readOnly.Is(true))
            {
                continue;
            }

            // Unsafe for --fix: an application that writes to its root filesystem fails until it gets a volume.
            var prop = PropRef.Of(container, "readonlyRootFilesystem");
            var fix = FindingText.Of($" set {ModelEdit.Set(container, "readonlyRootFilesystem", "true", safe: false)} and mount a volume (or tmpfs on EC2) for the paths the container must write.");
            if (readOnly.IsAbsent)
            {
                context.Report(container, $"{label} has a writable root filesystem ({prop} is not set), so an attacker can change its binaries and configuration:{fix}");
            }
            else
            {
                context.Report(readOnly, $"{label} sets {prop} to false, so an attacker can change its binaries and configuration:{fix}");
            }
        }
    }
}
