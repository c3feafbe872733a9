using System.Text;
using EcsPolicy.Engine;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Task definitions filled in at deploy time: a placeholder is unknown (no finding judges its text), and one ECS0010 note
/// per file says how many values were not checked, at the first.
/// </summary>
public class TemplatePlaceholderTests
{
    private static IReadOnlyList<EcsPolicy.Rules.Finding> Lint(string text) => new Linter().LintFile("task.json", Encoding.UTF8.GetBytes(text), true).Findings;

    [Theory]
    [InlineData("{{ must_env `APP` }}-main", "{{ must_env `IMAGE` }}")]
    [InlineData("${APP}-main", "${IMAGE}")]
    [InlineData("$APP-main", "$IMAGE")]
    [InlineData("%APP%-main", "%IMAGE%")]
    [InlineData("#{Octopus.App}-main", "#{Octopus.Image}")]
    [InlineData("<APP>-main", "<IMAGE_URI>")]
    public void Placeholders_are_unknown_and_counted_in_one_note(string family, string image)
    {
        var text = "{\n  \"family\": \"" + family + "\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"" + image + "\", \"memory\": 512 }\n  ]\n}\n";
        var findings = Lint(text);
        Assert.DoesNotContain(findings, f => f.RuleId is "ECS0006" or "ECS0004" or "ECS6007");
        var note = Assert.Single(findings, f => f.RuleId == "ECS0010");
        Assert.Equal(EcsPolicy.Rules.Severity.Note, note.Severity);
        Assert.Equal((2, 13), (note.Location.StartLine, note.Location.StartColumn));
        Assert.StartsWith("2 value(s) in this file are template placeholders or left empty for a deploy step to fill in (the first is here)", note.Message);
    }

    [Fact]
    public void An_empty_image_for_the_render_action_is_a_placeholder_and_other_empty_values_keep_their_findings()
    {
        var text = "{\n  \"family\": \"web\",\n  \"ipcMode\": \"\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"\", \"memory\": 512 }\n  ]\n}\n";
        var findings = Lint(text);
        Assert.DoesNotContain(findings, f => f.RuleId == "ECS0006" || (f.RuleId == "ECS0005" && f.Message.Contains("image", StringComparison.Ordinal)));
        Assert.Contains(findings, f => f.RuleId == "ECS0004" && f.Location.StartLine == 3);
        Assert.StartsWith("1 value(s)", Assert.Single(findings, f => f.RuleId == "ECS0010").Message);
    }

    [Fact]
    public void Shell_variables_in_commands_are_the_containers_and_a_plain_file_gets_no_note()
    {
        var text = """
            {
              "family": "web",
              "containerDefinitions": [
                {
                  "name": "app", "image": "public.ecr.aws/nginx/nginx:1.27", "memory": 512,
                  "command": ["sh", "-c", "echo $HOME"],
                  "entryPoint": ["/bin/sh", "-c", "exec ${APP_BIN}"],
                  "healthCheck": { "command": ["CMD-SHELL", "curl -f http://localhost:$PORT/ || exit 1"] }
                }
              ]
            }
            """;
        Assert.DoesNotContain(Lint(text), f => f.RuleId == "ECS0010");
    }

    [Fact]
    public void A_password_with_a_dollar_sign_is_not_a_placeholder()
    {
        var text = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512,\n      \"environment\": [{ \"name\": \"DB_PASSWORD\", \"value\": \"Pa$word-2024\" }] }\n  ]\n}\n";
        var findings = Lint(text);
        Assert.DoesNotContain(findings, f => f.RuleId == "ECS0010");
        Assert.Contains(findings, f => f.RuleId == "ECS3001");
    }
}
