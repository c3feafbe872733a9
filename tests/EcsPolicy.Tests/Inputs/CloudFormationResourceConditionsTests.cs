using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Conditions as expressions over the parameters (issue 19 item 1): a resource with its own <c>Condition</c> exists only
/// where it is true, and combinations of condition values that no parameter values give are not checked.
/// </summary>
public class CloudFormationResourceConditionsTests
{
    /// <summary>The AWS reference architecture's "Fargate or EC2" template, as the issue quotes it.</summary>
    private const string FargateOrEc2 = """
        Parameters:
          LaunchType: {Type: String, AllowedValues: [Fargate, EC2]}
          Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}
        Conditions:
          Fargate: !Equals [!Ref LaunchType, Fargate]
          EC2: !Equals [!Ref LaunchType, EC2]
        Resources:
          FargateService:
            Type: AWS::ECS::Service
            Condition: Fargate
            Properties: {TaskDefinition: !Ref TaskDefinition, LaunchType: FARGATE,
                         NetworkConfiguration: {AwsvpcConfiguration: {Subnets: !Ref Subnets}}}
          EC2Service:
            Type: AWS::ECS::Service
            Condition: EC2
            Properties: {TaskDefinition: !Ref TaskDefinition, LaunchType: EC2}
          TaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities: [!If [Fargate, FARGATE, EC2]]
              Cpu: 256
              Memory: 512
              NetworkMode: !If [Fargate, awsvpc, bridge]
              ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27}]
        """;

    private const string LaunchTypes = """
        Parameters:
          LaunchType: {Type: String, AllowedValues: [Fargate, EC2]}
        Conditions:
          Fargate: !Equals [!Ref LaunchType, Fargate]
          EC2: !Equals [!Ref LaunchType, EC2]

        """;

