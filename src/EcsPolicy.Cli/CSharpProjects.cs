using System.Diagnostics.CodeAnalysis;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EcsPolicy.Cli;

/// <summary>
/// Lints AWS CDK C# code given as files, folders, projects and solutions, without MSBuild and without running anything:
/// one <see cref="CSharpCompilation"/> per project, made of the project folder's <c>.cs</c> files (bin and obj left
/// out), against the running runtime's assemblies and, when the NuGet cache has them, the CDK's (Amazon.CDK.Lib,
/// Constructs, Amazon.JSII.Runtime, highest version); without them the CDK types are recognised by name. The CLI's
/// file-system side of the C# front end (the analyzer gets its compilation from the build).
/// </summary>
internal static class CSharpProjects
{
    private static readonly string[] SkippedDirectories = ["bin", "obj", "node_modules", ".git"];
    private static readonly string[] CdkPackages = ["amazon.cdk.lib", "constructs", "amazon.jsii.runtime"];
    private static readonly Regex SolutionProject = new("^Project\\(\"[^\"]*\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"([^\"]+\\.csproj)\"", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>
    /// Lints the given C# inputs (full paths). <paramref name="display"/> turns a full path into the path shown to the
    /// user (and used as the syntax tree's path). Files that cannot be read are returned in <paramref name="unreadable"/>.
    /// </summary>
    public static IReadOnlyList<FileResult> Lint(
        IReadOnlyCollection<string> inputs,
        Func<string, string> display,
        Linter linter,
        List<(string Path, string Reason)> unreadable,
        Func<string, IReadOnlyDictionary<string, Findings.Severity>>? severitiesFor = null,
        CancellationToken cancellation = default)
    {
        // Each .cs file belongs to the project whose folder is nearest above it (or to none); a project or solution
        // asks for all its files.
        var wanted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (input.EndsWith(".sln", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var project in ProjectsOf(input, unreadable, display))
                {
                    wanted.UnionWith(ProjectFiles(Path.GetDirectoryName(project)!));
                }
            }
            else if (input.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                wanted.UnionWith(ProjectFiles(Path.GetDirectoryName(input)!));
            }
            else
            {
                wanted.Add(input);
            }
        }

        var references = References();
        var results = new List<FileResult>();
        foreach (var group in wanted.GroupBy(ProjectFolder, StringComparer.Ordinal).OrderBy(g => g.Key ?? "", StringComparer.Ordinal))
        {
            // The whole project is compiled for context (a stack class created in Program.cs); only the wanted files are reported.
            var sources = new SortedSet<string>(group, StringComparer.Ordinal);
            if (group.Key != null)
            {
                sources.UnionWith(ProjectFiles(group.Key));
            }

            var trees = new List<SyntaxTree>();
            var reported = new List<(SyntaxTree Tree, string Full)>();
            foreach (var file in sources)
            {
                if (!GuardedFile.TryReadText(file, out var text, out var reason))
                {
                    if (group.Contains(file))
                    {
                        unreadable.Add((display(file), reason));
                    }

                    continue;
                }

                var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), display(file), Encoding.UTF8, cancellation);
                trees.Add(tree);
                if (group.Contains(file))
                {
                    reported.Add((tree, file));
                }
            }

            var compilation = CSharpCompilation.Create(
                "ecs-policy-" + (group.Key is null ? "files" : Path.GetFileName(group.Key)),
                trees,
                references,
                // Nullable analysis is off: the extractor reads values and types, never nullability, and the flow analysis
                // would cost a third of the binding time.
                new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
            var index = new CompilationIndex(compilation, looksUpNames: true);
            foreach (var (tree, full) in reported)
            {
                results.Add(CSharpLinter.Lint(linter, compilation.GetSemanticModel(tree), index, severitiesFor?.Invoke(full), cancellation: cancellation));
            }
        }

        return results;
    }

    /// <summary>The .cs files of a project folder: all below it, but for bin, obj and the folders of other projects.</summary>
    public static IEnumerable<string> ProjectFiles(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        var result = new List<string>();
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            try
            {
                result.AddRange(Directory.GetFiles(dir, "*.cs"));
                foreach (var sub in Directory.GetDirectories(dir))
                {
                    if (Array.IndexOf(SkippedDirectories, Path.GetFileName(sub)) < 0 && (File.GetAttributes(sub) & FileAttributes.ReparsePoint) == 0 && Directory.GetFiles(sub, "*.csproj").Length == 0)
                    {
                        pending.Push(sub);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // An unreadable folder only costs context; the files asked for are reported when they cannot be read.
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>The project file in the folder of the nearest project above a file, or null.</summary>
    public static string? ProjectFileOf(string file) =>
        ProjectFolder(file) is { } folder ? Directory.GetFiles(folder, "*.csproj").OrderBy(f => f, StringComparer.Ordinal).First() : null;

    // The folder of the nearest project above a file, or null.
    private static string? ProjectFolder(string file)
    {
        for (var dir = Path.GetDirectoryName(file); dir != null; dir = Path.GetDirectoryName(dir))
        {
            try
            {
                if (Directory.GetFiles(dir, "*.csproj").Length > 0)
                {
                    return dir;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return null;
    }

    private static IEnumerable<string> ProjectsOf(string solution, List<(string, string)> unreadable, Func<string, string> display)
    {
        if (!GuardedFile.TryReadText(solution, out var text, out var reason))
        {
            unreadable.Add((display(solution), reason));
            return [];
        }

        var folder = Path.GetDirectoryName(solution)!;
        return SolutionProject.Matches(text).Cast<Match>()
            .Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar))))
            .Where(File.Exists)
            .ToList();
    }

    /// <summary>The running runtime's assemblies, and the CDK's from the NuGet cache when it has them.</summary>
    public static IReadOnlyList<MetadataReference> References()
    {
        var references = new List<MetadataReference>();
        references.AddRange(FrameworkAssemblies().Select(Reference));
        references.AddRange(CdkAssemblies().Select(Reference));
        return references;
    }

    /// <summary>
    /// The .NET reference assemblies of the running framework (packs/Microsoft.NETCore.App.Ref beside it: metadata only,
    /// a fraction of the size), else its implementation assemblies. The native (ahead-of-time compiled) CLI has no
    /// framework files of its own, so it takes them from the .NET installation found first: DOTNET_ROOT, the dotnet on
    /// PATH, then the usual folders.
    /// </summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "An empty Location, the native build's, is handled.")]
    private static IEnumerable<string> FrameworkAssemblies()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (string.IsNullOrEmpty(runtime))
        {
            return DotnetRoots().Select(InstalledFrameworkAssemblies).FirstOrDefault(a => a.Count > 0) ?? [];
        }

        var version = Path.GetFileName(runtime);
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        var pack = root is null ? null : Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref", version, "ref", "net" + Environment.Version.Major + "." + Environment.Version.Minor);
        if (pack != null && File.Exists(Path.Combine(pack, "System.Runtime.dll")))
        {
            return Directory.GetFiles(pack, "*.dll").OrderBy(p => p, StringComparer.Ordinal);
        }

        return AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa
            ? tpa.Split(Path.PathSeparator).Where(p => Path.GetDirectoryName(p) == runtime).OrderBy(p => p, StringComparer.Ordinal)
            : [];
    }

    /// <summary>Folders that may hold a .NET installation, most specific first.</summary>
    private static IEnumerable<string> DotnetRoots()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured)
        {
            yield return configured;
        }

        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, executable);
            if (File.Exists(candidate))
            {
                // /usr/bin/dotnet is often a link into the installation.
                yield return Path.GetDirectoryName(new FileInfo(candidate).ResolveLinkTarget(true)?.FullName ?? candidate)!;
            }
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet");
        if (OperatingSystem.IsWindows())
        {
            yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "dotnet");
        }
        else
        {
            yield return "/usr/share/dotnet";
            yield return "/usr/lib/dotnet";
            yield return "/usr/local/share/dotnet";
        }
    }

    /// <summary>
    /// The framework assemblies of the .NET installation at <paramref name="root"/>: the reference pack of this CLI's
    /// major version if installed (else the highest), else the implementation assemblies of the shared runtime chosen the
    /// same way; empty when it has neither.
    /// </summary>
    internal static IReadOnlyList<string> InstalledFrameworkAssemblies(string root)
    {
        if (Best(Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref")) is { } pack
            && Directory.Exists(Path.Combine(pack, "ref"))
            && Directory.GetDirectories(Path.Combine(pack, "ref")).OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault(d => File.Exists(Path.Combine(d, "System.Runtime.dll"))) is { } references)
        {
            return [.. Directory.GetFiles(references, "*.dll").OrderBy(p => p, StringComparer.Ordinal)];
        }

        return Best(Path.Combine(root, "shared", "Microsoft.NETCore.App")) is { } shared && File.Exists(Path.Combine(shared, "System.Runtime.dll"))
            ? [.. Directory.GetFiles(shared, "*.dll").Where(HasMetadata).OrderBy(p => p, StringComparer.Ordinal)]
            : [];

        // The version folder of this CLI's major version with the highest version, else the highest of all.
        static string? Best(string folder) =>
            VersionFolders(folder)
                .OrderByDescending(x => x.Version.Major == Environment.Version.Major)
                .ThenByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();

        // A runtime folder on Windows also holds native libraries (coreclr.dll): only assemblies are references.
        static bool HasMetadata(string path)
        {
            try
            {
                using var reader = new PEReader(File.OpenRead(path));
                return reader.HasMetadata;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }
    }

    /// <summary>A reference whose file is mapped rather than read whole: the binder reads only the metadata it needs.</summary>
    private static MetadataReference Reference(string path) =>
        AssemblyMetadata.Create(ModuleMetadata.CreateFromStream(File.OpenRead(path), PEStreamOptions.Default)).GetReference(filePath: path);

    /// <summary>Amazon.CDK.Lib, Constructs and Amazon.JSII.Runtime in the NuGet cache (NUGET_PACKAGES or ~/.nuget/packages), highest versions.</summary>
    public static IEnumerable<string> CdkAssemblies()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        }

        var result = new List<string>();
        foreach (var package in CdkPackages)
        {
            var highest = VersionFolders(Path.Combine(cache, package))
                .Where(x => Directory.Exists(Path.Combine(x.Dir, "lib")))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
                .FirstOrDefault();
            if (highest is null)
            {
                continue;
            }

            var lib = Directory.GetDirectories(Path.Combine(highest, "lib")).OrderBy(d => d, StringComparer.Ordinal)
                .FirstOrDefault(d => Directory.GetFiles(d, "*.dll").Length > 0);
            if (lib != null)
            {
                result.AddRange(Directory.GetFiles(lib, "*.dll").OrderBy(f => f, StringComparer.Ordinal));
            }
        }

        return result;
    }

    /// <summary>
    /// The subfolders of <paramref name="folder"/> named by a version (a NuGet package's, a runtime's: <c>2.160.0</c>,
    /// <c>10.0.0-rc.1</c>, read up to the prerelease label), with it; none when the folder does not exist.
    /// </summary>
    private static IEnumerable<(string Dir, Version Version)> VersionFolders(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var dir in Directory.GetDirectories(folder))
        {
            if (Version.TryParse(Path.GetFileName(dir).Split('-')[0], out var version))
            {
                yield return (dir, version);
            }
        }
    }
}
