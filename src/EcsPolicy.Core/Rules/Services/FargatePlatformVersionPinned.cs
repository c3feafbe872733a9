using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>
/// ECS7004: a Fargate service pins a platform version instead of LATEST. Windows on Fargate has one platform version,
/// 1.0.0: naming it pins nothing, so 1.0.0 is not reported for a Windows task definition, nor when the operating system
/// of the task definition is not known.
/// </summary>
public sealed class FargatePlatformVersionPinned : Rule
{
    public override string Id => "ECS7004";

    public override void CheckService(Service service, RuleContext context)
    {
        var version = service.PlatformVersion;
        if (service.RunsOnFargate && version.IsKnown && version.Value.Length > 0 && version.Value != "LATEST")
        {
            if (version.Value == "1.0.0" && service.ResolvedTaskDefinition is not { IsWindows: false, OperatingSystemFamily.IsUnknown: false })
            {
                return;
            }

            // A retired Linux version (below 1.4.0) is an error of ECS1008: its tasks do not start at all.
            if (NeedsNewerPlatformVersion.PinsRetiredLinuxVersion(service, out _))
            {
                return;
            }

            context.Report(version, $"Service {ServiceText.Name(service)} pins Fargate platform version {version.Value}, so its tasks miss the security and runtime updates of newer versions. Use LATEST unless you depend on this exact version.");
        }
    }
}
