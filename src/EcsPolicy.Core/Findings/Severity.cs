namespace EcsPolicy.Findings;

/// <summary>How serious a finding is. Ordered: a higher value is more severe.</summary>
public enum Severity
{
    /// <summary>The rule is switched off.</summary>
    None = 0,
    Note = 1,
    Warning = 2,
    Error = 3,
}

public static class SeverityNames
{
    public static string ToName(this Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "note",
        _ => "none",
    };

    /// <summary>
    /// A severity as .editorconfig and .globalconfig spell it (<c>dotnet_diagnostic.ID.severity</c>); null for a value
    /// the SDK does not know (ignored, as the SDK does). <c>default</c> is <paramref name="defaultSeverity"/>.
    /// </summary>
    public static Severity? FromAnalyzerConfig(string value, Severity defaultSeverity) => value.Trim().ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "suggestion" or "info" => Severity.Note,
        "silent" or "hidden" or "none" => Severity.None,
        "default" => defaultSeverity,
        _ => null,
    };

    /// <summary>The name of a severity in <c>dotnet_diagnostic.ID.severity</c> (the inverse of <see cref="FromAnalyzerConfig"/>).</summary>
    public static string ToAnalyzerConfigName(this Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Note => "suggestion",
        _ => "none",
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error":
                severity = Severity.Error;
                return true;
            case "warning":
                severity = Severity.Warning;
                return true;
            case "note":
            case "suggestion":
            case "info":
                severity = Severity.Note;
                return true;
            case "none":
            case "silent":
                severity = Severity.None;
                return true;
            default:
                severity = Severity.None;
                return false;
        }
    }
}