    private static LoadResult Load(string text) =>
        new CloudFormationLoader().Load("stack.yaml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true);

    private static string Line(string text, string rule)
    {
        var finding = Assert.Single(Lint.Text(text, "stack.yaml").Only(rule));
        return $"{finding.Location} {finding.RuleId}: {finding.Message}";
    }

    [Fact]
    public void The_Fargate_or_EC2_reference_template_gives_no_network_or_compatibility_finding()
    {
        var findings = Lint.Text(FargateOrEc2, "stack.yaml");

        // Before conditions were read, ECS7002 said the Fargate service ran the EC2 variant and ECS7001 that the EC2
        // service ran the awsvpc one. What is left: the circuit breaker of each service, and the task definition's own
        // advice, the bridge note qualified by the condition that chooses bridge.
        Assert.Equal(
            [
                "stack.yaml(11,17) ECS7006", "stack.yaml(16,17) ECS7006", "stack.yaml(23,42) ECS6010",
                "stack.yaml(24,37) ECS5001", "stack.yaml(24,37) ECS5007", "stack.yaml(24,37) ECS6002", "stack.yaml(24,37) ECS6003",
            ],
            findings.Select(f => $"{f.Location} {f.RuleId}"));
        Assert.EndsWith("use \"awsvpc\" to give the task its own network interface and security groups (when condition 'Fargate' is false).", findings[2].Message);
        Assert.All(findings.Where(f => f.RuleId != "ECS6010"), f => Assert.DoesNotContain("condition", f.Message));
    }

    [Fact]
    public void Each_service_of_the_reference_template_runs_the_task_definition_variant_of_its_own_condition()
    {
        var result = Load(FargateOrEc2);

        var fargate = Assert.Single(result.Services, s => s.DisplayName == "FargateService");
        Assert.Equal(["FARGATE"], fargate.ResolvedTaskDefinition!.RequiresCompatibilities.Select(c => c.Value));
        Assert.Equal("awsvpc", fargate.ResolvedTaskDefinition.NetworkMode.Value);
        var ec2 = Assert.Single(result.Services, s => s.DisplayName == "EC2Service");
        Assert.Equal(["EC2"], ec2.ResolvedTaskDefinition!.RequiresCompatibilities.Select(c => c.Value));
        Assert.Equal("bridge", ec2.ResolvedTaskDefinition.NetworkMode.Value);

        // The task definition has both variants: it exists whatever the launch type is.
        Assert.Equal(2, result.Tasks.Count);
    }

    [Fact]
    public void A_resource_whose_condition_is_false_whatever_the_parameters_is_not_checked()
    {
        var text = LaunchTypes + """
            Resources:
              Legacy:
                Type: AWS::ECS::TaskDefinition
                Condition: Both
                Properties:
                  ContainerDefinitions: [{Name: app, Image: nginx, Memory: 512, Privileged: true}]
              LegacyService:
                Type: AWS::ECS::Service
                Condition: Both
                Properties: {TaskDefinition: !Ref Legacy, LaunchType: FARGATE}
              LegacyCluster:
                Type: AWS::ECS::Cluster
                Condition: Both
            """;
        text = text.Replace("  EC2: !Equals [!Ref LaunchType, EC2]\n", "  EC2: !Equals [!Ref LaunchType, EC2]\n  Both: !And [!Condition Fargate, !Condition EC2]\n");

        var result = Lint.File(text, "stack.yaml");

        Assert.Empty(result.Findings);
        Assert.Equal(0, result.TaskCount);
        var loaded = Load(text);
        Assert.Empty(loaded.Tasks);
        Assert.Empty(loaded.Services);
        Assert.Empty(loaded.Clusters);
    }

    [Fact]
    public void A_defect_inside_a_conditional_resource_is_reported_without_its_implied_condition()
    {
        var text = LaunchTypes + """
            Resources:
              FargateTask:
                Type: AWS::ECS::TaskDefinition
                Condition: Fargate
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: 1024
                  Memory: !If [EC2, 3000, 2048]
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Privileged: !If [Fargate, true, false]
            """;

        // Privileged holds wherever the task definition exists, so no condition is named; memory 3000 would need EC2
        // true along with Fargate, which no launch type gives.
        Assert.Equal(
            "stack.yaml(18,37) ECS1004: Container 'app' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false.",
            Line(text, "ECS1004"));
        Assert.Empty(Lint.Text(text, "stack.yaml").Only("ECS1001"));
        var variant = Assert.Single(Load(text).Tasks);
        Assert.Equal(["Fargate", "EC2"], variant.VariantGroup!.Conditions);
        Assert.Equal(2048, variant.MemoryMiB.Value);
    }

    [Fact]
    public void A_conditional_service_is_checked_only_with_the_values_its_condition_allows()
    {
        var text = LaunchTypes + """
            Resources:
              Service:
                Type: AWS::ECS::Service
                Condition: EC2
                Properties:
                  TaskDefinition: !Ref Task
                  LaunchType: !If [Fargate, FARGATE, EC2]
                  DeploymentConfiguration: {DeploymentCircuitBreaker: {Enable: true, Rollback: true}}
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [!If [Fargate, FARGATE, EC2]]
                  NetworkMode: !If [EC2, bridge, awsvpc]
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27, Memory: 512}]
            """;

        var services = Load(text).Services;

        var service = Assert.Single(services);
        Assert.Equal("EC2", service.LaunchType.Value);
        Assert.Equal("bridge", service.ResolvedTaskDefinition!.NetworkMode.Value);
        Assert.DoesNotContain(Lint.Text(text, "stack.yaml"), f => f.RuleId.StartsWith("ECS7", StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_whose_task_definition_does_not_exist_in_a_variant_is_checked_there_without_it()
    {
        var text = LaunchTypes + """
            Resources:
              Service:
                Type: AWS::ECS::Service
                Properties:
                  TaskDefinition: !Ref Task
                  LaunchType: FARGATE
                  NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1]}}
                  DeploymentConfiguration: {DeploymentCircuitBreaker: {Enable: true, Rollback: true}}
              Task:
                Type: AWS::ECS::TaskDefinition
                Condition: EC2
                Properties:
                  RequiresCompatibilities: [EC2]
                  NetworkMode: bridge
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27, Memory: 512}]
            """;

        var services = Load(text).Services;

        // CloudFormation creates the task definition only for EC2; the service of the other launch type refers to
        // nothing, so nothing about the task definition is checked there.
        Assert.Equal(2, services.Count);
        Assert.Equal(["bridge", null], services.Select(s => s.ResolvedTaskDefinition?.NetworkMode.Value));
        Assert.Equal(
            "stack.yaml(11,19) ECS7002: Service 'Service' runs on Fargate, but its task definition 'Task' lists RequiresCompatibilities [EC2] without FARGATE; ECS rejects the service. "
            + "Make the task definition Fargate-compatible (RequiresCompatibilities FARGATE, NetworkMode awsvpc, task-level Cpu and Memory), or run the service on EC2 (when condition 'EC2' is true).",
            Line(text, "ECS7002"));
    }

    [Fact]
    public void Conditions_over_two_parameters_drop_the_combinations_no_parameters_give()
    {
        var text = """
            Parameters:
              LaunchType: {Type: String, AllowedValues: [Fargate, EC2]}
              Env: {Type: String, AllowedValues: [prod, test]}
            Conditions:
              Fargate: !Equals [!Ref LaunchType, Fargate]
              IsProd: !Equals [prod, !Ref Env]
              IsProdEC2: !And [!Condition IsProd, !Not [!Condition Fargate]]
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: !If [Fargate, [FARGATE], [EC2]]
                  NetworkMode: awsvpc
                  Cpu: !If [IsProd, 4096, 1024]
                  Memory: !If [IsProdEC2, 3000, 2048]
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27}]
            """;

        // Memory 3000 is chosen only on EC2, where it is valid; on Fargate in prod, cpu 4096 meets memory 2048. Of the
        // eight combinations of the three conditions four can happen, so the task definition is four variants.
        Assert.Equal(
            "stack.yaml(15,37) ECS1001: Fargate does not support Memory 2048 MiB with Cpu 4096: with this Cpu use Memory 8192 to 30720 MiB in steps of 1024 MiB (8 GB to 30 GB in 1 GB steps), "
            + "or keep this Memory and use Cpu 256, 512 or 1024 (when condition 'Fargate' is true and condition 'IsProd' is true).",
            Line(text, "ECS1001"));
        Assert.Equal(4, Load(text).Tasks.Count);
    }

    [Fact]
    public void Two_values_of_a_parameter_without_allowed_values_still_exclude_each_other()
    {
        var text = """
            Parameters:
              Stage: {Type: String, Default: blue}
            Conditions:
              Blue: !Equals [!Ref Stage, blue]
              Green: !Equals [green, !Ref Stage]
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: 1024
                  Memory: !If [Blue, !If [Green, 3000, 2048], 2048]
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Privileged: !If [Blue, false, !If [Green, false, true]]
            """;

        // Blue and Green both true cannot be (memory 3000 is never used), but the stage may be neither: a third value.
        Assert.Empty(Lint.Text(text, "stack.yaml").Only("ECS1001"));
        Assert.Equal(
            "stack.yaml(17,60) ECS1004: Container 'app' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false (when condition 'Blue' is false and condition 'Green' is false).",
            Line(text, "ECS1004"));
        Assert.Equal(3, Load(text).Tasks.Count);
    }

    [Fact]
    public void Fn_Not_of_a_condition_is_never_true_along_with_it()
    {
        var text = LaunchTypes.Replace("  EC2: !Equals [!Ref LaunchType, EC2]\n", "  NotFargate: !Not [!Condition Fargate]\n") + """
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: 1024
                  Memory: !If [Fargate, !If [NotFargate, 3000, 2048], 2048]
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Privileged: !If [NotFargate, true, false]
            """;

        Assert.Empty(Lint.Text(text, "stack.yaml").Only("ECS1001"));
        Assert.Equal(
            "stack.yaml(17,40) ECS1004: Container 'app' is privileged, which Fargate does not support: remove \"Privileged\" or set it to false (when condition 'Fargate' is false).",
            Line(text, "ECS1004"));
    }

    [Fact]
    public void Fn_And_and_Fn_Or_are_read_over_the_parameters_they_compare()
    {
        var text = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, staging, test]}
              Region: {Type: String}
            Conditions:
              IsBig: !Or [!Equals [!Ref Env, prod], !Equals [!Ref Env, staging]]
              IsTest: !Equals [!Ref Env, test]
              IsProdInEurope: !And [!Equals [!Ref Env, prod], !Equals [!Ref Region, eu-west-1]]
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: !If [IsBig, 4096, 1024]
                  Memory: !If [IsTest, 8192, !If [IsProdInEurope, 2048, 8192]]
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27}]
            """;

        // IsProdInEurope implies IsBig and not IsTest: cpu 4096 with memory 2048 then, and only then. IsBig and IsTest
        // are never both true, nor both false.
        Assert.Equal(
            "stack.yaml(15,55) ECS1001: Fargate does not support Memory 2048 MiB with Cpu 4096: with this Cpu use Memory 8192 to 30720 MiB in steps of 1024 MiB (8 GB to 30 GB in 1 GB steps), "
            + "or keep this Memory and use Cpu 256, 512 or 1024 (when condition 'IsProdInEurope' is true).",
            Line(text, "ECS1001"));
        Assert.Equal(3, Load(text).Tasks.Count);
    }

    [Fact]
    public void A_condition_cycle_in_a_resource_condition_is_still_ECS0009_and_the_resource_still_checked()
    {
        const string Text = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env: {Type: String, Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              A: !And [!Condition IsProd, !Condition B]
              B: !Or [!Condition A, !Equals [!Ref Env, test]]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Condition: A
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Memory: 512
                      Privileged: !If [B, true, false]
            """;

        var result = Lint.File(Text, "stack.yaml");

        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        Assert.Equal(new SourceLocation("stack.yaml", 7, 11, 7, 23), gap.Location);
        Assert.Equal(
            "This part of the file was not checked completely: the condition 'A' refers to itself ('A' → 'B' → 'A'), which CloudFormation rejects. "
            + "Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.",
            gap.Message);

        // The reference that closes the cycle is a free value; the rest is read: A is IsProd and B, so wherever A is
        // true (the task definition exists) B is true and the container is privileged, with no condition to name.
        Assert.Equal(
            "stack.yaml(17,31) ECS6001: Container 'app' is privileged: it gets every capability and access to the host's devices, so a compromise of the container is a compromise of the instance. "
            + "Remove \"Privileged\" and add only the capabilities it needs in LinuxParameters.Capabilities.Add.",
            Line(Text, "ECS6001"));
    }

