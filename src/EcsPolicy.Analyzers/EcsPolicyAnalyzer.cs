using System.Collections.Immutable;
using System.Text;
using EcsPolicy.Catalog;
using EcsPolicy.CSharp;
using EcsPolicy.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace EcsPolicy.Analyzers;

/// <summary>
/// The one analyzer host for every rule of the catalog: lints the AWS CDK code of each C# syntax tree (the model the
/// C# front end extracts, checked by the core's rules) and the ECS JSON/YAML files given as AdditionalFiles, and
/// reports each finding at its exact span. Holds no per-compilation state in fields and never throws, and fails closed
/// as the CLI does: a tree or file it could not check completely (a spent budget, an internal failure, a file without
/// text) gets an ECS0009 or ECS0001 error in it, which fails the build, rather than an AD0001 warning or nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EcsPolicyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The ID under which every custom policy's findings are reported (the message starts with the policy's own ID).</summary>
    public const string CustomPolicyId = "ECSP001";

    /// <summary>The ID of an error in a custom policy file, at its line.</summary>
    public const string PolicyFileErrorId = "ECSP002";

    /// <summary>The property that holds a custom policy finding's own ID, e.g. <c>ACME001</c>.</summary>
    public const string PolicyIdProperty = "EcsPolicy.PolicyId";

    /// <summary>The AdditionalFiles metadata (made visible to the compiler by the package's props) that marks a custom policy file.</summary>
    public const string PolicyKindMetadata = "build_metadata.AdditionalFiles.EcsPolicyKind";

    /// <summary>The folder name that marks a custom policy file among the AdditionalFiles when it has no <see cref="PolicyKindMetadata"/>.</summary>
    public const string PoliciesFolderName = "ecs-policies";

    private const string CustomPoliciesHelp = "https://github.com/ecs-policy/ecs-policy/blob/main/docs/custom-policies.md";

    /// <summary>
    /// Custom policies: Roslyn reports only IDs the analyzer declares up front in <see cref="SupportedDiagnostics"/>, and
    /// a team's policy IDs are known only once a compilation's AdditionalFiles are read, so all of them share this ID.
    /// The message names the policy; the severity is the policy's own (or its <c>ecs_policy.ID.severity</c> option).
    /// </summary>
    public static readonly DiagnosticDescriptor CustomPolicy = new(
        CustomPolicyId,
        "Custom policy",
        "{0}: {1}",
        "Custom",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A finding of one of the project's own policies (custom policy YAML files given as AdditionalFiles); the message starts with the policy's ID.",
        helpLinkUri: CustomPoliciesHelp,
        customTags: ["custom"]);

    /// <summary>A custom policy file that cannot be used: the problem, at its line and column.</summary>
    public static readonly DiagnosticDescriptor PolicyFileError = new(
        PolicyFileErrorId,
        "Custom policy file is invalid",
        "{0}",
        "Custom",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A custom policy file given as an AdditionalFile is malformed; none of its rules run until it is fixed.",
        helpLinkUri: CustomPoliciesHelp,
        customTags: ["custom"]);

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> DescriptorsById = CreateDescriptors();

    // Not a collection expression: the Roslyn 4.8 build's System.Collections.Immutable predates them for ImmutableArray.
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = DescriptorsById.Values.Append(CustomPolicy).Append(PolicyFileError).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();

    /// <summary>
    /// The descriptor of a catalog rule: id, title, message, category, default severity, help link and tags, all from
    /// rules/*.yaml, read by the catalog's line scan. The compiler asks for every descriptor's text when it loads the
    /// analyzer, and parsing the catalog as YAML cost a fresh compiler process about 35 ms with the ReadyToRun
    /// assemblies and 60 to 100 ms without.
    /// </summary>
    public static DiagnosticDescriptor Descriptor(string id) => new(
        id,
        RuleCatalog.TitleOf(id) ?? id,
        "{0}",
        RuleCatalog.CategoryOf(id) ?? "",
        ToDiagnosticSeverity(RuleCatalog.DefaultSeverityOf(id) ?? Severity.Error),
        isEnabledByDefault: true,
        description: RuleCatalog.RationaleOf(id),
        helpLinkUri: RuleCatalog.HelpUriOf(id),
        customTags: [.. RuleCatalog.TagsOf(id)]);

    public static DiagnosticSeverity ToDiagnosticSeverity(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // Per compilation: the index of the whole program (where stack classes are created), the custom policies
            // among its AdditionalFiles and one linter that runs them with the catalog's rules.
            CompilationIndex index;
            PolicySet policies;
            Linter linter;
            try
            {
                index = new CompilationIndex(start.Compilation);
                policies = PolicySet.Load(start.Options, start.CancellationToken);
                linter = new Linter(new LintOptions { Policies = policies.Policies });
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing can be checked in this compilation: every file that would have been is an ECS0009 error at its
                // start, rather than one AD0001 warning that a build passes.
                var failed = new Linter();
                const string Doing = "preparing the analysis of the compilation (its custom policies and program index)";
                start.RegisterSyntaxTreeAction(c =>
                {
                    if (CdkExtractor.MayDefineEcs(c.Tree, c.CancellationToken))
                    {
                        ReportFailure(failed, e, c.Tree.FilePath, Doing, Location.Create(c.Tree, default), c.ReportDiagnostic);
                    }
                });
                start.RegisterAdditionalFileAction(c =>
                {
                    if (RuleRegistry.Loaders.Any(l => l.Accepts(c.AdditionalFile.Path)))
                    {
                        ReportFailure(failed, e, c.AdditionalFile.Path, Doing, FileStart(c.AdditionalFile.Path, null), c.ReportDiagnostic);
                    }
                });
                return;
            }

            start.RegisterSemanticModelAction(c => AnalyzeTree(c, index, linter, policies));
            start.RegisterAdditionalFileAction(c => AnalyzeAdditionalFile(c, linter, policies));
        });
    }

    /// <summary>The start of an AdditionalFile, where what concerns the whole file is reported.</summary>
    private static Location FileStart(string path, SourceText? text) =>
        Location.Create(path, default, text is null ? default : text.Lines.GetLinePositionSpan(default));

    private static void AnalyzeTree(SemanticModelAnalysisContext context, CompilationIndex index, Linter linter, PolicySet policies)
    {
        var tree = context.SemanticModel.SyntaxTree;
        try
        {
            var severities = policies.Severities(context.Options.AnalyzerConfigOptionsProvider.GetOptions(tree));
            var result = CSharpLinter.Lint(linter, context.SemanticModel, index, severities, compilerSuppresses: true, context.CancellationToken);
            var text = tree.GetText(context.CancellationToken);
            foreach (var finding in result.Findings)
            {
                // A finding outside this tree (a value followed into another file) is left to that file's own pass; a
                // file not checked completely is said in this file whatever the place.
                if ((finding.Location.File == tree.FilePath || Linter.IsFailClosed(finding.RuleId))
                    && Create(finding, text, span => Location.Create(tree, span), tree.FilePath) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // Never AD0001, which a build may ignore: the internal failure is an ECS0009 error at the start of the tree, so
            // the tree that was not checked fails the build as a file the CLI could not check fails the gate.
            ReportFailure(linter, e, tree.FilePath, "checking the AWS CDK code", Location.Create(tree, default), context.ReportDiagnostic);
        }
    }

    /// <summary>
    /// Reports an internal failure on a file as its ECS0009 diagnostic (the message the CLI gives for it) at
    /// <paramref name="start"/>. Should this fail too, the compiler reports AD0001: the failure still shows.
    /// </summary>
    private static void ReportFailure(Linter linter, Exception e, string path, string doing, Location start, Action<Diagnostic> report)
    {
        if (DescriptorsById.TryGetValue(Linter.NotCheckedId, out var descriptor))
        {
            foreach (var finding in linter.Failed(path, doing, e).Findings)
            {
                report(Diagnostic.Create(descriptor, start, Properties(finding), finding.Message));
            }
        }
    }

    private static void AnalyzeAdditionalFile(AdditionalFileAnalysisContext context, Linter linter, PolicySet policies)
    {
        var path = context.AdditionalFile.Path;
        SourceText? text = null;
        try
        {
            var errors = policies.Errors.TryGetValue(path, out var found) ? found : null;
            var isPolicy = errors != null;
            if (!isPolicy && !RuleRegistry.Loaders.Any(l => l.Accepts(path)))
            {
                return;
            }

            text = TextOf(context, out var unreadable);
            if (text is null)
            {
                // An ECS file whose text the compiler cannot give was not checked: ECS0001, as the CLI reports a file it
                // cannot read. (A policy file without text has its errors from PolicySet already.)
                if (!isPolicy && DescriptorsById.TryGetValue(Linter.UnreadableId, out var descriptor))
                {
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, FileStart(path, null), "The file cannot be read: " + unreadable + ". Nothing in it was checked; give a readable file, or leave it out of the AdditionalFiles."));
                }

                return;
            }

            Location At(TextSpan span) => Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
            if (errors != null)
            {
                // A policy file is not an ECS file: only its own errors are reported in it.
                foreach (var error in errors)
                {
                    if (Span(text, error.Location) is { } span)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(PolicyFileError, At(span), error.Message));
                    }
                }

                return;
            }

            var severities = policies.Severities(context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.AdditionalFile));
            var result = linter.LintFile(path, Encoding.UTF8.GetBytes(text.ToString()), explicitlyGiven: false, fileSeverities: severities);
            foreach (var finding in result.Findings)
            {
                if (Create(finding, text, At, path) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // Never AD0001 (see AnalyzeTree): an ECS0009 error at the start of the file.
            ReportFailure(linter, e, path, "checking the file", FileStart(path, text), context.ReportDiagnostic);
        }
    }

    /// <summary>The text of an AdditionalFile; null, with why, when the compiler has none for it or reading it fails.</summary>
    private static SourceText? TextOf(AdditionalFileAnalysisContext context, out string unreadable)
    {
        unreadable = "the compiler has no text for it";
        try
        {
            return context.AdditionalFile.GetText(context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's message is left out, as in every finding: it may quote the file.
            unreadable = "reading it failed (" + e.GetType().Name + ")";
            return null;
        }
    }

    /// <summary>The property a code fix can act on: the finding's path in the ECS API model, e.g. <c>/containerDefinitions/0/memory</c>.</summary>
    public const string ModelPathProperty = "EcsPolicy.ModelPath";

    /// <summary>The property with a value that fixes the finding when written at its location (e.g. <c>4096</c>), when the rule knows one.</summary>
    public const string FixValueProperty = "EcsPolicy.Fix.Value";

    /// <summary>The model member a finding's safe fix sets (<see cref="Finding.Fix"/>), e.g. <c>readonlyRootFilesystem</c>.</summary>
    public const string FixMemberProperty = "EcsPolicy.Fix.Member";

    /// <summary>The construct property that sets it in C#, e.g. <c>ReadonlyRootFilesystem</c> or <c>MemoryLimitMiB</c>.</summary>
    public const string FixPropertyProperty = "EcsPolicy.Fix.Property";

    /// <summary>The value the fix writes there, as C# (e.g. <c>true</c>, <c>NetworkMode.AWS_VPC</c>).</summary>
    public const string FixLiteralProperty = "EcsPolicy.Fix.Literal";

    /// <summary>The value the fix writes, as a JSON literal in the model's terms (e.g. <c>true</c>, <c>"awsvpc"</c>).</summary>
    public const string FixJsonProperty = "EcsPolicy.Fix.Json";

    /// <summary>
    /// <c>true</c> when the fix keeps what the task does (ruff's "safe"), <c>false</c> when it may change it (a read-only
    /// root filesystem): a code fix is always applied by a person, so both are offered.
    /// </summary>
    public const string FixSafeProperty = "EcsPolicy.Fix.Safe";

    private static ImmutableDictionary<string, string?> Properties(Finding finding)
    {
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ModelPathProperty, finding.Path);
        if (finding.Fix is { } fix)
        {
            // Diagnostic properties are the only channel from the analyzer to a code fix (Roslyn's design): the edit goes
            // there in C#'s terms, so the fix needs neither the model nor the rules.
            properties = properties
                .Add(FixMemberProperty, fix.Target.Member)
                .Add(FixPropertyProperty, Vocabularies.CdkNames.Property(fix.Target) ?? Vocabularies.Names.CloudFormation(fix.Target))
                .Add(FixLiteralProperty, Vocabularies.CdkNames.Literal(fix.Target, fix.Value))
                .Add(FixJsonProperty, fix.Value)
                .Add(FixSafeProperty, fix.Safe ? "true" : "false");
        }

        // The value alone, for the fixes that read only it (ECS1001's checks that the fix is of the memory).
        var value = finding.Fix is { } f ? Unquoted(f.Value) : null;
        return value is not null ? properties.Add(FixValueProperty, value) : properties;
    }

    // The text of a JSON string literal without escapes ("4096" is 4096); any other literal as it is.
    private static string Unquoted(string json) =>
        json.Length >= 2 && json[0] == '"' && json[json.Length - 1] == '"' && json.IndexOf('\\') < 0 ? json.Substring(1, json.Length - 2) : json;

    /// <summary>
    /// The diagnostic of a finding: a catalog rule's under its own descriptor; a custom policy's under
    /// <see cref="CustomPolicy"/>, with the policy's ID first in the message and the policy's effective severity.
    /// </summary>
    private static Diagnostic? Create(Finding finding, SourceText text, Func<TextSpan, Location> location, string path)
    {
        var span = finding.Location.File == path ? Span(text, finding.Location) : null;
        if (span is null && Linter.IsFailClosed(finding.RuleId))
        {
            // A file not checked completely is never left unsaid for want of a place in it: the start of the file.
            span = default(TextSpan);
        }

        if (span is null)
        {
            return null;
        }

        if (DescriptorsById.TryGetValue(finding.RuleId, out var descriptor))
        {
            return Diagnostic.Create(descriptor, location(span.Value), Properties(finding), finding.Message);
        }

        return Diagnostic.Create(
            CustomPolicy,
            location(span.Value),
            ToDiagnosticSeverity(finding.Severity),
            additionalLocations: null,
            Properties(finding).Add(PolicyIdProperty, finding.RuleId),
            finding.RuleId,
            finding.Message);
    }

    /// <summary>The text span of a 1-based line/column location, clamped to the text; null when outside it.</summary>
    internal static TextSpan? Span(SourceText text, SourceLocation location)
    {
        if (location.StartLine < 1 || location.StartLine > text.Lines.Count)
        {
            return null;
        }

        var start = Position(text, location.StartLine, location.StartColumn);
        var end = location.EndLine >= location.StartLine ? Position(text, Math.Min(location.EndLine, text.Lines.Count), location.EndColumn) : start;
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }

    private static int Position(SourceText text, int line, int column)
    {
        var l = text.Lines[line - 1];
        return Math.Min(l.Start + Math.Max(0, column - 1), l.EndIncludingLineBreak);
    }

    private static ImmutableDictionary<string, DiagnosticDescriptor> CreateDescriptors()
    {
        try
        {
            return RuleCatalog.Ids.ToImmutableDictionary(id => id, Descriptor, StringComparer.Ordinal);
        }
        catch (Exception)
        {
            // A catalog that cannot be read leaves the analyzer without rules rather than failing every compilation.
            return ImmutableDictionary<string, DiagnosticDescriptor>.Empty;
        }
    }
}
