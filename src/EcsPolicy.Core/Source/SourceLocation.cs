namespace EcsPolicy;

/// <summary>
/// A span in a user's file: 1-based lines and columns, columns counted in UTF-16 code units (as SARIF's
/// default <c>utf16CodeUnits</c> and the C# compiler do). <see cref="EndColumn"/> is the column just after the span.
/// </summary>
public readonly record struct SourceLocation(string File, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public static SourceLocation At(string file, int line, int column) => new(file, line, column, line, column + 1);

    public bool IsEmpty => File is null;

    public override string ToString() => $"{File}({StartLine},{StartColumn})";
}
