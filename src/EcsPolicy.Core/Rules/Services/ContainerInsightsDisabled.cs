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
            context.Report(cluster, $"Cluster {Name(cluster)}does not turn on Container Insights, so CPU, memory, network and storage metrics per task and service are not collected (unless the account default enables them). {AddSetting(cluster)}");
            return;
        }

        var value = insights[insights.Count - 1].Value;
        if (value.IsKnown && value.Value is not ("enabled" or "enhanced"))
        {
            context.Report(value, $"Cluster {Name(cluster)}sets {Setting(insights[insights.Count - 1], value.Value)}, so CPU, memory, network and storage metrics per task and service are not collected. Set it to {Enabled(cluster)}.");
        }
    }

    /// <summary>
    /// The setting to add, as each input writes it: an entry of a template's <c>ClusterSettings</c>, the
    /// <c>ContainerInsights</c> prop of CDK's L2 <c>Cluster</c> (an L1 <c>CfnCluster</c> takes the template's entry).
    /// </summary>
    private static ByVocabulary AddSetting(Cluster cluster) =>
        new(
            "Add the cluster setting containerInsights = enabled (or enhanced).",
            cloudFormationJson: "Add {\"Name\": \"containerInsights\", \"Value\": \"enabled\"} (or \"enhanced\") to its ClusterSettings.",
            cloudFormationYaml: "Add {Name: containerInsights, Value: enabled} (or enhanced) to its ClusterSettings.",
            cdk: Level1(cluster)
                ? "Add new CfnCluster.ClusterSettingsProperty { Name = \"containerInsights\", Value = \"enabled\" } (or \"enhanced\") to its ClusterSettings."
                : "Set ContainerInsights = true (or ContainerInsightsV2 = ContainerInsights.ENHANCED).");

    /// <summary>The setting and its value as written: CDK's L2 prop is a bool.</summary>
    private static ByVocabulary Setting(ClusterSetting setting, string value) =>
        new(
            "containerInsights to \"" + value + "\"",
            cdk: Level1(setting.Node) ? null : FindingText.Of($"{PropRef.Of(setting, "value")} to false"));

    private static ByVocabulary Enabled(Cluster cluster) =>
        new("enabled (or enhanced)", cdk: Level1(cluster) ? null : (FindingText)"true (or use ContainerInsightsV2 = ContainerInsights.ENHANCED)");

    private static bool Level1(Cluster cluster) => Level1(cluster.Node);

    private static bool Level1(SNode node) => Vocabularies.CdkNames.IsLevel1(new PropRef("Cluster", "settings", Root(node), null));

    private static SNode Root(SNode node)
    {
        while (node.Parent != null)
        {
            node = node.Parent;
        }

        return node;
    }

    private static string Name(Cluster cluster) => cluster.DisplayName.Length > 0 ? "'" + cluster.DisplayName + "' " : "";
}
