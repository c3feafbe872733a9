using EcsPolicy.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// Services, clusters, ECS patterns (aws-ecs BaseService, FargateService, Ec2Service, Cluster; aws-ecs-patterns) and
// L1 resources, rendered as Amazon.CDK.Lib 2.160.0 renders them.
internal sealed partial class Extraction
{
    private static readonly string[] ServiceProps =
    [
        "AssignPublicIp", "PlatformVersion", "DesiredCount", "MinHealthyPercent", "MaxHealthyPercent", "CircuitBreaker", "ServiceName",
        "CapacityProviderStrategies", "EnableExecuteCommand", "HealthCheckGracePeriod", "DeploymentController", "Cluster", "TaskDefinition",
    ];

    private const string DefaultClusterId = "EcsDefaultClusterMnL3mNNYN";

    private void NewService(BaseObjectCreationExpressionSyntax creation, string type)
    {
        var props = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
        var task = props["TaskDefinition"] is { } td ? Denote(td) as TaskState : null;
        var service = new ServiceState(creation, type, IdOf(creation), PathOf(creation) is { } path ? path + "/Service" : null, task);
        _objects[creation] = service;
        _services.Add(service);
        RenderService(service, props);
    }

    private void RenderService(ServiceState service, Props props)
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

    private Service BuildService(ServiceState service)
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
            AddPatternLoadBalancer(service, service.TargetGroup);
        }

        var node = d.Build();
        Dictionary<SNode, TargetGroup>? groups = null;
        if (service.TargetGroup is { } group && node.Get("loadBalancers") is { Kind: NodeKind.Array, Children.Count: > 0 } entries)
        {
            groups = new Dictionary<SNode, TargetGroup> { [entries.Children[0]] = TargetGroup.Create(group.Node.Build(), group.Name) };
        }

        return Service.Create(node, SourceFormat.CdkCSharp, service.Id, service.Task?.Built, groups, Origin(service.Path));
    }

    /// <summary>
    /// The load balancer entry of a load-balanced EC2 pattern and its target group: CDK registers the task definition's
    /// default container (its first essential one) on the first port of its first port mapping; targets are instances
    /// unless the task uses awsvpc. Health checks go to the traffic port unless ConfigureHealthCheck sets a Port.
    /// </summary>
    private static void AddPatternLoadBalancer(ServiceState service, TargetGroupState group)
    {
        var head = service.Head;
        var task = service.Task;
        group.Node.Set("targetType", null, head, task?.NetworkMode is { } mode
            ? Reader.Generated(mode == "awsvpc" ? "ip" : "instance", head)
            : SNode.Unknown("instance or ip, by the network mode of the task definition", head));

        var entry = new Draft(head);
        var container = task?.MoreContainers is null ? task?.Containers.FirstOrDefault(c => c.Node.Get("essential") is not SNode { Kind: NodeKind.Boolean, Scalar: "false" }) : null;
        entry.Set("containerName", null, head, container?.NameNode is { } name ? SNode.CopyScalar(name) : SNode.Unknown("the name of the task definition's default container", head));
        var port = container?.Node.Get("portMappings") is DraftList { Items.Count: > 0 } mappings && mappings.Items[0] is Draft first ? first.Get("containerPort") as SNode : null;
        entry.Set("containerPort", null, head, port is { Kind: NodeKind.Number } ? SNode.CopyScalar(port) : SNode.Unknown("the container port of the default container's first port mapping", head));
        entry.Set("targetGroupArn", null, head, SNode.Unknown("the ARN of the target group CDK creates", head, "arn"));
        service.Node.List("loadBalancers", null, head).Items.Add(entry);
    }

    private void MutateTargetGroup(TargetGroupState group, string name, InvocationExpressionSyntax call)
    {
        if (name != "ConfigureHealthCheck" || Syntax.Argument(call.ArgumentList, 0, "healthCheck") is not { } argument)
        {
            return;
        }

        var check = Props.Read(_r, argument);
        if (check.IsUnknown)
        {
            group.Node.Set("healthCheckPort", null, Reader.Loc(argument), Reader.UnknownNode(check.UnknownReason!, argument));
        }
        else if (check["Port"] is { } port)
        {
            group.Node.Set("healthCheckPort", "Port", check.NameLoc("Port"), _r.StringNode(port));
        }
    }

    private void NewCluster(BaseObjectCreationExpressionSyntax creation)
    {
        var props = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
        var d = new Draft(Reader.Loc(creation));
        var head = Reader.HeadLoc(creation);
        if (props.IsUnknown)
        {
            d.Set("settings", null, head, SNode.Unknown("the props are " + props.UnknownReason, head));
        }
        else
        {
            SetIfGiven(d, props, "ClusterName", "clusterName", _r.StringNode);
            if (props["ContainerInsights"] is { } insights)
            {
                var value = _r.Eval(insights);
                var at = Reader.Loc(insights);
                var setting = new Draft(at);
                setting.Set("name", null, at, Reader.Generated("containerInsights", at));
                setting.Set("value", "ContainerInsights", at, value.Constant is bool on ? Reader.Generated(on ? "enabled" : "disabled", at) : Reader.UnknownNode(value, insights, "not a boolean"));
                d.Set("settings", "ContainerInsights", props.NameLoc("ContainerInsights"), new DraftList(at) { Items = { setting } });
            }
        }

        var path = PathOf(creation);
        _clusters.Add((Cluster.Create(d.Build(), SourceFormat.CdkCSharp, IdOf(creation), Origin(path)), path));
    }

    /// <summary>The container an ECS pattern makes from its image options (TaskImageOptions and the like).</summary>
    private void RenderPatternContainer(BaseObjectCreationExpressionSyntax creation, string type, TaskState task, Props props, Props options, string containerName, string id)
    {
        var head = Reader.HeadLoc(creation);
        var containerOptions = Props.Combine(
            (options, ["Image", "Environment", "Secrets", "DockerLabels", "Command", "EntryPoint", "ContainerName"]),
            (type is "ApplicationLoadBalancedFargateService" or "QueueProcessingFargateService" ? props : Props.Empty, ["HealthCheck"]));
        var container = RenderContainer(task, creation, null, containerOptions, router: false, containerName);
        var logDriver = options["LogDriver"];
        if (logDriver != null)
        {
            container.Node.Set("logConfiguration", "LogDriver", options.NameLoc("LogDriver"), Logging(logDriver, task));
        }
        else if (!options.IsUnknown && (options["EnableLogging"] is not { } enable || _r.Eval(enable).Constant is not false))
        {
            container.Node.Set("logConfiguration", null, head, PatternLogging(head, id, options["EnableLogging"]));
            task.NeedsExecutionRole = true;
        }

        if (type == "QueueProcessingFargateService" && !options.IsUnknown)
        {
            var environment = container.Node.Get("environment") as DraftList ?? (container.Node.Get("environment") is null ? container.Node.List("environment", null, head) : null);
            if (environment != null)
            {
                var entry = new Draft(head);
                entry.Set("name", null, head, Reader.Generated("QUEUE_NAME", head));
                entry.Set("value", null, head, SNode.Unknown("the name of the queue", head));
                environment.Items.Add(entry);
            }
        }

        if (type is "ApplicationLoadBalancedFargateService" or "NetworkLoadBalancedFargateService")
        {
            var port = new Draft(head);
            port.Set("containerPort", "ContainerPort", options.NameLoc("ContainerPort"), options["ContainerPort"] is { } containerPort ? _r.NumberNode(containerPort)
                : SNode.CreateDefault(NodeKind.Number, "80", head, "Container port 80 is CDK's default for " + type + ": set ContainerPort in TaskImageOptions to choose another."));
            port.Set("protocol", null, head, Reader.Generated("tcp", head));
            container.Node.List("portMappings", null, head).Items.Add(port);
        }
    }

    /// <summary>
    /// An ECS pattern: the FargateTaskDefinition it creates from its image options (container "web" by default,
    /// awslogs logging on by default, cpu 256 and memory 512), the FargateService it runs, and the cluster it creates
    /// in the stack when none is given.
    /// </summary>
    private void NewPattern(BaseObjectCreationExpressionSyntax creation, string type)
    {
        var props = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
        var path = PathOf(creation);
        var id = IdOf(creation);
        var pattern = new PatternState();
        _objects[creation] = pattern;
        var head = Reader.HeadLoc(creation);
        var onEc2 = type is "ApplicationLoadBalancedEc2Service" or "NetworkLoadBalancedEc2Service";

        var (taskId, serviceId, containerName, options, given) = type switch
        {
            "QueueProcessingFargateService" => ("QueueProcessingTaskDef", "QueueProcessingFargateService", "QueueProcessingContainer", props, props["TaskDefinition"]),
            "ScheduledFargateTask" => ("ScheduledTaskDef", null, "ScheduledContainer", Props.Read(_r, props["ScheduledFargateTaskImageOptions"]),
                props["ScheduledFargateTaskDefinitionOptions"] is { } definitionOptions ? Props.Read(_r, definitionOptions)["TaskDefinition"] : null),
            _ => ("TaskDef", "Service", "web", Props.Read(_r, props["TaskImageOptions"]), props["TaskDefinition"]),
        };

        if (given != null)
        {
            pattern.Task = Denote(given) as TaskState;
        }
        else if (!onEc2 && (props.IsUnknown || options.Source != null || type == "QueueProcessingFargateService"))
        {
            // (The Ec2TaskDefinition an EC2 pattern creates from image options is not modelled.)
            var task = new TaskState(creation, "FargateTaskDefinition", taskId, path is null ? null : path + "/" + taskId);
            pattern.Task = task;
            _tasks.Add(task);
            var sizes = type == "ScheduledFargateTask" ? options : props;
            var taskProps = Props.Combine((sizes, ["Cpu", "MemoryLimitMiB", "EphemeralStorageGiB"]), (props, ["RuntimePlatform"]), (options, ["ExecutionRole", "TaskRole", "Family"]));
            RenderTask(task, taskProps, "FargateTaskDefinition", (256, 512));
            if (props.IsUnknown)
            {
                // Props this tool cannot read (from a helper that may change them): they may give the pattern a task
                // definition of the app's, so neither its containers nor whether it makes one of its own are known.
                task.MoreContainers = ("the props are " + props.UnknownReason + ", and may give a task definition or image options", head);
            }
            else
            {
                RenderPatternContainer(creation, type, task, props, options, containerName, id);
            }
        }

        if (serviceId != null)
        {
            var service = new ServiceState(creation, onEc2 ? "Ec2Service" : "FargateService", serviceId, path is null ? null : path + "/" + serviceId + "/Service", pattern.Task);
            pattern.Service = service;
            _services.Add(service);
            var serviceProps = Props.Combine((props, ServiceProps));
            RenderService(service, serviceProps);
            if (onEc2 && !props.IsUnknown)
            {
                pattern.TargetGroup = service.TargetGroup = new TargetGroupState("ECSGroup", head);
            }

            if (!props.Has("AssignPublicIp") && !props.IsUnknown && service.Node.Get("networkConfiguration") is Draft { } network && network.Get("awsvpcConfiguration") is Draft vpc)
            {
                vpc.Set("assignPublicIp", null, head, SNode.CreateDefault(NodeKind.String, "DISABLED", head, "AssignPublicIp false is CDK's default for " + type + "."));
            }
        }

        // The cluster a pattern creates in its stack when given neither a cluster nor... a cluster.
        if (!props.IsUnknown && props["Cluster"] is null && _paths.OfCreation(creation)?.Stack is { } stack)
        {
            var vpcId = props["Vpc"] is { } vpcExpr ? (_r.Follow(vpcExpr, out _) is BaseObjectCreationExpressionSyntax vpcCreation ? IdOf(vpcCreation) : null) : "";
            if (vpcId != null)
            {
                var clusterPath = stack + "/" + DefaultClusterId + vpcId;
                _clusters.Add((Cluster.Create(SNode.Object(head, []), SourceFormat.CdkCSharp, DefaultClusterId + vpcId, Origin(clusterPath)), clusterPath));
            }
        }
    }

    private static Draft PatternLogging(SourceLocation head, string prefix, ExpressionSyntax? enableLogging)
    {
        var at = enableLogging != null ? Reader.Loc(enableLogging) : head;
        var log = new Draft(at);
        log.Set("logDriver", null, at, Reader.Generated("awslogs", at));
        var options = new Draft(at);
        options.Set("awslogs-group", null, at, SNode.Unknown("the name of the log group CDK creates", at));
        options.Set("awslogs-stream-prefix", null, at, Reader.Generated(prefix, at));
        options.Set("awslogs-region", null, at, SNode.Unknown("the region of the stack", at));
        log.Set("options", null, at, options);
        return log;
    }
}
