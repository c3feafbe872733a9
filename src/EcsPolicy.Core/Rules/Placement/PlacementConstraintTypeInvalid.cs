using EcsPolicy.Model;

namespace EcsPolicy.Rules.Placement;

/// <summary>ECS4003: memberOf only in task definitions; memberOf needs an expression; distinctInstance takes none.</summary>
public sealed class PlacementConstraintTypeInvalid : Rule
{
    public override string Id => "ECS4003";

    public override void Check(TaskDefinition task, RuleContext context)
    {
        foreach (var c in Placements.Of(task))
        {
            if (c.Type.IsKnown && c.Type.Value == "distinctInstance")
            {
                context.Report(c.Type, "A task definition accepts only \"memberOf\" placement constraints; \"distinctInstance\" belongs on the service or the RunTask call. Move it there.");
            }
            else
            {
                CheckExpression(c, context);
            }
        }
    }

    public override void CheckService(Service service, RuleContext context)
    {
        foreach (var c in Placements.Of(service))
        {
            CheckExpression(c, context);
        }
    }

    private static void CheckExpression(ConstraintView c, RuleContext context)
    {
        if (!c.Type.IsKnown)
        {
            return;
        }

        var hasExpression = c.Expression.IsKnown && c.Expression.Value.Trim().Length > 0;
        if (c.Type.Value == "memberOf" && (c.Expression.IsAbsent || (c.Expression.IsKnown && !hasExpression)))
        {
            const string message = "A \"memberOf\" placement constraint needs an expression, such as \"attribute:ecs.instance-type =~ t3.*\". Add one, or remove the constraint.";
            if (c.Expression.IsKnown)
            {
                context.Report(c.Expression, message);
            }
            else
            {
                context.Report(c.Type, message);
            }
        }
        else if (c.Type.Value == "distinctInstance" && hasExpression)
        {
            context.Report(c.Expression, "A \"distinctInstance\" placement constraint takes no expression (it places each task on a different instance). Remove the expression, or use \"memberOf\".");
        }
    }
}
