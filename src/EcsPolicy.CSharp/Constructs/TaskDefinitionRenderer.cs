using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// Task definitions, rendered as Amazon.CDK.Lib 2.160.0 renders them (aws-ecs TaskDefinition): CDK's defaults at the
// construct's `new X`, with a note saying they are CDK's.

/// <summary>
/// FargateTaskDefinition, Ec2TaskDefinition and TaskDefinition: the task-level members, the methods that change them,
/// and at the end what CDK adds when it renders the task definition (a FireLens log router, an execution role).
/// </summary>
internal sealed class TaskDefinitionRenderer : ConstructRenderer
{
    // Members of a task definition that read it or change nothing the model holds; any other use passes it on.
    private static readonly HashSet<string> QuietTaskMembers = new(StringComparer.Ordinal)
    {
        "AddContainer", "AddFirelensLogRouter", "AddVolume", "AddPlacementConstraint", "AddToTaskRolePolicy", "AddToExecutionRolePolicy",
        "ObtainExecutionRole", "GrantRun", "TaskRole", "ExecutionRole", "TaskDefinitionArn", "Family", "NetworkMode", "Node",
        "DefaultContainer", "Compatibility", "IsFargateCompatible", "IsEc2Compatible", "IsExternalCompatible", "Stack", "Env",
        "FindContainer", "FindPortMappingByName", "ReferencesSecretJsonField", "EphemeralStorageGiB", "PidMode", "ApplyRemovalPolicy",
    };

    private readonly Reader _r;

    public TaskDefinitionRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override Type StateType => typeof(TaskState);

    public override void Create(ExpressionSyntax node, string kind) => NewTask((BaseObjectCreationExpressionSyntax)node, kind);

    public override void Mutate(ConstructState state, string name, InvocationExpressionSyntax call) => MutateTask((TaskState)state, name, call);

    /// <summary>The escapes of each task definition, then what CDK adds when it renders it, then the model object.</summary>
    public override void Finish()
    {
        foreach (var task in Tasks)
        {
            FindEscapes(task);
            Finish(task);
        }
    }

    private void NewTask(BaseObjectCreationExpressionSyntax creation, string type)
    {
        var props = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
        var task = new TaskState(creation, type, IdOf(creation), PathOf(creation));
        Objects[creation] = task;
        Tasks.Add(task);
        RenderTask(task, props, type);
    }

