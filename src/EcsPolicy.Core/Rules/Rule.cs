using EcsPolicy.Model;

namespace EcsPolicy.Rules;

/// <summary>
/// A policy on the common model. Add a rule by adding one sealed subclass (listed at compile time by EcsPolicy.Generators), its metadata in
/// <c>rules/&lt;ID&gt;.yaml</c> and good/bad examples there: nothing else to register.
/// Rules never see a file format, and stay silent on values that are not statically known.
/// Override the checks for the model objects the rule is about.
/// </summary>
public abstract class Rule
{
    /// <summary>The public ID from the rule catalog; never renumbered.</summary>
    public abstract string Id { get; }

    /// <summary>Checks one task definition and reports through <paramref name="context"/>.</summary>
    public virtual void Check(TaskDefinition task, RuleContext context)
    {
    }

    /// <summary>Checks one service (formats that have services: CloudFormation, CDK).</summary>
    public virtual void CheckService(Service service, RuleContext context)
    {
    }

    /// <summary>Checks one cluster.</summary>
    public virtual void CheckCluster(Cluster cluster, RuleContext context)
    {
    }
}
