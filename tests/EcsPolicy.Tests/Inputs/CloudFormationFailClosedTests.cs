using System.Text;
using EcsPolicy.Cli;
using EcsPolicy.Engine;
using EcsPolicy.Inputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

/// <summary>
/// Hostile CloudFormation templates cost bounded work: the intrinsic resolver and the condition evaluator take from the
/// file's budget, so a value too large to build is unknown and reported where it is written (ECS0009), conditions are
/// evaluated once each whatever their fan-out, and a cycle between conditions is reported instead of followed; the rest
/// of the template is still checked. A NoEcho parameter's Default is a secret that no output repeats.
/// </summary>
public class CloudFormationFailClosedTests
{
    private const string PlaintextPassword = "hunter2-secret-xyz";

    private static readonly string Digest = new('0', 64);

    /// <summary>
    /// A task definition with a plaintext password and a privileged container, and a second container whose
    /// <c>JOINED</c> variable is <paramref name="value"/>, next to a 100 KB parameter.
    /// </summary>
    private static string WithBigParameter(string value) => $"""
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Big:
            Type: String
            Default: "{new string('A', 100_000)}"
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: hostile
              ContainerDefinitions:
                - Name: app
                  Image: nginx@sha256:{Digest}
                  Memory: 512
                  Privileged: true
                  Environment:
                    - Name: DB_PASSWORD
                      Value: {PlaintextPassword}
                - Name: big
                  Image: nginx@sha256:{Digest}
                  Memory: 512
                  Environment:
                    - Name: JOINED
                      Value: {value}
        """;

    /// <summary>The 100 KB parameter joined 20,000 times: two billion characters.</summary>
    private static readonly string BigJoin = WithBigParameter("!Join [\"\", [" + string.Join(", ", Enumerable.Repeat("!Ref Big", 20_000)) + "]]");

    /// <summary>The 100 KB parameter substituted 20,000 times.</summary>
    private static readonly string BigSub = WithBigParameter("!Sub \"" + string.Concat(Enumerable.Repeat("${Big}", 20_000)) + "\"");

