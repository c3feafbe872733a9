using System.Collections.Immutable;
using System.Text;
using EcsPolicy.Policies;
using EcsPolicy.Rules;
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

        var policies = new List<CustomPolicy>();
        var errors = ImmutableDictionary.CreateBuilder<string, IReadOnlyList<PolicyError>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = file.GetText(cancellation)?.ToString() ?? "";
            var policy = CustomPolicy.Parse(file.Path, Encoding.UTF8.GetBytes(text), out var fileErrors);
            var list = fileErrors.ToList();
            if (policy != null)
            {
                if (policies.Any(p => p.Id == policy.Id))
                {
                    list.Add(new PolicyError(SourceLocation.At(file.Path, 1, 1), "The id " + policy.Id + " is used by another policy."));
                }
                else
                {
                    policies.Add(policy);
                }
            }

            errors[file.Path] = list;
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
            if (options.TryGetValue(SeverityKeyPrefix + policy.Id + ".severity", out var value) && Parse(value) is { } severity)
            {
                (result ??= new Dictionary<string, Severity>(StringComparer.Ordinal))[policy.Id] = severity;
            }
        }

        return result;
    }

    private static Severity? Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "suggestion" or "info" => Severity.Note,
        "silent" or "hidden" or "none" => Severity.None,
        _ => null,
    };
}
