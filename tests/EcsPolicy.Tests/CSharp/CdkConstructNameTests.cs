namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// A construct whose id is known only when the app runs is named in messages by what is known of it, never by the C#
/// source text (field study of issue 19: <c>Service '$"{props.StackObjectPrefix}-ApiFargateService"'</c>).
/// </summary>
public class CdkConstructNameTests
{
    [Fact]
    public void An_interpolated_id_is_shown_as_its_construct_path_with_a_star_for_the_part_known_when_the_app_runs()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var prefix = System.Environment.GetEnvironmentVariable("PREFIX");
            var app = new App();
            var stack = new Stack(app, "Api");
            var cluster = new Cluster(stack, "Cluster", new ClusterProps { ContainerInsights = true });
            var task = new FargateTaskDefinition(stack, "TaskDef");
            task.AddContainer("web", new ContainerDefinitionOptions { Image = ContainerImage.FromRegistry("ghcr.io/acme/web:1.0"), Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "web" }) });
            _ = [|n|]ew FargateService(stack, $"{prefix}-ApiFargateService", new FargateServiceProps { Cluster = cluster, TaskDefinition = task });
            """);

        // The construct's `new` is where CDK's defaults are reported.
        run.Single("ECS7006", 0, "Service 'Api/*-ApiFargateService' has no deployment circuit breaker: a deployment whose tasks keep failing retries forever instead of stopping (and rolling back). Set CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true }.");
        Assert.DoesNotContain(run.Diagnostics, d => d.GetMessage().Contains("$\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_id_with_no_part_known_is_shown_as_the_variable_the_construct_is_kept_in()
    {
        var run = CdkSnippet.Analyze("""
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Api");
            var ordersCluster = [|n|]ew Cluster(stack, System.Environment.GetEnvironmentVariable("CLUSTER")!);
            """);

        run.Single("ECS5006", 0, "Cluster 'ordersCluster' does not turn on Container Insights, so CPU, memory, network and storage metrics per task and service are not collected (unless the account default enables them). Set ContainerInsights = true (or ContainerInsightsV2 = ContainerInsights.ENHANCED).");
    }
}
