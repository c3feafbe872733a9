using System.Collections.Immutable;
using System.Text;
using EcsPolicy.Policies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace EcsPolicy.Analyzers;

/// <summary>
/// The custom policies of one compilation: the AdditionalFiles marked as policies (metadata <c>EcsPolicyKind=policy</c>,
/// which the package sets for the policies folder, or a path through a folder named <c>ecs-policies</c>), read with
/// the CLI's policy reader. Made once per compilation and held only by that compilation's actions.
/// </summary>
internal sealed class PolicySet
{
    private static readonly PolicySet Empty = new([], ImmutableDictionary<string, IReadOnlyList<PolicyError>>.Empty);

    private PolicySet(IReadOnlyList<CustomPolicy> policies, ImmutableDictionary<string, IReadOnlyList<PolicyError>> errors)
    {
        Policies = policies;
        Errors = errors;
    }

    /// <summary>The valid policies, in path order.</summary>
    public IReadOnlyList<CustomPolicy> Policies { get; }

    /// <summary>Every policy file by path, with its errors (none for a valid file).</summary>
    public ImmutableDictionary<string, IReadOnlyList<PolicyError>> Errors { get; }

    public static PolicySet Load(AnalyzerOptions options, CancellationToken cancellation)
    {
        var files = options.AdditionalFiles.Where(f => IsPolicy(f, options.AnalyzerConfigOptionsProvider)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            return Empty;
        }

        var policies = CustomPolicy.Load(files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.GetText(cancellation)?.ToString() ?? ""))), out var all);
        var errors = ImmutableDictionary.CreateBuilder<string, IReadOnlyList<PolicyError>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            errors[file.Path] = [.. all.Where(e => e.Location.File == file.Path)];
        }

        return new PolicySet(policies, errors.ToImmutable());
    }

    /// <summary>Whether an AdditionalFile is a custom policy file rather than an ECS file.</summary>
    public static bool IsPolicy(AdditionalText file, AnalyzerConfigOptionsProvider provider)
    {
        var extension = Path.GetExtension(file.Path);
        if (!extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) && !extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (provider.GetOptions(file).TryGetValue(EcsPolicyAnalyzer.PolicyKindMetadata, out var kind) && kind.Trim().Length > 0)
        {
            return kind.Trim().Equals("policy", StringComparison.OrdinalIgnoreCase);
        }

        var segments = file.Path.Split('/', '\\');
        return segments.Take(segments.Length - 1).Contains(EcsPolicyAnalyzer.PoliciesFolderName, StringComparer.Ordinal);
    }

    /// <summary>The analyzer option that sets one policy's severity, e.g. <c>ecs_policy.ACME001.severity = none</c>.</summary>
    public const string SeverityKeyPrefix = "ecs_policy.";

    /// <summary>
    /// The severities the configuration sets for the policies (<c>ecs_policy.ACME001.severity</c>) where a tree or file is
    /// analysed; null when it sets none. The compiler keeps <c>dotnet_diagnostic.ID.severity</c> entries to itself (an
    /// analyzer never sees them), and it configures the catalog rules and ECSP001 as a whole from them.
    /// </summary>
    public IReadOnlyDictionary<string, Severity>? Severities(AnalyzerConfigOptions options)
    {
        Dictionary<string, Severity>? result = null;
        foreach (var policy in Policies)
        {
            if (options.TryGetValue(SeverityKeyPrefix + policy.Id + ".severity", out var value) && SeverityNames.FromAnalyzerConfig(value, policy.Metadata.DefaultSeverity) is { } severity)
            {
                (result ??= new Dictionary<string, Severity>(StringComparer.Ordinal))[policy.Id] = severity;
            }
        }

        return result;
    }
}
