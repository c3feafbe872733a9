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
        Func<string, IReadOnlyDictionary<string, Findings.Severity>>? severitiesFor)
    {
        try
        {
            lock (Gate)
            {
                if (!_registered && !MSBuildLocator.IsRegistered)
                {
                    MSBuildLocator.RegisterDefaults();
                }

                _registered = true;
            }
        }
        catch (Exception e)
        {
            // No .NET SDK to load MSBuild from: none of the inputs can be opened, and each is reported as not checked.
            foreach (var input in inputs.OrderBy(i => i, StringComparer.Ordinal))
            {
                unreadable.Add((display(input), "MSBuild could not be loaded: " + FirstLine(e.Message)));
            }

            return [];
        }

        try
        {
            return Open(inputs, display, linter, unreadable, severitiesFor);
        }
        catch (Exception e)
        {
            // The workspace itself could not be made; each input and each project has its own guard in Open.
            foreach (var input in inputs.OrderBy(i => i, StringComparer.Ordinal))
            {
                unreadable.Add((display(input), "MSBuild could not be used: " + FirstLine(e.Message)));
            }

            return [];
        }
    }

    /// <summary>
    /// The first line of a message from MSBuild or the workspace (a reason in a finding and on one line of stderr; the
    /// rest, when there is more, is a stack or a list of the same failure's details).
    /// </summary>
    private static string FirstLine(string message)
    {
        var text = message.Trim();
        var end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text.Substring(0, end)).TrimEnd('.', ' ');
    }

    // Kept apart from Lint so that no MSBuild type is loaded before the locator has registered the SDK's MSBuild.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IReadOnlyList<FileResult> Open(
        IReadOnlyCollection<string> inputs,
        Func<string, string> display,
        Linter linter,
        List<(string Path, string Reason)> unreadable,
        Func<string, IReadOnlyDictionary<string, Findings.Severity>>? severitiesFor)
    {
        var results = new List<FileResult>();
        using var workspace = MSBuildWorkspace.Create();
        var projects = new List<Project>();
        var wanted = new HashSet<string>(StringComparer.Ordinal);

        // The workspace reports a project MSBuild cannot evaluate (malformed XML, an SDK it cannot resolve) as a failure
        // in its diagnostics and goes on with what it has, often no files: each failure makes the project (or solution)
        // not checked, an ECS0001 finding at it with the reason and exit code 2, never "0 files" and exit code 0.
        // (A missing import is not one: the workspace evaluates projects ignoring imports that do not exist.)
        var reported = 0;
        var failed = new HashSet<string>(StringComparer.Ordinal);
        void Failed(string file, Exception? e)
        {
            var failures = workspace.Diagnostics.Skip(reported).Where(d => d.Kind == WorkspaceDiagnosticKind.Failure).Select(d => FirstLine(d.Message)).ToList();
            reported = workspace.Diagnostics.Count;
            if (e != null)
            {
                // Any exception of MSBuild or its build host (a global.json asking for an SDK that is not installed ends
                // in one from the host process), after what the workspace reported before it.
                failures.Add(FirstLine(e.Message));
            }

            failures = [.. failures.Distinct(StringComparer.Ordinal)];
            if (failures.Count > 0)
            {
                failed.Add(file);
                unreadable.Add((display(file), "MSBuild could not open it: " + failures[0] + (failures.Count > 1 ? " (and " + (failures.Count - 1) + " more failures)" : "")));
            }
        }

        foreach (var input in inputs.OrderBy(i => i, StringComparer.Ordinal))
        {
            // The file MSBuild opens for the input: a solution, or the project of a project or source file.
            var opened = input.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || input.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
                ? input
                : CSharpProjects.ProjectFileOf(input);
            if (opened is null)
            {
                unreadable.Add((display(input), "no .csproj above it to open with --msbuild"));
                continue;
            }

            if (opened != input)
            {
                wanted.Add(input);
            }

            if (failed.Contains(opened) || projects.Any(p => string.Equals(p.FilePath, opened, StringComparison.Ordinal)))
            {
                continue;
            }

            try
            {
                if (opened.EndsWith(".sln", StringComparison.OrdinalIgnoreCase))
                {
                    // What did load is still checked beside the failures reported.
                    var solution = workspace.OpenSolutionAsync(opened).GetAwaiter().GetResult();
                    Failed(opened, null);
                    projects.AddRange(solution.Projects.Where(p => p.Language == LanguageNames.CSharp && !projects.Any(q => q.FilePath == p.FilePath)));
                }
                else
                {
                    projects.Add(workspace.OpenProjectAsync(opened).GetAwaiter().GetResult());
                    Failed(opened, null);
                }
            }
            catch (Exception e)
            {
                Failed(opened, e);
            }
        }

        foreach (var project in projects.OrderBy(p => p.FilePath, StringComparer.Ordinal))
        {
            var shownProject = display(project.FilePath ?? project.Name);
            try
            {
                if (project.GetCompilationAsync().GetAwaiter().GetResult() is not { } compilation)
                {
                    unreadable.Add((shownProject, "MSBuild gave no compilation for it"));
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
            catch (Exception e)
            {
                unreadable.Add((shownProject, "MSBuild could not compile it: " + FirstLine(e.Message)));
            }
        }

        return results;
    }
}
