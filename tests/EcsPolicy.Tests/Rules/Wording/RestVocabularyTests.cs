using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Tests.CSharp;
using EcsPolicy.Tests.Support;
using EcsPolicy.Vocabularies;

namespace EcsPolicy.Tests.Rules.Wording;

/// <summary>
/// The last rules migrated to message parts read in each input's words: nested paths named once (a Copilot key or one
/// taskdef_overrides path, never the owner's path twice), examples of code in the shape each input writes, and
/// properties no manifest key sets named as taskdef_overrides paths.
/// </summary>
public class RestVocabularyTests
{
    private const string Curl = "\"curl -f http://localhost/health || exit 1\"";

    private const string Manifest = """
        name: api
        type: Backend Service
        image:
          location: nginx:1.27
        sidecars:
          envoy:
            image: envoy:1
        """;

    private const string Template = """
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              RequiresCompatibilities: [FARGATE]
              NetworkMode: awsvpc
              Cpu: "256"
              Memory: "512"
              EphemeralStorage:
                SizeInGiB: 10
              Volumes:
                - Name: certs
                  Host:
                    SourcePath: /etc/certs
              ContainerDefinitions:
                - Name: app
                  Image: nginx:1.27
                  LinuxParameters:
                    Capabilities:
                      Add: [NET_ADMIN]
        """;

