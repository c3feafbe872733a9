using System.Text;
using EcsPolicy.Analyzers;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using EcsPolicy.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EcsPolicy.Tests.CSharp;

/// <summary>
/// The analyzer fails closed as the CLI does: a file it could not check completely (a spent budget, an internal error,
/// a file it cannot read) is an ECS0009 or ECS0001 error in that file, never an exception for the compiler (AD0001, a
/// warning a build passes) and never silence. And the C# reader's evaluation of values stays within the file's budget.
/// </summary>
public class AnalyzerFailClosedTests
{
    private const string Header = """
        using Amazon.CDK;
        using Amazon.CDK.AWS.ECS;

        var app = new App();
        var stack = new Stack(app, "Shop");

        """;

    /// <summary>A template whose YAML aliases expand past the reader's limit (the ECS0009 rule page's example).</summary>
    private const string AliasBomb = """
        AWSTemplateFormatVersion: '2010-09-09'
        Metadata:
          a: &a [x, x, x, x, x, x, x, x, x, x]
          b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
          c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
          d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
          e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: web
                  Image: public.ecr.aws/nginx/nginx:latest
                  Memory: 512
        """;

    private const string NotCheckedStart = "This part of the file was not checked completely: ";

    private const string NotCheckedEnd = ". Its value is treated as unknown, so findings about it may be missing. Simplify this part of the file, or exclude the file from the check if it is not an ECS input.";

