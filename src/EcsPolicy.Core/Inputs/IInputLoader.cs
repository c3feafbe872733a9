using EcsPolicy.Model;

namespace EcsPolicy.Inputs;

/// <summary>What a loader made of one file.</summary>
public sealed record LoadResult
{
    public static readonly LoadResult NotRecognized = new() { Recognized = false };

    /// <summary>Whether the file is an input this loader owns (recognised by content).</summary>
    public bool Recognized { get; init; } = true;

    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];

    /// <summary>Services, for the formats that have them.</summary>
    public IReadOnlyList<Service> Services { get; init; } = [];

    /// <summary>Clusters, for the formats that have them.</summary>
    public IReadOnlyList<Cluster> Clusters { get; init; } = [];

    /// <summary>The names the file uses, in which its findings are rendered (see <see cref="Findings.Vocabulary"/>).</summary>
    public Vocabulary Vocabulary { get; init; }

    /// <summary>Findings the loader itself raises, such as ECS0001 for unparseable files.</summary>
    public IReadOnlyList<LoaderFinding> Findings { get; init; } = [];

    /// <summary>
    /// For an input that is recognised but describes something that does not run on ECS (a Copilot Request-Driven Web
    /// Service or Static Site): what it is, e.g. <c>Request-Driven Web Service</c>. Such a file has nothing to check.
    /// </summary>
    public string? SkippedAs { get; init; }

    /// <summary>Findings the user asked not to see (in-file suppressions), applied by the linter.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    /// <summary>
    /// Findings the loader raises about one of <see cref="Tasks"/> (e.g. a Copilot manifest that Copilot would reject in
    /// one environment): the linter treats them as findings of that task definition, so that the findings of its
    /// variants are merged and qualified the same way as the rules' findings.
    /// </summary>
    public IReadOnlyList<(TaskDefinition Task, IReadOnlyList<LoaderFinding> Findings)> TaskFindings { get; init; } = [];

    /// <summary>This result with <paramref name="more"/> suppressions added (e.g. those written as YAML comments).</summary>
    public LoadResult WithSuppressions(IReadOnlyList<Suppression> more) => more.Count == 0 ? this : this with { Suppressions = [.. Suppressions, .. more] };

    /// <summary>This result with <paramref name="more"/> findings of the loader added.</summary>
    public LoadResult WithFindings(IReadOnlyList<LoaderFinding> more) => more.Count == 0 ? this : this with { Findings = [.. Findings, .. more] };

    /// <summary>
    /// This result with an ECS0001 finding for each defect the reader read past (a repeated key, a trailing comma): the
    /// file is still checked, with the reader's reading of it. A trailing comma is an error (AWS rejects the text); a
    /// repeated key is a warning at most where AWS keeps the last value (a note when both values are the same, so nothing
    /// is lost), unless <paramref name="repeatedKeyRefused"/>: a format whose own tool refuses it (Copilot).
    /// </summary>
    public LoadResult WithReadDefects(IReadOnlyList<ParseFailure> defects, bool repeatedKeyRefused = false) =>
        WithFindings([.. defects.Select(d => new LoaderFinding("ECS0001", d.Message, d.Location, "")
        {
            AtMost = !d.IsRepeatedKey || repeatedKeyRefused ? null : d.RepeatsSameValue ? Severity.Note : Severity.Warning,
        })]);

    /// <summary>
    /// This result with the ECS0010 note of a file with template placeholders (<paramref name="templated"/>, the values
    /// made unknown, in text order): how many values were not checked, at the first.
    /// </summary>
    public LoadResult WithTemplated(IReadOnlyList<SNode> templated) => templated.Count == 0 ? this : WithFindings(
    [
        new LoaderFinding(
            "ECS0010",
            string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} value(s) in this file are template placeholders or left empty for a deploy step to fill in (the first is here): they are treated as unknown and not checked. To check them too, lint the file the deploy step renders.",
                templated.Count),
            templated[0].Location,
            ""),
    ]);

    /// <summary>
    /// The result of a file whose text cannot be read into a tree: ECS0001 at the first error; for a well-formed text
    /// past a limit of this tool (<see cref="ParseFailure.IsLimit"/>), a gap in the file's <paramref name="budget"/>
    /// instead (ECS0009: not checked), or the ECS0009 finding itself when the loader was called without one.
    /// </summary>
    public static LoadResult ParseError(ParseFailure failure, Budget? budget = null)
    {
        if (!failure.IsLimit)
        {
            return new() { Findings = [new LoaderFinding("ECS0001", failure.Message, failure.Location, "")] };
        }

        if (budget is null)
        {
            return new() { Findings = [new LoaderFinding(Engine.Linter.NotCheckedId, Engine.Linter.NotCheckedMessage(failure.Message), failure.Location, "")] };
        }

        budget.NotChecked(failure.Message, failure.Location);
        return new();
    }
}

