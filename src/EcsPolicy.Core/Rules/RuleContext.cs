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

    // Every overload takes the message as a FindingText: a plain string converts to one, and an interpolated string is
    // built into one by the FindingTextBuilder overloads (the compiler prefers them), keeping the properties and fixes it
    // names as parts for the renderer.
    public void Report(SourceLocation location, string path, FindingText message) => Add(location, path, message, null);

    public void Report(SourceLocation location, string path, FindingTextBuilder message) => Report(location, path, message.ToText());

    /// <summary>
    /// Reports at a value with at most <paramref name="atMost"/> severity: for a case of the rule that is advice rather
    /// than a defect (e.g. a value the input format fills in by default, which the user never wrote).
    /// </summary>
    public void ReportAtMost<T>(Val<T> value, Severity atMost, FindingText message) =>
        Add(value.Location, value.Node?.Path ?? value.Owner?.Node.Path ?? "", message, value.Node, atMost);

    public void ReportAtMost<T>(Val<T> value, Severity atMost, FindingTextBuilder message) => ReportAtMost(value, atMost, message.ToText());

    /// <summary>Reports at a node with at most <paramref name="atMost"/> severity (see the <see cref="Val{T}"/> overload).</summary>
    public void ReportAtMost(SNode node, Severity atMost, FindingText message) =>
        Add(node.Location, node.Path, message, node, atMost);

    public void ReportAtMost(SNode node, Severity atMost, FindingTextBuilder message) => ReportAtMost(node, atMost, message.ToText());

    /// <summary>Reports at a location with at most <paramref name="atMost"/> severity (see the <see cref="Val{T}"/> overload).</summary>
    public void ReportAtMost(SourceLocation location, string path, Severity atMost, FindingText message) =>
        Add(location, path, message, null, atMost);

    public void ReportAtMost(SourceLocation location, string path, Severity atMost, FindingTextBuilder message) => ReportAtMost(location, path, atMost, message.ToText());

    public void Report(SNode node, FindingText message) => Add(node.Location, node.Path, message, node);

    public void Report(SNode node, FindingTextBuilder message) => Report(node, message.ToText());

    public void Report<T>(Val<T> value, FindingText message) => Report(value, message, null);

    public void Report<T>(Val<T> value, FindingTextBuilder message) => Report(value, message.ToText(), null);

    /// <summary>
    /// Reports at a value with the fix the rule knows although the message does not show it as code (e.g. the nearest
    /// valid Fargate memory), for <c>--fix</c> and the code fixes; with a null <paramref name="fix"/>, as without one.
    /// </summary>
    public void Report<T>(Val<T> value, FindingText message, ModelEdit? fix) =>
        Add(value.Location, value.Node?.Path ?? value.Owner?.Node.Path ?? "", message, value.Node, fix: fix);

    public void Report<T>(ModelList<T> list, FindingText message) =>
        Add(list.Location, list.Node?.Path ?? list.Owner?.Node.Path ?? "", message, null);

    public void Report<T>(ModelList<T> list, FindingTextBuilder message) => Report(list, message.ToText());

    public void Report(ModelObject owner, FindingText message) => Add(owner.AnchorLocation, owner.Node.Path, message, null);

    public void Report(ModelObject owner, FindingTextBuilder message) => Report(owner, message.ToText());

    /// <summary>
    /// Adds a finding. Its message is kept as parts (<see cref="Finding.Text"/>) and rendered in the API's names for now;
    /// the linter renders it again in the vocabulary of the file. The fix is the first the message suggests that can be applied. A finding
    /// at a value the input format filled in (<paramref name="at"/>) carries the format's sentence about that default
    /// (<see cref="Finding.FormatDefault"/>) rather than having it added to its text.
    /// </summary>
    private void Add(SourceLocation location, string path, FindingText message, SNode? at, Severity atMost = Severity.Error, ModelEdit? fix = null)
    {
        var plain = message.IsPlain;
        _sink.Add(new Finding(RuleId, Severity < atMost ? Severity : atMost, message.Render(Vocabulary.Api), location, path)
        {
            Text = plain ? null : message,
            Fix = fix ?? (plain ? null : message.Fixes.FirstOrDefault(e => e.Applicable)),
            FormatDefault = at?.DefaultNote,
            Anchor = Document.AnchorRoot is { } root ? Engine.Anchors.Of(root, Document.AnchorName, path) : "",
        });
    }
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

    /// <summary>The object whose findings are being reported, for their anchors (see <see cref="Engine.Anchors.Of"/>).</summary>
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