    [Fact]
    public void A_YAML_template_whose_aliases_expand_past_the_budget_is_ECS0009_at_the_alias()
    {
        var diagnostics = CdkCompilation.Analyze(CdkCompilation.Create("System.Console.WriteLine();"), ("/app/infra/template.yaml", AliasBomb));

        var notChecked = Assert.Single(diagnostics);
        Assert.Equal("ECS0009", notChecked.Id);
        Assert.Equal(DiagnosticSeverity.Error, notChecked.Severity);
        Assert.Equal(("/app/infra/template.yaml", 6, 34, 6, 35), Span(notChecked));
        Assert.StartsWith(NotCheckedStart + "the YAML expands to more than 100,000 values", notChecked.GetMessage(), StringComparison.Ordinal);
        Assert.EndsWith(NotCheckedEnd, notChecked.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_definition_of_25000_chained_containers_is_bounded_and_ECS0009_in_the_build()
    {
        // Issue 18: as an AdditionalFile this chain crashed the compiler itself (a stack overflow in the dependsOn walk).
        var text = new StringBuilder("{\n\"family\": \"chain\",\n\"containerDefinitions\": [\n");
        for (var i = 0; i < 25_000; i++)
        {
            text.Append("{\"name\":\"c").Append(i).Append("\",\"dependsOn\":[")
                .Append(i + 1 < 25_000 ? "{\"containerName\":\"c" + (i + 1) + "\",\"condition\":\"START\"}" : "")
                .Append(i + 1 < 25_000 ? "]},\n" : "]}\n");
        }

        text.Append("]\n}\n");
        var diagnostics = CdkCompilation.Analyze(CdkCompilation.Create("System.Console.WriteLine();"), ("/app/ecs/task-definition.json", text.ToString()));

        var notChecked = Assert.Single(diagnostics, d => d.Id == "ECS0009");
        Assert.Equal(DiagnosticSeverity.Error, notChecked.Severity);
        Assert.Equal(("/app/ecs/task-definition.json", 10003, 0, 10003, 78), Span(notChecked)); // the 10,001st container, 0-based line 10003
        Assert.Equal(NotCheckedStart + "the task definition has 25,000 containers (ECS allows 10), and the 15,000 after the first 10,000 were not checked" + NotCheckedEnd, notChecked.GetMessage());
        Assert.Contains(diagnostics, d => d.Id == "ECS2003");
    }

    [Fact]
    public void A_template_the_compiler_cannot_give_the_text_of_is_ECS0001_at_its_start()
    {
        var diagnostics = Analyze(
            CdkCompilation.Create("System.Console.WriteLine();"),
            new ThrowingOptions(throwForTree: false),
            new UnreadableText("/app/infra/template.yaml"),
            new UnreadableText("/app/notes/readme.txt"));

        var unreadable = Assert.Single(diagnostics);
        Assert.Equal("ECS0001", unreadable.Id);
        Assert.Equal(DiagnosticSeverity.Error, unreadable.Severity);
        Assert.Equal(("/app/infra/template.yaml", 0, 0, 0, 0), Span(unreadable));
        Assert.Equal("The file cannot be read: reading it failed (IOException). Nothing in it was checked; give a readable file, or leave it out of the AdditionalFiles.", unreadable.GetMessage());
    }

    [Fact]
    public void An_internal_failure_on_a_tree_is_ECS0009_at_its_start_not_an_analyzer_exception()
    {
        // The host's options fail for the tree: what stops the analysis of one tree is reported in that tree.
        var code = Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef", new FargateTaskDefinitionProps { Cpu = 1024, MemoryLimitMiB = 3000 });
            """;
        var diagnostics = Analyze(CdkCompilation.Create(code), new ThrowingOptions(throwForTree: true));

        var failure = Assert.Single(diagnostics);
        Assert.Equal("ECS0009", failure.Id);
        Assert.Equal(DiagnosticSeverity.Error, failure.Severity);
        Assert.Equal(("/app/Program.cs", 0, 0, 0, 0), Span(failure));
        Assert.Equal(
            "EcsPolicy could not finish checking the AWS CDK code: an internal error (InvalidOperationException (in ThrowingOptions.GetOptions)) stopped it, so findings may be missing. This is a bug in EcsPolicy: please report it with the file. The other checks of the file and the other files ran.",
            failure.GetMessage());
    }

    [Fact]
    public void A_string_constant_doubled_until_it_passes_the_budget_is_ECS0009_at_the_value_that_uses_it()
    {
        // 8 characters doubled 21 times: 16 million characters, twice what one file may build. The compiler keeps the
        // constant as a tree of its parts; the reader bounds its length from the declarations and never builds it.
        var run = CdkSnippet.Analyze(Header + Doubled("const string", 21) + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = [|A21|] },
            });
            """);

        run.Single("ECS0009", 0, NotCheckedStart + "reading the constant 'A21' would build more than the 8,000,000 characters one file may build" + NotCheckedEnd);
        Assert.Empty(run.Of("ECS3001"));
    }

    [Fact]
    public void A_string_constant_doubled_forty_times_is_ECS0009_without_building_it()
    {
        // Past 2^31 characters the compiler rejects the constants (CS8095), as it does while the code is being typed;
        // the reader still gets there, and must not build the trillion characters.
        var code = Header + Doubled("const string", 40) + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = A40 },
            });
            """;
        var compilation = CdkCompilation.Create(code);
        Assert.Contains(CdkCompilation.CompilerErrors(compilation), e => e.Contains("CS8095", StringComparison.Ordinal));

        var result = CSharpLinter.Lint(new Linter(), compilation.GetSemanticModel(compilation.SyntaxTrees[0]), new CompilationIndex(compilation, looksUpNames: true));

        var notChecked = Assert.Single(result.Findings, f => f.RuleId == "ECS0009");
        var use = Line(code, "= A40 }");
        Assert.Equal((use.Line, use.Column + 2, use.Line, use.Column + 5), (notChecked.Location.StartLine, notChecked.Location.StartColumn, notChecked.Location.EndLine, notChecked.Location.EndColumn));
        Assert.Equal(NotCheckedStart + "reading the constant 'A40' would build more than the 8,000,000 characters one file may build" + NotCheckedEnd, notChecked.Message);
        Assert.False(result.CheckedCompletely);
        Assert.Equal(2, EcsPolicy.Cli.Runner.ExitCode([result], result.Findings, EcsPolicy.Findings.Severity.None));
    }

    [Fact]
    public void A_static_string_doubled_forty_times_is_ECS0009_at_the_value_that_uses_it()
    {
        // Fields the reader evaluates itself (the compiler folds only constants): the evaluation fans out, and stops at
        // its nesting limit, reported, before the budget would.
        var run = CdkSnippet.Analyze(Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = [|Strings.A40|] },
            });

            static class Strings
            {

            """ + Doubled("public static readonly string", 40) + "}\n");

        run.Single("ECS0009", 0, NotCheckedStart + "the value is defined through more than 24 variables, calls and operators nested in each other" + NotCheckedEnd);
    }

    [Fact]
    public void Functions_whose_evaluation_fans_out_stop_at_the_budget_with_ECS0009()
    {
        // Each function calls the one before three times: 3^10 calls in all, nested no deeper than the reader follows.
        // The budget stops the evaluation.
        var functions = new StringBuilder("    public static string F0(string x) => x;\n");
        for (var i = 1; i <= 10; i++)
        {
            functions.Append($"    public static string F{i}(string x) => $\"{{F{i - 1}(x)}}{{F{i - 1}(x)}}{{F{i - 1}(x)}}\";\n");
        }

        var run = CdkSnippet.Analyze(Header + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                Environment = new Dictionary<string, string> { ["DB_PASSWORD"] = [|Strings.F10("pw")|] },
            });

            static class Strings
            {

            """ + functions + "}\n");

        run.Single("ECS0009", 0, NotCheckedStart + "evaluating the C# expressions took more than the 2,000,000 steps one file may take" + NotCheckedEnd);
    }

    [Fact]
    public void A_chain_of_ten_thousand_constants_is_read_without_deep_recursion()
    {
        // Each constant is the one before and one more character. The compiler works a constant local's value out when
        // it is first bound, by recursion over the constants it names: binding the last of the chain first (the value
        // of the construct's property) overflowed the stack of the CLI's main thread. The reader has the compiler work
        // them out in order, and bounds the length along the chain with a stack of its own; the value (10,004
        // characters) is read and checked like any other.
        var constants = new StringBuilder("const string C0 = \"s3cr\";\n");
        for (var i = 1; i <= 10_000; i++)
        {
            constants.Append($"const string C{i} = C{i - 1} + \"x\";\n");
        }

        var code = Header + constants + """
            var taskDef = new FargateTaskDefinition(stack, "TaskDef");
            taskDef.AddContainer("Web", new ContainerDefinitionOptions
            {
                Image = ContainerImage.FromRegistry("public.ecr.aws/nginx/nginx:1.27"),
                User = "1000",
                Environment = new System.Collections.Generic.Dictionary<string, string> { ["DB_PASSWORD"] = C10000 },
            });
            """;
        using var tree = new TempTree();
        var file = tree.Write("Program.cs", code);

        // As the CLI runs, on a thread with a thread-pool thread's stack (the compiler runs analyzers on those).
        (int Code, string Out, string Err) run = default;
        var thread = new Thread(
            () =>
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                var exit = EcsPolicy.Cli.Runner.Run(new EcsPolicy.Cli.CheckSettings { Paths = [file], Format = "text", RootDirectory = tree.Root }, stdout, stderr);
                run = (exit, stdout.ToString(), stderr.ToString());
            },
            1536 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal("", run.Err);
        Assert.Equal(EcsPolicy.Cli.Runner.ExitOk, run.Code);
        Assert.Contains($"Program.cs({Line(code, "C10000 }").Line},", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning ECS3001: Container 'Web' sets environment variable 'DB_PASSWORD' in plain text", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ECS0009", run.Out, StringComparison.Ordinal);
    }

    /// <summary><c>A0</c> of 8 characters and <c>A1</c> to <c>A{n}</c>, each the one before twice.</summary>
    private static string Doubled(string declaration, int n)
    {
        var text = new StringBuilder($"{declaration} A0 = \"abcdefgh\";\n");
        for (var i = 1; i <= n; i++)
        {
            text.Append($"{declaration} A{i} = A{i - 1} + A{i - 1};\n");
        }

        return text.ToString();
    }

    /// <summary>The 1-based line and column of <paramref name="text"/> in <paramref name="code"/>.</summary>
    private static (int Line, int Column) Line(string code, string text)
    {
        var at = code.IndexOf(text, StringComparison.Ordinal);
        var before = code.Substring(0, at);
        return (before.Count(c => c == '\n') + 1, at - before.LastIndexOf('\n'));
    }

    /// <summary>A diagnostic's file and 0-based start and end line and column.</summary>
    private static (string Path, int Line, int Column, int EndLine, int EndColumn) Span(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character);
    }

    /// <summary>Runs the analyzer with these options and AdditionalFiles; fails on any analyzer exception (AD0001).</summary>
    private static IReadOnlyList<Diagnostic> Analyze(Compilation compilation, AnalyzerConfigOptionsProvider options, params AdditionalText[] additionalFiles)
    {
        var exceptions = new List<string>();
        var analyzerOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([.. additionalFiles], options),
            onAnalyzerException: (e, _, _) => exceptions.Add(e.ToString()),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = compilation.WithAnalyzers([new EcsPolicyAnalyzer()], analyzerOptions).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>
    /// Options that fail when the analyzer asks for a syntax tree's (if asked to), as a broken host would. The compiler's
    /// own questions (whether the tree is generated code, how severe a reported diagnostic is) are answered: those
    /// failures are the compiler's to report.
    /// </summary>
    private sealed class ThrowingOptions(bool throwForTree) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) =>
            throwForTree && new System.Diagnostics.StackTrace().GetFrame(1)?.GetMethod()?.DeclaringType == typeof(EcsPolicyAnalyzer)
                ? throw new InvalidOperationException("no options for " + tree.FilePath)
                : Empty.Instance;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty.Instance;
    }

    private sealed class Empty : AnalyzerConfigOptions
    {
        public static readonly Empty Instance = new();

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }
    }

    /// <summary>An AdditionalFile that cannot be read.</summary>
    private sealed class UnreadableText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => throw new IOException("the disk is gone");
    }
}
