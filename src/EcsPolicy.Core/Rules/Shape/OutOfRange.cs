using EcsPolicy.Model;
using EcsPolicy.Shape;

namespace EcsPolicy.Rules.Shape;

/// <summary>ECS0006: a value out of range or malformed (from the shared shape validation).</summary>
public sealed class OutOfRange : Rule
{
    public override string Id => "ECS0006";

    public override void Check(TaskDefinition task, RuleContext context) => ShapeValidation.Report(context);

    public override void CheckService(Service service, RuleContext context) => ShapeValidation.Report(context, service, service.Format);

    public override void CheckCluster(Cluster cluster, RuleContext context) => ShapeValidation.Report(context, cluster, cluster.Format);
}
