using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ECS.Patterns;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK.AWS.SSM;
using EcsSecret = Amazon.CDK.AWS.ECS.Secret;
using SmSecret = Amazon.CDK.AWS.SecretsManager.Secret;

// QueueProcessingFargateService workers that read SQS queues and take their credentials from Secrets Manager and SSM
// Parameter Store. Top-level statements; the secret references are built in locals.

var app = new App(new AppProps
{
    Context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true },
});
var stack = new Stack(app, "QueueWorkerSecretsStack");
var vpc = new Vpc(stack, "Vpc", new VpcProps { MaxAzs = 2, NatGateways = 0 });
var cluster = new Cluster(stack, "Cluster", new ClusterProps { Vpc = vpc, ContainerInsights = true });

const string Region = "eu-west-1";
var dbCredentials = new SmSecret(stack, "DbCredentials");
var stripeKey = StringParameter.FromSecureStringParameterAttributes(stack, "StripeKey", new SecureStringParameterAttributes
{
    ParameterName = "/billing/stripe-api-key",
});
// The account ID in this ARN has 8 digits instead of 12.
var webhookSecret = SmSecret.FromSecretCompleteArn(stack, "WebhookSecret", "arn:aws:secretsmanager:" + Region + ":12345678:secret:billing/webhook-AbCdEf");

_ = new QueueProcessingFargateService(stack, "InvoiceWorker", new QueueProcessingFargateServiceProps
{
    Cluster = cluster,
    Queue = new Queue(stack, "InvoiceQueue"),
    // The pattern's container has no health check, no user and a writable root filesystem.
    Image = ContainerImage.FromRegistry("ghcr.io/acme-billing/invoice-worker:3.4.1"),
    Cpu = 256,
    MemoryLimitMiB = 512,
    EphemeralStorageGiB = 30,
    // Pinned to platform 1.4.0 instead of LATEST: no platform updates without a code change.
    PlatformVersion = FargatePlatformVersion.VERSION1_4,
    Secrets = new Dictionary<string, EcsSecret>
    {
        ["DB_CREDENTIALS"] = EcsSecret.FromSecretsManager(dbCredentials),
        ["STRIPE_API_KEY"] = EcsSecret.FromSsmParameter(stripeKey),
        ["WEBHOOK_SIGNING_KEY"] = EcsSecret.FromSecretsManager(webhookSecret),
    },
    Environment = new Dictionary<string, string>
    {
        ["AWS_REGION"] = Region,
        // A connection URL with the Redis password embedded in it.
        ["REDIS_URL"] = "redis://:Tq7mW2xPz9Lk@invoices-cache.internal:6379/0",
        // Long-lived IAM user keys in the task definition (use the task role).
        ["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    },
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

var mailerTask = new FargateTaskDefinition(stack, "MailerTask", new FargateTaskDefinitionProps
{
    Cpu = 256,
    MemoryLimitMiB = 1024,
});
mailerTask.AddContainer("mailer", new ContainerDefinitionOptions
{
    Image = ContainerImage.FromRegistry("ghcr.io/acme-billing/receipt-mailer@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
    User = "10001",
    ReadonlyRootFilesystem = true,
    Logging = LogDrivers.AwsLogs(new AwsLogDriverProps { StreamPrefix = "mailer" }),
    HealthCheck = new Amazon.CDK.AWS.ECS.HealthCheck { Command = ["CMD", "/app/healthcheck"] },
    Secrets = new Dictionary<string, EcsSecret>
    {
        ["SMTP_PASSWORD"] = EcsSecret.FromSsmParameter(StringParameter.FromSecureStringParameterAttributes(stack, "SmtpPassword", new SecureStringParameterAttributes
        {
            ParameterName = "/billing/smtp-password",
        })),
        ["DB_PASSWORD"] = EcsSecret.FromSecretsManager(dbCredentials, "password"),
    },
});

_ = new QueueProcessingFargateService(stack, "ReceiptMailer", new QueueProcessingFargateServiceProps
{
    Cluster = cluster,
    Queue = new Queue(stack, "ReceiptQueue"),
    TaskDefinition = mailerTask,
    CircuitBreaker = new DeploymentCircuitBreaker { Rollback = true },
});

app.Synth();
