using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>Copilot's taskdef_overrides (ECS8002), environment override kinds, and suppressions written as YAML comments.</summary>
public class CopilotOverridesTests
{
    private const string File = "copilot/api/manifest.yml";

    private static LoadResult Load(string text) =>
        new CopilotLoader().Load(File, Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    [Fact]
    public void Taskdef_overrides_set_scalars_create_missing_fields_and_append_with_a_dash()
    {
        var result = Load("""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            taskdef_overrides:
              - path: Cpu
                value: 1024
              - path: ContainerDefinitions[0].Ulimits[-]
                value:
                  Name: nofile
                  SoftLimit: 1024
                  HardLimit: 2048
              - path: ContainerDefinitions[0].Ulimits[-]
                value:
                  Name: core
                  SoftLimit: 0
                  HardLimit: 0
              - path: ContainerDefinitions[0].LinuxParameters.InitProcessEnabled
                value: true
            """);

        var task = Assert.Single(result.Tasks);
        Assert.Empty(result.TaskFindings.SelectMany(t => t.Findings));
        Assert.Equal("1024", task.Node.Get("cpu")!.Scalar);
        Assert.Equal((7, 12), (task.Node.Get("cpu")!.Location.StartLine, task.Node.Get("cpu")!.Location.StartColumn));
        var main = task.ContainerDefinitions[0];
        Assert.Equal(["nofile", "core"], main.Ulimits.Select(u => u.Name.Value));
        Assert.Equal(2048, main.Ulimits[0].HardLimit.Value);
        Assert.True(main.LinuxParameters!.InitProcessEnabled.Value);
    }

    [Fact]
    public void A_finding_an_override_causes_points_at_the_override_value()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            taskdef_overrides:
              - path: Memory
                value: 3000
            """,
            File).Only("ECS1001");

        var finding = Assert.Single(findings);
        Assert.Equal((7, 12), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.StartsWith("Fargate does not support Memory 3000 MiB with cpu 256: with this cpu use Memory 512", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexes_count_the_main_container_the_log_router_and_the_sidecars_by_name()
    {
        var result = Load("""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            logging:
              destination:
                Name: cloudwatch
            sidecars:
              zeta:
                image: public.ecr.aws/zeta/zeta:1.0
              alpha:
                image: public.ecr.aws/alpha/alpha:1.0
            taskdef_overrides:
              - path: ContainerDefinitions[2].User
                value: "1000"
            """);

        var task = Assert.Single(result.Tasks);
        Assert.Equal(["api", "firelens_log_router", "alpha", "zeta"], task.ContainerDefinitions.Select(c => c.Name.Value));
        Assert.Equal("1000", task.ContainerDefinitions[2].User.Value);
    }

    [Theory]
    [InlineData("Family", "value: other", 6, 11, "The taskdef_overrides path 'Family' cannot be overridden: Copilot names the task definition family itself")]
    [InlineData("ContainerDefinitions[0].Name", "value: web", 6, 11, "The taskdef_overrides path 'ContainerDefinitions[0].Name' cannot be overridden: Copilot names each container itself")]
    [InlineData("ContainerDefinitions[x].User", "value: \"1000\"", 6, 11, "The taskdef_overrides path 'ContainerDefinitions[x].User' is not one Copilot can apply: 'ContainerDefinitions[x]' is not a property name")]
    [InlineData("ContainerDefinitions[3].User", "value: \"1000\"", 6, 11, "The taskdef_overrides path 'ContainerDefinitions[3].User' uses item 3 of ContainerDefinitions, which is out of range: ContainerDefinitions has 1 item in the task definition Copilot renders")]
    [InlineData("Cpu[0]", "value: 1", 6, 11, "The taskdef_overrides path 'Cpu[0]' indexes 'Cpu[0]', but Cpu is not a list")]
    public void Paths_Copilot_refuses_or_cannot_apply_are_ECS8002_at_the_path(string path, string value, int line, int column, string start)
    {
        var result = Lint.File(
            $"""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            taskdef_overrides:
              - path: {path}
                {value}
            """,
            File);

        var finding = Assert.Single(result.Findings.Only("ECS8002"));
        Assert.Equal((line, column), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.StartsWith(start, finding.Message, StringComparison.Ordinal);
        Assert.Empty(result.NotChecked);

        // The rule is skipped: the task definition is the one Copilot renders without it.
        Assert.Empty(result.Findings.Only("ECS0002"));
    }

    [Fact]
    public void An_environment_can_replace_the_taskdef_overrides()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            taskdef_overrides:
              - path: Memory
                value: 1024
            environments:
              prod:
                taskdef_overrides:
                  - path: Memory
                    value: 3000
            """,
            File).Only("ECS1001");

        var finding = Assert.Single(findings);
        Assert.Equal((12, 16), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.EndsWith("(in environment 'prod').", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_maps_merge_key_by_key()
    {
        var result = Load("""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
            variables:
              A: one
              B: two
            environments:
              prod:
                variables:
                  B: three
                  C: four
            """);

        var prod = result.Tasks[1].ContainerDefinitions[0];
        Assert.Equal(["A=one", "B=three", "C=four"], prod.Environment.Select(e => e.Name.Value + "=" + e.Value.Value));
        Assert.Equal(11, prod.Environment[1].Value.Location.StartLine);
        Assert.Equal(6, prod.Environment[0].Value.Location.StartLine);
    }

    [Fact]
    public void A_comment_above_or_after_a_line_suppresses_that_rule_there()
    {
        var text = """
            name: api
            type: Backend Service
            image:
              # ecs-policy: ignore ECS6007 -- pinned by the release pipeline
              location: public.ecr.aws/nginx/nginx:latest
            sidecars:
              proxy:
                image: public.ecr.aws/envoy/envoy:latest # ecs-policy: ignore ECS6007, ECS6003 -- vendor image
              other:
                image: public.ecr.aws/other/other:latest
            """;

        var findings = Lint.Text(text, File).Only("ECS6007");

        var finding = Assert.Single(findings);
        Assert.Equal(10, finding.Location.StartLine);
        var suppressions = Load(text).Suppressions;
        Assert.Equal(["ECS6007", "ECS6007", "ECS6003"], suppressions.Select(s => s.RuleId));
        Assert.Equal("pinned by the release pipeline", suppressions[0].Reason);
        Assert.Equal([5], suppressions[0].Lines!);
        Assert.Equal([8], suppressions[1].Lines!);
    }

    [Fact]
    public void A_hash_inside_a_quoted_string_is_not_a_suppression()
    {
        var findings = Lint.Text(
            """
            name: api
            type: Backend Service
            command: "serve
              # ecs-policy: ignore ECS6007 -- inside a string, not a comment"
            image: {location: "public.ecr.aws/nginx/nginx:latest"}
            """,
            File).Only("ECS6007");

        Assert.Equal(5, Assert.Single(findings).Location.StartLine);
    }

    [Fact]
    public void A_comment_suppresses_in_CloudFormation_YAML_too()
    {
        var findings = Lint.Text(
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      # ecs-policy: ignore ECS6007 -- pinned by the release pipeline
                      Image: nginx:latest
                      Memory: 512
                    - Name: worker
                      Image: busybox:latest
                      Memory: 512
            """,
            "stack.yaml").Only("ECS6007");

        var finding = Assert.Single(findings);
        Assert.Equal(11, finding.Location.StartLine);
    }
}
