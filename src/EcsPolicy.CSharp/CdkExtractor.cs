using EcsPolicy.Inputs;
using Microsoft.CodeAnalysis;

namespace EcsPolicy.CSharp;

/// <summary>
/// Builds the common model from AWS CDK C# code, without synthesizing or running anything: the task definitions,
/// services and clusters that the constructs of one syntax tree render (L2 constructs, ECS patterns, L1
/// <c>Cfn*</c> resources), in the canonical ECS API tree every loader produces, with each value at the C# syntax it
/// comes from and CDK's own defaults at the construct's <c>new X</c>. Values that are not known before the app runs
/// are unknown, so rules stay silent on them. Each object carries its construct path (<c>construct Stack/Api/TaskDef</c>)
/// when the scope chain is known.
/// </summary>
public static class CdkExtractor
{
    /// <summary>Extracts the model objects of the syntax tree of <paramref name="model"/>.</summary>
    public static LoadResult Extract(SemanticModel model, CompilationIndex index, CancellationToken cancellation = default) =>
        Extract(model, index, new Budget(), cancellation);

    /// <summary>
    /// Extracts the model objects of the syntax tree of <paramref name="model"/>, taking the work of evaluating its
    /// values from <paramref name="budget"/> (the file's), where the places it could not evaluate are recorded.
    /// </summary>
    public static LoadResult Extract(SemanticModel model, CompilationIndex index, Budget budget, CancellationToken cancellation = default) =>
        new Extraction(new Reader(model, index, cancellation, budget)).Run();

    /// <summary>A cheap look at the text: whether the tree can create ECS constructs at all.</summary>
    public static bool MayDefineEcs(SyntaxTree tree, CancellationToken cancellation = default)
    {
        var text = tree.GetText(cancellation).ToString();
        return text.Contains("TaskDefinition") || text.Contains("Cluster") || text.Contains("FargateService") || text.Contains("Ec2Service")
            || text.Contains("ScheduledFargateTask") || text.Contains("CfnService");
    }
}
