using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Inputs;

/// <summary>What a loader made of one file.</summary>
public sealed class LoadResult
{
    public static readonly LoadResult NotRecognized = new() { Recognized = false };

    /// <summary>Whether the file is an input this loader owns (recognised by content).</summary>
    public bool Recognized { get; init; } = true;

    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];

    /// <summary>Services, for the formats that have them.</summary>
    public IReadOnlyList<Service> Services { get; init; } = [];

    /// <summary>Clusters, for the formats that have them.</summary>
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    /// <summary>Findings the loader itself raises, such as ECS0001 for unparseable files.</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];

    public static LoadResult ParseError(ParseFailure failure) => new()
    {
        Findings = [new Finding("ECS0001", Severity.Error, failure.Message, failure.Location, "")],
    };
}

/// <summary>Reads one input format into the common model. Implementations are found by reflection.</summary>
public interface IInputLoader
{
    /// <summary>Whether files with this name are worth reading when walking a directory.</summary>
    bool Accepts(string path);

    /// <summary>
    /// Loads a file. <paramref name="explicitlyGiven"/> is true when the user named the file: a file that does not
    /// parse is then always reported, while during a directory walk only files that look like this format are.
    /// </summary>
    LoadResult Load(string path, byte[] content, bool explicitlyGiven);
}
