using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Hardening;

/// <summary>
/// The hardening and secrets messages name properties and suggest fixes in the words of the file they are about: a
/// template's PascalCase properties, a Copilot manifest's keys (or its taskdef_overrides path where no key exists).
/// </summary>
public class HardeningVocabularyTests
{
    private const string Template = """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              ContainerDefinitions:
                - Name: app
                  Image: nginx:1.27
                  Memory: 512
                  Environment:
                    - Name: DB_PASSWORD
                      Value: hunter2hunter2
        """;

    private const string Manifest = """
        name: api
        type: Backend Service
        image:
          location: nginx:1.27
        variables:
          DB_PASSWORD: hunter2hunter2
        """;

    [Fact]
    public void CloudFormation_reads_its_own_property_names()
    {
        var findings = Lint.Text(Template, "template.yaml");

        var user = Assert.Single(findings.Only("ECS6003"));
        Assert.Equal(
            "Container 'app' does not set \"User\", so it runs as the image's default user, which is root unless the image sets USER: set \"User\" to a non-root UID, e.g. \"1000:1000\".",
            user.Message);

        var network = Assert.Single(findings.Only("ECS6010"));
        Assert.Contains("does not set NetworkMode,", network.Message, StringComparison.Ordinal);
        Assert.Contains("set NetworkMode: awsvpc to give", network.Message, StringComparison.Ordinal);

        var secret = Assert.Single(findings.Only("ECS3001"));
        Assert.Contains(" 'Secrets' instead ({Name: DB_PASSWORD, ValueFrom: <secret or parameter ARN>}), then remove it from 'Environment'.", secret.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", secret.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copilot_reads_its_manifest_keys()
    {
        var findings = Lint.Text(Manifest, "copilot/api/manifest.yml");

        var secret = Assert.Single(findings.Only("ECS3001"));
        Assert.Contains(" 'secrets' instead (secrets: {DB_PASSWORD: <SSM parameter name>}), ", secret.Message, StringComparison.Ordinal);
        Assert.EndsWith("then remove it from 'variables'.", secret.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", secret.Message, StringComparison.Ordinal);

        // A manifest has no key for the user: only taskdef_overrides sets it, at this path.
        var user = Assert.Single(findings.Only("ECS6003"));
        Assert.Contains("does not set taskdef_overrides path ContainerDefinitions[0].User", user.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Task_definition_json_keeps_the_api_names()
    {
        var findings = Lint.Text("""
            {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx:1.27", "memory": 512,
              "environment": [{"name": "DB_PASSWORD", "value": "hunter2hunter2"}]}]}
            """);

        Assert.Contains("set \"networkMode\": \"awsvpc\" to give", Assert.Single(findings.Only("ECS6010")).Message, StringComparison.Ordinal);
        Assert.Contains(" 'secrets' instead ({\"name\": \"DB_PASSWORD\", \"valueFrom\": \"<secret or parameter ARN>\"}), then remove it from 'environment'.", Assert.Single(findings.Only("ECS3001")).Message, StringComparison.Ordinal);
    }
}
