using System.Text;
using EcsPolicy.Engine;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Task definitions filled in at deploy time: a placeholder is unknown (no finding judges its text), and one ECS0010 note
/// per file says how many values were not checked, at the first.
/// </summary>
public class TemplatePlaceholderTests
{
    private static IReadOnlyList<EcsPolicy.Findings.Finding> Lint(string text) => new Linter().LintFile("task.json", Encoding.UTF8.GetBytes(text), true).Findings;

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
        Assert.Equal(EcsPolicy.Findings.Severity.Note, note.Severity);
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

    [Theory]
    [InlineData("<MEMORY_RESV>", "<SERVICE_PORT>")]
    [InlineData("{{ must_env `MEMORY` }}", "{{ env `PORT` `80` }}")]
    public void Bare_placeholders_where_JSON_needs_a_value_are_read_as_placeholders_and_the_rest_is_checked(string memory, string port)
    {
        var text = "{\n  \"family\": \"web\",\n  \"networkMode\": \"awsvpc\",\n  \"containerDefinitions\": [\n    {\n      \"name\": \"app\", \"image\": \"nginx:latest\",\n      \"memoryReservation\": "
            + memory + ",\n      \"portMappings\": [{ \"containerPort\": " + port + ", \"hostPort\": 8080 }]\n    }\n  ]\n}\n";
        var findings = Lint(text);

        Assert.DoesNotContain(findings, f => f.RuleId is "ECS0001" or "ECS0003" or "ECS2007");
        var note = Assert.Single(findings, f => f.RuleId == "ECS0010");
        Assert.Equal((7, 28), (note.Location.StartLine, note.Location.StartColumn));
        Assert.StartsWith("2 value(s) in this file are template placeholders", note.Message);

        // The rest of the file is still checked, at the columns of the file as written.
        var unpinned = Assert.Single(findings, f => f.RuleId == "ECS6007");
        Assert.Equal((6, 31), (unpinned.Location.StartLine, unpinned.Location.StartColumn));
    }

    [Fact]
    public void A_text_that_is_not_JSON_even_with_its_placeholders_masked_keeps_the_first_error_as_written()
    {
        var text = "{\n  \"family\": \"web\",\n  \"cpu\": <CPU>,\n  \"containerDefinitions\": [ { \"name\": \"app\" \"image\": \"x\" } ]\n}\n";
        var error = Assert.Single(Lint(text), f => f.RuleId == "ECS0001");
        Assert.Equal((3, 10), (error.Location.StartLine, error.Location.StartColumn));
        Assert.StartsWith("Invalid JSON: '<' is an invalid start of a value.", error.Message);
    }

    [Fact]
    public void Values_a_deploy_step_fills_in_when_left_empty_are_not_judged()
    {
        // The render action fills the image and may add log options; a script injects the role ARNs.
        var text = """
            {
              "family": "bot",
              "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
              "executionRoleArn": "",
              "taskRoleArn": "",
              "containerDefinitions": [
                {
                  "name": "bot", "image": "", "essential": true,
                  "logConfiguration": { "logDriver": "awslogs", "options": { "mode": "non-blocking" } }
                }
              ]
            }
            """;
        var findings = Lint(text);
        Assert.DoesNotContain(findings, f => f.RuleId is "ECS3003" or "ECS3005" or "ECS5002" or "ECS0006");
        Assert.StartsWith("3 value(s)", Assert.Single(findings, f => f.RuleId == "ECS0010").Message);
    }

    [Fact]
    public void In_a_file_with_placeholders_an_empty_value_is_the_template_tools_to_drop()
    {
        var text = "{\n  \"family\": \"{{ must_env `APP` }}\",\n  \"ipcMode\": \"\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512 }\n  ]\n}\n";
        var findings = Lint(text);
        Assert.DoesNotContain(findings, f => f.RuleId == "ECS0004");
        Assert.StartsWith("2 value(s)", Assert.Single(findings, f => f.RuleId == "ECS0010").Message);
    }

    [Fact]
    public void A_container_whose_name_is_a_placeholder_is_still_a_container_whose_written_values_are_checked()
    {
        var text = "{\n  \"family\": \"%APP%\",\n  \"containerDefinitions\": [\n    { \"name\": \"%APP%\", \"image\": \"%IMAGE%\" }\n  ]\n}\n";
        var finding = Assert.Single(Lint(text), f => f.RuleId == "ECS2007");
        Assert.Equal((4, 5), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.StartsWith("Container #1 sets neither memory nor memoryReservation", finding.Message);
    }

    [Theory]
    [InlineData("REPLACED_BY_CI", true)]
    [InlineData("YOUR_ECR_REPO_URI:latest", true)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/replace-me:latest", true)]
    [InlineData("nginx:latest", false)]
    [InlineData("yourls:latest", false)]
    [InlineData("todo-app:latest", false)]
    public void An_image_named_as_a_placeholder_for_the_pipeline_is_not_judged(string image, bool placeholder)
    {
        var text = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"" + image + "\", \"memory\": 512 }\n  ]\n}\n";
        var findings = Lint(text);
        Assert.Equal(!placeholder, findings.Any(f => f.RuleId == "ECS6007"));
        Assert.Equal(placeholder, findings.Any(f => f.RuleId == "ECS0010"));
    }

    [Fact]
    public void Text_that_only_looks_like_a_placeholder_does_not_make_empty_values_unknown()
    {
        var text = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"\", \"image\": \"public.ecr.aws/nginx/nginx:1.27\", \"memory\": 512,\n      \"environment\": [{ \"name\": \"GREETING\", \"value\": \"<b>hi</b>\" }] }\n  ]\n}\n";
        var empty = Assert.Single(Lint(text), f => f.RuleId == "ECS0006");
        Assert.Equal((4, 15), (empty.Location.StartLine, empty.Location.StartColumn));
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
