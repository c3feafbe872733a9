using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>ECS7004: a Fargate service pins a platform version instead of LATEST.</summary>
public sealed class FargatePlatformVersionPinned : Rule
{
    public override string Id => "ECS7004";

    public override void CheckService(Service service, RuleContext context)
    {
        var version = service.PlatformVersion;
        if (service.RunsOnFargate && version.IsKnown && version.Value.Length > 0 && version.Value != "LATEST")
        {
            context.Report(version, $"Service {ServiceText.Name(service)} pins Fargate platform version {version.Value}, so its tasks miss the security and runtime updates of newer versions. Use LATEST unless you depend on this exact version.");
        }
    }
}
