using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Services;

/// <summary>ECS7005: a dynamic host port behind a target group whose health checks go to a fixed port.</summary>
public class DynamicHostPortHealthCheckTests
{
    private static string Template(string networkMode, string portMapping, string targetGroup, string targetGroupArn = "!Ref Tg", string json = "") => $$"""
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          TaskDef:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
        {{networkMode}}
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Memory: 512
                  PortMappings: [{{portMapping}}]
          Tg:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties:
              Port: 80
              Protocol: HTTP
              VpcId: vpc-1
        {{targetGroup}}
          Svc:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: web
              LaunchType: EC2
              TaskDefinition: !Ref TaskDef
              LoadBalancers:
                - ContainerName: web
                  ContainerPort: 8080
                  TargetGroupArn: {{targetGroupArn}}
        """;

    private static IReadOnlyList<EcsPolicy.Findings.Finding> Lint(string text) => Support.Lint.Text(text, "stack.yaml").Only("ECS7005");

    [Fact]
    public void Host_port_zero_with_a_fixed_health_check_port_is_reported_at_the_health_check_port()
    {
        var finding = Assert.Single(Lint(Template("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "      HealthCheckPort: \"8080\"")));
        Assert.Equal((19, 24), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Equal(
            "Service 'Svc' registers container 'web' port 8080 with target group 'Tg' on a dynamic host port (HostPort 0), but the target group checks health on port 8080, where the task does not listen, so the targets never become healthy. Set HealthCheckPort to traffic-port, or leave it out (traffic-port is the default).",
            finding.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("      NetworkMode: bridge")]
    public void An_absent_host_port_in_bridge_mode_is_dynamic(string networkMode)
    {
        var finding = Assert.Single(Lint(Template(networkMode, "{ ContainerPort: 8080 }", "      HealthCheckPort: 9000")));
        Assert.Contains("(no HostPort in bridge network mode)", finding.Message);
        Assert.Contains("checks health on port 9000", finding.Message);
    }

    [Fact]
    public void GetAtt_to_the_target_group_arn_is_followed()
    {
        var text = Template("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "      HealthCheckPort: \"8080\"", "!GetAtt Tg.TargetGroupArn");
        Assert.Single(Lint(text));
    }

    [Theory]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "", "no HealthCheckPort: ELBv2 defaults to traffic-port (cfn-lint E3049 reports this)")]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "      HealthCheckPort: traffic-port", "traffic-port")]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 8080 }", "      HealthCheckPort: \"8080\"", "a static host port")]
    [InlineData("      NetworkMode: host", "{ ContainerPort: 8080 }", "      HealthCheckPort: \"8080\"", "host mode: the host port is the container port")]
    [InlineData("      NetworkMode: awsvpc", "{ ContainerPort: 8080 }", "      HealthCheckPort: \"8080\"\n      TargetType: ip", "awsvpc with ip targets")]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "      HealthCheckPort: \"8080\"\n      TargetType: ip", "ip targets are not registered on the host port")]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 9090, HostPort: 0 }", "      HealthCheckPort: \"8080\"", "no mapping for the registered container port")]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "      HealthCheckPort: !Ref AWS::StackName", "an unknown health check port")]
    [InlineData("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }, { ContainerPort: 9000, HostPort: 9000 }", "      HealthCheckPort: 9000", "the health check port is published statically")]
    public void Passes(string networkMode, string portMapping, string targetGroup, string why) =>
        Assert.True(Lint(Template(networkMode, portMapping, targetGroup)).Count == 0, why);

    [Fact]
    public void A_target_group_outside_the_template_is_not_judged()
    {
        var text = Template("      NetworkMode: bridge", "{ ContainerPort: 8080, HostPort: 0 }", "      HealthCheckPort: \"8080\"", "!ImportValue shared-tg");
        Assert.Empty(Lint(text));
    }

    [Fact]
    public void Json_templates_are_checked_at_the_health_check_port()
    {
        var text = """
            {
              "Resources": {
                "TaskDef": {
                  "Type": "AWS::ECS::TaskDefinition",
                  "Properties": {
                    "ContainerDefinitions": [
                      { "Name": "web", "Image": "nginx:1.27", "Memory": 256, "PortMappings": [{ "ContainerPort": 80 }] }
                    ]
                  }
                },
                "Tg": { "Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": { "HealthCheckPort": "80" } },
                "Svc": {
                  "Type": "AWS::ECS::Service",
                  "Properties": {
                    "TaskDefinition": { "Ref": "TaskDef" },
                    "LoadBalancers": [{ "ContainerName": "web", "ContainerPort": 80, "TargetGroupArn": { "Ref": "Tg" } }]
                  }
                }
              }
            }
            """;
        var finding = Assert.Single(Support.Lint.Text(text, "stack.json").Only("ECS7005"));
        Assert.Equal((11, 100), (finding.Location.StartLine, finding.Location.StartColumn));
    }
}
