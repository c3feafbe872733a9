using EcsPolicy.Tests.Rules.Containers;

namespace EcsPolicy.Tests.Rules.Logging;

public class LoggingRuleTests
{
    /// <summary>A task with one container whose members (after name and image) are <paramref name="members"/>.</summary>
    private static string Task(string members, string taskMembers = "") => $$"""
        {
          "family": "t",{{taskMembers}}
          "containerDefinitions": [
            {
              "name": "app",
              "image": "public.ecr.aws/nginx/nginx:1.27",
              "memory": 128{{(members.Length > 0 ? "," : "")}}
              {{members}}
            }
          ]
        }
        """;

    private static string Awslogs(string options, string taskMembers = "") =>
        Task($$"""
            "logConfiguration": {
                "logDriver": "awslogs",
                {{options}}
              }
            """, taskMembers);

    private const string Fargate = """
         "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
        """;

    // ECS5001

    [Fact]
    public void ECS5001_container_without_log_configuration_points_at_its_name()
    {
        var f = Marked.Single("ECS5001", """{ "family": "t", "containerDefinitions": [ { "name": [|"app", "image": "nginx:1.27", "memory": 128 } ] }""");
        Assert.Contains("Container 'app' has no logConfiguration", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5001_is_silent_with_a_log_configuration_or_on_a_fragment_without_image()
    {
        Marked.None("ECS5001", Task("""
            "logConfiguration": { "logDriver": "json-file" }
            """));
        Marked.None("ECS5001", """{ "family": "t", "containerDefinitions": [ { "secrets": [ { "name": "A", "valueFrom": "p" } ] } ] }""");
    }

    // ECS5002

    [Fact]
    public void ECS5002_missing_region_points_at_the_options_key()
    {
        var f = Marked.Single("ECS5002", Awslogs("""[|"options": { "awslogs-group": "/ecs/app" }"""));
        Assert.Contains("without \"awslogs-region\"", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/ecs/app", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5002_missing_group_and_region_is_one_finding_naming_both()
    {
        var f = Marked.Single("ECS5002", Awslogs("""[|"options": { "awslogs-stream-prefix": "app" }"""));
        Assert.Contains("\"awslogs-group\" and \"awslogs-region\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5002_no_options_points_at_the_driver()
    {
        var f = Marked.Single("ECS5002", Task("""
            "logConfiguration": { "logDriver": [|"awslogs" }
            """));
        Assert.Contains("\"awslogs-group\" and \"awslogs-region\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5002_stream_prefix_is_reported_on_Fargate_only_with_the_documented_wording()
    {
        var f = Marked.Single("ECS5002", Awslogs("""[|"options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1" }""", Fargate));
        Assert.Contains("awslogs-stream-prefix", f.Message, StringComparison.Ordinal);
        Assert.Contains("documentation lists as required on Fargate", f.Message, StringComparison.Ordinal);

        Marked.None("ECS5002", Awslogs("""
            "options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1" }
            """));
        Marked.None("ECS5002", Awslogs("""
            "options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app" }
            """, Fargate));
    }

    [Theory]
    [InlineData("awslogs-regoin", "awslogs-region")]
    [InlineData("Awslogs-Region", "awslogs-region")]
    [InlineData("awslogs_region", "awslogs-region")]
    public void ECS5002_misspelt_option_is_reported_once_with_a_suggestion(string written, string meant)
    {
        var f = Marked.Single("ECS5002", Awslogs($$"""
            "options": { "awslogs-group": "/ecs/app", [|"{{written}}": "us-east-1" }
            """));
        Assert.Contains($"\"{written}\"", f.Message, StringComparison.Ordinal);
        Assert.Contains($"rename it to \"{meant}\"", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("us-east-1", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5002_option_of_another_driver_is_reported_without_suggestion()
    {
        var f = Marked.Single("ECS5002", Awslogs("""
            "options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", [|"splunk-url": "https://splunk.example.com" }
            """));
        Assert.Contains("remove it", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("splunk.example.com", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("awslogs-create-group")]
    [InlineData("awslogs-endpoint")]
    [InlineData("awslogs-stream")]
    [InlineData("awslogs-create-stream")]
    [InlineData("awslogs-force-flush-interval-seconds")]
    [InlineData("awslogs-max-buffered-events")]
    [InlineData("awslogs-format")]
    [InlineData("tag")]
    [InlineData("max-buffer-size")]
    [InlineData("awslogs-datetime-format")]
    [InlineData("awslogs-multiline-pattern")]
    public void ECS5002_accepts_every_option_ECS_or_Docker_documents(string option) =>
        Marked.None("ECS5002", Awslogs($$"""
            "options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1", "{{option}}": "x" }
            """));

    [Fact]
    public void ECS5002_datetime_format_with_multiline_pattern_points_at_the_pattern()
    {
        var f = Marked.Single("ECS5002", Awslogs("""
            "options": { "awslogs-group": "g", "awslogs-region": "us-east-1", "awslogs-datetime-format": "%Y", [|"awslogs-multiline-pattern": "^x" }
            """));
        Assert.Contains("cannot be configured together", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nonblocking")]
    [InlineData("Blocking")]
    [InlineData("")]
    public void ECS5002_mode_must_be_blocking_or_non_blocking(string mode)
    {
        var f = Marked.Single("ECS5002", Awslogs($$"""
            "options": { "awslogs-group": "g", "awslogs-region": "us-east-1", "mode": [|"{{mode}}" }
            """));
        Assert.Contains("\"blocking\" or \"non-blocking\"", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("blocking")]
    [InlineData("non-blocking")]
    public void ECS5002_valid_modes_are_silent(string mode) =>
        Marked.None("ECS5002", Awslogs($$"""
            "options": { "awslogs-group": "g", "awslogs-region": "us-east-1", "mode": "{{mode}}" }
            """));

    [Fact]
    public void ECS5002_ignores_other_drivers()
    {
        Marked.None("ECS5002", Task("""
            "logConfiguration": { "logDriver": "json-file", "options": { "max-size": "10m" } }
            """));
    }

    // ECS5003

    [Fact]
    public void ECS5003_log_group_arn_points_at_the_value_without_printing_it()
    {
        var f = Marked.Single("ECS5003", Awslogs("""
            "options": { "awslogs-group": [|"arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app:*", "awslogs-region": "us-east-1" }
            """));
        Assert.Contains("Container 'app'", f.Message, StringComparison.Ordinal);
        Assert.Contains("log group name", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789012", f.Message, StringComparison.Ordinal);
        Marked.None("ECS5003", Awslogs("""
            "options": { "awslogs-group": "/ecs/app", "awslogs-region": "us-east-1" }
            """));
    }

    // ECS5004

    private static string Containers(string containers) => $$"""
        { "family": "t", "containerDefinitions": [ {{containers}} ] }
        """;

    [Fact]
    public void ECS5004_awsfirelens_without_a_log_router_points_at_the_driver()
    {
        var f = Marked.Single("ECS5004", Containers("""
            { "name": "app", "image": "a:1", "memory": 64, "logConfiguration": { "logDriver": [|"awsfirelens", "options": { "Name": "stdout" } } }
            """));
        Assert.Contains("no container of the task has firelensConfiguration", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5004_two_log_routers_points_at_the_second()
    {
        var f = Marked.Single("ECS5004", Containers("""
            { "name": "router1", "image": "r:1", "memory": 64, "firelensConfiguration": { "type": "fluentbit" } },
            { "name": "router2", "image": "r:1", "memory": 64, [|"firelensConfiguration": { "type": "fluentd" } },
            { "name": "app", "image": "a:1", "memory": 64, "logConfiguration": { "logDriver": "awsfirelens" } }
            """));
        Assert.Contains("Container 'router2' has firelensConfiguration, but container 'router1'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5004_is_silent_with_one_router_or_when_a_container_is_not_known()
    {
        Marked.None("ECS5004", Containers("""
            { "name": "router", "image": "r:1", "memory": 64, "firelensConfiguration": { "type": "fluentbit" } },
            { "name": "app", "image": "a:1", "memory": 64, "logConfiguration": { "logDriver": "awsfirelens" } }
            """));
        Marked.None("ECS5004", Containers("""
            "not-a-container",
            { "name": "app", "image": "a:1", "memory": 64, "logConfiguration": { "logDriver": "awsfirelens" } }
            """));
        Marked.None("ECS5004", Containers("""
            { "name": "app", "memory": 64, "logConfiguration": { "logDriver": "awsfirelens" } }
            """));
    }

    // ECS5005

    [Fact]
    public void ECS5005_missing_url_and_token()
    {
        var f = Marked.Single("ECS5005", Task("""
            "logConfiguration": { "logDriver": "splunk", [|"options": { "splunk-index": "main" } }
            """));
        Assert.Contains("\"splunk-url\" and \"splunk-token\"", f.Message, StringComparison.Ordinal);
        Assert.Contains("secretOptions", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5005_token_in_secret_options_counts_as_given()
    {
        var f = Marked.Single("ECS5005", Task("""
            "logConfiguration": {
                "logDriver": "splunk",
                [|"options": { "splunk-source": "app" },
                "secretOptions": [ { "name": "splunk-token", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/splunk" } ]
              }
            """));
        Assert.Contains("without \"splunk-url\",", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("splunk-token", f.Message, StringComparison.Ordinal);

        Marked.None("ECS5005", Task("""
            "logConfiguration": {
                "logDriver": "splunk",
                "options": { "splunk-url": "https://splunk.example.com:8088" },
                "secretOptions": [ { "name": "splunk-token", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/splunk" } ]
              }
            """));
    }

    [Fact]
    public void ECS5005_token_in_options_is_given_and_never_printed()
    {
        Marked.None("ECS5005", Task("""
            "logConfiguration": { "logDriver": "splunk", "options": { "splunk-url": "https://s:8088", "splunk-token": "00000000-1111-2222-3333-444444444444" } }
            """));
        var f = Marked.Single("ECS5005", Task("""
            "logConfiguration": { "logDriver": "splunk", [|"options": { "splunk-token": "00000000-1111-2222-3333-444444444444" } }
            """));
        Assert.DoesNotContain("00000000", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5005_is_silent_when_a_secret_option_name_is_not_known()
    {
        Marked.None("ECS5005", Task("""
            "logConfiguration": { "logDriver": "splunk", "options": { "splunk-url": "https://s:8088" }, "secretOptions": [ "x" ] }
            """));
    }

    // ECS5007

    [Fact]
    public void ECS5007_essential_by_default_without_health_check()
    {
        var f = Marked.Single("ECS5007", """{ "family": "t", "containerDefinitions": [ { "name": [|"app", "image": "nginx:1.27", "memory": 128 } ] }""");
        Assert.Contains("Container 'app' is essential but has no healthCheck", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS5007_is_silent_for_non_essential_containers_and_with_a_health_check()
    {
        Marked.None("ECS5007", Task("""
            "essential": false
            """));
        Marked.None("ECS5007", Task("""
            "healthCheck": { "command": ["CMD", "true"] }
            """));
    }
}
