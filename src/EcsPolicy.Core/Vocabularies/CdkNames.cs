namespace EcsPolicy.Vocabularies;

/// <summary>How AWS CDK C# code names the properties of the task definitions and services it builds.</summary>
public static class CdkNames
{
    /// <summary>
    /// The construct property (or method) that sets <paramref name="prop"/>, e.g. <c>MemoryLimitMiB</c>,
    /// <c>ReadonlyRootFilesystem</c>; null when the CloudFormation spelling is the CDK's too.
    /// </summary>
    public static string? Property(PropRef prop) => null;

    /// <summary>JSON literal <paramref name="json"/> as a C# value of <paramref name="prop"/> (e.g. <c>NetworkMode.AWS_VPC</c>).</summary>
    public static string Literal(PropRef prop, string json) => json;
}
