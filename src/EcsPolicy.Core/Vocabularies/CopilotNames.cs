namespace EcsPolicy.Vocabularies;

/// <summary>How a Copilot manifest names the properties of the task definition it produces.</summary>
public static class CopilotNames
{
    /// <summary>
    /// The manifest key that sets <paramref name="prop"/> (e.g. <c>storage.readonly_fs</c>, <c>sidecars.nginx.essential</c>):
    /// the key the value was read from, else the key that would set it; null when no manifest key sets it (then only
    /// <c>taskdef_overrides</c> can, see <see cref="OverridePath"/>).
    /// </summary>
    public static string? Key(PropRef prop) =>
        prop.Shape == "TaskDefinition" && prop.Member is "cpu" or "memory" ? prop.Member : null;

    /// <summary>The <c>taskdef_overrides</c> path that sets <paramref name="prop"/>, e.g. <c>ContainerDefinitions[0].User</c>.</summary>
    public static string OverridePath(PropRef prop) => Names.CloudFormationPath(prop);
}
