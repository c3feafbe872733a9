using EcsPolicy.Model;

namespace EcsPolicy.Rules.Hardening;

/// <summary>
/// The EFS volumes of a task definition and what their settings say about transit encryption (ecs-facts §3.10).
/// Shared by ECS6008 (required) and ECS6011 (recommended); every EFS volume is examined, not only the first.
/// </summary>
internal static class EfsVolumes
{
    public const string Enabled = "ENABLED";

    /// <summary>True when transitEncryption is known not to be ENABLED (absent means the default, DISABLED).</summary>
    public static bool EncryptionKnownOff(EFSVolumeConfiguration efs) =>
        efs.TransitEncryption.IsAbsent || (efs.TransitEncryption.IsKnown && efs.TransitEncryption.Value != Enabled);

    /// <summary>Where a finding about transit encryption points: the value, or the efsVolumeConfiguration key when absent.</summary>
    public static (SourceLocation Location, string Path) EncryptionAnchor(EFSVolumeConfiguration efs) =>
        efs.TransitEncryption.Node is { } node ? (node.Location, node.Path) : (efs.Node.NameLocation, efs.Node.Path);

    public static bool HasAccessPoint(EFSVolumeConfiguration efs) =>
        efs.AuthorizationConfig?.AccessPointId is { IsKnown: true } ap && ap.Value.Trim().Length > 0;

    public static bool UsesIam(EFSVolumeConfiguration efs) => efs.AuthorizationConfig?.Iam.Is(Enabled) == true;

    /// <summary>
    /// True when neither IAM authorization nor an access point is in use, as far as can be known statically (an
    /// authorizationConfig that is not a readable object, or unknown values in it, leave the question open).
    /// </summary>
    public static bool KnownWithoutIamOrAccessPoint(EFSVolumeConfiguration efs)
    {
        var state = efs.StateOf("authorizationConfig");
        if (state == ValueState.Absent)
        {
            return true;
        }

        if (efs.AuthorizationConfig is not { } auth)
        {
            return false;
        }

        var iamOff = auth.Iam.IsAbsent || (auth.Iam.IsKnown && auth.Iam.Value != Enabled);
        var noAccessPoint = auth.AccessPointId.IsAbsent || (auth.AccessPointId.IsKnown && auth.AccessPointId.Value.Trim().Length == 0);
        return iamOff && noAccessPoint;
    }
}

/// <summary>
/// ECS6008: EFS transit encryption that ECS requires: transitEncryption must be ENABLED when IAM authorization or an
/// access point is used, and an access point needs rootDirectory omitted or "/". The case where encryption is only
/// recommended is ECS6011, so that each finding has the severity it deserves.
/// </summary>
public sealed class EfsTransitEncryptionRequired : Rule
{
    public override string Id => "ECS6008";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var volumes = task.Volumes;
        for (var i = 0; i < volumes.Count; i++)
        {
            var efs = volumes[i].EfsVolumeConfiguration;
            if (efs is null)
            {
                continue;
            }

            var label = Labels.Volume(volumes[i], i);
            var iam = EfsVolumes.UsesIam(efs);
            var accessPoint = EfsVolumes.HasAccessPoint(efs);
            if ((iam || accessPoint) && EfsVolumes.EncryptionKnownOff(efs))
            {
                var why = iam && accessPoint ? "IAM authorization and an access point" : iam ? "IAM authorization" : "an access point";
                var (location, path) = EfsVolumes.EncryptionAnchor(efs);
                context.Report(
                    location,
                    path,
                    // Safe for --fix: ECS refuses the volume without it, so turning it on cannot break a working task.
                    FindingText.Of($"{label} uses {why} without transit encryption, which ECS requires for them: set {ModelEdit.Set(efs, "transitEncryption", "\"ENABLED\"")} ")
                    + FindingText.Of($"in {PropRef.Of(volumes[i], "efsVolumeConfiguration")}."));
            }

            var root = efs.RootDirectory;
            if (accessPoint && root.IsKnown && root.Value.Length > 0 && root.Value != "/")
            {
                context.Report(
                    root,
                    FindingText.Of($"{label} uses an access point together with a {PropRef.Of(efs, "rootDirectory")} other than \"/\"; with an access point the directory comes ")
                    + FindingText.Of($"from the access point: remove {PropRef.Of(efs, "rootDirectory")} or set it to \"/\"."));
            }
        }
    }
}

/// <summary>
/// ECS6011: an EFS volume without transit encryption where ECS does not require it (no IAM authorization, no access
/// point): the NFS traffic between the task and the file system is then unencrypted. Split from ECS6008 because one
/// rule has one severity: the required case is an error, this one a recommendation.
/// </summary>
public sealed class EfsTransitEncryptionRecommended : Rule
{
    public override string Id => "ECS6011";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        var volumes = task.Volumes;
        for (var i = 0; i < volumes.Count; i++)
        {
            var efs = volumes[i].EfsVolumeConfiguration;
            if (efs is null || !EfsVolumes.EncryptionKnownOff(efs) || !EfsVolumes.KnownWithoutIamOrAccessPoint(efs))
            {
                continue;
            }

            var (location, path) = EfsVolumes.EncryptionAnchor(efs);
            context.Report(
                location,
                path,
                // Unsafe for --fix: TLS needs the EFS mount helper on the instance, which a custom EC2 AMI may lack.
                FindingText.Of($"{Labels.Volume(volumes[i], i)} mounts EFS without transit encryption, so file data crosses the network unencrypted: ")
                + FindingText.Of($"set {ModelEdit.Set(efs, "transitEncryption", "\"ENABLED\"", safe: false)} in {PropRef.Of(volumes[i], "efsVolumeConfiguration")} (consider IAM authorization too)."));
        }
    }
}
