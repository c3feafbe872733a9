using EcsPolicy.Inputs;
using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// One extraction over one syntax tree (see <see cref="CdkExtractor"/>): the table of construct kinds, each made by its
/// renderer (under <c>Constructs/</c>) in its phase, and the context the renderers share (the reader, construct paths,
/// the objects of the tree and the lists of what was made).
/// </summary>
internal sealed partial class Extraction
{
    private readonly Reader _r;
    private readonly ConstructPaths _paths;
    private readonly Dictionary<SyntaxNode, ConstructState> _objects = [];
    private readonly List<TaskState> _tasks = [];
    private readonly List<ServiceState> _services = [];
    private readonly List<(Cluster Cluster, string? Path)> _clusters = [];
    private readonly List<TaskDefinition> _cfnTasks = [];
    private readonly List<Service> _cfnServices = [];

    // The construct kinds by CDK type and by the method that makes one; the renderers by the state their methods change.
    private readonly List<ConstructKind> _kinds;
    private readonly Dictionary<string, ConstructKind> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConstructKind> _byMethod = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, ConstructRenderer> _byState = [];

    public Extraction(Reader reader)
    {
        _r = reader;
        _paths = new ConstructPaths(reader);
        TaskRenderer = new TaskDefinitionRenderer(this);
        ContainerRenderer = new ContainerRenderer(this);
        ServiceRenderer = new ServiceRenderer(this);

        // The table: one row per construct kind. Adding a kind is a renderer under Constructs/ and a row here.
        _kinds =
        [
            new(ConstructPhase.Definitions, TaskRenderer, ["FargateTaskDefinition", "Ec2TaskDefinition", "TaskDefinition"]),
            new(ConstructPhase.Definitions, new LinuxParametersRenderer(this), ["LinuxParameters"]),
            new(ConstructPhase.Definitions, new ClusterRenderer(this), ["Cluster"]),
            new(ConstructPhase.Definitions, new L1Renderer(this, NewCfnTask), ["CfnTaskDefinition"]),
            new(ConstructPhase.Definitions, new L1Renderer(this, NewCfnCluster), ["CfnCluster"]),
            new(ConstructPhase.Patterns, new PatternRenderer(this),
            [
                "ApplicationLoadBalancedFargateService", "NetworkLoadBalancedFargateService", "QueueProcessingFargateService", "ScheduledFargateTask",
                "ApplicationLoadBalancedEc2Service", "NetworkLoadBalancedEc2Service",
            ]),
            new(ConstructPhase.Patterns, new TargetGroupRenderer(this), []), // made by the EC2 patterns
            new(ConstructPhase.Services, ServiceRenderer, ["FargateService", "Ec2Service"]),
            new(ConstructPhase.Containers, ContainerRenderer, ["ContainerDefinition", "FirelensLogRouter"], ["AddContainer", "AddFirelensLogRouter"]),
            new(ConstructPhase.Finished, new L1Renderer(this, NewCfnService), ["CfnService"]),
        ];
        foreach (var kind in _kinds)
        {
            foreach (var type in kind.Types)
            {
                _byType.Add(type, kind);
            }

            foreach (var method in kind.Methods)
            {
                _byMethod.Add(method, kind);
            }

            if (kind.Renderer.StateType is { } state)
            {
                _byState[state] = kind.Renderer;
            }
        }
    }

    internal Reader Reader => _r;

    internal ConstructPaths Paths => _paths;

    /// <summary>The state of each construct of the tree, by the expression that makes it.</summary>
    internal Dictionary<SyntaxNode, ConstructState> Objects => _objects;

    internal List<TaskState> Tasks => _tasks;

    internal List<ServiceState> Services => _services;

    internal List<(Cluster Cluster, string? Path)> Clusters => _clusters;

    internal TaskDefinitionRenderer TaskRenderer { get; }

    internal ContainerRenderer ContainerRenderer { get; }

    internal ServiceRenderer ServiceRenderer { get; }

