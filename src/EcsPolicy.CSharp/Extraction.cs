using EcsPolicy.Inputs;
using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>One extraction over one syntax tree (see <see cref="CdkExtractor"/>).</summary>
internal sealed partial class Extraction
{
    private static readonly HashSet<string> PatternTypes = new(StringComparer.Ordinal)
    {
        "ApplicationLoadBalancedFargateService", "NetworkLoadBalancedFargateService", "QueueProcessingFargateService", "ScheduledFargateTask",
        "ApplicationLoadBalancedEc2Service", "NetworkLoadBalancedEc2Service",
    };

    // Members of a task definition that read it or change nothing the model holds; any other use passes it on.
    private static readonly HashSet<string> QuietTaskMembers = new(StringComparer.Ordinal)
    {
        "AddContainer", "AddFirelensLogRouter", "AddVolume", "AddPlacementConstraint", "AddToTaskRolePolicy", "AddToExecutionRolePolicy",
        "ObtainExecutionRole", "GrantRun", "TaskRole", "ExecutionRole", "TaskDefinitionArn", "Family", "NetworkMode", "Node",
        "DefaultContainer", "Compatibility", "IsFargateCompatible", "IsEc2Compatible", "IsExternalCompatible", "Stack", "Env",
        "FindContainer", "FindPortMappingByName", "ReferencesSecretJsonField", "EphemeralStorageGiB", "PidMode", "ApplyRemovalPolicy",
    };

    private readonly Reader _r;
    private readonly ConstructPaths _paths;
    private readonly Dictionary<SyntaxNode, object> _objects = [];
    private readonly List<TaskState> _tasks = [];
    private readonly List<ServiceState> _services = [];
    private readonly List<(Cluster Cluster, string? Path)> _clusters = [];
    private readonly List<TaskDefinition> _cfnTasks = [];
    private readonly List<Service> _cfnServices = [];

    public Extraction(Reader reader)
    {
        _r = reader;
        _paths = new ConstructPaths(reader);
    }

    public LoadResult Run()
    {
        var root = _r.Tree.GetRoot(_r.Cancellation);
        _r.PrepareConstants();
        var creations = new List<(BaseObjectCreationExpressionSyntax Node, string Type)>();
        foreach (var creation in root.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>())
        {
            if (_r.CdkTypeOf(creation) is { } type)
            {
                creations.Add((creation, type));
            }
        }

        var invocations = root.DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();

        // Task definitions, clusters and the helpers containers refer to first; then what refers to them.
        foreach (var (node, type) in creations)
        {
            switch (type)
            {
                case "FargateTaskDefinition" or "Ec2TaskDefinition" or "TaskDefinition":
                    NewTask(node, type);
                    break;
                case "LinuxParameters":
                    _objects[node] = NewLinuxParameters(node);
                    break;
                case "Cluster":
                    NewCluster(node);
                    break;
                case "CfnTaskDefinition":
                    NewCfnTask(node);
                    break;
                case "CfnCluster":
                    NewCfnCluster(node);
                    break;
            }
        }

        foreach (var (node, type) in creations.Where(c => PatternTypes.Contains(c.Type)))
        {
            NewPattern(node, type);
        }

        foreach (var (node, type) in creations.Where(c => c.Type is "FargateService" or "Ec2Service"))
        {
            NewService(node, type);
        }

        // Containers in the order CDK adds them: the order of the code.
        var containers = creations.Where(c => c.Type is "ContainerDefinition" or "FirelensLogRouter").Select(c => (SyntaxNode)c.Node)
            .Concat(invocations.Where(i => Syntax.Callee(i).Name is "AddContainer" or "AddFirelensLogRouter"))
            .OrderBy(n => n.SpanStart);
        foreach (var node in containers)
        {
            NewContainer(node);
        }

        foreach (var invocation in invocations)
        {
            Mutate(invocation);
        }

        foreach (var task in _tasks)
        {
            FindEscapes(task);
            Finish(task);
        }

        foreach (var (node, _) in creations.Where(c => c.Type == "CfnService"))
        {
            NewCfnService(node);
        }

        var services = _services.Select(BuildService).ToList();
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

    /// <summary>The object an expression denotes among those of this tree (through variables and pattern members), or null.</summary>
    private object? Denote(ExpressionSyntax e, int depth = 0)
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

    private static string? Origin(string? path) => string.IsNullOrEmpty(path) ? null : "construct " + path;

    /// <summary>
    /// The id a construct is created with (its second argument) when known. Else a name for messages that is not C#
    /// source: the id's known parts with '*' for the parts known only when the app runs, after the scope's construct
    /// path when that is known (<c>Api/*-ApiFargateService</c> for <c>$"{props.Prefix}-ApiFargateService"</c>); or,
    /// when no part is known, the variable the construct is kept in, or its type.
    /// </summary>
    private string IdOf(BaseObjectCreationExpressionSyntax creation)
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

    private string? PathOf(BaseObjectCreationExpressionSyntax creation) => _paths.OfCreation(creation)?.Path;

    private static string Child(string? path, string id) => path is null ? "" : path + "/" + id;

    // Each argument of a params call, with a single array argument expanded.
    private IEnumerable<ExpressionSyntax> ParamsItems(InvocationExpressionSyntax invocation, int skip = 0)
    {
        var args = invocation.ArgumentList.Arguments.Skip(skip).Select(a => a.Expression).ToList();
        if (args.Count == 1 && Props.Items(_r, args[0], out _, out _) is { } items && Syntax.Unwrap(args[0]) is not BaseObjectCreationExpressionSyntax)
        {
            return items;
        }

        return args;
    }

    private void Mutate(InvocationExpressionSyntax invocation)
    {
        var (name, receiver) = Syntax.Callee(invocation);
        if (name is null || receiver is null)
        {
            return;
        }

        switch (Denote(receiver))
        {
            case TaskState task:
                MutateTask(task, name, invocation);
                break;
            case ContainerState container:
                MutateContainer(container, name, invocation);
                break;
            case LinuxParametersState linux:
                MutateLinuxParameters(linux, name, invocation);
                break;
            case ServiceState service:
                MutateService(service, name, invocation);
                break;
            case TargetGroupState group:
                MutateTargetGroup(group, name, invocation);
                break;
        }
    }

    /// <summary>
    /// Whether the task definition is passed on where this tool does not follow it (a method of the app, a collection,
    /// a return): containers may then be added there, so the list of containers is not complete. A helper method of the
    /// file (<see cref="Reader.HelperCall"/>) is followed: into it when the task definition is an argument of its one
    /// call, and out of it when it returns the task definition, since <see cref="Denote"/> follows the same way.
    /// </summary>
    private void FindEscapes(TaskState task) => task.MoreContainers ??= EscapeOf(task.Creation, task, 0);

    private (string Reason, SourceLocation At)? EscapeOf(ExpressionSyntax value, TaskState task, int depth)
    {
        if (depth > 8)
        {
            return ("the task definition is passed on through too many methods", Reader.Loc(value));
        }

        var parent = value.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression })
        {
            value = (ExpressionSyntax)parent;
            parent = value.Parent;
        }

