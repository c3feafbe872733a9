using System.Text;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Services;

/// <summary>ECS7005 on a service with thousands of load balancer entries and a task with thousands of containers.</summary>
public class ManyLoadBalancersTests
{
    [Fact]
    public void Every_one_of_5000_load_balancer_entries_is_judged_against_its_own_container()
    {
        const int Count = 5_000;
        var text = new StringBuilder("""
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: bridge
                  ContainerDefinitions:

            """);
        for (var i = 0; i < Count; i++)
        {
            // Container c1 publishes 9000 statically, which every other container's health checks could reach.
            text.Append("        - { Name: c").Append(i).Append(", Image: 'nginx:1.27', Memory: 64, PortMappings: [{ ContainerPort: 8080, HostPort: 0 }")
                .Append(i == 1 ? ", { ContainerPort: 9000, HostPort: 9000 }" : "").Append("] }\n");
        }

        text.Append("""
              Tg:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Port: 80
                  Protocol: HTTP
                  VpcId: vpc-1
                  HealthCheckPort: "8080"
              Svc:
                Type: AWS::ECS::Service
                Properties:
                  LaunchType: EC2
                  TaskDefinition: !Ref TaskDef
                  LoadBalancers:

            """);
        for (var i = 0; i < Count; i++)
        {
            text.Append("        - { ContainerName: c").Append(i).Append(", ContainerPort: 8080, TargetGroupArn: !Ref Tg }\n");
        }

        var result = Lint.File(text.ToString(), "stack.yaml");

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var findings = result.Findings.Only("ECS7005");
        Assert.Equal(Count, findings.Count);
        Assert.All(findings, f => Assert.Equal((7 + Count + 6, 24), (f.Location.StartLine, f.Location.StartColumn)));
        Assert.Contains(findings, f => f.Message.StartsWith("Service 'Svc' registers container 'c4999' port 8080 with target group 'Tg' on a dynamic host port (HostPort 0)", StringComparison.Ordinal));
    }
}
