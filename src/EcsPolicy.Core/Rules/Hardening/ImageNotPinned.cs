using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// ECS6007: an image reference without a tag (Docker pulls <c>latest</c>) or with the tag <c>latest</c>. Digest-pinned
/// references are fine, with or without a tag; other tags are accepted. Images that are not statically known or are
/// templates or placeholders (<c>${IMAGE}</c>, <c>&lt;image&gt;</c>, an untagged <c>your-app-image</c>) stay silent.
/// </summary>
public sealed class ImageNotPinned : Rule
{
    public override string Id => "ECS6007";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var containers = task.ContainerDefinitions;
        for (var i = 0; i < containers.Count; i++)
        {
            var image = containers[i].Image;
            if (!image.IsKnown || !ImageReference.TryParse(image.Value, out var reference) || reference.Digest != null)
            {
                continue;
            }

            string what;
            if (reference.Tag is null)
            {
                if (LooksLikePlaceholder(reference.Repository))
                {
                    continue;
                }

                what = ", which has no tag, so every pull takes whatever \"latest\" is at that moment";
            }
            else if (reference.Tag == "latest")
            {
                what = " with the tag \"latest\", which moves whenever a new image is pushed";
            }
            else
            {
                continue;
            }

            context.Report(
                image,
                Labels.Container(containers[i], i) + " uses the image " + reference.Repository + what
                + ": pin the image by digest (" + reference.Repository + "@sha256:...), or at least by a version tag, so that every task runs the image you tested.");
        }
    }

    /// <summary>
    /// Untagged names that stand for "your image here" in samples (<c>your-app-image</c>, <c>application_image</c>,
    /// <c>my-image</c>): the author has not chosen an image yet, so there is nothing to pin.
    /// </summary>
    private static bool LooksLikePlaceholder(string repository)
    {
        var last = repository.Substring(repository.LastIndexOf('/') + 1).ToLowerInvariant();
        return last.EndsWith("image", StringComparison.Ordinal)
            || last.StartsWith("your", StringComparison.Ordinal)
            || last.IndexOf("placeholder", StringComparison.Ordinal) >= 0;
    }
}
