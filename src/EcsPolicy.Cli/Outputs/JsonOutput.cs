using System.Text.Encodings.Web;
using System.Text.Json;
using EcsPolicy.Catalog;

namespace EcsPolicy.Cli.Outputs;

/// <summary>A plain JSON report: one object per finding, plus a summary. Stable field order, LF line ends.</summary>
public sealed class JsonOutput : IOutputFormat
{
    public string Name => "json";

    public void Write(RunReport report, TextWriter writer)
    {
        using var stream = new TextWriterStream(writer);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "ecs-policy");
            json.WriteString("version", report.ToolVersion);
            json.WriteStartArray("findings");
            var rules = new Dictionary<string, RuleMetadata>(StringComparer.Ordinal);
            foreach (var rule in report.RulesRun)
            {
                rules.TryAdd(rule.Id, rule);
            }

            foreach (var f in report.Findings)
            {
                var rule = rules.TryGetValue(f.RuleId, out var r) ? r : null;
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteString("severity", f.Severity.ToName());
                json.WriteString("title", rule?.Title ?? "");
                json.WriteString("message", f.Message);
                json.WriteString("file", f.Location.File.Replace('\\', '/'));
                json.WriteNumber("line", f.Location.StartLine);
                json.WriteNumber("column", f.Location.StartColumn);
                json.WriteNumber("endLine", f.Location.EndLine);
                json.WriteNumber("endColumn", f.Location.EndColumn);
                json.WriteString("path", f.Path);
                json.WriteString("anchor", f.Anchor);
                json.WriteString("helpUri", rule?.HelpUri ?? "");
                json.WriteEndObject();
                TextWriterStream.FlushEvery(json);
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("files", report.Files.Count(f => f.Recognized));
            json.WriteNumber("skippedFiles", report.Files.Count(f => !f.Recognized));
            json.WriteNumber("notCheckedFiles", report.NotChecked.Count());
            json.WriteNumber("specialFilesSkipped", report.SpecialFilesSkipped);
            json.WriteNumber("taskDefinitions", report.TaskCount);
            json.WriteNumber("errors", report.Count(Severity.Error));
            json.WriteNumber("warnings", report.Count(Severity.Warning));
            json.WriteNumber("notes", report.Count(Severity.Note));
            json.WriteEndObject();
            json.WriteStartArray("notChecked");
            foreach (var file in report.NotChecked)
            {
                foreach (var reason in file.NotChecked)
                {
                    json.WriteStartObject();
                    json.WriteString("file", file.Path.Replace('\\', '/'));
                    json.WriteString("reason", reason);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
        writer.Write('\n');
    }
}
