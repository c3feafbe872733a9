using EcsPolicy.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace EcsPolicy.CSharp;

/// <summary>
/// An L1 resource (<c>CfnTaskDefinition</c>, <c>CfnService</c>, <c>CfnCluster</c>): its props are the CloudFormation
/// resource's, mapped by the extraction's L1 code (<c>NewCfnTask</c>, <c>NewCfnService</c>, <c>NewCfnCluster</c>), which
/// this renderer calls.
/// </summary>
internal sealed class L1Renderer : ConstructRenderer
{
    private readonly Action<BaseObjectCreationExpressionSyntax> _create;

    public L1Renderer(Extraction context, Action<BaseObjectCreationExpressionSyntax> create)
        : base(context)
    {
        _create = create;
    }

    public override void Create(ExpressionSyntax node, string kind) => _create((BaseObjectCreationExpressionSyntax)node);
}

/// <summary>An L1 task definition, for the services that refer to it.</summary>
internal sealed class CfnTaskState : ConstructState
{
    public CfnTaskState(TaskDefinition task)
        : base(null)
    {
        Task = task;
    }

    public TaskDefinition Task { get; }
}
