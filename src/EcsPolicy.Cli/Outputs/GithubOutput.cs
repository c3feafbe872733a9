using System.Text;

namespace EcsPolicy.Cli.Outputs;

/// <summary>GitHub Actions workflow commands: <c>::error file=…,line=…,col=…,title=…::message</c>.</summary>
public sealed class GithubOutput : IOutputFormat
{
    public string Name => "github";

    public void Write(RunReport report, TextWriter writer)
    {
        foreach (var f in report.Findings)
        {
            var command = f.Severity switch
            {
                Severity.Error => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            var title = f.RuleId + ": " + (report.RulesRun.FirstOrDefault(r => r.Id == f.RuleId)?.Title ?? f.RuleId);
            var sb = new StringBuilder();
            sb.Append("::").Append(command)
                .Append(" file=").Append(Property(OutputText.OneLine(f.Location.File.Replace('\\', '/'))))
                .Append(",line=").Append(f.Location.StartLine)
                .Append(",endLine=").Append(f.Location.EndLine)
                .Append(",col=").Append(f.Location.StartColumn)
                .Append(",endColumn=").Append(f.Location.EndColumn)
                .Append(",title=").Append(Property(title))
                .Append("::").Append(Data(OutputText.OneLine(f.Message)));
            writer.WriteLine(sb.ToString());
        }
    }

    /// <summary>Escapes a workflow-command message.</summary>
    public static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a workflow-command property value.</summary>
    public static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
