namespace EcsPolicy.Rules.Suppressions;

/// <summary>
/// ECS0008: an in-file suppression that covers no finding, reported with <c>--report-unused-suppressions</c>. Raised by
/// the linter (<c>Engine/Linter.cs</c>); there is nothing to check on the model.
/// </summary>
public sealed class UnusedSuppression : Rule
{
    public override string Id => "ECS0008";
}
