using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules;

/// <summary>How messages of every rule folder name containers and volumes and join alternatives.</summary>
internal static class Labels
{
    /// <summary>Joins items as "a, b or c".</summary>
    public static string JoinOr(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1],
        };
    }

    /// <summary>How a message names a container: by its name, else by its position.</summary>
    public static string Container(ContainerDefinition container, int index)
    {
        var name = container.Name;
        return name.IsKnown && name.Value.Length > 0
            ? "Container '" + name.Value + "'"
            : "Container #" + (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>How a message names a volume: by its name, else by its position.</summary>
    public static string Volume(Volume volume, int index)
    {
        var name = volume.Name;
        return name.IsKnown && name.Value.Length > 0
            ? "Volume '" + name.Value + "'"
            : "Volume #" + (index + 1).ToString(CultureInfo.InvariantCulture);
    }
}
