using System.Globalization;
using System.Xml.Linq;
using EcsPolicy.Catalog;
using EcsPolicy.Cli;
using EcsPolicy.Cli.Outputs;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Outputs;

/// <summary>The JUnit XML report (<c>--format junit</c>), read the way a CI system's test report reader does.</summary>
public sealed class JunitOutputTests
{
    [Fact]
    public void One_testsuite_per_file_and_one_testcase_per_finding_failed_for_errors_and_warnings()
    {
        using var tree = new TempTree();
        tree.Write("infra/dir a/broken.json", GitlabOutputTests.Broken);
        tree.Write("infra/clean.json", GitlabOutputTests.Clean);
        tree.Write("package.json", """{ "name": "not-a-task-definition", "version": "1.0.0" }""");
        var (code, output, _) = ReportRun.Check(tree.Root, "junit", tree.Root);
        Assert.Equal(Runner.ExitFindings, code);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<testsuites", output);

        var root = XDocument.Parse(output).Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal("ecs-policy", Attr(root, "name"));
        var suites = root.Elements("testsuite").ToList();

        // Files that are not task definitions are not tests; the others are, in path order.
        Assert.Equal(["infra/clean.json", "infra/dir a/broken.json"], suites.Select(s => Attr(s, "name")));

        var clean = Assert.Single(suites[0].Elements("testcase"));
        Assert.Equal(JunitOutput.NoFindingsTestName, Attr(clean, "name"));
        Assert.Equal("infra/clean.json", Attr(clean, "classname"));
        Assert.Empty(clean.Elements());

        var findings = ReportRun.JsonFindings(tree.Root, tree.Root);
        var cases = suites[1].Elements("testcase").ToList();
        Assert.Equal(findings.Count, cases.Count);
        for (var i = 0; i < cases.Count; i++)
        {
            var finding = findings[i];
            var rule = finding.GetProperty("ruleId").GetString()!;
            var severity = finding.GetProperty("severity").GetString()!;
            var message = finding.GetProperty("message").GetString()!;
            var line = finding.GetProperty("line").GetInt32();
            var column = finding.GetProperty("column").GetInt32();
            Assert.Equal(rule + " " + RuleCatalog.Get(rule).Title + " at " + finding.GetProperty("path").GetString(), Attr(cases[i], "name"));
            Assert.Equal("infra/dir a/broken.json", Attr(cases[i], "classname"));
            Assert.Equal("infra/dir a/broken.json", Attr(cases[i], "file"));
            Assert.Equal(line.ToString(CultureInfo.InvariantCulture), Attr(cases[i], "line"));
            var text = "infra/dir a/broken.json(" + line + "," + column + "): " + severity + " " + rule + ": " + message
                + "\nSee " + RuleCatalog.Get(rule).HelpUri;
            if (severity is "error" or "warning")
            {
                var failure = Assert.Single(cases[i].Elements());
                Assert.Equal("failure", failure.Name.LocalName);
                Assert.Equal(message, Attr(failure, "message"));
                Assert.Equal(severity, Attr(failure, "type"));
                Assert.Equal(text, failure.Value);
            }
            else
            {
                var systemOut = Assert.Single(cases[i].Elements());
                Assert.Equal("system-out", systemOut.Name.LocalName);
                Assert.Equal(text, systemOut.Value);
            }
        }

        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "note");
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "warning");
        Assert.Contains(findings, f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public void Counts_add_up_in_every_suite_and_in_the_whole_report()
    {
        using var tree = new TempTree();
        tree.Write("a.json", GitlabOutputTests.Broken);
        tree.Write("b.json", GitlabOutputTests.Clean);
        tree.Write("c.json", GitlabOutputTests.Credentials);
        tree.Write("copilot/front/manifest.yml", "name: front\ntype: Request-Driven Web Service\nimage:\n  build: ./Dockerfile\n  port: 80\n");
        var root = XDocument.Parse(ReportRun.Check(tree.Root, "junit", tree.Root).Out).Root!;
        foreach (var element in root.Elements("testsuite").Append(root))
        {
            var cases = element.Descendants("testcase").ToList();
            Assert.Equal(cases.Count, Count(element, "tests"));
            Assert.Equal(cases.Count(c => c.Element("failure") != null), Count(element, "failures"));
            Assert.Equal(cases.Count(c => c.Element("error") != null), Count(element, "errors"));
            Assert.Equal(cases.Count(c => c.Element("skipped") != null), Count(element, "skipped"));
        }

        Assert.Equal(4, root.Elements("testsuite").Count());
        Assert.True(Count(root, "failures") > 0);

        // A Copilot workload that does not run on ECS has nothing to check: a skipped test.
        var skipped = Assert.Single(root.Descendants("skipped"));
        Assert.Equal("copilot/front/manifest.yml", Attr(skipped.Parent!, "classname"));
        Assert.Equal("a Request-Driven Web Service does not run on ECS", Attr(skipped, "message"));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_an_error()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", GitlabOutputTests.Clean);
        var (code, output, err) = ReportRun.Check(tree.Root, "junit", task, Path.Combine(tree.Root, "missing.json"));
        Assert.Equal(Runner.ExitUsageOrUnreadable, code);
        Assert.Contains("missing.json was not checked completely: no such file or directory", err);
        var root = XDocument.Parse(output).Root!;
        Assert.Equal(1, Count(root, "errors"));
        var suite = root.Elements("testsuite").Single(s => Attr(s, "name") == "missing.json");
        var error = Assert.Single(suite.Descendants("error"));
        Assert.Equal("not-checked", Attr(error, "type"));
        Assert.StartsWith("The file cannot be read: no such file or directory.", Attr(error, "message"));
        Assert.StartsWith("ECS0001 ", Attr(error.Parent!, "name"));
    }

    [Fact]
    public void Special_characters_are_escaped_and_characters_XML_cannot_hold_are_replaced()
    {
        using var tree = new TempTree();

        // A file name with XML's special characters, and an unknown property whose name holds a control character.
        var json = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 512, \"bad\\u0001<key>&\\\"\": 1 }\n  ]\n}\n";
        tree.Write("a&b <c> 'd'.json", json);
        var output = ReportRun.Check(tree.Root, "junit", tree.Root).Out;

        var root = XDocument.Parse(output).Root!;
        var suite = Assert.Single(root.Elements("testsuite"));
        Assert.Equal("a&b <c> 'd'.json", Attr(suite, "name"));
        var failure = root.Descendants("failure").Single(f => Attr(f.Parent!, "name").StartsWith("ECS0002", StringComparison.Ordinal));
        Assert.Contains("'bad\uFFFD<key>&\"'", Attr(failure, "message"));
        Assert.Contains("'bad\uFFFD<key>&\"'", failure.Value);
        Assert.False(output.Contains('\u0001', StringComparison.Ordinal));

        Assert.Equal("x\uFFFDy\uFFFD", JunitOutput.Clean("x\u0001y\uD800"));
        Assert.Equal("tab\tline\nemoji \U0001F600", JunitOutput.Clean("tab\tline\nemoji \U0001F600"));
    }

    [Fact]
    public void Output_is_byte_identical_whatever_the_order_files_are_created_and_given_in()
    {
        var names = new[] { "b/task.json", "a/keys.json", "c.json", "a/clean.json" };
        var texts = new[] { GitlabOutputTests.Broken, GitlabOutputTests.Credentials, GitlabOutputTests.Broken, GitlabOutputTests.Clean };

        string RunIn(int[] order)
        {
            using var tree = new TempTree();
            foreach (var i in order)
            {
                tree.Write(names[i], texts[i]);
            }

            return ReportRun.Check(tree.Root, "junit", [.. order.Select(i => Path.Combine(tree.Root, names[i]))]).Out;
        }

        var forward = RunIn([0, 1, 2, 3]);
        Assert.Equal(forward, RunIn([0, 1, 2, 3]));
        Assert.Equal(forward, RunIn([3, 1, 2, 0]));
        Assert.Equal(forward, RunIn([2, 3, 0, 1]));
        Assert.DoesNotContain("\r", forward);
        Assert.DoesNotContain(XDocument.Parse(forward).Descendants().SelectMany(e => e.Attributes()), a => a.Name.LocalName is "time" or "timestamp" or "hostname");
        Assert.EndsWith("</testsuites>\n", forward);
    }

    [Fact]
    public void Secret_values_are_not_in_the_report()
    {
        using var tree = new TempTree();
        tree.Write("keys.json", GitlabOutputTests.Credentials);
        var output = ReportRun.Check(tree.Root, "junit", tree.Root).Out;
        Assert.Contains("ECS3006", output);
        Assert.DoesNotContain(GitlabOutputTests.SecretKey, output);
        Assert.DoesNotContain(GitlabOutputTests.SecretKey.Substring(0, 12), output);
    }

    [Fact]
    public void Format_junit_is_accepted_on_the_command_line_and_the_file_has_no_byte_order_mark()
    {
        using var tree = new TempTree();
        var task = tree.Write("task.json", GitlabOutputTests.Broken);
        var report = Path.Combine(tree.Root, "ecs-policy.xml");
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        Assert.Equal(Runner.ExitFindings, Program.Run(["check", task, "--format", "junit", "--output", report], stdout, TextWriter.Null));
        Assert.Equal("", stdout.ToString());
        var bytes = File.ReadAllBytes(report);
        Assert.Equal((byte)'<', bytes[0]);
        Assert.Contains("ECS1003", XDocument.Load(report).Root!.Descendants("testcase").Select(t => Attr(t, "name").Split(' ')[0]));
    }

    private static string Attr(XElement element, string name) => element.Attribute(name)?.Value ?? throw new Xunit.Sdk.XunitException($"<{element.Name}> has no {name}");

    private static int Count(XElement element, string name) => int.Parse(Attr(element, name), CultureInfo.InvariantCulture);
}
