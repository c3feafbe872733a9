namespace EcsPolicy.Tests.Rules.Containers;

public class PortMappingTests
{
    private static string Task(string networkMode, string mappings, string marked = "") => $$"""
        {
          "family": "t",
          {{networkMode}}
          "containerDefinitions": [
            {
              "name": "web",
              "image": "nginx",
              "memory": 128,
              "portMappings": {{marked}}{{mappings}}
            }
          ]
        }
        """;

    [Theory]
    [InlineData("[{ \"containerPort\": 80, \"hostPort\": 80 }]")]
    [InlineData("[{ \"containerPort\": 80 }]")]
    [InlineData("[{ \"containerPort\": 80, \"hostPort\": 0 }]")]
    public void ECS2010_awsvpc_host_port_equal_omitted_or_zero_is_fine(string mappings) =>
        Marked.None("ECS2010", Task("\"networkMode\": \"awsvpc\",", mappings));

    [Theory]
    [InlineData("awsvpc")]
    [InlineData("host")]
    public void ECS2010_static_modes_reject_a_different_host_port(string mode)
    {
        var f = Marked.Single("ECS2010", Task($"\"networkMode\": \"{mode}\",", "[{ \"containerPort\": 80, \"hostPort\": [|8080 }]"));
        Assert.Contains($"networkMode \"{mode}\"", f.Message, StringComparison.Ordinal);
        Assert.Contains("set it to 80", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"networkMode\": \"bridge\",")]
    [InlineData("")]
    public void ECS2010_bridge_allows_any_host_port(string mode) =>
        Marked.None("ECS2010", Task(mode, "[{ \"containerPort\": 80, \"hostPort\": 0 }, { \"containerPort\": 443, \"hostPort\": 8443 }, { \"containerPort\": 8080 }]"));

    [Fact]
    public void ECS2010_none_with_port_mappings()
    {
        var f = Marked.Single("ECS2010", Task("\"networkMode\": \"none\",", "[{ \"containerPort\": 80 }]", "[|"));
        Assert.Contains("\"none\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2010_none_with_empty_list_is_fine() => Marked.None("ECS2010", Task("\"networkMode\": \"none\",", "[]"));

    [Fact]
    public void ECS2010_duplicate_port_and_protocol_with_default_protocol()
    {
        var f = Marked.Single("ECS2010", Task("\"networkMode\": \"bridge\",", "[{ \"containerPort\": 80, \"protocol\": \"tcp\" }, { \"containerPort\": [|80 }]"));
        Assert.Contains("80/tcp twice", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2010_same_port_for_tcp_and_udp_is_not_reported() =>
        Marked.None("ECS2010", Task("\"networkMode\": \"awsvpc\",", "[{ \"containerPort\": 53, \"protocol\": \"tcp\" }, { \"containerPort\": 53, \"protocol\": \"udp\" }]"));

    [Fact]
    public void ECS2010_port_range_with_host_port()
    {
        var f = Marked.Single("ECS2010", Task("\"networkMode\": \"bridge\",", "[{ \"containerPortRange\": \"8000-8010\", \"hostPort\": [|8000 }]"));
        Assert.Contains("containerPortRange", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2010_port_range_in_host_mode()
    {
        var f = Marked.Single("ECS2010", Task("\"networkMode\": \"host\",", "[{ \"containerPortRange\": [|\"8000-8010\" }]"));
        Assert.Contains("\"bridge\" or \"awsvpc\"", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2010_port_range_first_not_below_last()
    {
        var f = Marked.Single("ECS2010", Task("\"networkMode\": \"awsvpc\",", "[{ \"containerPortRange\": [|\"9000-9000\" }]"));
        Assert.Contains("less than the last", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2010_overlapping_ranges_and_port_inside_a_range()
    {
        Marked.All("ECS2010", Task("\"networkMode\": \"awsvpc\",", "[{ \"containerPortRange\": \"8000-8010\" }, { \"containerPortRange\": [|\"8010-8020\" }, { \"containerPort\": [|8005 }, { \"containerPortRange\": \"8021-8030\" }, { \"containerPort\": 8005, \"protocol\": \"udp\" }]"));
    }

    [Fact]
    public void ECS2010_more_than_100_ranges()
    {
        var ranges = string.Join(", ", Enumerable.Range(0, 101).Select(i => $$"""{ "containerPortRange": {{(i == 100 ? "[|" : "")}}"{{10000 + (i * 10)}}-{{10005 + (i * 10)}}" }"""));
        var f = Marked.Single("ECS2010", Task("\"networkMode\": \"bridge\",", "[" + ranges + "]"));
        Assert.Contains("more than 100", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2010_is_silent_when_network_mode_is_unknown() =>
        Marked.None("ECS2010", Task("\"networkMode\": { \"Ref\": \"Mode\" },", "[{ \"containerPort\": 80, \"hostPort\": 8080 }]"));
}
