namespace EcsPolicy.Tests.Rules.Containers;

public class ReferenceTests
{
    [Fact]
    public void ECS2011_unknown_source_volume()
    {
        var f = Marked.Single("ECS2011", """
            {
              "family": "t",
              "volumes": [{ "name": "data" }],
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "mountPoints": [{ "sourceVolume": "data", "containerPath": "/d" }, { "sourceVolume": [|"cache", "containerPath": "/c" }] }
              ]
            }
            """);
        Assert.Contains("'cache'", f.Message, StringComparison.Ordinal);
        Assert.Contains("'data'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2011_source_volume_without_any_volumes()
    {
        var f = Marked.Single("ECS2011", """
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "x", "memory": 64, "mountPoints": [{ "sourceVolume": [|"data", "containerPath": "/d" }] } ] }
            """);
        Assert.Contains("defines no volumes", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2011_source_volume_is_silent_when_a_volume_name_is_unknown() =>
        Marked.None("ECS2011", """
            { "family": "t", "volumes": [{ "name": { "Ref": "V" } }], "containerDefinitions": [ { "name": "a", "image": "x", "memory": 64, "mountPoints": [{ "sourceVolume": "data", "containerPath": "/d" }] } ] }
            """);

    [Fact]
    public void ECS2011_volumes_from_unknown_container_and_itself()
    {
        var all = Marked.All("ECS2011", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "volumesFrom": [{ "sourceContainer": [|"b" }, { "sourceContainer": [|"a" }, { "sourceContainer": "c" }] },
                { "name": "c", "image": "x", "memory": 64 }
              ]
            }
            """);
        Assert.Contains("from 'b'", all[0].Message, StringComparison.Ordinal);
        Assert.Contains("from itself", all[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2011_link_to_unknown_container()
    {
        var f = Marked.Single("ECS2011", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "x", "memory": 64, "links": ["db:database", [|"redis"] },
                { "name": "db", "image": "x", "memory": 64 }
              ]
            }
            """);
        Assert.Contains("links to 'redis'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2011_proxy_configuration_container()
    {
        var f = Marked.Single("ECS2011", """
            {
              "family": "t",
              "networkMode": "awsvpc",
              "proxyConfiguration": { "type": "APPMESH", "containerName": [|"envoy" },
              "containerDefinitions": [ { "name": "app", "image": "x", "memory": 64 } ]
            }
            """);
        Assert.Contains("'envoy'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2011_container_references_are_silent_when_a_container_name_is_unknown() =>
        Marked.None("ECS2011", """
            {
              "family": "t",
              "proxyConfiguration": { "type": "APPMESH", "containerName": "envoy" },
              "containerDefinitions": [
                { "name": "app", "image": "x", "memory": 64, "links": ["envoy"], "volumesFrom": [{ "sourceContainer": "envoy" }] },
                { "name": { "Fn::Sub": "${Name}" }, "image": "x", "memory": 64 }
              ]
            }
            """);
}
