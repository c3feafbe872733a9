using System.Globalization;

namespace EcsPolicy.Cli.Config;

/// <summary>
/// One mistake in a configuration file (<c>.ecs-policy.yaml</c>, <c>.editorconfig</c>, <c>.globalconfig</c>,
/// <c>--config FILE</c>), shown as compilers show errors: <c>path(line,col): error: message</c> (<c>path: error:
/// message</c> when it has no place in the file, such as a file that cannot be read). Lines and columns are 1-based; the
/// message is one line without a final period.
/// </summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>The error's line with the file shown as <paramref name="shownPath"/>.</summary>
    public string Format(string shownPath) => Line > 0
        ? string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): error: {3}", shownPath, Line, Column, Message)
        : shownPath + ": error: " + Message;

    public override string ToString() => Format(File);
}

/// <summary>A configuration value with the line and column (1-based) where the file gives it.</summary>
public sealed record Located<T>(T Value, int Line, int Column);

/// <summary>A report of the <c>format</c> key: its format name and the file it goes to (a full path; null: <c>output</c> or standard output).</summary>
public sealed record ConfigFormat(string Format, string? File, int Line, int Column);
