using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Shape;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

// L1 resources (CfnTaskDefinition, CfnService, CfnCluster), rendered as Amazon.CDK.Lib 2.160.0 renders them: their props
// are CloudFormation's properties, so they are mapped onto the API shape as a template's are.
internal sealed partial class Extraction
{
    private CfnProps? _cfnProps;

    private CfnProps L1 => _cfnProps ??= new CfnProps(_r, e => Draft.Freeze(Any(e)));

    private void NewCfnTask(BaseObjectCreationExpressionSyntax creation)
    {
        var propsArg = Syntax.Argument(creation.ArgumentList, 2, "props");
        var at = propsArg is null ? Reader.Loc(creation) : Reader.Loc(propsArg);
        SNode? unreadable = null;
        var members = propsArg is null ? [] : L1.MapMembers(propsArg, ShapeDescription.Default.Root, out unreadable);
        SNode node;
        if (members is null)
        {
            node = SNode.Object(at, [("containerDefinitions", null, at, SNode.Unknown(unreadable!.UnknownReason ?? "not known", at)), ("family", null, at, SNode.Unknown("not known", at))]);
        }
        else
        {
            if (!members.Exists(m => m.Name == "family"))
            {
                members.Add(("family", null, at, SNode.Unknown("the family name CloudFormation generates when Family is not set", Reader.HeadLoc(creation))));
            }

            node = SNode.Object(at, members);
        }

        var task = TaskDefinition.Create(node, SourceFormat.CdkCSharp, IdOf(creation), Origin(PathOf(creation)));
        _objects[creation] = new CfnTaskState(task);
        _cfnTasks.Add(task);
    }

    private void NewCfnService(BaseObjectCreationExpressionSyntax creation)
    {
        var propsArg = Syntax.Argument(creation.ArgumentList, 2, "props");
        var node = propsArg is null ? SNode.Object(Reader.Loc(creation), []) : L1.MapObject(propsArg, ShapeDescription.Services.Root);
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
        var node = propsArg is null ? SNode.Object(Reader.Loc(creation), []) : L1.MapObject(propsArg, ShapeDescription.Services.Structure("Cluster")!);
        if (node.Kind == NodeKind.Object)
        {
            var path = PathOf(creation);
            _clusters.Add((Cluster.Create(node, SourceFormat.CdkCSharp, IdOf(creation), Origin(path)), path));
        }
    }
}

/// <summary>
/// L1 props (<c>new CfnTaskDefinitionProps { ... }</c> and the nested <c>*Property</c> classes) mapped onto the API
/// shape: each C# member is the CloudFormation property of that name, matched ignoring case because C# spells some
/// differently (<c>EfsVolumeConfiguration</c> for <c>EFSVolumeConfiguration</c>). An expression does not say what it
/// is, so each value is read as what its member's type says: an initializer, a dictionary, a list or a scalar.
/// </summary>
internal sealed class CfnProps : ShapeMapper<ExpressionSyntax>
{
    private readonly Reader _r;

    /// <summary>A value the shape does not describe, read for what it looks like (a struct, a list, a dictionary, a scalar).</summary>
    private readonly Func<ExpressionSyntax, SNode> _any;

    public CfnProps(Reader reader, Func<ExpressionSyntax, SNode> any)
        : base(ignoreCase: true)
    {
        _r = reader;
        _any = any;
    }

    protected override SourceLocation Location(ExpressionSyntax value) => Reader.Loc(value);

    protected override SourceKind Kind(ExpressionSyntax value, TypeShape? type) => type?.Kind switch
    {
        ShapeKind.Object when type.Structure != null => _r.Follow(value, out _) is BaseObjectCreationExpressionSyntax ? SourceKind.Structure : SourceKind.Leaf,
        ShapeKind.Array => SourceKind.Array,
        ShapeKind.Map => SourceKind.Map,
        _ => SourceKind.Leaf,
    };

    protected override SNode Leaf(ExpressionSyntax value, TypeShape? type)
    {
        switch (type?.Kind)
        {
            case ShapeKind.Object when type.Structure != null:
                // Not an initializer (Kind): built by code this tool does not run.
                _r.Follow(value, out var reason);
                return Reader.UnknownNode(reason ?? _r.Eval(value).UnknownReason ?? "not known before the app runs", value);
            case ShapeKind.Integer or ShapeKind.Number:
                return _r.NumberNode(value);
            case ShapeKind.Boolean:
                return _r.BoolNode(value);
            case ShapeKind.String:
                return _r.StringNode(value);
            default:
                return _any(value);
        }
    }

    protected override IReadOnlyList<(string Name, SourceLocation NameLocation, ExpressionSyntax Value)>? Members(ExpressionSyntax value, SourceKind kind, out SNode? unreadable)
    {
        unreadable = null;
        var members = new List<(string, SourceLocation, ExpressionSyntax)>();
        if (kind == SourceKind.Map)
        {
            var entries = Props.Entries(_r, value, out var reason);
            if (entries is null)
            {
                unreadable = Reader.UnknownNode(reason ?? "not a dictionary known before the app runs", value);
                return null;
            }

            // Keys that are not constants are left out: nothing can be said of them.
            foreach (var (key, entry) in entries)
            {
                if (_r.Eval(key).Constant is string name)
                {
                    members.Add((name, Reader.Loc(key), entry));
                }
            }

            return members;
        }

        var props = Props.Read(_r, value);
        if (props.IsUnknown)
        {
            unreadable = Reader.UnknownNode(props.UnknownReason!, value);
            return null;
        }

        foreach (var name in props.Names)
        {
            members.Add((name, props.NameLoc(name), props[name]!));
        }

        return members;
    }

    protected override IReadOnlyList<ExpressionSyntax>? Items(ExpressionSyntax value, out SNode? unknown)
    {
        var items = Props.Items(_r, value, out var reason, out var partial);
        unknown = items is null ? Reader.UnknownNode(reason ?? "not a list known before the app runs", value)
            : partial ? SNode.Unknown("items spread from another collection", Reader.Loc(value))
            : null;
        return items;
    }

    // A member set twice keeps the last value, as assigning it twice does; a member is keyed by the C# property that
    // set it (the construct's vocabulary).
    protected override void Add(List<(string Name, string? SourceName, SourceLocation NameLocation, SNode Value)> properties, string name, string? written, SourceLocation at, SNode value)
    {
        if (written != null)
        {
            value.SetSourceKey(written);
        }

        var index = properties.FindIndex(p => p.Name == name);
        if (index >= 0)
        {
            properties[index] = (name, written, at, value);
        }
        else
        {
            properties.Add((name, written, at, value));
        }
    }
}
