using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Services;

/// <summary>The shape rules on CloudFormation services and clusters.</summary>
public class ServiceShapeTests
{
    private static IReadOnlyList<EcsPolicy.Findings.Finding> Service(string properties) => Lint.Text($"""
        Resources:
          Svc:
            Type: AWS::ECS::Service
            Properties:
              TaskDefinition: api:3
        {properties}
        """, "stack.yaml");

    [Fact]
    public void A_typo_in_a_service_property_is_reported_with_the_right_name()
    {
        var finding = Assert.Single(Service("      LaunchTyp: FARGATE").Only("ECS0002"));
        Assert.Equal("Unknown property 'LaunchTyp' in the service; did you mean 'LaunchType'?", finding.Message);
        Assert.Equal((6, 7), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    [Fact]
    public void CloudFormation_only_service_properties_are_not_reported()
    {
        // ForceNewDeployment exists in CloudFormation but not in the CreateService API input.
        Assert.Empty(Service("      ForceNewDeployment: { EnableForceNewDeployment: true }").Only("ECS0002"));
    }

    [Fact]
    public void Service_values_are_checked_against_the_api_enums()
    {
        var finding = Assert.Single(Service("      SchedulingStrategy: Daemon").Only("ECS0004"));
        Assert.Contains("'Daemon'", finding.Message);
        Assert.Contains("DAEMON", finding.Message);
    }

    [Fact]
    public void A_service_without_a_name_is_fine_in_cloudformation() =>
        Assert.Empty(Service("      LaunchType: EC2").Only("ECS0005"));

    [Fact]
    public void A_typo_in_a_cluster_setting_is_reported()
    {
        var findings = Lint.Text("""
            Resources:
              Cluster:
                Type: AWS::ECS::Cluster
                Properties:
                  ClusterSetings: [{ Name: containerInsights, Value: enabled }]
            """, "stack.yaml");
        Assert.Contains("did you mean 'ClusterSettings'?", Assert.Single(findings.Only("ECS0002")).Message);
    }
}
