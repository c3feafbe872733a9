using EcsPolicy.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>An L2 Cluster (aws-ecs Cluster): its name and Container Insights setting.</summary>
internal sealed class ClusterRenderer : ConstructRenderer
{
    private readonly Reader _r;

    public ClusterRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override void Create(ExpressionSyntax node, string kind) => NewCluster((BaseObjectCreationExpressionSyntax)node);

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
        Clusters.Add((Cluster.Create(d.Build(), SourceFormat.CdkCSharp, IdOf(creation), Origin(path)), path));
    }
}
