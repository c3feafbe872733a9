using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>A LinuxParameters construct, which containers refer to; capabilities, devices and tmpfs are added by method calls.</summary>
internal sealed class LinuxParametersRenderer : ConstructRenderer
{
    private readonly Reader _r;

    public LinuxParametersRenderer(Extraction context)
        : base(context)
    {
        _r = context.Reader;
    }

    public override Type StateType => typeof(LinuxParametersState);

    public override void Create(ExpressionSyntax node, string kind) => Objects[node] = NewLinuxParameters((BaseObjectCreationExpressionSyntax)node);

    public override void Mutate(ConstructState state, string name, InvocationExpressionSyntax call) => MutateLinuxParameters((LinuxParametersState)state, name, call);

    private LinuxParametersState NewLinuxParameters(BaseObjectCreationExpressionSyntax creation)
    {
        var props = Props.Read(_r, Syntax.Argument(creation.ArgumentList, 2, "props"));
        var d = new Draft(Reader.Loc(creation));
        SetIfGiven(d, props, "InitProcessEnabled", "initProcessEnabled", _r.BoolNode);
        SetIfGiven(d, props, "SharedMemorySize", "sharedMemorySize", _r.NumberNode);
        SetIfGiven(d, props, "Swappiness", "swappiness", _r.NumberNode);
        if (props["MaxSwap"] is { } maxSwap)
        {
            d.Set("maxSwap", "MaxSwap", props.NameLoc("MaxSwap"), Reader.UnknownNode("a Size, not evaluated", maxSwap));
        }

        return new LinuxParametersState(creation, d);
    }

    private void MutateLinuxParameters(LinuxParametersState linux, string name, InvocationExpressionSyntax call)
    {
        var at = Reader.Loc(call);
        switch (name)
        {
            case "AddCapabilities" or "DropCapabilities":
                {
                    var capabilities = linux.Node.Get("capabilities") as Draft ?? new Draft(at);
                    linux.Node.SetIfAbsent("capabilities", null, at, capabilities);
                    var list = capabilities.List(name == "AddCapabilities" ? "add" : "drop", name, at);
                    list.Items.AddRange(ParamsItems(call).Select(_r.StringNode));
                    break;
                }

            case "AddDevices":
                linux.Node.List("devices", name, at).Items.AddRange(ParamsItems(call).Select(Struct));
                break;
            case "AddTmpfs":
                linux.Node.List("tmpfs", name, at).Items.AddRange(ParamsItems(call).Select(Struct));
                break;
        }
    }
}

/// <summary>A LinuxParameters construct being built (capabilities are added by method calls).</summary>
internal sealed class LinuxParametersState : ConstructState
{
    public LinuxParametersState(ExpressionSyntax creation, Draft node)
        : base(creation)
    {
        Node = node;
    }

    public Draft Node { get; }
}