        switch (parent)
        {
            case AssignmentExpressionSyntax { Left: var target } assignment when assignment.Right == value:
                if (_r.SymbolOf(target) is IFieldSymbol or IPropertySymbol && _r.SymbolOf(target)!.DeclaredAccessibility != Accessibility.Private)
                {
                    // Held in a member that other code can reach (a stack's public property): containers may be added there.
                    return ("the task definition is in '" + target + "', which other code can reach", task.Head);
                }

                return null;
            case ArrowExpressionClauseSyntax or ReturnStatementSyntax:
                return Returned(value, task, depth);
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }:
                return EscapeOfVariable(declarator, task, depth);
            case ArgumentSyntax argument:
                return EscapeOfArgument(argument, task, depth);
            default:
                return null;
        }
    }

    // The task definition is what a method returns: followed to the method's one call when it is a helper of the file.
    private (string Reason, SourceLocation At)? Returned(ExpressionSyntax value, TaskState task, int depth)
    {
        var method = value.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax);
        var symbol = method is null ? null : _r.ModelFor(method).GetDeclaredSymbol(method, _r.Cancellation) as IMethodSymbol;
        if (_r.HelperCall(symbol) is { } call)
        {
            return EscapeOf(call, task, depth + 1);
        }

        return ("containers may be added where the task definition is returned to", Reader.Loc(value));
    }

    private (string Reason, SourceLocation At)? EscapeOfVariable(VariableDeclaratorSyntax declarator, TaskState task, int depth)
    {
        var symbol = _r.ModelFor(declarator).GetDeclaredSymbol(declarator, _r.Cancellation);
        if (symbol is IFieldSymbol { DeclaredAccessibility: not Accessibility.Private })
        {
            return ("the task definition is in a field that other code can reach", task.Head);
        }

        // A local is searched for in its own method: searching the whole file made a file of many methods, each with its
        // own `task`, take the square of their number in bindings.
        var scope = symbol is IFieldSymbol ? declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>() as SyntaxNode
            : declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is not GlobalStatementSyntax) ?? _r.Tree.GetRoot(_r.Cancellation);
        return EscapeOfUses(symbol, declarator.Identifier.ValueText, scope, task, depth);
    }

    // The uses of a variable (a local, a field, a helper's parameter) that holds the task definition.
    private (string Reason, SourceLocation At)? EscapeOfUses(ISymbol? symbol, string name, SyntaxNode? scope, TaskState task, int depth)
    {
        foreach (var id in scope is null ? [] : _r.IdentifiersNamed(scope, name))
        {
            if (id.Parent is VariableDeclaratorSyntax)
            {
                continue;
            }

            var bound = _r.SymbolOf(id);
            if (bound != null && symbol != null && !SymbolEqualityComparer.Default.Equals(bound, symbol))
            {
                continue;
            }

            var use = id.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self && self.Name == id ? (ExpressionSyntax)self : id;
            if (IsQuietUse(use))
            {
                continue;
            }

            if (use.Parent is ArgumentSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax)
            {
                if (EscapeOf(use, task, depth + 1) is { } escape)
                {
                    return escape;
                }

                continue;
            }

            var at = use.FirstAncestorOrSelf<StatementSyntax>() ?? (SyntaxNode)use;
            return ("containers may be added where the task definition is passed on ('" + Props.Short(at).TrimEnd(';') + "')", Reader.Loc(use));
        }

        return null;
    }

    // An argument of a call: quiet for a construct or a CDK method; followed into a helper of the file by its parameter.
    private (string Reason, SourceLocation At)? EscapeOfArgument(ArgumentSyntax argument, TaskState task, int depth)
    {
        if (IsQuietUse(argument.Expression))
        {
            return null;
        }

        if (argument.Parent?.Parent is InvocationExpressionSyntax call && _r.SymbolOf(call.Expression) is IMethodSymbol method && _r.HelperCall(method) == call
            && argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None)
            && _r.ArgumentOf(ParameterOf(method, argument, call)!) == argument.Expression
            && method.DeclaringSyntaxReferences[0].GetSyntax(_r.Cancellation) is { } body)
        {
            var parameter = ParameterOf(method, argument, call)!;
            return EscapeOfUses(parameter, parameter.Name, body, task, depth + 1);
        }

        var at = argument.FirstAncestorOrSelf<StatementSyntax>() ?? (SyntaxNode)argument;
        return ("containers may be added where the task definition is passed on ('" + Props.Short(at).TrimEnd(';') + "')", Reader.Loc(argument.Expression));
    }

    private static IParameterSymbol? ParameterOf(IMethodSymbol method, ArgumentSyntax argument, InvocationExpressionSyntax call)
    {
        if (argument.NameColon is { } named)
        {
            return method.Parameters.FirstOrDefault(p => p.Name == named.Name.Identifier.ValueText);
        }

        var index = call.ArgumentList.Arguments.IndexOf(argument);
        return index >= 0 && index < method.Parameters.Length ? method.Parameters[index] : null;
    }

    private bool IsQuietUse(SyntaxNode use)
    {
        switch (use.Parent)
        {
            case MemberAccessExpressionSyntax access when access.Expression == use:
                return QuietTaskMembers.Contains(access.Name.Identifier.ValueText);
            case AssignmentExpressionSyntax assignment when assignment.Right == use && assignment.Parent is InitializerExpressionSyntax:
                // A member of props (`TaskDefinition = taskDef`): read by the construct the props are for.
                return true;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } }:
                return _r.CdkTypeOf(creation) != null;
            case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                return Syntax.Callee(invocation).Receiver is { } receiver && Denote(receiver) != null;
            default:
                return false;
        }
    }
}

