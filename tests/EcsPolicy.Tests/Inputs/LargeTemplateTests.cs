using System.Globalization;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// A generated template of 500 task definitions, in YAML and in JSON: every 50th has a memory size Fargate does not
/// offer, every 125th has no essential container. Exactly those findings come out, each at the line and column the
/// generator wrote the value at, and nothing else (every other task definition is clean).
/// </summary>
public class LargeTemplateTests
{
    private const int Count = 500;
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static bool BadMemory(int i) => i % 50 == 49;

    private static bool NotEssential(int i) => i % 125 == 124;

    private static string Id(int i) => i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The expected findings, as "rule line:column message-start", in file order.</summary>
    private sealed class Expected
    {
        public List<string> Findings { get; } = [];

        public void Add(string rule, int line, int column, string message) =>
            Findings.Add(string.Format(CultureInfo.InvariantCulture, "{0} {1}:{2} {3}", rule, line, column, message));
    }

    private static (string Text, Expected Expected) Yaml()
    {
        var lines = new List<string> { "AWSTemplateFormatVersion: \"2010-09-09\"", "Resources:" };
        var expected = new Expected();
        for (var i = 0; i < Count; i++)
        {
            var id = Id(i);
            var memory = BadMemory(i) ? "600" : "512";
            lines.Add($"  Task{id}:");
            lines.Add("    Type: AWS::ECS::TaskDefinition");
            lines.Add("    Properties:");
            lines.Add($"      Family: app-{id}");
            lines.Add("      RequiresCompatibilities: [FARGATE]");
            lines.Add("      NetworkMode: awsvpc");
            lines.Add("      Cpu: \"256\"");
            lines.Add($"      Memory: \"{memory}\"");
            if (BadMemory(i))
            {
                expected.Add("ECS1001", lines.Count, "      Memory: ".Length + 1, "Fargate does not support Memory 600 MiB with Cpu 256");
            }

            lines.Add($"      ExecutionRoleArn: arn:aws:iam::111122223333:role/app-{id}-execution");
            lines.Add("      ContainerDefinitions:");
            lines.Add($"        - Name: app-{id}");
            lines.Add($"          Image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/app-{id}@{Digest}");
            lines.Add($"          Essential: {(NotEssential(i) ? "false" : "true")}");
            if (NotEssential(i))
            {
                expected.Add("ECS2001", lines.Count, "          Essential: ".Length + 1, $"The only container, 'app-{id}', is marked Essential: false");
            }

            lines.Add("          ReadonlyRootFilesystem: true");
            lines.Add("          User: \"1000:1000\"");
            lines.Add("          PortMappings: [{ ContainerPort: 8080 }]");
            lines.Add("          HealthCheck: { Command: [CMD-SHELL, \"curl -f http://localhost:8080/health || exit 1\"] }");
            lines.Add("          LogConfiguration:");
            lines.Add("            LogDriver: awslogs");
            lines.Add($"            Options: {{ awslogs-group: app-{id}, awslogs-region: us-east-1, awslogs-stream-prefix: app }}");
        }

        return (string.Join("\n", lines) + "\n", expected);
    }

    private static (string Text, Expected Expected) Json()
    {
        var lines = new List<string> { "{", "  \"AWSTemplateFormatVersion\": \"2010-09-09\",", "  \"Resources\": {" };
        var expected = new Expected();
        for (var i = 0; i < Count; i++)
        {
            var id = Id(i);
            var memory = BadMemory(i) ? "600" : "512";
            lines.Add($"    \"Task{id}\": {{");
            lines.Add("      \"Type\": \"AWS::ECS::TaskDefinition\",");
            lines.Add("      \"Properties\": {");
            lines.Add($"        \"Family\": \"app-{id}\",");
            lines.Add("        \"RequiresCompatibilities\": [\"FARGATE\"],");
            lines.Add("        \"NetworkMode\": \"awsvpc\",");
            lines.Add("        \"Cpu\": \"256\",");
            lines.Add($"        \"Memory\": \"{memory}\",");
            if (BadMemory(i))
            {
                expected.Add("ECS1001", lines.Count, "        \"Memory\": ".Length + 1, "Fargate does not support Memory 600 MiB with Cpu 256");
            }

            lines.Add($"        \"ExecutionRoleArn\": \"arn:aws:iam::111122223333:role/app-{id}-execution\",");
            lines.Add("        \"ContainerDefinitions\": [");
            lines.Add("          {");
            lines.Add($"            \"Name\": \"app-{id}\",");
            lines.Add($"            \"Image\": \"111122223333.dkr.ecr.us-east-1.amazonaws.com/app-{id}@{Digest}\",");
            lines.Add($"            \"Essential\": {(NotEssential(i) ? "false" : "true")},");
            if (NotEssential(i))
            {
                expected.Add("ECS2001", lines.Count, "            \"Essential\": ".Length + 1, $"The only container, 'app-{id}', is marked \"Essential\": false");
            }

            lines.Add("            \"ReadonlyRootFilesystem\": true,");
            lines.Add("            \"User\": \"1000:1000\",");
            lines.Add("            \"PortMappings\": [{ \"ContainerPort\": 8080 }],");
            lines.Add("            \"HealthCheck\": { \"Command\": [\"CMD-SHELL\", \"curl -f http://localhost:8080/health || exit 1\"] },");
            lines.Add("            \"LogConfiguration\": {");
            lines.Add("              \"LogDriver\": \"awslogs\",");
            lines.Add($"              \"Options\": {{ \"awslogs-group\": \"app-{id}\", \"awslogs-region\": \"us-east-1\", \"awslogs-stream-prefix\": \"app\" }}");
            lines.Add("            }");
            lines.Add("          }");
            lines.Add("        ]");
            lines.Add("      }");
            lines.Add(i == Count - 1 ? "    }" : "    },");
        }

        lines.Add("  }");
        lines.Add("}");
        return (string.Join("\n", lines) + "\n", expected);
    }

    [Theory]
    [InlineData("stack.yaml")]
    [InlineData("stack.json")]
    public void Exactly_the_planted_errors_are_reported_at_their_lines_and_columns(string file)
    {
        var (text, expected) = file.EndsWith(".json", StringComparison.Ordinal) ? Json() : Yaml();
        var result = Lint.File(text, file);

        Assert.Empty(result.NotChecked);
        Assert.True(result.Recognized);
        Assert.Equal(Count, result.TaskCount);
        Assert.Equal(14, expected.Findings.Count);
        var actual = result.Findings
            .OrderBy(f => f.Location.StartLine).ThenBy(f => f.Location.StartColumn)
            .Select(f => string.Format(CultureInfo.InvariantCulture, "{0} {1}:{2} {3}", f.RuleId, f.Location.StartLine, f.Location.StartColumn, f.Message))
            .ToList();
        Assert.Equal(expected.Findings.Count, actual.Count);
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.StartsWith(expected.Findings[i], actual[i], StringComparison.Ordinal);
        }

        Assert.All(result.Findings, f => Assert.Equal(file, f.Location.File));
    }
}
