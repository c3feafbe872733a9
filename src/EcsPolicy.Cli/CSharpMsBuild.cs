using System.Runtime.CompilerServices;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace EcsPolicy.Cli;

/// <summary>
/// <c>check --msbuild</c>: C# projects and solutions opened with MSBuild (<see cref="MSBuildWorkspace"/>, the installed
/// .NET SDK found by <see cref="MSBuildLocator"/>), for the semantics of a real build: package references, generated
/// files, project references. This evaluates the project files, so it runs what they and their imports contain: it is
/// never the default. <c>.cs</c> files are taken with the project whose folder is nearest above them.
/// </summary>
internal static class CSharpMsBuild
{
    private static readonly object Gate = new();
    private static bool _registered;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IReadOnlyList<FileResult> Lint(
        IReadOnlyCollection<string> inputs,
        Func<string, string> display,
        Linter linter,
        List<(string Path, string Reason)> unreadable,
        Func<string, IReadOnlyDictionary<string, Rules.Severity>>? severitiesFor)
    {
        lock (Gate)
        {
            if (!_registered && !MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }

            _registered = true;
        }

        return Open(inputs, display, linter, unreadable, severitiesFor);
    }

    // Kept apart from Lint so that no MSBuild type is loaded before the locator has registered the SDK's MSBuild.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<FileResult> Open(
        IReadOnlyCollection<string> inputs,
        Func<string, string> display,
        Linter linter,
        List<(string Path, string Reason)> unreadable,
        Func<string, IReadOnlyDictionary<string, Rules.Severity>>? severitiesFor)
    {
        var results = new List<FileResult>();
        using var workspace = MSBuildWorkspace.Create();
        var projects = new List<Project>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs.OrderBy(i => i, StringComparer.Ordinal))
        {
            try
            {
                if (input.EndsWith(".sln", StringComparison.OrdinalIgnoreCase))
                {
                    var solution = workspace.OpenSolutionAsync(input).GetAwaiter().GetResult();
                    projects.AddRange(solution.Projects.Where(p => p.Language == LanguageNames.CSharp));
                }
                else
                {
                    var projectFile = input.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? input : CSharpProjects.ProjectFileOf(input);
                    if (projectFile is null)
                    {
                        unreadable.Add((display(input), "no .csproj above it to open with --msbuild"));
                        continue;
                    }

                    if (!input.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                    {
                        wanted.Add(input);
                    }

                    if (!projects.Any(p => string.Equals(p.FilePath, projectFile, StringComparison.Ordinal)))
                    {
                        projects.Add(workspace.OpenProjectAsync(projectFile).GetAwaiter().GetResult());
                    }
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
            {
                unreadable.Add((display(input), "MSBuild could not open it: " + e.Message));
            }
        }

        foreach (var project in projects.OrderBy(p => p.FilePath, StringComparer.Ordinal))
        {
            var compilation = project.GetCompilationAsync().GetAwaiter().GetResult();
            if (compilation is null)
            {
                continue;
            }

            foreach (var document in project.Documents.Where(d => d.FilePath != null && (wanted.Count == 0 || wanted.Contains(d.FilePath))).OrderBy(d => d.FilePath, StringComparer.Ordinal))
            {
                if (document.FilePath!.Contains("/obj/", StringComparison.Ordinal) || document.FilePath.Contains("\\obj\\", StringComparison.Ordinal))
                {
                    continue;
                }

                var tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;

                // Reported under the path the user sees, like every other input.
                var shown = tree.WithFilePath(display(document.FilePath));
                var shownCompilation = compilation.ReplaceSyntaxTree(tree, shown);
                results.Add(CSharpLinter.Lint(linter, shownCompilation.GetSemanticModel(shown), new CompilationIndex(shownCompilation, looksUpNames: true), severitiesFor?.Invoke(document.FilePath)));
            }
        }

        return results;
    }
}