/// <summary>An L2 service being built.</summary>
internal sealed class ServiceState
{
    public ServiceState(ExpressionSyntax creation, string kind, string id, string? path, TaskState? task)
    {
        Creation = creation;
        Kind = kind;
        Id = id;
        Path = path;
        Task = task;
        Node = new Draft(Reader.Loc(creation));
        Head = Reader.HeadLoc(creation);
    }

    public ExpressionSyntax Creation { get; }

    public string Kind { get; }

    public string Id { get; }

    public string? Path { get; }

    public TaskState? Task { get; }

    public Draft Node { get; }

    public SourceLocation Head { get; }

    public DraftList? PlacementConstraints { get; set; }

    public DraftList? PlacementStrategies { get; set; }

    /// <summary>The target group an ECS pattern registers the service with, when the extractor models it.</summary>
    public TargetGroupState? TargetGroup { get; set; }
}

/// <summary>
/// The target group of a load-balanced EC2 pattern (ELBv2 CreateTargetGroup names), for the service's load balancer entry.
/// </summary>
internal sealed class TargetGroupState
{
    public TargetGroupState(string name, SourceLocation at)
    {
        Name = name;
        Node = new Draft(at);
    }

    public string Name { get; }

    public Draft Node { get; }
}

/// <summary>An L1 task definition, for the services that refer to it.</summary>
internal sealed class CfnTaskState
{
    public CfnTaskState(TaskDefinition task)
    {
        Task = task;
    }

    public TaskDefinition Task { get; }
}
