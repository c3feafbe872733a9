using EcsPolicy.Model;

namespace EcsPolicy.Rules.Services;

/// <summary>ECS5006: a cluster without Container Insights (enabled or enhanced).</summary>
public sealed class ContainerInsightsDisabled : Rule
{
    public override string Id => "ECS5006";

    public override void CheckCluster(Cluster cluster, RuleContext context)
    {
        var settings = cluster.Settings;
        if (!settings.IsComplete)
        {
            return;
        }

        var insights = settings.Where(s => s.Name.Is("containerInsights")).ToList();
        if (insights.Count == 0)
        {
            context.Report(cluster, $"Cluster {Name(cluster)}does not turn on Container Insights, so CPU, memory, network and storage metrics per task and service are not collected (unless the account default enables them). Add the cluster setting containerInsights = enabled (or enhanced).");
            return;
        }

        var value = insights[insights.Count - 1].Value;
        if (value.IsKnown && value.Value is not ("enabled" or "enhanced"))
        {
            context.Report(value, $"Cluster {Name(cluster)}sets containerInsights to \"{value.Value}\", so CPU, memory, network and storage metrics per task and service are not collected. Set it to enabled (or enhanced).");
        }
    }

    private static string Name(Cluster cluster) => cluster.DisplayName.Length > 0 ? "'" + cluster.DisplayName + "' " : "";
}
