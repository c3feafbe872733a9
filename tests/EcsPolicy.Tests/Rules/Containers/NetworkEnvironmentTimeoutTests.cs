namespace EcsPolicy.Tests.Rules.Containers;

public class NetworkEnvironmentTimeoutTests
{
    [Theory]
    [InlineData("awsvpc")]
    [InlineData("host")]
    [InlineData("none")]
    public void ECS2013_links_outside_bridge(string mode)
    {
        var f = Marked.Single("ECS2013", $$"""
            {
              "family": "t",
              "networkMode": "{{mode}}",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "links": [|["b"] },
                { "name": "b", "image": "x", "memory": 64 }
              ]
            }
            """);
        Assert.Contains($"\"{mode}\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2013_links_with_default_bridge_mode_are_fine() =>
        Marked.None("ECS2013", """
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "x", "memory": 64, "links": ["b"], "hostname": "a", "extraHosts": [{ "hostname": "h", "ipAddress": "10.0.0.1" }] }, { "name": "b", "image": "x", "memory": 64 } ] }
            """);

    [Fact]
    public void ECS2013_hostname_and_extra_hosts_with_awsvpc()
    {
        Marked.All("ECS2013", """
            {
              "family": "t",
              "networkMode": "awsvpc",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "hostname": [|"a.local", "extraHosts": [|[{ "hostname": "h", "ipAddress": "10.0.0.1" }] }
              ]
            }
            """);
    }

    [Fact]
    public void ECS2013_hostname_in_host_mode_is_not_reported() =>
        Marked.None("ECS2013", """
            { "family": "t", "networkMode": "host", "containerDefinitions": [ { "name": "a", "image": "x", "memory": 64, "hostname": "a" } ] }
            """);

    [Fact]
    public void ECS2013_is_silent_for_windows_default_mode() =>
        Marked.None("ECS2013", """
            { "family": "t", "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE" }, "containerDefinitions": [ { "name": "a", "image": "x", "memory": 64, "links": ["b"] }, { "name": "b", "image": "x", "memory": 64 } ] }
            """);

    [Fact]
    public void ECS2014_duplicate_in_environment_never_prints_the_value()
    {
        var f = Marked.Single("ECS2014", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "environment": [
                  { "name": "API_TOKEN", "value": "s3cr3t-one" },
                  { "name": [|"API_TOKEN", "value": "s3cr3t-two" }
                ] }
              ]
            }
            """);
        Assert.Contains("'API_TOKEN'", f.Message, StringComparison.Ordinal);
        Assert.Contains("'a'", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2014_name_in_environment_and_secrets()
    {
        var f = Marked.Single("ECS2014", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64,
                  "environment": [{ "name": "DB_PASSWORD", "value": "hunter2" }],
                  "secrets": [{ "name": [|"DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db" }] }
              ]
            }
            """);
        Assert.Contains("both in environment and in secrets", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2014_is_case_sensitive_and_per_container() =>
        Marked.None("ECS2014", """
            { "family": "t", "containerDefinitions": [
              { "name": "a", "image": "x", "memory": 64, "environment": [{ "name": "X", "value": "1" }, { "name": "x", "value": "2" }] },
              { "name": "b", "image": "x", "memory": 64, "environment": [{ "name": "X", "value": "1" }], "secrets": [{ "name": "x", "valueFrom": "p" }] } ] }
            """);

    private static string Timeouts(string compat, string timeouts) => $$"""
        {
          "family": "t",
          "requiresCompatibilities": [{{compat}}],
          "networkMode": "awsvpc",
          "cpu": "256",
          "memory": "512",
          "containerDefinitions": [
            { "name": "a", "image": "x", {{timeouts}} }
          ]
        }
        """;

    [Theory]
    [InlineData("startTimeout", 1)]
    [InlineData("startTimeout", 121)]
    [InlineData("stopTimeout", 1)]
    [InlineData("stopTimeout", 121)]
    public void ECS2015_out_of_range_on_fargate(string member, int value)
    {
        var f = Marked.Single("ECS2015", Timeouts("\"FARGATE\"", $"\"{member}\": [|{value}"));
        Assert.Contains($"{member} {value}", f.Message, StringComparison.Ordinal);
        Assert.Contains("between 2 and 120", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2015_fires_when_fargate_is_one_of_several_compatibilities() =>
        Marked.Single("ECS2015", Timeouts("\"EC2\", \"FARGATE\"", "\"stopTimeout\": [|600"));

    [Fact]
    public void ECS2015_edges_are_fine_on_fargate() =>
        Marked.None("ECS2015", Timeouts("\"FARGATE\"", "\"startTimeout\": 2, \"stopTimeout\": 120"));

    [Fact]
    public void ECS2015_is_silent_on_ec2() =>
        Marked.None("ECS2015", Timeouts("\"EC2\"", "\"startTimeout\": 1, \"stopTimeout\": 600"));
}
