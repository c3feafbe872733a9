namespace EcsPolicy.Bench;

/// <summary>Where the benchmark inputs come from: the corpus beside the repository when present, else the examples.</summary>
internal static class Inputs
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static List<(string Name, byte[] Bytes)> TaskDefinitions()
    {
        var corpus = Path.Combine(RepositoryRoot, "..", "shared", "corpus", "taskdefs");
        var directory = Directory.Exists(corpus) ? corpus : Path.Combine(RepositoryRoot, "examples");
        return Directory.GetFiles(directory, "*.json", SearchOption.AllDirectories)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)))
            .ToList();
    }

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Policy.sln")))
            {
                return dir;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
