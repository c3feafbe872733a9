using EcsPolicy.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// ECS patterns (aws-ecs-patterns), rendered as Amazon.CDK.Lib 2.160.0 renders them.

/// <summary>
/// An ECS pattern (ApplicationLoadBalancedFargateService and the like): the task definition, container, service,
/// target group and cluster it makes, rendered by the renderers of those constructs.
/// </summary>
internal sealed class PatternRenderer : ConstructRenderer
{
    private static readonly string[] ServiceProps =
    [
        "AssignPublicIp", "PlatformVersion", "DesiredCount", "MinHealthyPercent", "MaxHealthyPercent", "CircuitBreaker", "ServiceName",
        "CapacityProviderStrategies", "EnableExecuteCommand", "HealthCheckGracePeriod", "DeploymentController", "Cluster", "TaskDefinition",
    ];

    private const string DefaultClusterId = "EcsDefaultClusterMnL3mNNYN";

    private readonly Reader _r;

    public PatternRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override void Create(ExpressionSyntax node, string kind) => NewPattern((BaseObjectCreationExpressionSyntax)node, kind);

    /// <summary>The container an ECS pattern makes from its image options (TaskImageOptions and the like).</summary>
    private void RenderPatternContainer(BaseObjectCreationExpressionSyntax creation, string type, TaskState task, Props props, Props options, string containerName, string id)
    {
        var head = Reader.HeadLoc(creation);
        var containerOptions = Props.Combine(
            (options, ["Image", "Environment", "Secrets", "DockerLabels", "Command", "EntryPoint", "ContainerName"]),
            (type is "ApplicationLoadBalancedFargateService" or "QueueProcessingFargateService" ? props : Props.Empty, ["HealthCheck"]));
        var container = Context.ContainerRenderer.RenderContainer(task, creation, null, containerOptions, router: false, containerName);
        var logDriver = options["LogDriver"];
        if (logDriver != null)
        {
            container.Node.Set("logConfiguration", "LogDriver", options.NameLoc("LogDriver"), Context.ContainerRenderer.Logging(logDriver, task));
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
        var pattern = new PatternState(creation);
        Objects[creation] = pattern;
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
            Tasks.Add(task);
            var sizes = type == "ScheduledFargateTask" ? options : props;
            var taskProps = Props.Combine((sizes, ["Cpu", "MemoryLimitMiB", "EphemeralStorageGiB"]), (props, ["RuntimePlatform"]), (options, ["ExecutionRole", "TaskRole", "Family"]));
            Context.TaskRenderer.RenderTask(task, taskProps, "FargateTaskDefinition", (256, 512));
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
            Services.Add(service);
            var serviceProps = Props.Combine((props, ServiceProps));
            Context.ServiceRenderer.RenderService(service, serviceProps);
            if (onEc2 && !props.IsUnknown)
            {
                pattern.TargetGroup = service.TargetGroup = new TargetGroupState(creation, "ECSGroup", head);
            }

            if (!props.Has("AssignPublicIp") && !props.IsUnknown && service.Node.Get("networkConfiguration") is Draft { } network && network.Get("awsvpcConfiguration") is Draft vpc)
            {
                vpc.Set("assignPublicIp", null, head, SNode.CreateDefault(NodeKind.String, "DISABLED", head, "AssignPublicIp false is CDK's default for " + type + "."));
            }
        }

        // The cluster a pattern creates in its stack when given neither a cluster nor... a cluster.
        if (!props.IsUnknown && props["Cluster"] is null && Paths.OfCreation(creation)?.Stack is { } stack)
        {
            var vpcId = props["Vpc"] is { } vpcExpr ? (_r.Follow(vpcExpr, out _) is BaseObjectCreationExpressionSyntax vpcCreation ? IdOf(vpcCreation) : null) : "";
            if (vpcId != null)
            {
                var clusterPath = stack + "/" + DefaultClusterId + vpcId;
                Clusters.Add((Cluster.Create(SNode.Object(head, []), SourceFormat.CdkCSharp, DefaultClusterId + vpcId, Origin(clusterPath)), clusterPath));
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

/// <summary>An ECS pattern: the task definition and service it makes.</summary>
internal sealed class PatternState : ConstructState
{
    public PatternState(ExpressionSyntax creation)
        : base(creation)
    {
    }

    public TaskState? Task { get; set; }

    public ServiceState? Service { get; set; }

    public TargetGroupState? TargetGroup { get; set; }
}
