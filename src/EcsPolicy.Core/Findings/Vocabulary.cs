namespace EcsPolicy.Findings;

/// <summary>
/// The names a user's file speaks: a finding's message and fix are rendered in the vocabulary of the input it is about,
/// so that a Copilot user reads manifest keys and a CDK user reads construct properties.
/// </summary>
public enum Vocabulary
{
    /// <summary>The ECS API's camelCase names (task-definition and service JSON).</summary>
    Api = 0,

    /// <summary>CloudFormation's PascalCase property names, in a JSON template (and <c>cdk.out</c>).</summary>
    CloudFormationJson,

    /// <summary>CloudFormation's PascalCase property names, in a YAML template.</summary>
    CloudFormationYaml,

    /// <summary>An AWS Copilot manifest's keys (<c>storage.readonly_fs</c>), else the <c>taskdef_overrides</c> path.</summary>
    Copilot,

    /// <summary>The AWS CDK's construct properties in C# (<c>MemoryLimitMiB</c>, <c>ReadonlyRootFilesystem</c>).</summary>
    CdkCSharp,
}
