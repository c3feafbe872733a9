using System.Globalization;
using EcsPolicy.Model;

namespace EcsPolicy.Rules.Fargate;

/// <summary>Wording shared by the Fargate and platform rules.</summary>
internal static class FargateText
{
    /// <summary>
    /// The sentence a Fargate finding ends with when the task definition is on Fargate only because a service runs it
    /// there (<see cref="TaskDefinition.FargateService"/>): it names the service, whose creation ECS rejects; "" otherwise.
    /// </summary>
    public static FindingText Via(TaskDefinition task) =>
        task.RequiresFargate || task.FargateService is not { } service
            ? ""
            : FindingText.Of($" Service {Services.ServiceText.Name(service)} runs this task definition on Fargate, so ECS rejects the service; add FARGATE to {PropRef.Of(task, "requiresCompatibilities")} so that ECS checks this when the task definition is registered.");

    /// <summary>
    /// A task cpu or memory value as written, with its value in units when the text is in another form:
    /// <c>1024</c> or <c>"1 vCPU" (1024 CPU units)</c> for cpu, <c>2048 MiB</c> or <c>"2 GB" (2048 MiB)</c> for memory.
    /// </summary>
    public static string AsWritten(Val<string> raw, long units, bool memory)
    {
        var number = units.ToString(CultureInfo.InvariantCulture);
        if (raw.IsKnown && raw.Value.Trim() != number)
        {
            return "\"" + raw.Value + "\" (" + number + (memory ? " MiB)" : " CPU units)");
        }

        return memory ? number + " MiB" : number;
    }
}
