using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// Services, rendered as Amazon.CDK.Lib 2.160.0 renders them (aws-ecs BaseService, FargateService, Ec2Service).

/// <summary>FargateService and Ec2Service (and the service an ECS pattern makes): the service's members and its placement.</summary>
internal sealed class ServiceRenderer : ConstructRenderer
{
    private readonly Reader _r;

    public ServiceRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override Type StateType => typeof(ServiceState);

    public override void Create(ExpressionSyntax node, string kind) => NewService((BaseObjectCreationExpressionSyntax)node, kind);

    public override void Mutate(ConstructState state, string name, InvocationExpressionSyntax call) => MutateService((ServiceState)state, name, call);

    private void NewService(BaseObjectCreationExpressionSyntax creation, string type)
    {
        var props = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
        var task = props["TaskDefinition"] is { } td ? Denote(td) as TaskState : null;
        var service = new ServiceState(creation, type, IdOf(creation), PathOf(creation) is { } path ? path + "/Service" : null, task);
        Objects[creation] = service;
        Services.Add(service);
        RenderService(service, props);
    }

    internal void RenderService(ServiceState service, Props props)
    {
        var d = service.Node;
        var head = service.Head;
        var ec2 = service.Kind == "Ec2Service";
        d.Set("cluster", "Cluster", props.Has("Cluster") ? props.NameLoc("Cluster") : head,
            props["Cluster"] is { } cluster ? Reader.UnknownNode("the name of the cluster given as Cluster", cluster) : SNode.Unknown("the name of the cluster CDK creates", head));
        d.Set("taskDefinition", "TaskDefinition", props.Has("TaskDefinition") ? props.NameLoc("TaskDefinition") : head,
            SNode.Unknown("the ARN of the task definition", props["TaskDefinition"] is { } td ? Reader.Loc(td) : head, "arn"));
        if (props.IsUnknown)
        {
            foreach (var member in new[] { "launchType", "deploymentConfiguration", "networkConfiguration", "platformVersion" })
            {
                d.Set(member, null, head, SNode.Unknown("the props are " + props.UnknownReason, head));
            }

            return;
        }

        var daemon = ec2 && props["Daemon"] is { } daemonExpr ? _r.Eval(daemonExpr) : Value.Of(false);
        var external = props["DeploymentController"] is { } controller && _r.Eval(Props.Read(_r, controller)["Type"] ?? controller).Constant is string c ? c == "EXTERNAL" : false;
        if (props["CapacityProviderStrategies"] is { } strategies)
        {
            AddItems(d.List("capacityProviderStrategy", "CapacityProviderStrategies", props.NameLoc("CapacityProviderStrategies")), strategies, Struct);
        }
        else if (!external)
        {
            d.Set("launchType", null, head, Reader.Generated(ec2 ? "EC2" : "FARGATE", head));
        }

        SetIfGiven(d, props, "DesiredCount", "desiredCount", _r.NumberNode);
        SetIfGiven(d, props, "ServiceName", "serviceName", _r.StringNode);
        SetIfGiven(d, props, "PlatformVersion", "platformVersion", _r.StringNode);
        SetIfGiven(d, props, "EnableExecuteCommand", "enableExecuteCommand", _r.BoolNode);
        SetIfGiven(d, props, "HealthCheckGracePeriod", "healthCheckGracePeriodSeconds", _r.SecondsNode);
        if (props["DeploymentController"] is { } deploymentController)
        {
            d.Set("deploymentController", "DeploymentController", props.NameLoc("DeploymentController"), Struct(deploymentController));
        }

        // Daemon services default to 100/0 (Ec2Service), others to 200/50 (BaseService).
        var isDaemon = daemon.Constant is true;
        var deployment = new Draft(head);
        var construct = service.Kind + (isDaemon ? " in daemon mode" : "");
        deployment.Set("maximumPercent", "MaxHealthyPercent", props.Has("MaxHealthyPercent") ? props.NameLoc("MaxHealthyPercent") : head, props["MaxHealthyPercent"] is { } max ? _r.NumberNode(max)
            : SNode.CreateDefault(NodeKind.Number, isDaemon ? "100" : "200", head, DefaultNote("MaxHealthyPercent", isDaemon ? "100" : "200", construct, "MaxHealthyPercent")));
        deployment.Set("minimumHealthyPercent", "MinHealthyPercent", props.Has("MinHealthyPercent") ? props.NameLoc("MinHealthyPercent") : head, props["MinHealthyPercent"] is { } min ? _r.NumberNode(min)
            : SNode.CreateDefault(NodeKind.Number, isDaemon ? "0" : "50", head, DefaultNote("MinHealthyPercent", isDaemon ? "0" : "50", construct, "MinHealthyPercent")));
        if (props["CircuitBreaker"] is { } breaker)
        {
            var b = Props.Read(_r, breaker);
            var at = Reader.Loc(breaker);
            var rendered = new Draft(at);
            rendered.Set("enable", "Enable", b.NameLoc("Enable"), b.IsUnknown ? Reader.UnknownNode(b.UnknownReason!, breaker) : b["Enable"] is { } enable ? _r.BoolNode(enable) : SNode.CreateScalar(NodeKind.Boolean, "true", at));
            rendered.Set("rollback", "Rollback", b.NameLoc("Rollback"), b.IsUnknown ? Reader.UnknownNode(b.UnknownReason!, breaker) : b["Rollback"] is { } rollback ? _r.BoolNode(rollback) : SNode.CreateScalar(NodeKind.Boolean, "false", at));
            deployment.Set("deploymentCircuitBreaker", "CircuitBreaker", props.NameLoc("CircuitBreaker"), rendered);
        }

        d.Set("deploymentConfiguration", null, head, deployment);

        // awsvpc networking: always for Fargate; for EC2 when the task definition uses awsvpc.
        var awsvpc = external ? (bool?)false : !ec2 ? true : service.Task is null ? null : service.Task.NetworkMode is null ? null : service.Task.NetworkMode == "awsvpc";
        if (awsvpc is null)
        {
            d.Set("networkConfiguration", null, head, SNode.Unknown("set when the task definition uses awsvpc", head));
        }
        else if (awsvpc.Value)
        {
            var network = new Draft(head);
            var vpc = new Draft(head);
            if (props["AssignPublicIp"] is { } assign)
            {
                var value = _r.Eval(assign);
                vpc.Set("assignPublicIp", "AssignPublicIp", props.NameLoc("AssignPublicIp"), value.Constant is bool on
                    ? SNode.CreateScalar(NodeKind.String, on ? "ENABLED" : "DISABLED", Reader.Loc(assign))
                    : Reader.UnknownNode(value, assign, "not a boolean"));
            }
            else
            {
                vpc.Set("assignPublicIp", null, head, Reader.Generated("DISABLED", head));
            }

            vpc.Set("subnets", "VpcSubnets", props.Has("VpcSubnets") ? props.NameLoc("VpcSubnets") : head, SNode.Unknown("the subnets CDK selects in the cluster's VPC", head));
            vpc.Set("securityGroups", "SecurityGroups", head, SNode.Unknown("the security groups of the service", head));
            network.Set("awsvpcConfiguration", null, head, vpc);
            d.Set("networkConfiguration", null, head, network);
        }

        if (ec2)
        {
            d.Set("schedulingStrategy", "Daemon", props.Has("Daemon") ? props.NameLoc("Daemon") : head, daemon.Constant is bool on
                ? (props["Daemon"] is { } de ? SNode.CreateScalar(NodeKind.String, on ? "DAEMON" : "REPLICA", Reader.Loc(de)) : Reader.Generated("REPLICA", head))
                : Reader.UnknownNode(daemon, props["Daemon"]!, "not a boolean"));
            service.PlacementConstraints = new DraftList(props.Has("PlacementConstraints") ? props.NameLoc("PlacementConstraints") : head);
            service.PlacementStrategies = new DraftList(props.Has("PlacementStrategies") ? props.NameLoc("PlacementStrategies") : head);
            if (props["PlacementConstraints"] is { } constraints)
            {
                AddItems(service.PlacementConstraints, constraints, e => null, PlacementItems);
            }

            if (props["PlacementStrategies"] is { } placement)
            {
                AddItems(service.PlacementStrategies, placement, e => null, StrategyItems);
            }
        }
    }

