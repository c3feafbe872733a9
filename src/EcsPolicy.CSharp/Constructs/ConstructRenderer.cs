using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>When, in an extraction, a renderer makes its constructs: each phase reads what the phases before it made.</summary>
internal enum ConstructPhase
{
    /// <summary>Task definitions, LinuxParameters, clusters and L1 task definitions and clusters, which others refer to.</summary>
    Definitions,

    /// <summary>ECS patterns, which may be given a task definition.</summary>
    Patterns,

    /// <summary>L2 services, which are given a task definition.</summary>
    Services,

    /// <summary>Containers, in the order of the code (the order CDK adds them in), once their task definitions are known.</summary>
    Containers,

    /// <summary>L1 services, which read the task definition that the renderers finished.</summary>
    Finished,
}

/// <summary>
/// One row of the extraction's table of construct kinds: the CDK types whose <c>new X(...)</c> make the construct, the
/// methods that make one on a construct of the tree (<c>td.AddContainer(...)</c>), the phase they are made in, and the
/// renderer that makes them.
/// </summary>
internal sealed class ConstructKind
{
    public ConstructKind(ConstructPhase phase, ConstructRenderer renderer, string[] types, string[]? methods = null)
    {
        Phase = phase;
        Renderer = renderer;
        Types = types;
        Methods = methods ?? [];
    }

    public ConstructPhase Phase { get; }

    public ConstructRenderer Renderer { get; }

    public string[] Types { get; }

    public string[] Methods { get; }
}

/// <summary>
/// Renders one kind of construct (as Amazon.CDK.Lib 2.160.0 renders it) into the model objects of an
/// <see cref="Extraction"/>, which is the renderers' shared context: the reader, construct paths, the objects of the tree
/// and the lists of what was made. The helpers below forward to it, so that each renderer reads as the extraction did.
/// </summary>
internal abstract class ConstructRenderer
{
    protected ConstructRenderer(Extraction context)
    {
        Context = context;
    }

    /// <summary>The state that the method calls this renderer reads change (<c>td.AddVolume(...)</c> on a <see cref="TaskState"/>), or null.</summary>
    public virtual Type? StateType => null;

    protected Extraction Context { get; }

    protected Dictionary<SyntaxNode, ConstructState> Objects => Context.Objects;

    protected List<TaskState> Tasks => Context.Tasks;

    protected List<ServiceState> Services => Context.Services;

    protected List<(Cluster Cluster, string? Path)> Clusters => Context.Clusters;

    protected ConstructPaths Paths => Context.Paths;

    /// <summary>Makes the construct of <paramref name="node"/>: a <c>new X(...)</c> of the CDK type <paramref name="kind"/>, or a call of the method <paramref name="kind"/>.</summary>
    public virtual void Create(ExpressionSyntax node, string kind)
    {
    }

    /// <summary>A method call on a construct of this renderer's <see cref="StateType"/> (<c>container.AddPortMappings(...)</c>).</summary>
    public virtual void Mutate(ConstructState state, string name, InvocationExpressionSyntax call)
    {
    }

    /// <summary>After every construct is made and every method call read: what CDK adds when it renders, and the model objects.</summary>
    public virtual void Finish()
    {
    }

    protected static string? Origin(string? path) => Extraction.Origin(path);

    protected static string DefaultNote(string member, string value, string construct, string prop) => Extraction.DefaultNote(member, value, construct, prop);

    protected ConstructState? Denote(ExpressionSyntax e) => Context.Denote(e);

    protected string IdOf(BaseObjectCreationExpressionSyntax creation) => Context.IdOf(creation);

    protected string? PathOf(BaseObjectCreationExpressionSyntax creation) => Context.PathOf(creation);

    protected IEnumerable<ExpressionSyntax> ParamsItems(InvocationExpressionSyntax invocation) => Context.ParamsItems(invocation);

    protected void SetIfGiven(Draft d, Props props, string prop, string member, Func<ExpressionSyntax, object> render) => Context.SetIfGiven(d, props, prop, member, render);

    protected void AddItems(DraftList list, ExpressionSyntax e, Func<ExpressionSyntax, object?> render, Func<ExpressionSyntax, IEnumerable<object>?>? many = null) =>
        Context.AddItems(list, e, render, many);

    protected object Struct(ExpressionSyntax e) => Context.Struct(e);

    protected object MapOrUnknown(ExpressionSyntax e) => Context.MapOrUnknown(e);

    protected IEnumerable<object>? PlacementItems(ExpressionSyntax e) => Context.PlacementItems(e);
}
