namespace EcsPolicy.Rules.Suppressions;

/// <summary>
/// ECS0007: an in-file suppression without a reason. Raised by the linter, which sees the suppressions of each file
/// (<c>Engine/Linter.cs</c>); there is nothing to check on the model.
/// </summary>
public sealed class SuppressionWithoutReason : Rule
{
    public override string Id => "ECS0007";
}
