using System.Collections.Concurrent;
using System.Text.Json;

namespace EcsPolicy.Cli;

/// <summary>
/// Reads what an AWS CDK cloud assembly (<c>cdk.out</c>) says about its templates: the construct path of each
/// resource by logical ID (<c>manifest.json</c>, metadata entries of type <c>aws:cdk:logicalId</c>). Each manifest is
/// read once per run.
/// </summary>
internal sealed class CloudAssembly
{
    private readonly ConcurrentDictionary<string, Dictionary<string, Dictionary<string, string>>> _byDirectory = new(StringComparer.Ordinal);

    /// <summary>The construct paths for a template file, or null when it is not a template of a cloud assembly.</summary>
    public IReadOnlyDictionary<string, string>? ConstructPaths(string templatePath)
    {
        var directory = Path.GetDirectoryName(templatePath);
        if (directory is null || !templatePath.EndsWith(".template.json", StringComparison.Ordinal))
        {
            return null;
        }

        var templates = _byDirectory.GetOrAdd(directory, Read);
        return templates.TryGetValue(Path.GetFileName(templatePath), out var paths) ? paths : null;
    }

    private static Dictionary<string, Dictionary<string, string>> Read(string directory)
    {
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var manifest = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifest) || !File.Exists(Path.Combine(directory, "cdk.out")))
        {
            return result;
        }

        try
        {
            if (!GuardedFile.TryRead(manifest, out var content, out _))
            {
                return result;
            }

            using var document = JsonDocument.Parse(content);
            if (!document.RootElement.TryGetProperty("artifacts", out var artifacts) || artifacts.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var artifact in artifacts.EnumerateObject())
            {
                if (!artifact.Value.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
                    || !properties.TryGetProperty("templateFile", out var templateFile) || templateFile.ValueKind != JsonValueKind.String
                    || !artifact.Value.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var paths = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in metadata.EnumerateObject())
                {
                    if (entry.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var item in entry.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object
                            && item.TryGetProperty("type", out var type) && type.ValueEquals("aws:cdk:logicalId")
                            && item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String)
                        {
                            paths[data.GetString()!] = entry.Name;
                        }
                    }
                }

                result[Path.GetFileName(templateFile.GetString()!)] = paths;
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            // A manifest that cannot be read only costs the construct names; the templates are still linted.
        }

        return result;
    }
}
