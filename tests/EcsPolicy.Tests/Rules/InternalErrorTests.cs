using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Model;
using EcsPolicy.Rules;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules;

/// <summary>
/// A bug in a rule never fails open: the linter reports it as ECS0009 at the object whose check it stopped, the other
/// rules and objects are still checked, and the file counts as not checked completely (exit code 2 in the CLI).
/// </summary>
public class InternalErrorTests
{
    private const string Template = """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Api:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: api
                  Image: nginx:latest
                  Memory: 512
          Worker:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: worker
                  Image: nginx:latest
                  Memory: 512
        """;

    /// <summary>A rule with a bug: it throws on the task definition named <c>Api</c>, with a value of the file in its message.</summary>
    private sealed class Throwing : Rule
    {
        public override string Id => "ECS6007";

        public override void Check(TaskDefinition task, RuleContext context)
        {
            if (task.DisplayName == "Api")
            {
                throw new InvalidOperationException("secret value hunter2 in the message");
            }

            context.Report(task, "The worker was checked.");
        }
    }

    private static FileResult Lint(params Rule[] extra)
    {
        var rules = RuleRegistry.Rules.Where(r => r.Id != "ECS6007").Concat(extra).ToList();
        return new Linter(new LintOptions { Rules = rules }).LintFile("template.yaml", Encoding.UTF8.GetBytes(Template), explicitlyGiven: true);
    }

    [Fact]
    public void A_rule_that_throws_is_ECS0009_at_the_object_and_everything_else_is_still_checked()
    {
        var result = Lint(new Throwing());

        // Where the task-level findings of a template point: the opening of the resource's properties.
        var error = Assert.Single(result.Findings.Only("ECS0009"));
        Assert.Equal((6, 7), (error.Location.StartLine, error.Location.StartColumn));
        Assert.StartsWith("EcsPolicy could not finish running rule ECS6007 on 'Api': an internal error (InvalidOperationException (in Throwing.Check)) stopped it", error.Message, StringComparison.Ordinal);
        Assert.Equal(Severity.Error, error.Severity);

        // The exception's message may quote the file: it is in no finding and no reason.
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("hunter2", StringComparison.Ordinal));
        Assert.DoesNotContain(result.NotChecked, r => r.Contains("hunter2", StringComparison.Ordinal));

        var reason = Assert.Single(result.NotChecked);
        Assert.StartsWith("an internal error (InvalidOperationException", reason, StringComparison.Ordinal);
        Assert.False(result.CheckedCompletely);

        // The other object got this rule's finding, and the other rules ran on both.
        Assert.Single(result.Findings.Only("ECS6007"), f => f.Message.StartsWith("The worker was checked.", StringComparison.Ordinal));
        Assert.Equal(2, result.Findings.Only("ECS6003").Count);
    }

    [Fact]
    public void Without_the_bug_the_file_is_checked_completely()
    {
        var result = Lint();
        Assert.True(result.CheckedCompletely);
        Assert.Empty(result.Findings.Only("ECS0009"));
    }
}