    /// <summary>The task-level members of a task definition construct (FargateTaskDefinition, Ec2TaskDefinition, TaskDefinition).</summary>
    internal void RenderTask(TaskState task, Props props, string type, (double Cpu, double Memory)? patternDefaults = null)
    {
        var d = task.Node;
        var head = task.Head;
        bool? fargate;
        bool? ec2 = null;
        switch (type)
        {
            case "FargateTaskDefinition":
                fargate = true;
                d.Set("requiresCompatibilities", null, head, new DraftList(head) { Items = { Reader.Generated("FARGATE", head) } });
                break;
            case "Ec2TaskDefinition":
                fargate = false;
                d.Set("requiresCompatibilities", null, head, new DraftList(head) { Items = { Reader.Generated("EC2", head) } });
                break;
            default:
                fargate = Compatibilities(props, d, out ec2);
                break;
        }

        task.FargateCompatible = fargate == true;
        task.Node.List("containerDefinitions", null, head);
        task.Volumes = new DraftList(props.Has("Volumes") ? props.NameLoc("Volumes") : head);
        task.PlacementConstraints = new DraftList(props.Has("PlacementConstraints") ? props.NameLoc("PlacementConstraints") : head);
        if (props.IsUnknown)
        {
            // Props the tool cannot read: every member may be set.
            foreach (var member in new[] { "cpu", "memory", "networkMode", "family", "executionRoleArn", "requiresCompatibilities", "pidMode", "ipcMode" })
            {
                d.SetIfAbsent(member, null, head, SNode.Unknown("the props are " + props.UnknownReason, head));
            }

            task.MayNeedExecutionRole = true;
            return;
        }

        // Family: the one given, or the unique name CDK makes from the construct path.
        if (props["Family"] is { } family)
        {
            d.Set("family", "Family", props.NameLoc("Family"), _r.StringNode(family));
        }
        else
        {
            d.Set("family", null, head, SNode.Unknown("the family name CDK generates from the construct path", head));
        }

        d.Set("taskRoleArn", props.Has("TaskRole") ? "TaskRole" : null, props.Has("TaskRole") ? props.NameLoc("TaskRole") : head,
            props["TaskRole"] is { } taskRole ? Reader.UnknownNode("the ARN of the role given as TaskRole", taskRole) : SNode.Unknown("the task role CDK creates", head, "arn"));
        if (props["ExecutionRole"] is { } executionRole)
        {
            d.Set("executionRoleArn", "ExecutionRole", props.NameLoc("ExecutionRole"), Reader.UnknownNode("the ARN of the role given as ExecutionRole", executionRole));
        }

        var construct = patternDefaults is null ? type : "FargateTaskDefinition of an ECS pattern";
        if (type == "FargateTaskDefinition")
        {
            var (cpu, memory) = patternDefaults ?? (256, 512);
            d.Set("cpu", "Cpu", props.NameLoc("Cpu"), props["Cpu"] is { } c ? _r.NumberAsStringNode(c)
                : SNode.CreateDefault(NodeKind.String, CdkNames.Number(cpu), head, DefaultNote("Cpu", CdkNames.Number(cpu), construct, "Cpu")));
            d.Set("memory", "MemoryLimitMiB", props.NameLoc("MemoryLimitMiB"), props["MemoryLimitMiB"] is { } m ? _r.NumberAsStringNode(m)
                : SNode.CreateDefault(NodeKind.String, CdkNames.Number(memory), head, DefaultNote("MemoryLimitMiB", CdkNames.Number(memory), construct, "MemoryLimitMiB")));
            d.Set("networkMode", null, head, Reader.Generated("awsvpc", head));
            task.NetworkMode = "awsvpc";
        }
        else
        {
            if (type == "TaskDefinition")
            {
                SetIfGiven(d, props, "Cpu", "cpu", _r.NumberAsStringNode);
                SetIfGiven(d, props, "MemoryMiB", "memory", _r.NumberAsStringNode);
            }

            if (props["NetworkMode"] is { } mode)
            {
                var node = _r.StringNode(mode);
                task.NetworkMode = node.Kind == NodeKind.String ? node.Scalar : null;
                if (task.NetworkMode != "nat")
                {
                    d.Set("networkMode", "NetworkMode", props.NameLoc("NetworkMode"), node);
                }
            }
            else if (fargate is null)
            {
                d.Set("networkMode", null, head, SNode.Unknown("awsvpc or bridge, by the compatibility", head));
            }
            else
            {
                task.NetworkMode = fargate.Value ? "awsvpc" : "bridge";
                d.Set("networkMode", null, head, SNode.CreateDefault(NodeKind.String, task.NetworkMode, head, DefaultNote("NetworkMode", task.NetworkMode, type, "NetworkMode")));
            }
        }

        SetIfGiven(d, props, "PidMode", "pidMode", _r.StringNode);
        SetIfGiven(d, props, "IpcMode", "ipcMode", _r.StringNode);
        if (props["EphemeralStorageGiB"] is { } storage && !(_r.Eval(storage).TryNumber(out var gib) && gib == 0))
        {
            var size = new Draft(Reader.Loc(storage));
            size.Set("sizeInGiB", "EphemeralStorageGiB", props.NameLoc("EphemeralStorageGiB"), _r.NumberNode(storage));
            d.Set("ephemeralStorage", "EphemeralStorageGiB", props.NameLoc("EphemeralStorageGiB"), size);
        }

        if (props["RuntimePlatform"] is { } platform && fargate != false)
        {
            d.Set("runtimePlatform", "RuntimePlatform", props.NameLoc("RuntimePlatform"), Struct(platform));
        }

        if (props["Volumes"] is { } volumes)
        {
            AddItems(task.Volumes, volumes, Struct);
        }

        if (props["PlacementConstraints"] is { } constraints && fargate != true)
        {
            AddItems(task.PlacementConstraints, constraints, e => null, PlacementItems);
        }
    }

    // requiresCompatibilities from Compatibility; returns whether Fargate-compatible (null when unknown).
    private bool? Compatibilities(Props props, Draft d, out bool? ec2)
    {
        ec2 = null;
        if (props["Compatibility"] is not { } compatibility)
        {
            return null;
        }

        var list = new DraftList(Reader.Loc(compatibility));
        d.Set("requiresCompatibilities", "Compatibility", props.NameLoc("Compatibility"), list);
        var value = _r.Eval(compatibility);
        if (value.Constant is not string member)
        {
            d.Set("requiresCompatibilities", "Compatibility", props.NameLoc("Compatibility"), Reader.UnknownNode(value, compatibility, "not a Compatibility"));
            return null;
        }

        var at = Reader.Loc(compatibility);
        ec2 = member.Contains("EC2");
        var fargate = member.Contains("FARGATE");
        foreach (var name in new[] { "EC2", "FARGATE", "EXTERNAL" })
        {
            if (member.Contains(name))
            {
                list.Items.Add(Reader.Generated(name, at));
            }
        }

        return fargate;
    }

