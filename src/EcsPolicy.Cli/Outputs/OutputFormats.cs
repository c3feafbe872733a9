namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// Every report format of the CLI, so adding one means adding one class: the list is written at compile time by
/// EcsPolicy.Generators (OutputFormats.g.cs, every concrete <see cref="IOutputFormat"/> with a public parameterless
/// constructor).
/// </summary>
public static partial class OutputFormats
{
    /// <summary>Every format, ordered by name.</summary>
    public static IReadOnlyList<IOutputFormat> All { get; } = [.. CreateFormats().OrderBy(f => f.Name, StringComparer.Ordinal)];
}
