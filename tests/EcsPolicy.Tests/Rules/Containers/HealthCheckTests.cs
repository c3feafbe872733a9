namespace EcsPolicy.Tests.Rules.Containers;

public class HealthCheckTests
{
    private static string Task(string healthCheck) => $$"""
        {
          "family": "t",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "x",
              "memory": 64,
              "healthCheck": {{healthCheck}}
            }
          ]
        }
        """;

    [Theory]
    [InlineData("interval", 5, 300, "\"timeout\": 2, ")]
    [InlineData("timeout", 2, 60, "\"interval\": 300, ")]
    [InlineData("retries", 1, 10, "")]
    [InlineData("startPeriod", 0, 300, "")]
    public void ECS2012_bounds_are_inclusive_and_one_beyond_fires(string member, int min, int max, string other)
    {
        foreach (var ok in new[] { min, max })
        {
            Marked.None("ECS2012", Task($$"""{ "command": ["CMD", "true"], {{other}}"{{member}}": {{ok}} }"""));
        }

        foreach (var bad in new[] { min - 1, max + 1 })
        {
            var f = Marked.Single("ECS2012", Task($$"""{ "command": ["CMD", "true"], {{other}}"{{member}}": [|{{bad}} }"""));
            Assert.Contains($"{member} {bad}", f.Message, StringComparison.Ordinal);
            Assert.Contains($"between {min} and {max}", f.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ECS2012_timeout_above_interval()
    {
        var f = Marked.Single("ECS2012", Task("""{ "command": ["CMD", "true"], "interval": 10, "timeout": [|11 }"""));
        Assert.Contains("timeout (11 s)", f.Message, StringComparison.Ordinal);
        Assert.Contains("interval (10 s)", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ECS2012_timeout_above_default_interval_points_at_timeout()
    {
        var f = Marked.Single("ECS2012", Task("""{ "command": ["CMD", "true"], "timeout": [|45 }"""));
        Assert.Contains("30 s, the default", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"interval\": 10, \"timeout\": 10")]
    [InlineData("\"interval\": 5")]
    [InlineData("\"interval\": 10, \"timeout\": 9")]
    public void ECS2012_timeout_equal_or_below_interval_is_fine(string values) =>
        Marked.None("ECS2012", Task($$"""{ "command": ["CMD", "true"], {{values}} }"""));

    [Fact]
    public void ECS2016_command_without_prefix()
    {
        var f = Marked.Single("ECS2016", Task("""{ "command": [[|"curl -f http://localhost/"] }"""));
        Assert.Contains("'app'", f.Message, StringComparison.Ordinal);
        Assert.Contains("CMD-SHELL", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[\"CMD\", \"/bin/check\"]")]
    [InlineData("[\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]")]
    [InlineData("[\"NONE\"]")]
    [InlineData("[{ \"Ref\": \"Check\" }, \"x\"]")]
    public void ECS2016_is_silent_for_valid_or_unknown_prefixes(string command) =>
        Marked.None("ECS2016", Task($$"""{ "command": {{command}} }"""));
}
