// STUB until the text21 branch merges (replaced by its file).
namespace EcsPolicy.Cli.Outputs;

public static class ColorChoice
{
    public static bool Resolve(string mode, bool isTerminal, string? noColorEnv, string? term) =>
        mode == "always" || (mode == "auto" && isTerminal && string.IsNullOrEmpty(noColorEnv) && term != "dumb");

    public static bool Snippets(string mode, bool isTerminal) => mode == "always" || (mode != "never" && isTerminal);
}
