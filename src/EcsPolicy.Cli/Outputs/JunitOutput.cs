using System.Globalization;
using System.Text;
using System.Xml;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Outputs;

/// <summary>
/// JUnit XML, which Azure Pipelines (PublishTestResults), GitLab (<c>artifacts:reports:junit</c>), Jenkins and most CI
/// systems show as test results. Each checked file is a <c>testsuite</c>; each finding is a <c>testcase</c>, failed
/// (<c>failure</c>) for errors and warnings and passed, with the finding in <c>system-out</c>, for notes. A file
/// without findings is one passing test case, a workload that does not run on ECS a skipped one. Files that are not recognised inputs are left out. No timestamps, durations or host
/// names, so the same inputs give the same bytes; no file content is copied into the report. In a file that was not
/// checked completely (unreadable, an internal error, a spent budget), the ECS0001 and ECS0009 test cases are errors.
/// </summary>
public sealed class JunitOutput : IOutputFormat
{
    /// <summary>The name of the test case of a file without findings.</summary>
    public const string NoFindingsTestName = "no findings";

    public string Name => "junit";

    public void Write(RunReport report, TextWriter writer)
    {
        var rules = new Dictionary<string, RuleMetadata>(StringComparer.Ordinal);
        foreach (var rule in report.RulesRun)
        {
            rules.TryAdd(rule.Id, rule);
        }

        var suites = new SortedDictionary<string, Suite>(StringComparer.Ordinal);
        Suite SuiteOf(string path) => suites.TryGetValue(path, out var s) ? s : suites[path] = new Suite(path);
        foreach (var file in report.Files.Where(f => f.Recognized))
        {
            SuiteOf(Slashes(file.Path)).SkippedAs ??= file.SkippedAs;
        }

        foreach (var finding in report.Findings.OrderBy(f => f, GitlabOutput.StableOrder))
        {
            SuiteOf(Slashes(finding.Location.File ?? "")).Findings.Add(finding);
        }

        foreach (var file in report.NotChecked)
        {
            SuiteOf(Slashes(file.Path)).NotChecked = true;
        }

        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new TextWriterStream(writer);
        using (var xml = XmlWriter.Create(stream, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", SarifOutput.ToolName);
            WriteCounts(xml, suites.Values.Sum(s => s.Tests), suites.Values.Sum(s => s.Failures), suites.Values.Sum(s => s.Errors), suites.Values.Sum(s => s.Skipped));
            foreach (var suite in suites.Values)
            {
                WriteSuite(xml, suite, rules);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        writer.Write('\n');
    }

    private static void WriteSuite(XmlWriter xml, Suite suite, Dictionary<string, RuleMetadata> rules)
    {
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(suite.Path));
        WriteCounts(xml, suite.Tests, suite.Failures, suite.Errors, suite.Skipped);
        foreach (var f in suite.Findings)
        {
            var title = rules.TryGetValue(f.RuleId, out var rule) ? rule.Title : f.RuleId;
            var where = f.Path.Length > 0 ? f.Path : "line " + f.Location.StartLine.ToString(CultureInfo.InvariantCulture);
            StartTestCase(xml, suite.Path, f.RuleId + " " + title + " at " + where, f.Location.StartLine);
            var text = string.Format(
                CultureInfo.InvariantCulture,
                "{0}({1},{2}): {3} {4}: {5}{6}",
                suite.Path,
                f.Location.StartLine,
                f.Location.StartColumn,
                f.Severity.ToName(),
                f.RuleId,
                f.Message,
                rule is null ? "" : "\nSee " + rule.HelpUri);
            if (suite.IsError(f))
            {
                // The file was not checked completely: the test could not run, which JUnit calls an error.
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", Clean(f.Message));
                xml.WriteAttributeString("type", "not-checked");
                xml.WriteString(Clean(text));
                xml.WriteEndElement();
            }
            else if (IsFailure(f.Severity))
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(f.Message));
                xml.WriteAttributeString("type", f.Severity.ToName());
                xml.WriteString(Clean(text));
                xml.WriteEndElement();
            }
            else
            {
                xml.WriteElementString("system-out", Clean(text));
            }

            xml.WriteEndElement();
        }

        if (suite.Findings.Count == 0)
        {
            StartTestCase(xml, suite.Path, NoFindingsTestName, line: null);
            if (suite.SkippedAs is { } skippedAs)
            {
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean("a " + skippedAs + " does not run on ECS"));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void StartTestCase(XmlWriter xml, string path, string name, int? line)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(name));
        xml.WriteAttributeString("classname", Clean(path));
        xml.WriteAttributeString("file", Clean(path));
        if (line is >= 1)
        {
            xml.WriteAttributeString("line", line.Value.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void WriteCounts(XmlWriter xml, int tests, int failures, int errors, int skipped)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", errors.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("skipped", skipped.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Errors and warnings fail their test case; notes do not.</summary>
    public static bool IsFailure(Severity severity) => severity >= Severity.Warning;

    /// <summary>
    /// Text with the characters XML 1.0 cannot hold (control characters other than tab and line ends, lone
    /// surrogates, U+FFFE and U+FFFF) replaced by U+FFFD, so that a property name with such a character still gives
    /// a well-formed report.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!ok && sb is null)
            {
                sb = new StringBuilder(text.Length).Append(text, 0, i);
            }

            sb?.Append(ok ? c : '\uFFFD');
        }

        return sb?.ToString() ?? text;
    }

    private static string Slashes(string path) => path.Replace('\\', '/');

    private sealed class Suite(string path)
    {
        public string Path { get; } = path;

        public List<Finding> Findings { get; } = [];

        public string? SkippedAs { get; set; }

        /// <summary>Whether the file was not checked completely (its ECS0001 and ECS0009 findings are errors).</summary>
        public bool NotChecked { get; set; }

        public int Tests => Findings.Count + (Findings.Count == 0 ? 1 : 0);

        public int Failures => Findings.Count(f => !IsError(f) && IsFailure(f.Severity));

        public int Errors => Findings.Count(IsError);

        public int Skipped => Findings.Count == 0 && SkippedAs is not null ? 1 : 0;

        public bool IsError(Finding finding) => NotChecked && Engine.Linter.IsFailClosed(finding.RuleId);
    }
}
