using EcsPolicy.Inputs;
using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

/// <summary>A task definition being built (L2 or a pattern's).</summary>
internal sealed class TaskState
{
    public TaskState(ExpressionSyntax creation, string kind, string id, string? path)
    {
        Creation = creation;
        Kind = kind;
        Id = id;
        Path = path;
        Node = new Draft(Reader.Loc(creation));
        Head = Reader.HeadLoc(creation);
    }

    public ExpressionSyntax Creation { get; }

    public string Kind { get; }

    public string Id { get; }

    public string? Path { get; }

    public Draft Node { get; }

    /// <summary>Where CDK's defaults for this task definition point (<c>new FargateTaskDefinition</c>).</summary>
    public SourceLocation Head { get; set; }

    /// <summary>The network mode CDK renders, when known ("awsvpc", "bridge", ...); null when unknown.</summary>
    public string? NetworkMode { get; set; }

    public bool FargateCompatible { get; set; }

    public List<ContainerState> Containers { get; } = [];

    /// <summary>Why CDK creates an execution role (a container logs to awslogs, takes secrets, ...), if it does.</summary>
    public bool NeedsExecutionRole { get; set; }

    /// <summary>Whether something the tool cannot read may make CDK create an execution role.</summary>
    public bool MayNeedExecutionRole { get; set; }

    /// <summary>The first awsfirelens logging, where CDK adds a log router when the task has none.</summary>
    public ExpressionSyntax? FirelensLogging { get; set; }

    public bool HasFirelensRouter { get; set; }

    /// <summary>Why more containers may be added where this tool does not see (the task definition is passed on), or null.</summary>
    public (string Reason, SourceLocation At)? MoreContainers { get; set; }

    public DraftList PlacementConstraints { get; set; } = null!;

    public DraftList Volumes { get; set; } = null!;

    public TaskDefinition? Built { get; set; }
}

/// <summary>A container definition being built.</summary>
internal sealed class ContainerState
{
    public ContainerState(Draft node, TaskState? task)
    {
        Node = node;
        Task = task;
    }

    public Draft Node { get; }

    public TaskState? Task { get; }

    public SNode? NameNode => Node.Get("name") as SNode;
}

/// <summary>A LinuxParameters construct being built (capabilities are added by method calls).</summary>
internal sealed class LinuxParametersState
{
    public LinuxParametersState(Draft node)
    {
        Node = node;
    }

    public Draft Node { get; }
}

/// <summary>An ECS pattern: the task definition and service it makes.</summary>
internal sealed class PatternState
{
    public TaskState? Task { get; set; }

    public object? Service { get; set; }

    public TargetGroupState? TargetGroup { get; set; }
}
