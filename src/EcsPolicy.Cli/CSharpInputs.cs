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

    /// <summary>
    /// Whether <c>--msbuild</c> can open projects: not in the native (ahead-of-time compiled) build, which leaves out
    /// MSBuild and Roslyn's workspaces, neither of which runs without code generated at run time.
    /// </summary>
#if NATIVE
    public const bool MsBuildAvailable = false;
#else
    public const bool MsBuildAvailable = true;
#endif

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<FileResult> Lint(
        IReadOnlyCollection<string> fullPaths,
        string root,
        Linter linter,
        List<(string Path, string Reason)> unreadable,
        Func<string, IReadOnlyDictionary<string, Findings.Severity>>? severitiesFor = null,
        bool msbuild = false) =>
#if NATIVE
        CSharpProjects.Lint(fullPaths, full => Runner.Display(full, root), linter, unreadable, severitiesFor);
#else
        msbuild
            ? CSharpMsBuild.Lint(fullPaths, full => Runner.Display(full, root), linter, unreadable, severitiesFor)
            : CSharpProjects.Lint(fullPaths, full => Runner.Display(full, root), linter, unreadable, severitiesFor);
#endif
}