/// <summary>
/// An in-file request not to report a rule: in a whole file (<see cref="Scope"/> null), on some model objects (the
/// canonical root nodes of the task definitions, services or clusters built from one resource, variants included), or
/// on some lines of the file (<see cref="Lines"/>: a YAML comment). Findings it covers are dropped.
/// </summary>
public sealed class Suppression
{
    private readonly HashSet<SNode>? _scope;
    private readonly HashSet<int>? _lines;

    public Suppression(string ruleId, IEnumerable<SNode>? scope, string? reason, SourceLocation location)
    {
        RuleId = ruleId;
        _scope = scope is null ? null : new HashSet<SNode>(scope);
        Reason = reason;
        Location = location;
    }

    /// <summary>A suppression of the findings that start on one of <paramref name="lines"/> (1-based).</summary>
    public Suppression(string ruleId, IEnumerable<int> lines, string? reason, SourceLocation location)
        : this(ruleId, (IEnumerable<SNode>?)null, reason, location)
    {
        _lines = new HashSet<int>(lines);
    }

    /// <summary>The rule ID, e.g. <c>ECS6007</c>.</summary>
    public string RuleId { get; }

    /// <summary>The lines it covers, or null when it is not bound to lines.</summary>
    public IReadOnlyCollection<int>? Lines => _lines;

    /// <summary>The model objects (their root nodes) it covers, or null for the whole file.</summary>
    public IReadOnlyCollection<SNode>? Scope => _scope;

    /// <summary>Why, as the user wrote it, when they did.</summary>
    public string? Reason { get; }

    /// <summary>Where it is written.</summary>
    public SourceLocation Location { get; }

    /// <summary>
    /// Whether it covers <paramref name="finding"/>, raised while checking the model object with root
    /// <paramref name="objectRoot"/> (null for findings of the loader itself).
    /// </summary>
    public bool Covers(Finding finding, SNode? objectRoot) =>
        string.Equals(finding.RuleId, RuleId, StringComparison.OrdinalIgnoreCase)
        && (_scope is null || (objectRoot != null && _scope.Contains(objectRoot)))
        && (_lines is null || (string.Equals(finding.Location.File, Location.File, StringComparison.Ordinal) && _lines.Contains(finding.Location.StartLine)));
}

/// <summary>
/// Reads one or more input formats into the common model. Implementations are listed at compile time
/// (EcsPolicy.Generators); their order decides nothing: <see cref="FormatDetector"/> chooses the format of a file, and
/// the linter gives the file to the one loader of that format (<see cref="Formats"/>).
/// </summary>
public interface IInputLoader
{
    /// <summary>The formats this loader reads; no two loaders read the same format.</summary>
    IReadOnlyList<InputFormat> Formats { get; }

    /// <summary>
    /// The rule IDs of the findings this loader raises itself (in <see cref="LoadResult.Findings"/> and
    /// <see cref="LoadResult.TaskFindings"/>), which have their metadata in <c>rules/&lt;ID&gt;.yaml</c> and no
    /// <c>Rule</c> class: there is nothing to check on the model. Not listed: ECS0009, the linter's, which a loader
    /// raises only when called without a file's <see cref="Budget"/> (outside the linter), in the linter's place.
    /// </summary>
    IReadOnlyList<string> RaisesRules { get; }

    /// <summary>Whether files with this name may be of one of its <see cref="Formats"/> (<see cref="FormatDetector.NameFits"/>).</summary>
    bool Accepts(string path);

    /// <summary>
    /// Loads a file. <paramref name="explicitlyGiven"/> is true when the user named the file: a file that does not
    /// parse is then always reported, while during a directory walk only files that look like this format are.
    /// </summary>
    LoadResult Load(string path, byte[] content, bool explicitlyGiven, LoadContext? context = null);
}

/// <summary>What the caller knows about a file beyond its content (the core reads no other files itself).</summary>
public sealed class LoadContext
{
    /// <summary>
    /// For a template in an AWS CDK cloud assembly: the construct path of each resource by logical ID, from the
    /// assembly's <c>manifest.json</c>; used when a resource carries no <c>aws:cdk:path</c> metadata of its own.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ConstructPaths { get; init; }

    /// <summary>
    /// The file's budget: the loader's resolvers and evaluators take from it and record there what they could not
    /// check. The linter gives every file its own; a loader called without a context makes one.
    /// </summary>
    public Budget? Budget { get; init; }
}
