namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// Whether the text report is coloured (<see cref="RunReport.Color"/>) and shows source snippets
/// (<see cref="RunReport.Snippets"/>), from <c>--color auto|always|never</c>, whether stdout is a terminal and the
/// environment. Pure functions of their arguments, so that the runner reads the console and the environment once and the
/// tests need neither.
/// </summary>
public static class ColorChoice
{
    /// <summary>The values <c>--color</c> accepts; <c>auto</c> is the default.</summary>
    public static readonly IReadOnlyList<string> Modes = ["auto", "always", "never"];

    /// <summary>
    /// Whether to colour: <c>always</c> forces it, <c>never</c> disables it, and <c>auto</c> colours only on a terminal,
    /// and not when <c>NO_COLOR</c> is set to a non-empty value (https://no-color.org: an empty value counts as unset) or
    /// <c>TERM</c> is <c>dumb</c> (a terminal that cannot show escapes, such as Emacs' shell).
    /// </summary>
    /// <param name="mode">The value of <c>--color</c> (<c>auto</c>, <c>always</c> or <c>never</c>; any case).</param>
    /// <param name="isTerminal">Whether the text report goes to a terminal (stdout is not redirected and not a file).</param>
    /// <param name="noColorEnv">The value of the <c>NO_COLOR</c> environment variable, null when it is not set.</param>
    /// <param name="term">The value of the <c>TERM</c> environment variable, null when it is not set.</param>
    /// <exception cref="ArgumentException">For a mode other than the three (the command line rejects them first).</exception>
    public static bool Resolve(string mode, bool isTerminal, string? noColorEnv, string? term) =>
        mode.ToLowerInvariant() switch
        {
            "always" => true,
            "never" => false,
            "auto" => isTerminal && string.IsNullOrEmpty(noColorEnv) && !string.Equals(term, "dumb", StringComparison.Ordinal),
            _ => throw new ArgumentException($"--color takes auto, always or never, not '{mode}'.", nameof(mode)),
        };

    /// <summary>
    /// Whether to show the source line and a caret under each finding: when the report goes to a terminal (whatever the
    /// colour; <c>NO_COLOR</c> is about colour only), or when <c>--color always</c> asks for the terminal's look anywhere
    /// (a CI log that renders colour). <c>--color never</c> on a terminal keeps the snippets, plain. Redirected output
    /// without <c>--color always</c> stays the stable one-line-per-finding form that problem matchers and goldens read.
    /// </summary>
    /// <param name="mode">The value of <c>--color</c>.</param>
    /// <param name="isTerminal">Whether the text report goes to a terminal.</param>
    public static bool Snippets(string mode, bool isTerminal) =>
        isTerminal || string.Equals(mode, "always", StringComparison.OrdinalIgnoreCase);
}