    private static TaskDefinition Copilot(string text) =>
        new CopilotLoader().Load("copilot/api/manifest.yml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true).Tasks[0];

    [Fact]
    public void Copilot_suggests_the_health_check_key_of_the_main_container_and_of_a_sidecar()
    {
        var findings = Lint.Text(Manifest, "copilot/api/manifest.yml").Only("ECS5007");

        Assert.Contains(findings, f => f.Message == "Container 'api' is essential but has no image.healthcheck, so ECS only notices when it exits, not when it stops responding: "
            + "add an image.healthcheck, e.g. image.healthcheck.command: [\"CMD-SHELL\", " + Curl + "].");
        Assert.Contains(findings, f => f.Message == "Container 'envoy' is essential but has no sidecars.envoy.healthcheck, so ECS only notices when it exits, not when it stops responding: "
            + "add a sidecars.envoy.healthcheck, e.g. sidecars.envoy.healthcheck.command: [\"CMD-SHELL\", " + Curl + "].");
    }

    [Fact]
    public void Copilot_names_the_user_by_its_taskdef_overrides_path_and_suggests_the_override()
    {
        var user = Assert.Single(Lint.Text(Manifest, "copilot/api/manifest.yml").Only("ECS6003"), f => f.Message.StartsWith("Container 'api'", StringComparison.Ordinal));

        Assert.Equal(
            "Container 'api' does not set taskdef_overrides path ContainerDefinitions[0].User, so it runs as the image's default user, which is root unless the image sets USER: "
            + "set taskdef_overrides path ContainerDefinitions[0].User to a non-root UID, e.g. taskdef_overrides: [{path: ContainerDefinitions[0].User, value: \"1000:1000\"}].",
            user.Message);
    }

    [Fact]
    public void A_template_reads_nested_paths_and_examples_in_its_own_names()
    {
        var findings = Lint.Text(Template, "template.yaml");

        Assert.Contains(findings.Only("ECS1004"), f => f.Message.StartsWith("Volume 'certs' sets Host.SourcePath, which Fargate does not support: remove SourcePath (", StringComparison.Ordinal));
        Assert.Contains(findings.Only("ECS1004"), f => f.Message.StartsWith("Container 'app' adds the capability \"NET_ADMIN\", but Fargate only lets containers add SYS_PTRACE: remove it from LinuxParameters.Capabilities.Add.", StringComparison.Ordinal));
        Assert.Contains(findings.Only("ECS1007"), f => f.Message.StartsWith("EphemeralStorage.SizeInGiB is 10, but the minimum is 21 GiB:", StringComparison.Ordinal) && f.Message.EndsWith("or remove EphemeralStorage.", StringComparison.Ordinal));
        Assert.Contains(findings.Only("ECS5007"), f => f.Message.EndsWith("add a HealthCheck, e.g. {Command: [CMD-SHELL, " + Curl + "]}.", StringComparison.Ordinal));
    }

    [Fact]
    public void Task_definition_json_keeps_the_api_paths()
    {
        var findings = Lint.Text("""
            {"family": "web", "requiresCompatibilities": ["FARGATE"], "networkMode": "awsvpc", "cpu": "256", "memory": "512",
             "volumes": [{"name": "certs", "host": {"sourcePath": "/etc/certs"}}],
             "containerDefinitions": [{"name": "app", "image": "nginx:1.27"}]}
            """, "taskdef.json");

        Assert.Contains(findings.Only("ECS1004"), f => f.Message.StartsWith("Volume 'certs' sets host.sourcePath, which Fargate does not support: remove sourcePath (", StringComparison.Ordinal));
        Assert.Contains(findings.Only("ECS5007"), f => f.Message.EndsWith("add a healthCheck, e.g. { \"command\": [\"CMD-SHELL\", " + Curl + "] }.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_nested_reference_is_one_path_in_every_vocabulary()
    {
        var task = Copilot(Manifest);
        var main = task.ContainerDefinitions[0];
        var envoy = task.ContainerDefinitions.Single(c => c.Name.Value == "envoy");
        var command = PropRef.Path(main, "healthCheck", "command");

        Assert.Equal("healthCheck.command", Names.Prop(command, Vocabulary.Api));
        Assert.Equal("HealthCheck.Command", Names.Prop(command, Vocabulary.CloudFormationYaml));
        Assert.Equal("image.healthcheck.command", Names.Prop(command, Vocabulary.Copilot));
        Assert.Equal("sidecars.envoy.healthcheck.interval", Names.Prop(PropRef.Path(envoy, "healthCheck", "interval"), Vocabulary.Copilot));

        // No manifest key sets a container's Linux parameters: one taskdef_overrides path, with the container's position.
        var drop = PropRef.Path(envoy, "linuxParameters", "capabilities", "drop");
        Assert.Equal("taskdef_overrides path ContainerDefinitions[1].LinuxParameters.Capabilities.Drop", Names.Prop(drop, Vocabulary.Copilot));
        Assert.Equal("linuxParameters.capabilities.drop", Names.Prop(drop, Vocabulary.Api));
    }

    [Fact]
    public void Articles_and_quotes_follow_the_spelling()
    {
        var task = Copilot(Manifest);
        var main = task.ContainerDefinitions[0];
        var text = FindingText.Of($"add {new WithArticle(PropRef.Of(main, "healthCheck"))}; set {new Quoted(PropRef.Of(main, "user"))}");

        Assert.Equal("add a healthCheck; set \"user\"", text.Render(Vocabulary.Api));
        Assert.Equal("add an image.healthcheck; set taskdef_overrides path ContainerDefinitions[0].User", text.Render(Vocabulary.Copilot));
        Assert.Equal("add a HealthCheck; set \"User\"", text.Render(Vocabulary.CdkCSharp));
    }

    [Fact]
    public void A_cdk_container_names_capabilities_by_the_LinuxParameters_methods_and_the_secrets_entry_as_a_dictionary()
    {
        var run = CdkSnippet.Analyze("""
            using System.Collections.Generic;
            using Amazon.CDK;
            using Amazon.CDK.AWS.ECS;

            var app = new App();
            var stack = new Stack(app, "Shop");
            var task = new Ec2TaskDefinition(stack, "TaskDef");
            var linux = new LinuxParameters(stack, "Linux");
            linux.AddCapabilities(Capability.SYS_ADMIN);
            task.AddContainer("web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("ghcr.io/acme/web:1.0"),
                MemoryLimitMiB = 512,
                LinuxParameters = linux,
                Environment = new Dictionary<string, string> { ["API_TOKEN"] = "Zq8#vL2!pR7@wX4$kM9%" },
            });
            """);

        Assert.Contains(run.Diagnostics, d => d.Id == "ECS6006" && d.GetMessage().Contains(": remove it from LinuxParameters.AddCapabilities(...), or grant a narrower capability.", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Id == "ECS3001" && d.GetMessage().Contains("'Secrets' instead (Secrets = new Dictionary<string, Secret> { [\"API_TOKEN\"] = Secret.FromSsmParameter(...) }), then remove it from 'Environment'.", StringComparison.Ordinal));
    }
}
