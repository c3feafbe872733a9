using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>ECS6009: the service gives its tasks public IP addresses.</summary>
public sealed class PublicIpAssigned : Rule
{
    public override string Id => "ECS6009";

    public override void CheckService(Service service, RuleContext context)
    {
        var assign = service.NetworkConfiguration?.AwsvpcConfiguration?.AssignPublicIp ?? default;
        if (!assign.Is("ENABLED"))
        {
            return;
        }

        if (assign.Node?.DefaultNote != null)
        {
            // Filled in by the input format (Copilot's public placement), not written: what is true is that each task
            // has a public address; the format's own security group usually admits only its load balancer. Advice.
            context.ReportAtMost(assign, Severity.Note, $"Service {ServiceText.Name(service)} assigns public IP addresses to its tasks, so each task has an address on the internet and only its security groups keep traffic out.");
            return;
        }

        // Unsafe for --fix: tasks in public subnets without a NAT gateway lose their way to the internet (image pulls).
        var fix = ModelEdit.Set(service.NetworkConfiguration!.AwsvpcConfiguration!, "assignPublicIp", "\"DISABLED\"", safe: false);
        var why = FindingText.Of($"Service {ServiceText.Name(service)} assigns public IP addresses to its tasks, so each task is reachable from the internet wherever its security groups allow. ");
        const string Rest = " and reach the internet through a NAT gateway or VPC endpoints; expose the service through a load balancer.";

        // A Copilot manifest or CDK code names the setting in its own words and values (network.vpc.placement: private,
        // AssignPublicIp = false): the fix is shown as that code. Task-definition JSON and CloudFormation keep "Set X to DISABLED".
        if (assign.Node?.SourceKey is { } key && !key.StartsWith(Vocabularies.CopilotNames.OverridePrefix, StringComparison.Ordinal))
        {
            context.Report(assign, why + FindingText.Of($"Set {fix}{Rest}"), fix);
            return;
        }

        context.Report(assign, why + FindingText.Of($"Set {PropRef.Of(service.NetworkConfiguration!.AwsvpcConfiguration!, "assignPublicIp")} to DISABLED{Rest}"), fix);
    }
}
