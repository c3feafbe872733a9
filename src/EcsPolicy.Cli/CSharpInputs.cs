using System.Runtime.CompilerServices;
using EcsPolicy.Engine;

namespace EcsPolicy.Cli;

/// <summary>
/// The CLI's door to the C# front end (AWS CDK code in <c>.cs</c> files, projects and solutions). Kept apart so that a
/// run on JSON and YAML files never loads Roslyn: only these methods mention the C# front end's types, and they are
/// compiled only when called.
/// </summary>
internal static class CSharpInputs
{
    /// <summary>Whether a path is a C# input (<c>.cs</c>, <c>.csproj</c>, <c>.sln</c>); does not load the C# front end.</summary>
    public static bool IsCSharp(string path) =>
        path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<FileResult> Lint(
        IReadOnlyCollection<string> fullPaths,
        string root,
        Linter linter,
        List<(string Path, string Reason)> unreadable,
        Func<string, IReadOnlyDictionary<string, Rules.Severity>>? severitiesFor = null,
        bool msbuild = false) =>
        msbuild
            ? CSharpMsBuild.Lint(fullPaths, full => Runner.Display(full, root), linter, unreadable, severitiesFor)
            : CSharpProjects.Lint(fullPaths, full => Runner.Display(full, root), linter, unreadable, severitiesFor);
}
