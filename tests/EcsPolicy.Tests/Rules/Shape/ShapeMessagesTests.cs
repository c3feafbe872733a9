using static EcsPolicy.Tests.Rules.Shape.ShapeTestData;

namespace EcsPolicy.Tests.Rules.Shape;

public class ShapeMessagesTests
{
    [Fact]
    public void Values_from_environment_and_secrets_never_appear_in_messages()
    {
        var json = Task(container:
            "\"environment\": [{ \"name\": \"DB_PASSWORD\", \"value\": 918273645 }, { \"name\": \"API_TOKEN\", \"value\": true }], "
            + "\"secrets\": [{ \"name\": \"PIN\", \"valueFrom\": 55443322 }], "
            + "\"logConfiguration\": { \"logDriver\": \"splunk\", \"options\": { \"splunk-token\": 77665544 } }");
        var all = ShapeFindings(json);
        Assert.Equal(4, all.Count(f => f.RuleId == "ECS0003"));
        foreach (var f in all)
        {
            Assert.DoesNotContain("918273645", f.Message);
            Assert.DoesNotContain("55443322", f.Message);
            Assert.DoesNotContain("77665544", f.Message);
            Assert.DoesNotContain("true", f.Message);
        }

        Assert.Contains(all, f => f.Message == "'environment[0].value' in container 'web' must be a string, not a number; put the value in quotes (the AWS CLI and SDKs reject a number here).");
    }

    [Fact]
    public void Messages_name_the_container_and_end_with_a_period()
    {
        var json = Task(
            container: "\"esential\": true, \"cpu\": \"256\", \"portMappings\": [{ \"containerPort\": 0, \"protocol\": \"TCP\" }], \"healthCheck\": {}",
            task: "\"cpu\": 256, \"networkMode\": \"bridged\"");
        var all = ShapeFindings(json);
        Assert.Equal(["ECS0002", "ECS0003", "ECS0004", "ECS0005", "ECS0006"], all.Select(f => f.RuleId).Distinct().OrderBy(x => x, StringComparer.Ordinal));
        foreach (var f in all)
        {
            Assert.True(f.Message.EndsWith('.') || (f.RuleId == "ECS0002" && f.Message.EndsWith('?')), f.Message);
            if (f.Path.StartsWith("/containerDefinitions/0", StringComparison.Ordinal))
            {
                Assert.Contains("container 'web'", f.Message);
            }
        }
    }

    [Fact]
    public void Each_rule_reports_only_its_own_violations()
    {
        // Compared with the same task without the typo, so that policy findings on the minimal task do not count.
        var json = Task(container: "\"esential\": true");
        var baseline = EcsPolicy.Tests.Support.Lint.Text(Task()).Select(f => (f.RuleId, f.Path)).ToHashSet();
        var findings = EcsPolicy.Tests.Support.Lint.Text(json).Where(f => !baseline.Contains((f.RuleId, f.Path))).ToList();
        Assert.Single(findings);
        Assert.Equal("ECS0002", findings[0].RuleId);
    }
}