    /// <summary>The line and column (1-based) of <paramref name="fragment"/>, the first one after <paramref name="after"/> when given.</summary>
    private static (int Line, int Column) PositionOf(string text, string fragment, string? after = null)
    {
        var from = after is null ? 0 : text.IndexOf(after, StringComparison.Ordinal);
        Assert.True(from >= 0, after);
        var index = text.IndexOf(fragment, from, StringComparison.Ordinal);
        Assert.True(index >= 0, fragment);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private static void AssertAt(string text, string fragment, Finding finding, string? after = null)
    {
        var (line, column) = PositionOf(text, fragment, after);
        Assert.Equal((line, column), (finding.Location.StartLine, finding.Location.StartColumn));
    }

    private static LoadResult Load(string text, Budget budget) =>
        new CloudFormationLoader().Load("stack.yaml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true, new LoadContext { Budget = budget });

    public static TheoryData<string, string> HugeValues() => new()
    {
        { "Fn::Join", "!Join" },
        { "Fn::Sub", "!Sub" },
    };

    [Theory]
    [MemberData(nameof(HugeValues))]
    public void A_100KB_parameter_repeated_20000_times_is_ECS0009_at_the_function_and_the_rest_is_still_checked(string function, string tag)
    {
        var text = function == "Fn::Join" ? BigJoin : BigSub;

        var result = Lint.File(text, "stack.yaml");

        Assert.False(result.CheckedCompletely);
        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        AssertAt(text, tag + " ", gap);
        Assert.Equal(
            "This part of the file was not checked completely: resolving " + function + " would build more than the 8,000,000 characters one file may build. "
            + "Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.",
            gap.Message);

        // The other container is checked as usual: its plaintext password and its privileged flag are reported.
        var password = Assert.Single(result.Findings.Only("ECS3001"));
        AssertAt(text, PlaintextPassword, password);
        Assert.StartsWith("Container 'app' sets environment variable 'DB_PASSWORD' in plain text", password.Message);
        Assert.DoesNotContain(PlaintextPassword, password.Message);
        var privileged = Assert.Single(result.Findings.Only("ECS6001"));
        AssertAt(text, "true\n", privileged);
        Assert.StartsWith("Container 'app' is privileged", privileged.Message);

        // The repeated value itself is unknown, and took no more than the budget.
        var budget = new Budget();
        var task = Assert.Single(Load(text, budget).Tasks);
        var joined = Assert.Single(task.ContainerDefinitions[1].Environment);
        Assert.True(joined.Value.IsUnknown);
        Assert.Equal("an " + function + " whose value would be too large to build", joined.Value.Node!.UnknownReason);
        Assert.True(budget.SizeTaken <= budget.SizeLimit);
    }

    [Fact]
    public void The_CLI_reports_the_huge_join_with_the_password_and_the_privileged_container_and_exits_2()
    {
        using var tree = new TempTree();
        var path = tree.Write("stack.yaml", BigJoin);
        var stdout = new StringWriter { NewLine = "\n" };

        var code = Runner.Run(new CheckSettings { Paths = [path], RootDirectory = tree.Root }, stdout, new StringWriter());

        var output = stdout.ToString();
        Assert.Equal(2, code);
        Assert.Contains("stack.yaml(24,22): error ECS0009: This part of the file was not checked completely: resolving Fn::Join would build more than", output);
        Assert.Contains("stack.yaml(18,22): warning ECS3001: Container 'app' sets environment variable 'DB_PASSWORD' in plain text", output);
        Assert.Contains("stack.yaml(15,23): warning ECS6001: Container 'app' is privileged", output);
        Assert.DoesNotContain(PlaintextPassword, output);
    }

    [Fact]
    public void A_list_parameter_split_at_every_reference_stops_at_the_budget_and_each_refused_reference_is_reported()
    {
        var items = string.Join(",", Enumerable.Repeat("abc", 25_000));
        var text = $"""
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Many:
                Type: CommaDelimitedList
                Default: "{items}"
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
            {string.Concat(Enumerable.Range(0, 100).Select(i => $"        - {{ Name: c{i}, Image: nginx, Memory: 512, Command: !Ref Many }}\n"))}
            """;

        var result = Lint.File(text, "stack.yaml");

        // Each reference copies the 100,000 characters and makes 25,000 nodes (counted as 100 characters each): three
        // fit in the 8,000,000, the next ones are refused, each where it is written (up to the most gaps kept).
        var gaps = result.Findings.Only("ECS0009");
        Assert.Equal(Budget.MaxGaps, gaps.Count);
        AssertAt(text, "!Ref Many", gaps[0], after: "{ Name: c3,");
        AssertAt(text, "!Ref Many", gaps[1], after: "{ Name: c4,");
        Assert.Contains("resolving a Ref to the list parameter 'Many' would build more than the 8,000,000 characters one file may build", gaps[0].Message);
        Assert.False(result.CheckedCompletely);
    }

    [Fact]
    public void Variants_past_the_budget_are_ECS0009_at_the_resource_which_is_then_checked_once()
    {
        var text = new StringBuilder("""
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env:
                Type: String
                Default: prod
              Size:
                Type: String
              Tier:
                Type: String
            Conditions:
              A: !Equals [!Ref Env, prod]
              B: !Equals [!Ref Size, small]
              C: !Equals [!Ref Tier, privileged]
            Resources:

            """);
        for (var i = 0; i < 150; i++)
        {
            text.Append("  T").Append(i).Append(":\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n")
                .Append("        - {Name: app, Image: !If [A, x, y], Memory: !If [B, 512, 1024], Privileged: !If [C, true, false]}\n");
        }

        var template = text.ToString();

        var result = Lint.File(template, "stack.yaml");

        // Three conditions over three parameters: every combination can happen. Each resource has 19 nodes; its 7 more variants cost 7 x (19 + 100) x 100 = 83,300 of the 8,000,000: T0 to
        // T95 have their variants, T96 and the next ones are checked once.
        Assert.False(result.CheckedCompletely);
        var gaps = result.Findings.Only("ECS0009");
        Assert.Equal(Budget.MaxGaps, gaps.Count);
        AssertAt(template, "T96:", gaps[0]);
        Assert.Equal(
            "This part of the file was not checked completely: the 8 variants of the resource 'T96' (one per combination of the conditions 'A', 'B' and 'C') "
            + "would build more than the 8,000,000 characters one file may build, so it is checked once, with the values Fn::If chooses unknown. "
            + "Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.",
            gaps[0].Message);
        var privileged = result.Findings.Only("ECS6001");
        Assert.Equal(96, privileged.Count);
        Assert.All(privileged, f => Assert.EndsWith("(when condition 'C' is true).", f.Message));
        Assert.Equal(150, result.TaskCount);
    }

    private static string ChainedConditions(int levels, int width)
    {
        var text = new StringBuilder();
        text.Append("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n");
        text.Append("  C0: !Equals [!Ref Env, prod]\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append("  C").Append(level).Append(": !And [")
                .Append(string.Join(", ", Enumerable.Repeat("!Condition C" + (level - 1), width))).Append("]\n");
        }

        text.Append($"""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: nginx@sha256:{Digest}
                      Memory: 512
                      Privileged: !If [C{levels}, true, false]

            """);
        return text.ToString();
    }

    [Theory]
    [InlineData(9, 10)]
    [InlineData(9, 30)]
    public void Conditions_that_each_refer_to_the_previous_one_many_times_are_evaluated_once_each(int levels, int width)
    {
        var text = ChainedConditions(levels, width);

        var result = Lint.File(text, "stack.yaml");

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        var privileged = Assert.Single(result.Findings.Only("ECS6001"));
        AssertAt(text, "true, false]", privileged);
        Assert.EndsWith("(when condition 'C" + levels + "' is true).", privileged.Message);

        // Linear work: a step per condition and per reference, not width to the power of levels.
        var budget = new Budget();
        Load(text, budget);
        Assert.InRange(budget.StepsTaken, 1, 4 * levels * (width + 1) + 20);
    }

    [Fact]
    public void A_condition_that_refers_to_itself_through_another_is_ECS0009_at_the_reference_that_closes_the_cycle()
    {
        const string Text = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env:
                Type: String
                Default: prod
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              A: !And [!Condition IsProd, !Condition B]
              B: !Or [!Condition A, !Equals [!Ref Env, test]]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Memory: 512
                      Privileged: !If [A, true, false]
            """;

        var result = Lint.File(Text, "stack.yaml");

        Assert.False(result.CheckedCompletely);
        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        AssertAt(Text, "!Condition A,", gap);
        Assert.Equal(
            "This part of the file was not checked completely: the condition 'A' refers to itself ('A' → 'B' → 'A'), which CloudFormation rejects. "
            + "Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.",
            gap.Message);

        // Fn::If still gives one variant per value of A: the privileged one is reported with its condition.
        Assert.EndsWith("(when condition 'A' is true).", Assert.Single(result.Findings.Only("ECS6001")).Message);
    }

    [Fact]
    public void A_condition_that_negates_itself_is_ECS0009_at_its_own_reference()
    {
        const string Text = """
            AWSTemplateFormatVersion: "2010-09-09"
            Conditions:
              Loop: !Not [!Condition Loop]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Memory: !If [Loop, 512, 1024]
            """;

        var gap = Assert.Single(Lint.File(Text, "stack.yaml").Findings.Only("ECS0009"));

        AssertAt(Text, "!Condition Loop", gap);
        Assert.Contains("the condition 'Loop' refers to itself ('Loop' → 'Loop'), which CloudFormation rejects", gap.Message);
    }

    [Fact]
    public void A_chain_of_conditions_deeper_than_the_limit_is_ECS0009_where_the_limit_is_reached()
    {
        var text = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  C0: !Equals [!Ref Env, prod]\n");
        for (var i = 1; i < 200; i++)
        {
            text.Append("  C").Append(i).Append(": !And [!Condition C").Append(i - 1).Append("]\n");
        }

        text.Append("""
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27
                      Memory: !If [C199, 512, 1024]

            """);
        var template = text.ToString();

        var result = Lint.File(template, "stack.yaml");

        // Each condition is three levels (the reference, Fn::And, the item): the 86th reference down the chain, to
        // C113 from C114, is 258 levels deep.
        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        AssertAt(template, "!Condition C113]", gap);
        Assert.Contains("the condition 'C113' is reached through more than 256 levels of functions and Condition references", gap.Message);
        Assert.False(result.CheckedCompletely);
    }

    [Fact]
    public void Resolving_more_functions_than_the_steps_allow_is_ECS0009_at_the_first_one_not_resolved()
    {
        var text = $"""
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Name:
                Type: String
                Default: web
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
            {string.Concat(Enumerable.Range(0, 30).Select(i => $"        - {{ Name: !Sub \"${{Name}}-{i}\", Image: nginx, Memory: 512 }}\n"))}
            """;
        var budget = new Budget(steps: 41);

        var result = new Linter().LintFile("stack.yaml", Encoding.UTF8.GetBytes(text), explicitlyGiven: true, new LoadContext { Budget = budget });

        // Each Fn::Sub is two steps (the function and its one reference): the 21st is past 41.
        var gap = Assert.Single(result.Findings.Only("ECS0009"));
        AssertAt(text, "!Sub \"${Name}-20\"", gap);
        Assert.Contains("resolving the template's intrinsic functions took more than the 41 steps one file may take", gap.Message);
        Assert.False(result.CheckedCompletely);
    }

    /// <summary>A NoEcho parameter's Default, used where messages quote values: a name, an image, a log driver, an option.</summary>
    private const string NoEchoDefault = "n0echo-Token-Value-7731";

    private const string NoEchoTemplate = $"""
        AWSTemplateFormatVersion: "2010-09-09"
        Parameters:
          Token:
            Type: String
            NoEcho: true
            Default: {NoEchoDefault}
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: !Ref Token
                  Image: !Sub "registry.example.com/${"{"}Token{"}"}:latest"
                  Memory: !Ref Token
                  Privileged: true
                  LogConfiguration:
                    LogDriver: !Ref Token
                    Options:
                      splunk-token: !Ref Token
                      tag: !Join ["-", [!Ref Token, app]]
        """;

    public static TheoryData<string> FormatNames() => [.. Runner.Formats.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(FormatNames))]
    public void A_NoEcho_default_appears_in_no_output_format(string format)
    {
        using var tree = new TempTree();
        var path = tree.Write("stack.yaml", NoEchoTemplate);
        var stdout = new StringWriter { NewLine = "\n" };

        Runner.Run(new CheckSettings { Paths = [path], Format = format, RootDirectory = tree.Root, IncludeSuppressed = true }, stdout, new StringWriter());

        var output = stdout.ToString();
        Assert.Contains("ECS6001", output, StringComparison.Ordinal);
        Assert.DoesNotContain(NoEchoDefault, output, StringComparison.Ordinal);
        Assert.DoesNotContain("n0echo", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("'true'", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("'false'", false)]
    public void A_NoEcho_parameter_is_unknown_and_any_other_is_its_Default(string noEcho, bool hidden)
    {
        var text = NoEchoTemplate.Replace("NoEcho: true", "NoEcho: " + noEcho, StringComparison.Ordinal);

        var container = Assert.Single(Assert.Single(Load(text, new Budget()).Tasks).ContainerDefinitions);

        if (hidden)
        {
            Assert.True(container.Name.IsUnknown);
            Assert.Equal("the parameter 'Token', which is NoEcho (a secret given at deployment)", container.Name.Node!.UnknownReason);
            Assert.True(container.Image.IsUnknown);
        }
        else
        {
            Assert.Equal(NoEchoDefault, container.Name.Value);
            Assert.Equal("registry.example.com/" + NoEchoDefault + ":latest", container.Image.Value);
        }
    }
}