    private void MutateService(ServiceState service, string name, InvocationExpressionSyntax call)
    {
        switch (name)
        {
            case "AddPlacementConstraints" when service.PlacementConstraints != null:
                foreach (var item in ParamsItems(call))
                {
                    service.PlacementConstraints.Items.AddRange(PlacementItems(item) ?? [Reader.UnknownNode("not a placement constraint known before the app runs", item)]);
                }

                break;
            case "AddPlacementStrategies" when service.PlacementStrategies != null:
                foreach (var item in ParamsItems(call))
                {
                    service.PlacementStrategies.Items.AddRange(StrategyItems(item) ?? [Reader.UnknownNode("not a placement strategy known before the app runs", item)]);
                }

                break;
        }
    }

    // PlacementStrategy.SpreadAcrossInstances(), SpreadAcross(fields...), PackedByCpu(), PackedByMemory(), Randomly().
    private IEnumerable<object>? StrategyItems(ExpressionSyntax e)
    {
        if (_r.Follow(e, out _) is not InvocationExpressionSyntax call || Syntax.Callee(call) is not { Name: { } name, Receiver: { } receiver }
            || !_r.IsCdkStatic(receiver, "PlacementStrategy"))
        {
            return null;
        }

        var at = Reader.Loc(call);
        object Strategy(string type, SNode? field)
        {
            var d = new Draft(at);
            d.Set("type", null, at, Reader.Generated(type, at));
            if (field != null)
            {
                d.Set("field", null, field.Location, field);
            }

            return d;
        }

        return name switch
        {
            "SpreadAcrossInstances" => [Strategy("spread", Reader.Generated("instanceId", at))],
            "SpreadAcross" when call.ArgumentList.Arguments.Count == 0 => [Strategy("spread", Reader.Generated("attribute:ecs.availability-zone", at))],
            "SpreadAcross" => call.ArgumentList.Arguments.Select(a => Strategy("spread", _r.StringNode(a.Expression))).ToList(),
            "PackedByCpu" => [Strategy("binpack", Reader.Generated("cpu", at))],
            "PackedByMemory" => [Strategy("binpack", Reader.Generated("memory", at))],
            "Randomly" => [Strategy("random", null)],
            _ => null,
        };
    }

