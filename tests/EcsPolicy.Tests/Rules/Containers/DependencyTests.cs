namespace EcsPolicy.Tests.Rules.Containers;

public class DependencyTests
{
    [Fact]
    public void ECS2004_self_dependency()
    {
        var f = Marked.Single("ECS2004", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "web", "image": "nginx", "memory": 64, "dependsOn": [{ "containerName": [|"web", "condition": "START" }] }
              ]
            }
            """);
        Assert.Contains("'web' depends on itself", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2004_unknown_target_with_case_hint()
    {
        var f = Marked.Single("ECS2004", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "web", "image": "nginx", "memory": 64, "dependsOn": [{ "containerName": [|"Envoy", "condition": "START" }] },
                { "name": "envoy", "image": "envoy", "memory": 64 }
              ]
            }
            """);
        Assert.Contains("'Envoy'", f.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'envoy'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2004_unknown_target_is_silent_when_a_container_name_is_unknown() =>
        Marked.None("ECS2004", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "web", "image": "nginx", "memory": 64, "dependsOn": [{ "containerName": "db", "condition": "START" }] },
                { "name": { "Ref": "DbName" }, "image": "postgres", "memory": 64 }
              ]
            }
            """);

    [Fact]
    public void ECS2004_two_cycle_names_the_cycle()
    {
        var f = Marked.Single("ECS2004", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "web", "image": "nginx", "memory": 64, "dependsOn": [{ "containerName": "sidecar", "condition": "START" }] },
                { "name": "sidecar", "image": "envoy", "memory": 64, "dependsOn": [{ "containerName": [|"web", "condition": "START" }] }
              ]
            }
            """);
        Assert.Contains("web -> sidecar -> web", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2004_three_cycle_names_the_cycle()
    {
        var f = Marked.Single("ECS2004", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "b", "condition": "START" }] },
                { "name": "b", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "c", "condition": "START" }] },
                { "name": "c", "image": "x", "memory": 64, "dependsOn": [{ "containerName": [|"a", "condition": "START" }] }
              ]
            }
            """);
        Assert.Contains("a -> b -> c -> a", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2004_chain_and_diamond_are_fine() =>
        Marked.None("ECS2004", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "b", "condition": "START" }, { "containerName": "c", "condition": "START" }] },
                { "name": "b", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "d", "condition": "START" }] },
                { "name": "c", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "d", "condition": "START" }] },
                { "name": "d", "image": "x", "memory": 64 }
              ]
            }
            """);

    [Fact]
    public void ECS2005_fires_on_omitted_essential_target()
    {
        var f = Marked.Single("ECS2005", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "app", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "init", "condition": [|"COMPLETE" }] },
                { "name": "init", "image": "x", "memory": 64 }
              ]
            }
            """);
        Assert.Contains("'init'", f.Message, StringComparison.Ordinal);
        Assert.Contains("essential by default", f.Message, StringComparison.Ordinal);
        Assert.Contains("\"essential\": false", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2005_fires_on_explicitly_essential_success_target()
    {
        var f = Marked.Single("ECS2005", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "app", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "init", "condition": [|"SUCCESS" }] },
                { "name": "init", "image": "x", "memory": 64, "essential": true }
              ]
            }
            """);
        Assert.Contains("SUCCESS", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"essential\": false", "SUCCESS")]
    [InlineData("\"essential\": {\"Ref\": \"E\"}", "COMPLETE")]
    [InlineData("\"essential\": true", "START")]
    [InlineData("\"essential\": true", "HEALTHY")]
    public void ECS2005_is_silent_otherwise(string essential, string condition) =>
        Marked.None("ECS2005", $$"""
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "app", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "init", "condition": "{{condition}}" }] },
                { "name": "init", "image": "x", "memory": 64, {{essential}} }
              ]
            }
            """);

    [Fact]
    public void ECS2006_fires_on_healthy_without_health_check()
    {
        var f = Marked.Single("ECS2006", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "app", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "envoy", "condition": [|"HEALTHY" }] },
                { "name": "envoy", "image": "x", "memory": 64 }
              ]
            }
            """);
        Assert.Contains("'envoy' has no healthCheck", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"healthCheck\": { \"command\": [\"CMD\", \"/bin/true\"] }")]
    [InlineData("\"healthCheck\": { \"Ref\": \"Check\" }")]
    public void ECS2006_is_silent_with_a_health_check_or_an_unknown_one(string healthCheck) =>
        Marked.None("ECS2006", $$"""
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "app", "image": "x", "memory": 64, "dependsOn": [{ "containerName": "envoy", "condition": "HEALTHY" }] },
                { "name": "envoy", "image": "x", "memory": 64, {{healthCheck}} }
              ]
            }
            """);
}