    [Fact]
    public void Past_the_most_parameter_values_enumerated_every_combination_counts_as_possible()
    {
        // Thirteen parameters, each equal to its literal or not: 8,192 points, more than the 4,096 enumerated. The
        // combinations are then all checked, as before conditions were read (A and NotA together included).
        var parameters = string.Concat(Enumerable.Range(1, 13).Select(i => $"  P{i}: {{Type: String}}\n"));
        var equals = string.Join(", ", Enumerable.Range(1, 13).Select(i => $"!Equals [!Ref P{i}, x]"));
        var text = "Parameters:\n" + parameters + "Conditions:\n  A: !And [" + equals + "]\n  NotA: !Not [!Condition A]\n" + """
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: 1024
                  Memory: !If [A, !If [NotA, 3000, 2048], 2048]
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27}]
            """;

        var result = Lint.File(text, "stack.yaml");

        Assert.True(result.CheckedCompletely);
        Assert.EndsWith("no Fargate Cpu accepts 3000 MiB (when condition 'A' is true and condition 'NotA' is true).", Assert.Single(result.Findings.Only("ECS1001")).Message);
        Assert.Equal(4, Load(text).Tasks.Count);
    }

    [Fact]
    public void Reading_many_heavy_conditions_takes_at_most_a_quarter_of_the_files_steps()
    {
        // 300 resources, each over four conditions that compare nine parameters: about 1,150 points of some 25 nodes
        // each, 29,000 steps a resource, 8.7 million in all if every question were answered. Past 20,000 steps for
        // one question (or 500,000 for the file) every combination counts as possible: no step is left short.
        const int N = 300;
        var text = new StringBuilder("Parameters:\n");
        for (var i = 0; i < N; i++)
        {
            text.Append("  P").Append(i).Append(": {Type: String, AllowedValues: [a, b, c]}\n");
        }

        text.Append("Conditions:\n  Big: !Or [").Append(string.Join(", ", Enumerable.Range(0, 5).Select(i => $"!Equals [!Ref P{i}, a]"))).Append("]\n");
        for (var i = 0; i < N; i++)
        {
            text.Append($"  C{i}: !And [!Equals [!Ref P{i}, a], !Condition Big, !Not [!Equals [!Ref P{(i + 1) % N}, b]]]\n");
        }

        text.Append("Resources:\n");
        for (var i = 0; i < N; i++)
        {
            text.Append($"  T{i}:\n    Type: AWS::ECS::TaskDefinition\n    Condition: C{i}\n    Properties:\n")
                .Append($"      ContainerDefinitions: [{{Name: app, Image: !If [C{(i + 1) % N}, x, y], Memory: 512, Privileged: !If [C{(i + 2) % N}, true, false]}}]\n");
        }

        var budget = new Budget();
        var result = new CloudFormationLoader().Load("stack.yaml", Encoding.UTF8.GetBytes(text.ToString()), explicitlyGiven: true, new LoadContext { Budget = budget });

        Assert.Equal(N, result.Tasks.Select(t => t.DisplayName).Distinct().Count());
        Assert.InRange(budget.StepsTaken, 1, Budget.DefaultSteps / 2);
        Assert.DoesNotContain(budget.Gaps, g => g.Reason.Contains("steps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_target_group_that_does_not_exist_with_the_service_is_not_used()
    {
        var text = LaunchTypes + """
            Resources:
              Service:
                Type: AWS::ECS::Service
                Condition: Fargate
                Properties:
                  TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web:1
                  LoadBalancers: [{TargetGroupArn: !Ref Ec2Group, ContainerName: web, ContainerPort: 80}]
              Ec2Group:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Condition: EC2
                Properties: {Port: 80, Protocol: HTTP, TargetType: instance}
            """;

        var service = Assert.Single(Load(text).Services);
        Assert.Null(service.TargetGroupOf(Assert.Single(service.LoadBalancers)));
    }

    [Fact]
    public void A_conditional_Fargate_service_over_a_task_definition_without_compatibilities_gets_the_Fargate_checks()
    {
        var findings = Support.Lint.Text(
            """
            Parameters:
              LaunchType: {Type: String, AllowedValues: [Fargate, EC2]}
            Conditions:
              Fargate: !Equals [!Ref LaunchType, Fargate]
            Resources:
              FargateService:
                Type: AWS::ECS::Service
                Condition: Fargate
                Properties: {TaskDefinition: !Ref TaskDefinition, LaunchType: FARGATE, NetworkConfiguration: {AwsvpcConfiguration: {Subnets: [subnet-1]}}}
              EC2Service:
                Type: AWS::ECS::Service
                Properties: {TaskDefinition: !Ref TaskDefinition, LaunchType: EC2}
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Cpu: 256
                  Memory: 4096
                  NetworkMode: awsvpc
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27, Privileged: true}]
            """,
            "stack.yaml");

        var size = Assert.Single(findings, f => f.RuleId == "ECS1001");
        Assert.Equal((17, 15), (size.Location.StartLine, size.Location.StartColumn));
        Assert.Contains("Service 'FargateService' runs this task definition on Fargate", size.Message);
        Assert.Contains("Service 'FargateService' runs this task definition on Fargate", Assert.Single(findings, f => f.RuleId == "ECS1004").Message);
    }

    [Fact]
    public void The_allowed_values_of_an_SSM_parameter_name_the_parameter_and_do_not_limit_its_value()
    {
        var findings = Support.Lint.Text(
            """
            Parameters:
              Mode: {Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: [/app/mode], Default: /app/mode}
            Conditions:
              IsFargate: !Equals [!Ref Mode, fargate]
            Resources:
              TaskDefinition:
                Type: AWS::ECS::TaskDefinition
                Condition: IsFargate
                Properties:
                  RequiresCompatibilities: [FARGATE]
                  NetworkMode: awsvpc
                  Cpu: 256
                  Memory: 4096
                  ContainerDefinitions: [{Name: app, Image: public.ecr.aws/nginx/nginx:1.27}]
            """,
            "stack.yaml");

        Assert.Single(findings, f => f.RuleId == "ECS1001");
    }
}
