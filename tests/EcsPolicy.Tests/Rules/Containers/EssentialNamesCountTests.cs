using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Containers;

public class EssentialNamesCountTests
{
    [Fact]
    public void ECS2001_fires_when_every_container_is_explicitly_non_essential()
    {
        var f = Marked.Single("ECS2001", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "a", "image": "busybox", "memory": 64, "essential": [|false },
                { "name": "b", "image": "busybox", "memory": 64, "essential": false }
              ]
            }
            """);
        Assert.Contains("'a', 'b'", f.Message, StringComparison.Ordinal);
        Assert.Contains("\"essential\": true", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2001_is_silent_when_essential_is_omitted_on_every_container() =>
        Marked.None("ECS2001", """
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "busybox", "memory": 64 }, { "name": "b", "image": "busybox", "memory": 64 } ] }
            """);

    [Fact]
    public void ECS2001_is_silent_when_one_container_omits_essential() =>
        Marked.None("ECS2001", """
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "busybox", "memory": 64, "essential": false }, { "name": "b", "image": "busybox", "memory": 64 } ] }
            """);

    [Fact]
    public void ECS2001_is_silent_when_essential_is_not_a_known_boolean() =>
        Marked.None("ECS2001", """
            { "family": "t", "containerDefinitions": [ { "name": "a", "image": "busybox", "memory": 64, "essential": false }, { "name": "b", "image": "busybox", "memory": 64, "essential": {"Ref": "X"} } ] }
            """);

    [Fact]
    public void ECS2002_points_at_the_second_occurrence()
    {
        var f = Marked.Single("ECS2002", """
            {
              "family": "t",
              "containerDefinitions": [
                { "name": "web", "image": "nginx", "memory": 64 },
                { "name": "log", "image": "busybox", "memory": 64 },
                { "name": [|"web", "image": "busybox", "memory": 64 }
              ]
            }
            """);
        Assert.Contains("'web'", f.Message, StringComparison.Ordinal);
        Assert.Contains("#1", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2002_is_case_sensitive() =>
        Marked.None("ECS2002", """
            { "family": "t", "containerDefinitions": [ { "name": "web", "image": "nginx", "memory": 64 }, { "name": "Web", "image": "nginx", "memory": 64 } ] }
            """);

    private static string Containers(int count, int markAt = -1)
    {
        var items = Enumerable.Range(1, count).Select(i =>
            $$"""    { "name": {{(i == markAt ? "[|" : "")}}"c{{i}}", "image": "busybox", "memory": 32 }""");
        return "{\n  \"family\": \"t\",\n  \"containerDefinitions\": [\n" + string.Join(",\n", items) + "\n  ]\n}\n";
    }

    [Fact]
    public void ECS2003_is_silent_at_ten_containers() => Marked.None("ECS2003", Containers(10));

    [Fact]
    public void ECS2003_fires_at_the_eleventh_container()
    {
        var f = Marked.Single("ECS2003", Containers(11, markAt: 11));
        Assert.Contains("11 containers", f.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10", f.Message, StringComparison.Ordinal);
        Assert.Contains("'c11'", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2003_does_not_count_unknown_items() =>
        Marked.None("ECS2003", Containers(10).Replace("\n  ]", ",\n    \"not-an-object\"\n  ]", StringComparison.Ordinal));

    [Fact]
    public void Bare_container_list_is_checked_for_names_but_not_task_level_facts()
    {
        var findings = Lint.Text("""
            [
              { "name": "web", "image": "nginx", "essential": true, "portMappings": [{ "containerPort": 80, "hostPort": 8080 }], "mountPoints": [{ "sourceVolume": "data", "containerPath": "/d" }] },
              { "name": "web", "image": "nginx" }
            ]
            """);
        Assert.Single(findings.Only("ECS2002"));
        Assert.Empty(findings.Only("ECS2007"));
        Assert.Empty(findings.Only("ECS2010"));
        Assert.Empty(findings.Only("ECS2011"));
    }
}
