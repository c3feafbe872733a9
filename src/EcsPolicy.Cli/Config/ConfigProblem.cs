namespace EcsPolicy.Cli.Config;

/// <summary>
/// A mistake in a severity configuration file (<c>.editorconfig</c>, <c>.globalconfig</c>, <c>--config FILE</c>): the
/// file's full path, the 1-based line and column, and the message (one line, no trailing period).
/// </summary>
public sealed record ConfigProblem(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style line <c>path(line,col): error: message</c>, with the file shown as <paramref name="shownPath"/>.</summary>
    public string Format(string shownPath) => $"{shownPath}({Line},{Column}): error: {Message}";

    public override string ToString() => Format(File);
}