    private void MutateTask(TaskState task, string name, InvocationExpressionSyntax call)
    {
        switch (name)
        {
            case "AddVolume":
                task.Volumes.Items.AddRange(ParamsItems(call).Select(Struct));
                break;
            case "AddPlacementConstraint":
                foreach (var item in ParamsItems(call))
                {
                    task.PlacementConstraints.Items.AddRange(PlacementItems(item) ?? [Reader.UnknownNode(_r.Eval(item).UnknownReason ?? "not a placement constraint", item)]);
                }

                break;
            case "AddToExecutionRolePolicy" or "ObtainExecutionRole":
                task.NeedsExecutionRole = true;
                break;
        }
    }

    /// <summary>What CDK adds when the task is rendered, then the model object.</summary>
    private void Finish(TaskState task)
    {
        var d = task.Node;
        var containers = (DraftList)d.Get("containerDefinitions")!;

        // A container logging through awsfirelens without a log router: CDK adds one (aws-ecs TaskDefinition.renderContainers).
        if (task.FirelensLogging is { } firelens && !task.HasFirelensRouter)
        {
            var at = Reader.Loc(firelens);
            var router = new Draft(at);
            const string Note = "CDK adds this FireLens log router because a container logs through awsfirelens and the task has none.";
            router.Set("name", null, at, Reader.Generated("log-router", at));
            router.Set("image", null, at, SNode.Unknown("the AWS for Fluent Bit image CDK reads from SSM", at));
            router.Set("essential", null, at, SNode.CreateScalar(NodeKind.Boolean, "true", at));
            router.Set("memoryReservation", null, at, SNode.CreateDefault(NodeKind.Number, "50", at, Note));
            var type = new Draft(at);
            type.Set("type", null, at, Reader.Generated("fluentbit", at));
            router.Set("firelensConfiguration", null, at, type);
            var log = new Draft(at);
            log.Set("logDriver", null, at, Reader.Generated("awslogs", at));
            var options = new Draft(at);
            options.Set("awslogs-group", null, at, SNode.Unknown("the name of the log group CDK creates", at));
            options.Set("awslogs-stream-prefix", null, at, Reader.Generated("firelens", at));
            options.Set("awslogs-region", null, at, SNode.Unknown("the region of the stack", at));
            log.Set("options", null, at, options);
            router.Set("logConfiguration", null, at, log);
            containers.Items.Add(router);
            task.NeedsExecutionRole = true;
        }

        if (task.MoreContainers is { } more)
        {
            containers.Items.Add(SNode.Unknown(more.Reason, more.At));
        }

        if (!d.Has("executionRoleArn") && (task.NeedsExecutionRole || task.MayNeedExecutionRole))
        {
            d.Set("executionRoleArn", null, task.Head, task.NeedsExecutionRole
                ? SNode.Unknown("the execution role CDK creates", task.Head, "arn")
                : SNode.Unknown("an execution role CDK may create", task.Head));
        }

        if (task.Volumes.Items.Count > 0)
        {
            d.Set("volumes", "Volumes", task.Volumes.Location, task.Volumes);
        }

        if (task.PlacementConstraints.Items.Count > 0)
        {
            d.Set("placementConstraints", "PlacementConstraints", task.PlacementConstraints.Location, task.PlacementConstraints);
        }

        task.Built = TaskDefinition.Create(d.Build(), SourceFormat.CdkCSharp, task.Id, Origin(task.Path));
    }

    /// <summary>
    /// Whether the task definition is passed on where this tool does not follow it (a method of the app, a collection,
    /// a return): containers may then be added there, so the list of containers is not complete. A helper method of the
    /// file (<see cref="Reader.HelperCall"/>) is followed: into it when the task definition is an argument of its one
    /// call, and out of it when it returns the task definition, since <see cref="Extraction.Denote"/> follows the same way.
    /// </summary>
    private void FindEscapes(TaskState task) => task.MoreContainers ??= EscapeOf(task.Creation!, task, 0);

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

/// <summary>A task definition being built (L2 or a pattern's).</summary>
internal sealed class TaskState : ConstructState
{
    public TaskState(ExpressionSyntax creation, string kind, string id, string? path)
        : base(creation)
    {
        Kind = kind;
        Id = id;
        Path = path;
        Node = new Draft(Reader.Loc(creation));
        Head = Reader.HeadLoc(creation);
    }

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