    public LoadResult Run()
    {
        var root = _r.Tree.GetRoot(_r.Cancellation);
        _r.PrepareConstants();
        var creations = new List<(ExpressionSyntax Node, ConstructKind Kind, string Type)>();
        foreach (var creation in root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
        {
            if (_r.CdkTypeOf(creation) is { } type && _byType.TryGetValue(type, out var kind))
            {
                creations.Add((creation, kind, type));
            }
        }

        var invocations = root.DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();

        // Task definitions, clusters and the helpers containers refer to first; then what refers to them.
        foreach (var phase in new[] { ConstructPhase.Definitions, ConstructPhase.Patterns, ConstructPhase.Services, ConstructPhase.Containers })
        {
            Create(phase, creations, invocations);
        }

        foreach (var invocation in invocations)
        {
            Mutate(invocation);
        }

        foreach (var kind in _kinds)
        {
            kind.Renderer.Finish();
        }

        Create(ConstructPhase.Finished, creations, invocations);

        var services = _services.Select(ServiceRenderer.BuildService).ToList();
        return new LoadResult
        {
            Vocabulary = Vocabulary.CdkCSharp,

            // A file without ECS constructs is not an input of this tool (counted as skipped by the CLI).
            // (An ECS pattern whose task definition is the app's, from elsewhere, is an ECS construct too.)
            Recognized = _tasks.Count + _cfnTasks.Count + services.Count + _cfnServices.Count + _clusters.Count > 0 || _objects.Values.OfType<PatternState>().Any(),
            Tasks = [.. _tasks.Select(t => t.Built!), .. _cfnTasks],
            Services = [.. services, .. _cfnServices],
            Clusters = [.. _clusters.GroupBy(c => c.Path ?? c.Cluster.Node.Location.ToString()).Select(g => g.First().Cluster)],
        };
    }

    // The constructs of one phase, in the order of the code: the `new X(...)` of its types, then (in the same order) the
    // calls of its methods, such as the containers CDK adds in that order.
    private void Create(ConstructPhase phase, List<(ExpressionSyntax Node, ConstructKind Kind, string Type)> creations, List<InvocationExpressionSyntax> invocations)
    {
        IEnumerable<(ExpressionSyntax Node, ConstructKind Kind, string Type)> made = creations.Where(c => c.Kind.Phase == phase);
        if (_kinds.Any(k => k.Phase == phase && k.Methods.Length > 0))
        {
            var calls = new List<(ExpressionSyntax Node, ConstructKind Kind, string Type)>();
            foreach (var invocation in invocations)
            {
                if (Syntax.Callee(invocation).Name is { } name && _byMethod.TryGetValue(name, out var kind) && kind.Phase == phase)
                {
                    calls.Add((invocation, kind, name));
                }
            }

            made = made.Concat(calls).OrderBy(c => c.Node.SpanStart);
        }

        foreach (var (node, kind, type) in made)
        {
            kind.Renderer.Create(node, type);
        }
    }

    /// <summary>The object an expression denotes among those of this tree (through variables and pattern members), or null.</summary>
    internal ConstructState? Denote(ExpressionSyntax e, int depth = 0)
    {
        if (depth > 8 || _r.Follow(e, out _, throughCalls: true) is not { } definition)
        {
            return null;
        }

        if (_objects.TryGetValue(definition, out var known))
        {
            return known;
        }

        if (definition is MemberAccessExpressionSyntax access)
        {
            var name = access.Name.Identifier.ValueText;
            return Denote(access.Expression, depth + 1) switch
            {
                PatternState p when name == "TaskDefinition" => p.Task,
                PatternState p when name == "Service" => p.Service,
                PatternState p when name == "TargetGroup" => p.TargetGroup,
                TaskState t when name == "TaskDefinitionArn" => t,
                CfnTaskState c when name is "Ref" or "AttrTaskDefinitionArn" => c,
                _ => null,
            };
        }

        return null;
    }

    internal static string? Origin(string? path) => string.IsNullOrEmpty(path) ? null : "construct " + path;

    /// <summary>
    /// The id a construct is created with (its second argument) when known. Else a name for messages that is not C#
    /// source: the id's known parts with '*' for the parts known only when the app runs, after the scope's construct
    /// path when that is known (<c>Api/*-ApiFargateService</c> for <c>$"{props.Prefix}-ApiFargateService"</c>); or,
    /// when no part is known, the variable the construct is kept in, or its type.
    /// </summary>
    internal string IdOf(BaseObjectCreationExpressionSyntax creation)
    {
        if (Syntax.Argument(creation.ArgumentList, 1, "id") is not { } id)
        {
            return "";
        }

        if (_r.Eval(id).Constant is string constant)
        {
            return constant;
        }

        if (IdPattern(id, 0) is { } pattern && pattern.Replace("*", "").Length > 0)
        {
            var scope = Syntax.Argument(creation.ArgumentList, 0, "scope") is { } scopeArg ? _paths.Of(scopeArg)?.Path : null;
            return string.IsNullOrEmpty(scope) ? pattern : scope + "/" + pattern;
        }

        return creation.Parent switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            AssignmentExpressionSyntax { Left: var target } => target is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : Props.Short(target),
            _ => _r.CdkTypeOf(creation) ?? "",
        };
    }

    // The text of an id built from parts (interpolation, concatenation), '*' for each part not known before the app runs.
    private string? IdPattern(ExpressionSyntax e, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        var value = _r.Eval(e);
        if (value.Constant is { } known && known is string or double or int or long)
        {
            return Convert.ToString(known, System.Globalization.CultureInfo.InvariantCulture);
        }

        var definition = _r.Follow(e, out _) ?? Syntax.Unwrap(e);
        switch (definition)
        {
            case InterpolatedStringExpressionSyntax interpolated:
                var text = new System.Text.StringBuilder();
                foreach (var part in interpolated.Contents)
                {
                    text.Append(part switch
                    {
                        InterpolatedStringTextSyntax literal => literal.TextToken.ValueText,
                        InterpolationSyntax hole => IdPattern(hole.Expression, depth + 1) ?? "*",
                        _ => "*",
                    });
                }

                return text.ToString();
            case BinaryExpressionSyntax binary when binary.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AddExpression):
                return (IdPattern(binary.Left, depth + 1) ?? "*") + (IdPattern(binary.Right, depth + 1) ?? "*");
            default:
                return null;
        }
    }

    internal string? PathOf(BaseObjectCreationExpressionSyntax creation) => _paths.OfCreation(creation)?.Path;

    private static string Child(string? path, string id) => path is null ? "" : path + "/" + id;

    // Each argument of a params call, with a single array argument expanded.
    internal IEnumerable<ExpressionSyntax> ParamsItems(InvocationExpressionSyntax invocation, int skip = 0)
    {
        var args = invocation.ArgumentList.Arguments.Skip(skip).Select(a => a.Expression).ToList();
        if (args.Count == 1 && Props.Items(_r, args[0], out _, out _) is { } items && Syntax.Unwrap(args[0]) is not BaseObjectCreationExpressionSyntax)
        {
            return items;
        }

        return args;
    }

    // A method call on a construct of the tree, read by the renderer of the construct's state.
    private void Mutate(InvocationExpressionSyntax invocation)
    {
        var (name, receiver) = Syntax.Callee(invocation);
        if (name is null || receiver is null)
        {
            return;
        }

        if (Denote(receiver) is { } state && _byState.TryGetValue(state.GetType(), out var renderer))
        {
            renderer.Mutate(state, name, invocation);
        }
    }
}
