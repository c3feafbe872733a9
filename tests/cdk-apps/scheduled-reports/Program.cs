using Amazon.CDK;
using Amazon.CDK.AWS.ApplicationAutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;
using Constructs;

// Nightly and hourly ScheduledFargateTask jobs, written as a Stack subclass with const fields and arithmetic.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
_ = new ScheduledReportsStack(app, "ScheduledReportsStack");
app.Synth();

internal sealed class ScheduledReportsStack : Stack
{
    private const int ReportCpu = 256;
    private const int GiB = 1024;
    private const string ReportImage = "public.ecr.aws/acme-analytics/report-builder";
    private const string ReportVersion = "2024.09.2";

    public ScheduledReportsStack(Construct scope, string id)
        : base(scope, id)
    {
        var vpc = new Vpc(this, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
        var cluster = new Cluster(this, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

        _ = new ScheduledFargateTask(this, "NightlyReport", new ScheduledFargateTaskProps
        {
            Cluster = cluster,
            SubnetSelection = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            Schedule = Schedule.Cron(new CronOptions { Hour = "2", Minute = "30" }),
            // The pattern's container has no health check, no user and a writable root filesystem.
            ScheduledFargateTaskImageOptions = new ScheduledFargateTaskImageOptions
            {
                Image = ContainerImage.FromRegistry(ReportImage + ":" + ReportVersion),
                Cpu = ReportCpu,
                // 0.25 vCPU allows at most 2 GiB; this asks for 4 GiB.
                MemoryLimitMiB = 4 * GiB,
                Environment = new Dictionary<string, string>
                {
                    ["REPORT_BUCKET"] = "acme-reports-prod",
                    // The warehouse password is written into the connection string.
                    ["WAREHOUSE_DSN"] = "Host=warehouse.internal;Database=sales;Username=report;Password=R3p0rt!2024",
                },
            },
        });

        var hourlyTask = new FargateTaskDefinition(this, "HourlyTask", new FargateTaskDefinitionProps
        {
            Cpu = ReportCpu * 2,
            MemoryLimitMiB = 2 * GiB,
        });
        hourlyTask.AddContainer("rollup", new ContainerDefinitionOptions
        {
            Image = ContainerImage.FromRegistry(ReportImage + ":" + ReportVersion),
            Command = ["rollup", "--window", "1h"],
            User = "1000:1000",
            ReadonlyRootFilesystem = true,
            Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "rollup" }),
            HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck
            {
                Command = ["CMD", "/app/report-builder", "healthcheck"],
                Interval = Duration.Minutes(1),
                Timeout = Duration.Seconds(10),
                Retries = 2,
            },
        });

        _ = new ScheduledFargateTask(this, "HourlyRollup", new ScheduledFargateTaskProps
        {
            Cluster = cluster,
            SubnetSelection = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            Schedule = Schedule.Rate(Duration.Hours(1)),
            ScheduledFargateTaskDefinitionOptions = new ScheduledFargateTaskDefinitionOptions { TaskDefinition = hourlyTask },
        });
    }
}