    internal Service BuildService(ServiceState service)
    {
        var d = service.Node;
        if (service.PlacementConstraints is { Items.Count: > 0 } constraints)
        {
            d.Set("placementConstraints", "PlacementConstraints", constraints.Location, constraints);
        }

        if (service.PlacementStrategies is { Items.Count: > 0 } strategies)
        {
            d.Set("placementStrategy", "PlacementStrategies", strategies.Location, strategies);
        }

        if (service.TargetGroup != null)
        {
            TargetGroupRenderer.AddPatternLoadBalancer(service, service.TargetGroup);
        }

        var node = d.Build();
        Dictionary<SNode, TargetGroup>? groups = null;
        if (service.TargetGroup is { } group && node.Get("loadBalancers") is { Kind: NodeKind.Array, Children.Count: > 0 } entries)
        {
            groups = new Dictionary<SNode, TargetGroup> { [entries.Children[0]] = TargetGroup.Create(group.Node.Build(), group.Name) };
        }

        return Service.Create(node, SourceFormat.CdkCSharp, service.Id, service.Task?.Built, groups, Origin(service.Path));
    }
}

/// <summary>An L2 service being built.</summary>
internal sealed class ServiceState : ConstructState
{
    public ServiceState(ExpressionSyntax creation, string kind, string id, string? path, TaskState? task)
        : base(creation)
    {
        Kind = kind;
        Id = id;
        Path = path;
        Task = task;
        Node = new Draft(Reader.Loc(creation));
        Head = Reader.HeadLoc(creation);
    }

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
