using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>How service-rule messages name things.</summary>
internal static class ServiceText
{
    public static string Name(Service service) =>
        service.DisplayName.Length > 0 ? "'" + service.DisplayName + "'" : service.ServiceName.IsKnown ? "'" + service.ServiceName.Value + "'" : "";

    public static string Task(TaskDefinition task) =>
        task.DisplayName.Length > 0 && task.DisplayName != "task definition" ? "'" + task.DisplayName + "'" : "";
}
