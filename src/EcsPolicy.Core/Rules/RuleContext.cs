using EcsPolicy.Model;

namespace EcsPolicy.Rules;

/// <summary>What a rule reports through while it checks one task definition.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _sink;

    internal RuleContext(string ruleId, Severity severity, DocumentContext document, List<Finding> sink)
    {
        RuleId = ruleId;
        Severity = severity;
        Document = document;
        _sink = sink;
    }

    public string RuleId { get; private set; }

    public Severity Severity { get; private set; }

    /// <summary>Points the context at the next rule: the linter runs the rules on one object through one context.</summary>
    internal RuleContext For(string ruleId, Severity severity)
    {
        RuleId = ruleId;
        Severity = severity;
        return this;
    }

    /// <summary>Per-document state shared by rules (e.g. the shape validation, computed once).</summary>
    public DocumentContext Document { get; }

    /// <summary>The file's budget (see <see cref="DocumentContext.Budget"/>).</summary>
    public Budget Budget => Document.Budget;

    public void Report(SourceLocation location, string path, string message) => Report(location, path, message, null);

    /// <summary>
    /// Reports at a value with at most <paramref name="atMost"/> severity: for a case of the rule that is advice rather
    /// than a defect (e.g. a value the input format fills in by default, which the user never wrote).
    /// </summary>
    public void ReportAtMost<T>(Val<T> value, Severity atMost, string message) =>
        Report(value.Location, value.Node?.Path ?? value.Owner?.Node.Path ?? "", WithDefaultNote(message, value.Node), null, atMost);

    /// <summary>Reports at a node with at most <paramref name="atMost"/> severity (see the <see cref="Val{T}"/> overload).</summary>
    public void ReportAtMost(SNode node, Severity atMost, string message) =>
        Report(node.Location, node.Path, WithDefaultNote(message, node), null, atMost);

    /// <summary>Reports at a location with at most <paramref name="atMost"/> severity (see the <see cref="Val{T}"/> overload).</summary>
    public void ReportAtMost(SourceLocation location, string path, Severity atMost, string message) =>
        Report(location, path, message, null, atMost);

    private void Report(SourceLocation location, string path, string message, string? suggestedValue, Severity atMost = Severity.Error) =>
        _sink.Add(new Finding(RuleId, Severity < atMost ? Severity : atMost, message, location, path)
        {
            SuggestedValue = suggestedValue,
            Anchor = Document.AnchorRoot is { } root ? Engine.Linter.AnchorOf(root, Document.AnchorName, path) : "",
        });

    public void Report(SNode node, string message) => Report(node.Location, node.Path, WithDefaultNote(message, node));

    public void Report<T>(Val<T> value, string message) => Report(value, message, null);

    /// <summary>Reports at a value together with a replacement value that fixes the finding (see <see cref="Finding.SuggestedValue"/>).</summary>
    public void Report<T>(Val<T> value, string message, string? suggestedValue) =>
        Report(value.Location, value.Node?.Path ?? value.Owner?.Node.Path ?? "", WithDefaultNote(message, value.Node), suggestedValue);

    public void Report<T>(ModelList<T> list, string message) =>
        Report(list.Location, list.Node?.Path ?? list.Owner?.Node.Path ?? "", message);

    public void Report(ModelObject owner, string message) => Report(owner.AnchorLocation, owner.Node.Path, message);

    /// <summary>A finding at a value the input format filled in says so (see <see cref="SNode.DefaultNote"/>).</summary>
    private static string WithDefaultNote(string message, SNode? node) =>
        node?.DefaultNote is { } note && !message.EndsWith(note, StringComparison.Ordinal) ? message + " " + note : message;
}

/// <summary>State shared by all rules while one task definition is checked.</summary>
public sealed class DocumentContext
{
    private readonly Dictionary<Type, object> _shared = [];

    /// <param name="task">The task definition checked, or the one a service runs.</param>
    /// <param name="anchorRoot">The object the findings are about (the task definition, service or cluster), whose name and paths make their <see cref="Finding.Anchor"/>; null for none.</param>
    /// <param name="anchorName">That object's name.</param>
    /// <param name="budget">The file's budget, which the rules whose work the input controls take from.</param>
    internal DocumentContext(TaskDefinition task, SNode? anchorRoot = null, string anchorName = "", Budget? budget = null)
    {
        Task = task;
        AnchorRoot = anchorRoot;
        AnchorName = anchorName;
        Budget = budget ?? new Budget();
    }

    public TaskDefinition Task { get; }

    /// <summary>
    /// The file's budget: a rule whose work the input controls (a custom policy's expression, a long path) takes from it,
    /// and records there what it could not check (<see cref="EcsPolicy.Budget.NotChecked"/>), which is reported as ECS0009.
    /// </summary>
    public Budget Budget { get; }

    /// <summary>The object whose findings are being reported, for their anchors (see <see cref="Engine.Linter.AnchorOf"/>).</summary>
    internal SNode? AnchorRoot { get; }

    internal string AnchorName { get; }

    /// <summary>Computes a value once per document and shares it between rules.</summary>
    public T Shared<T>(Func<TaskDefinition, T> compute)
        where T : class
    {
        if (!_shared.TryGetValue(typeof(T), out var value))
        {
            value = compute(Task);
            _shared[typeof(T)] = value;
        }

        return (T)value;
    }
}
