using System.Collections.Concurrent;
using EcsPolicy.Shape;

namespace EcsPolicy.Inputs.CloudFormation;

/// <summary>
/// CloudFormation's spelling of the ECS API members: the API name with a capital first letter, except for the few
/// that the resource schemas spell otherwise. Property names in templates are case-sensitive: any other spelling
/// (e.g. the API's camelCase) is not a member, so the shape rules report it with the right spelling.
/// </summary>
public static class CfnNames
{
    /// <summary>CloudFormation spellings that are not the API name capitalised, keyed <c>Structure.member</c>.</summary>
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["Volume.efsVolumeConfiguration"] = "EFSVolumeConfiguration",
        ["Volume.fsxWindowsFileServerVolumeConfiguration"] = "FSxWindowsFileServerVolumeConfiguration",
        ["EFSVolumeConfiguration.fileSystemId"] = "FilesystemId",
        ["EFSAuthorizationConfig.iam"] = "IAM",
        ["ProxyConfiguration.properties"] = "ProxyConfigurationProperties",
        ["Service.placementStrategy"] = "PlacementStrategies",
        ["Cluster.settings"] = "ClusterSettings",
    };

    private static readonly ConcurrentDictionary<StructureShape, Dictionary<string, string>> ByStructure = new();

    private static readonly ConcurrentDictionary<StructureShape, Dictionary<string, string>> ByStructureIgnoringCase = new();

    /// <summary>The API member that a CloudFormation property name stands for in <paramref name="structure"/>, or null.</summary>
    public static string? Member(StructureShape structure, string cfnName) =>
        ByStructure.GetOrAdd(structure, Build).TryGetValue(cfnName, out var member) ? member : null;

    /// <summary>How CloudFormation spells member <paramref name="member"/> of <paramref name="structure"/>.</summary>
    public static string Spelling(StructureShape? structure, string member)
    {
        if (structure != null && Exceptions.TryGetValue(structure.Name + "." + member, out var special))
        {
            return special;
        }

        return Capitalize(member);
    }

    /// <summary>
    /// The member whose CloudFormation spelling equals <paramref name="cfnName"/> but for letter case, or null. Looked
    /// up in an index: a hostile template may write thousands of such spellings in one object.
    /// </summary>
    public static string? CaseInsensitiveMember(StructureShape structure, string cfnName) =>
        ByStructureIgnoringCase.GetOrAdd(structure, BuildIgnoringCase).TryGetValue(cfnName, out var member) ? member : null;

    /// <summary>
    /// The canonical name given to a property that is not a member: the name in camelCase (so the shape rules can tell
    /// e.g. a task-level property inside a container), unless that is a member's name, i.e. the user wrote the API
    /// spelling, which CloudFormation rejects: then the name as written, capitalised, which no member has.
    /// </summary>

    public static string NameOfUnknown(StructureShape structure, string cfnName)
    {
        if (cfnName.Length == 0)
        {
            return cfnName;
        }

        var camel = char.ToLowerInvariant(cfnName[0]) + cfnName.Substring(1);
        return structure.Member(camel) is null ? camel : Capitalize(cfnName);
    }

    private static string Capitalize(string name) => name.Length > 0 && char.IsLower(name[0]) ? char.ToUpperInvariant(name[0]) + name.Substring(1) : name;

    /// <summary>The spellings of <see cref="Build"/> compared ignoring case; the first member in the shape's order wins.</summary>
    private static Dictionary<string, string> BuildIgnoringCase(StructureShape structure)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in structure.MemberNames)
        {
            if (!structure.Member(member)!.ReadOnly && !names.ContainsKey(Spelling(structure, member)))
            {
                names[Spelling(structure, member)] = member;
            }
        }

        return names;
    }

    private static Dictionary<string, string> Build(StructureShape structure)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in structure.MemberNames)
        {
            // describe-task-definition output fields (revision, status...) are not template properties.
            if (structure.Member(member)!.ReadOnly)
            {
                continue;
            }

            names[Spelling(structure, member)] = member;
        }

        return names;
    }
}
