namespace EcsPolicy.Rules.Input;

/// <summary>
/// ECS0009: a file, or a part of it, was not checked completely: an internal error stopped a check, or the input passed
/// a limit of the file's <see cref="Budget"/> (values too large to build, evaluations too long, nesting too deep).
/// Raised by the linter from the budget's gaps and from the failures it catches (<c>Engine/Linter.cs</c>); there is
/// nothing to check on the model.
/// </summary>
public sealed class NotCheckedCompletely : Rule
{
    public override string Id => "ECS0009";
}
