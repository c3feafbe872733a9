using static EcsPolicy.Tests.Rules.Secrets.SecretsTestKit;

namespace EcsPolicy.Tests.Rules.Secrets;

public class ExecutionRoleRequiredTests
{
    private const string Id = "ECS3003";

    private const string Fargate = "\"requiresCompatibilities\": [\"FARGATE\"], \"networkMode\": \"awsvpc\", \"cpu\": \"256\", \"memory\": \"512\",";

    private const string Ec2 = "\"requiresCompatibilities\": [\"EC2\"],";

    [Fact]
    public void Secrets_need_the_role_on_any_launch_type()
    {
        var f = SingleAtMarker(SecretTask("[|arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf", Ec2).Replace("\"valueFrom\": \"[|", "\"valueFrom\": [|\""), Id);
        Assert.StartsWith("Container 'app' takes a secret from Secrets Manager (first: 'DB_PASSWORD'), but the task definition has no executionRoleArn", f.Message);
        Assert.Contains("Add an executionRoleArn", f.Message);
        Assert.Equal("/containerDefinitions/0/secrets/0/valueFrom", f.Path);
    }

    [Fact]
    public void Reports_each_reason_at_the_thing_that_needs_the_role()
    {
        var text = """
            {
              "family": "all",
              "requiresCompatibilities": ["FARGATE"],
              "networkMode": "awsvpc",
              "cpu": "256",
              "memory": "512",
              "containerDefinitions": [
                {
                  "name": "app",
                  "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.0",
                  "secrets": [
                    { "name": "A", "valueFrom": "/app/a" },
                    { "name": "B", "valueFrom": "/app/b" }
                  ],
                  "environmentFiles": [{ "value": "arn:aws:s3:::bucket/app.env", "type": "s3" }],
                  "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" },
                    "secretOptions": [{ "name": "x", "valueFrom": "/app/log" }]
                  }
                },
                {
                  "name": "sidecar",
                  "image": "registry.example.com/sidecar:1.0",
                  "repositoryCredentials": { "credentialsParameter": "registry-creds" }
                }
              ]
            }
            """;
        var hits = SecretsTestKit.Findings(text, Id).Select(f => (f.Location.StartLine, f.Location.StartColumn, f.Message)).ToList();
        Assert.Equal(6, hits.Count);
        Assert.Contains(hits, h => h.StartLine == 12 && h.StartColumn == 37 && h.Message.StartsWith("Container 'app' takes 2 secrets from SSM Parameter Store (first: 'A')", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.StartLine == 15 && h.StartColumn == 39 && h.Message.StartsWith("Container 'app' loads an environment file from Amazon S3", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.StartLine == 19 && h.StartColumn == 55 && h.Message.StartsWith("Container 'app' passes a log driver secret through secretOptions", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.StartLine == 17 && h.StartColumn == 22 && h.Message.StartsWith("Container 'app' uses the awslogs log driver on Fargate", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.StartLine == 10 && h.StartColumn == 16 && h.Message.StartsWith("Container 'app' pulls a private Amazon ECR image on Fargate", StringComparison.Ordinal));
        Assert.Contains(hits, h => h.StartLine == 25 && h.StartColumn == 58 && h.Message.StartsWith("Container 'sidecar' pulls its image with repositoryCredentials", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"requiresCompatibilities\": [\"EC2\"],")]
    [InlineData("")]
    public void Awslogs_and_ecr_images_do_not_need_the_role_outside_fargate(string compatibilities) =>
        Silent(AwslogsEcrTask(compatibilities, "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.0"), Id);

    [Fact]
    public void Awslogs_and_ecr_images_need_the_role_on_fargate_even_with_ec2()
    {
        var hits = SecretsTestKit.Findings(AwslogsEcrTask("\"requiresCompatibilities\": [\"EC2\", \"FARGATE\"], \"networkMode\": \"awsvpc\", \"cpu\": \"256\", \"memory\": \"512\",", "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.0"), Id);
        Assert.Equal(2, hits.Count);
    }

    [Theory]
    [InlineData("public.ecr.aws/nginx/nginx:1.27")]
    [InlineData("nginx:1.27")]
    [InlineData("${AWS_ACCOUNT_ID}.dkr.ecr.us-east-1.amazonaws.com/app:1.0")]
    public void Public_and_non_ecr_images_do_not_need_the_role(string image)
    {
        var hits = SecretsTestKit.Findings(AwslogsEcrTask(Fargate, image), Id);
        Assert.Single(hits);
        Assert.Contains("awslogs", hits[0].Message);
    }

    [Fact]
    public void China_region_ecr_images_match()
    {
        var hits = SecretsTestKit.Findings(AwslogsEcrTask(Fargate, "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1.0"), Id);
        Assert.Equal(2, hits.Count);
    }

    [Theory]
    [InlineData("\"executionRoleArn\": \"arn:aws:iam::111122223333:role/ecsTaskExecutionRole\",")]
    [InlineData("\"executionRoleArn\": \"ecsTaskExecutionRole\",")]
    [InlineData("\"executionRoleArn\": { \"Fn::GetAtt\": [\"ExecutionRole\", \"Arn\"] },")]
    public void Silent_when_the_role_is_given_or_unknown(string role) =>
        Silent(AwslogsEcrTask(Fargate + role, "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.0").Replace("\"image\"", "\"secrets\": [{ \"name\": \"S\", \"valueFrom\": \"/s\" }], \"image\""), Id);

    [Fact]
    public void Silent_for_a_bare_list_of_container_definitions()
    {
        var text = """
            [
              {
                "name": "app",
                "image": "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1.0",
                "secrets": [{ "name": "S", "valueFrom": "/s" }]
              }
            ]
            """;
        Silent(text, Id);
    }

    [Fact]
    public void Silent_for_excerpts_and_empty_references()
    {
        // A documentation excerpt: a container with only its secrets.
        Silent("{ \"containerDefinitions\": [{ \"secrets\": [{ \"name\": \"S\", \"valueFrom\": \"/s\" }] }] }", Id);
        Silent(SecretTask("", Ec2), Id);
        Silent(SecretTask("/s", "\"executionRoleArn\": \"\", " + Ec2).Replace("\"/s\"", "\"\""), Id);
    }

    [Fact]
    public void An_empty_execution_role_in_a_task_definition_file_is_left_for_the_deploy_step_that_fills_it_and_counted_as_not_checked()
    {
        var findings = SecretsTestKit.Findings(SecretTask("/s", "\"executionRoleArn\": \"\", " + Ec2), Id);
        Assert.Empty(findings);
        var all = new EcsPolicy.Engine.Linter().LintFile("task.json", System.Text.Encoding.UTF8.GetBytes(SecretTask("/s", "\"executionRoleArn\": \"\", " + Ec2)), true).Findings;
        Assert.StartsWith("1 value(s) in this file are template placeholders or left empty for a deploy step to fill in", Assert.Single(all, f => f.RuleId == "ECS0010").Message);
    }

    private static string AwslogsEcrTask(string taskFields, string image) =>
        "{\n  \"family\": \"app\",\n  " + taskFields + "\n  \"containerDefinitions\": [{\n    \"name\": \"app\",\n    \"image\": " + SecretsTestKit.Json(image) + ",\n"
        + "    \"logConfiguration\": { \"logDriver\": \"awslogs\", \"options\": { \"awslogs-group\": \"/ecs/app\", \"awslogs-region\": \"us-east-1\", \"awslogs-stream-prefix\": \"app\" } }\n  }]\n}";
}
