using EcsPolicy.Model;
using EcsPolicy.Shape;

namespace EcsPolicy.Rules.Shape;

/// <summary>ECS0003: a value of the wrong type (from the shared shape validation).</summary>
public sealed class WrongType : Rule
{
    public override string Id => "ECS0003";

    public override void Check(TaskDefinition task, RuleContext context) => ShapeValidation.Report(context);

    public override void CheckService(Service service, RuleContext context) => ShapeValidation.Report(context, service, service.Format);

    public override void CheckCluster(Cluster cluster, RuleContext context) => ShapeValidation.Report(context, cluster, cluster.Format);
}
