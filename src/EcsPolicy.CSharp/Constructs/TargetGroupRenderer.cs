using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// The target group and load balancer entry of a load-balanced EC2 pattern (made by <see cref="PatternRenderer"/>), and
/// <c>TargetGroup.ConfigureHealthCheck(...)</c> on it.
/// </summary>
internal sealed class TargetGroupRenderer : ConstructRenderer
{
    private readonly Reader _r;

    public TargetGroupRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override Type StateType => typeof(TargetGroupState);

    public override void Mutate(ConstructState state, string name, InvocationExpressionSyntax call) => MutateTargetGroup((TargetGroupState)state, name, call);

    /// <summary>
    /// The load balancer entry of a load-balanced EC2 pattern and its target group: CDK registers the task definition's
    /// default container (its first essential one) on the first port of its first port mapping; targets are instances
    /// unless the task uses awsvpc. Health checks go to the traffic port unless ConfigureHealthCheck sets a Port.
    /// </summary>
    internal static void AddPatternLoadBalancer(ServiceState service, TargetGroupState group)
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
}

/// <summary>
/// The target group of a load-balanced EC2 pattern (ELBv2 CreateTargetGroup names), for the service's load balancer entry.
/// </summary>
internal sealed class TargetGroupState : ConstructState
{
    public TargetGroupState(ExpressionSyntax creation, string name, SourceLocation at)
        : base(creation)
    {
        Name = name;
        Node = new Draft(at);
    }

    public string Name { get; }

    public Draft Node { get; }
}
