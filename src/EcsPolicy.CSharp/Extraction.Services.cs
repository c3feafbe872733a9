using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Model;
using EcsPolicy.Shape;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// L1 resources (CfnTaskDefinition, CfnService, CfnCluster), made through Constructs/L1Renderer.cs. The L2 constructs and
// ECS patterns have their renderers under Constructs/.
internal sealed partial class Extraction
{
    // ---------------------------------------------------------------- L1

    private void NewCfnTask(BaseObjectCreationExpressionSyntax creation)
    {
        var propsArg = Syntax.Argument(creation.ArgumentList, 2, "props");
        var node = propsArg is null ? SNode.Object(Reader.Loc(creation), []) : Draft.Freeze(Cfn(propsArg, ShapeDescription.Default.Root));
        if (node.Kind == NodeKind.Object && node.Get("family") is null)
        {
            node = SNode.Object(node.Location, node.Children.Select(c => (c.Name!, c.SourceName, c.NameLocation, Cfn(c)))
                .Append(("family", null, node.Location, SNode.Unknown("the family name CloudFormation generates when Family is not set", Reader.HeadLoc(creation)))));
        }

        if (node.Kind != NodeKind.Object)
        {
            node = SNode.Object(node.Location, [("containerDefinitions", null, node.Location, SNode.Unknown(node.UnknownReason ?? "not known", node.Location)), ("family", null, node.Location, SNode.Unknown("not known", node.Location))]);
        }

        var task = TaskDefinition.Create(node, SourceFormat.CdkCSharp, IdOf(creation), Origin(PathOf(creation)));
        _objects[creation] = new CfnTaskState(task);
        _cfnTasks.Add(task);
    }

    private void NewCfnService(BaseObjectCreationExpressionSyntax creation)
    {
        var propsArg = Syntax.Argument(creation.ArgumentList, 2, "props");
        var node = propsArg is null ? SNode.Object(Reader.Loc(creation), []) : Draft.Freeze(Cfn(propsArg, ShapeDescription.Services.Root));
        if (node.Kind != NodeKind.Object)
        {
            return;
        }

        var props = Props.Read(_r, propsArg);
        var task = props["TaskDefinition"] is { } td ? Denote(td) switch
        {
            CfnTaskState c => c.Task,
            TaskState t => t.Built,
            _ => null,
        } : null;
        _cfnServices.Add(Service.Create(node, SourceFormat.CdkCSharp, IdOf(creation), task, null, Origin(PathOf(creation))));
    }

    private void NewCfnCluster(BaseObjectCreationExpressionSyntax creation)
    {
        var propsArg = Syntax.Argument(creation.ArgumentList, 2, "props");
        var node = propsArg is null ? SNode.Object(Reader.Loc(creation), []) : Draft.Freeze(Cfn(propsArg, ShapeDescription.Services.Structure("Cluster")!));
        if (node.Kind == NodeKind.Object)
        {
            var path = PathOf(creation);
            _clusters.Add((Cluster.Create(node, SourceFormat.CdkCSharp, IdOf(creation), Origin(path)), path));
        }
    }

    // A built node copied (SNode.Object takes its children), with the prop that set it.
    private static SNode Cfn(SNode node) => node.Kind switch
    {
        NodeKind.Object => SNode.Object(node.Location, node.Children.Select(c => (c.Name!, c.SourceName, c.NameLocation, Cfn(c)))).SetSourceKey(node.SourceKey),
        NodeKind.Array => SNode.Array(node.Location, node.Children.Select(Cfn)).SetSourceKey(node.SourceKey),
        _ => SNode.CopyScalar(node),
    };

    /// <summary>
    /// L1 props (<c>new CfnTaskDefinitionProps { ... }</c> and the nested <c>*Property</c> classes) mapped onto the API
    /// structure: each C# member is the CloudFormation property of that name, matched as CloudFormation spells it.
    /// </summary>
    private object Cfn(ExpressionSyntax e, StructureShape structure)
    {
        var props = Props.Read(_r, e);
        if (props.IsUnknown)
        {
            return Reader.UnknownNode(props.UnknownReason!, e);
        }

        var d = new Draft(Reader.Loc(e));
        foreach (var name in props.Names)
        {
            var member = CfnNames.CaseInsensitiveMember(structure, name) ?? CfnNames.NameOfUnknown(structure, name);
            d.Set(member, name, props.NameLoc(name), CfnValue(props[name]!, structure.Member(member)));
        }

        return d;
    }

    private object CfnValue(ExpressionSyntax e, TypeShape? type)
    {
        switch (type?.Kind)
        {
            case ShapeKind.Object when type.Structure is { } structure:
                return _r.Follow(e, out var reason) is BaseObjectCreationExpressionSyntax ? Cfn(e, structure) : Reader.UnknownNode(reason ?? _r.Eval(e).UnknownReason ?? "not known before the app runs", e);
            case ShapeKind.Array:
                {
                    var list = new DraftList(Reader.Loc(e));
                    AddItems(list, e, item => CfnValue(item, type.Items));
                    return list.Items.Count == 1 && list.Items[0] is SNode { Kind: NodeKind.Unknown } only && only.Location.Equals(Reader.Loc(e)) ? only : list;
                }

            case ShapeKind.Map:
                return MapOrUnknown(e);
            case ShapeKind.Integer or ShapeKind.Number:
                return _r.NumberNode(e);
            case ShapeKind.Boolean:
                return _r.BoolNode(e);
            case ShapeKind.String:
                return _r.StringNode(e);
            default:
                return Any(e);
        }
    }
}
