using System.Globalization;
using System.Text.RegularExpressions;
using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Shape;

namespace EcsPolicy.Inputs.Copilot;

/// <summary>
/// Copilot's <c>taskdef_overrides</c>: a list of <c>{path, value}</c> rules applied in order to the
/// <c>AWS::ECS::TaskDefinition</c> properties Copilot renders, before the rules see the task definition. A path is
/// <c>.</c>-separated CloudFormation property names, each optionally followed by <c>[N]</c> (item N of a list) or
/// <c>[-]</c> (a new item at the end); missing properties are created and the value (CloudFormation-shaped, intrinsic
/// functions allowed) replaces what is there. Paths Copilot refuses (<c>Family</c>, a container's <c>Name</c>) and
/// paths that cannot be applied are ECS8002, and the rule is skipped. Values an override writes keep their location
/// in the manifest, so a finding they cause points at the override.
/// </summary>
internal sealed class TaskdefOverrides
{
    private static readonly Regex Segment = new(@"^(?<name>[^.\[\]]+)(?:\[(?<index>\d+|-)\])?$", RegexOptions.CultureInvariant);

    /// <summary>The paths Copilot refuses (<c>OverrideRule.validate</c>), as it writes them.</summary>
    private static readonly (Regex Path, string Why)[] Forbidden =
    [
        (new Regex(@"^Family$", RegexOptions.CultureInvariant), "Copilot names the task definition family itself (application, environment and workload)"),
        (new Regex(@"^ContainerDefinitions\[\d+\].Name$", RegexOptions.CultureInvariant), "Copilot names each container itself (the main container after the workload, sidecars after their keys) and refers to them by those names"),
    ];

    /// <summary>
    /// The most segments of a path that are followed. A task definition's properties nest a few levels deep; a longer
    /// path only creates objects no one reads, and each segment is a level of recursion.
    /// </summary>
    public const int MaxSegments = 64;

    private readonly List<LoaderFinding> _findings;
    private readonly PropertyMapper _mapper;
    private readonly Budget _budget;

    /// <summary>The nodes the rule being applied copied into new objects and lists (its work, taken from the budget).</summary>
    private long _copied;

    /// <summary>Whether a rule took more than what was left of the budget: the rules after it are not applied.</summary>
    private bool _overBudget;

    private TaskdefOverrides(List<LoaderFinding> findings, Budget budget)
    {
        _findings = findings;
        _budget = budget;
        _mapper = new PropertyMapper(new IntrinsicResolver(SNode.Object(default, [])));
    }

    /// <summary>
    /// The task definition <paramref name="task"/> (canonical) with the rules of <paramref name="rules"/> (the
    /// manifest's <c>taskdef_overrides</c> value) applied; problems are added to <paramref name="findings"/>. Each rule
    /// rebuilds the objects and lists on its path, so rules that keep growing one list (<c>[-]</c>) cost the square of
    /// their number: the work and the nodes are taken from <paramref name="budget"/>, and once it would be spent the
    /// rules left are not applied (recorded as not checked, at the first of them).
    /// </summary>
    public static SNode Apply(SNode task, SNode? rules, List<LoaderFinding> findings, Budget budget)
    {
        if (rules is null || rules.Kind == NodeKind.Null)
        {
            return task;
        }

        var overrides = new TaskdefOverrides(findings, budget);
        if (rules.Kind != NodeKind.Array)
        {
            overrides.Report(rules, "taskdef_overrides must be a list of rules, each with a path and a value, e.g. '- path: ContainerDefinitions[0].Ulimits[-]'.");
            return task;
        }

        var count = rules.Children.Count;
        for (var k = 0; k < count; k++)
        {
            var rule = rules.Children[k];
            if (budget.IsSpent || overrides._overBudget)
            {
                // This rule and the ones after it are not applied: the task definition is checked as far as it got.
                budget.NotChecked(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "{0:N0} of the {1:N0} taskdef_overrides rules, from this one on, were not applied: applying them would take more than the work one file may take (each rule copies the lists and objects on its path)",
                        count - k,
                        count),
                    (rule.Get("path") ?? rule).Location);
                break;
            }

            // A rule's cost is known once it is applied (the lists and objects on its path); one rule costs at most the
            // task definition built so far and its own value, so the rule that passes the budget is still applied (a
            // rule applied in part would leave nodes moved into a tree that is thrown away) and the next ones are not.
            overrides._copied = 0;
            task = overrides.ApplyRule(task, rule);
            var steps = 1 + overrides._copied;
            var size = steps + Size(rule.Get("value"));
            if (budget.StepLimit - budget.StepsTaken < steps || budget.SizeLimit - budget.SizeTaken < size)
            {
                overrides._overBudget = true;
                continue;
            }

            budget.Step(rule.Location, "applying the taskdef_overrides", steps);
            budget.Build(rule.Location, "applying the taskdef_overrides", size);
        }

        return task;
    }

    private SNode ApplyRule(SNode task, SNode rule)
    {
        var path = rule.Get("path");
        var value = rule.Get("value");
        if (rule.Kind != NodeKind.Object || path is not { Kind: NodeKind.String } || value is null)
        {
            Report(path ?? rule, "A taskdef_overrides rule needs a 'path' (a string) and a 'value': Copilot cannot apply this one. Write e.g. '- path: ContainerDefinitions[0].Ulimits[-]' with 'value:' under it.");
            return task;
        }

        var text = path.Scalar!;
        foreach (var (pattern, why) in Forbidden)
        {
            if (pattern.IsMatch(text))
            {
                Report(path, "The taskdef_overrides path '" + text + "' cannot be overridden: " + why + ", so Copilot refuses the manifest. Remove this rule.");
                return task;
            }
        }

        var parts = text.Split('.');
        if (parts.Length > MaxSegments)
        {
            _budget.NotChecked(
                string.Format(CultureInfo.InvariantCulture, "the taskdef_overrides path has {0:N0} segments, more than the {1} this tool follows, so this rule was not applied", parts.Length, MaxSegments),
                path.Location);
            return task;
        }

        var segments = new List<(string Name, string? Index)>();
        foreach (var part in parts)
        {
            var match = Segment.Match(part);
            if (!match.Success)
            {
                Report(path, "The taskdef_overrides path '" + text + "' is not one Copilot can apply: '" + part + "' is not a property name optionally followed by [N] or [-]. Write CloudFormation property names separated by dots, e.g. ContainerDefinitions[0].Ulimits[-].");
                return task;
            }

            segments.Add((match.Groups["name"].Value, match.Groups["index"].Success ? match.Groups["index"].Value : null));
        }

        var applied = Set(task, ShapeDescription.Default.Root, null, segments, 0, value, path);
        return applied ?? task;
    }

    /// <summary>
    /// <paramref name="node"/> (an object, or null when missing) with the value at <c>segments[i..]</c> set; null when
    /// the path cannot be applied (reported).
    /// </summary>
    private SNode? Set(SNode? node, StructureShape? structure, TypeShape? mapType, List<(string Name, string? Index)> segments, int i, SNode value, SNode path)
    {
        if (node is { Kind: NodeKind.Unknown })
        {
            // Nothing is known of what is there, nor then of the result.
            return node;
        }

        if (node != null && node.Kind != NodeKind.Object)
        {
            Report(path, "The taskdef_overrides path '" + path.Scalar + "' goes through '" + Prefix(segments, i) + "', which is not an object in the task definition Copilot renders, so Copilot cannot apply it.");
            return null;
        }

        // The path names members as CloudFormation spells them (case-sensitive), as in a template. This walk edits the
        // tree along one path rather than mapping a property bag, so it shares ShapeMapper's member lookup and type
        // descent, not its walk; the value at the end is mapped by the template's mapper.
        var (written, index) = segments[i];
        var (member, memberType) = ShapeMapper.Key(structure, mapType, written, ignoreCase: false);
        var child = node?.Get(member);
        var last = i == segments.Count - 1;
        SNode? replacement;
        if (index is null)
        {
            replacement = last ? Mapped(value, memberType, path) : Set(child, memberType?.Structure, memberType, segments, i + 1, value, path);
        }
        else
        {
            replacement = SetItem(child, memberType, index, segments, i, value, path);
        }

        if (replacement is null)
        {
            return null;
        }

        _copied += node?.Children.Count ?? 0;
        var props = new List<(string, string?, SourceLocation, SNode)>();
        var replaced = false;
        foreach (var existing in node?.Children ?? [])
        {
            if (!replaced && ReferenceEquals(existing, child))
            {
                props.Add((member, written, existing.NameLocation, replacement));
                replaced = true;
            }
            else
            {
                props.Add((existing.Name!, existing.SourceName, existing.NameLocation, existing));
            }
        }

        if (!replaced)
        {
            props.Add((member, written, path.Location, replacement));
        }

        // The rebuilt object is still the one its manifest key produced (a sidecar is still sidecars.<name>).
        return SNode.Object(node?.Location ?? path.Location, props).SetSourceKey(node?.SourceKey);
    }

    private SNode? SetItem(SNode? list, TypeShape? listType, string index, List<(string Name, string? Index)> segments, int i, SNode value, SNode path)
    {
        if (list is { Kind: NodeKind.Unknown })
        {
            return list;
        }

        if (list != null && list.Kind != NodeKind.Array)
        {
            Report(path, "The taskdef_overrides path '" + path.Scalar + "' indexes '" + Prefix(segments, i + 1) + "', but " + segments[i].Name + " is not a list in the task definition Copilot renders, so Copilot cannot apply it.");
            return null;
        }

        _copied += list?.Children.Count ?? 0;
        var items = list?.Children.ToList() ?? [];
        var itemType = listType?.Items;
        var last = i == segments.Count - 1;
        if (index == "-")
        {
            var added = last ? Mapped(value, itemType, path) : Set(null, itemType?.Structure, itemType, segments, i + 1, value, path);
            if (added is null)
            {
                return null;
            }

            items.Add(added);
            return SNode.Array(list?.Location ?? path.Location, items).SetSourceKey(list?.SourceKey);
        }

        // The index is the manifest's digits, as many as it writes: one past int is past every list.
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n >= items.Count)
        {
            Report(path, "The taskdef_overrides path '" + path.Scalar + "' uses item " + index + " of " + segments[i].Name + ", which is out of range: " + segments[i].Name + " has "
                + (items.Count == 1 ? "1 item" : items.Count.ToString(CultureInfo.InvariantCulture) + " items") + " in the task definition Copilot renders, so Copilot cannot apply it. Use [-] to add an item at the end"
                + (items.Count > 0 ? ", or an index below " + items.Count.ToString(CultureInfo.InvariantCulture) : "") + ".");
            return null;
        }

        var replacement = last ? Mapped(value, itemType, path) : Set(items[n], itemType?.Structure, itemType, segments, i + 1, value, path);
        if (replacement is null)
        {
            return null;
        }

        items[n] = replacement;
        return SNode.Array(list!.Location, items).SetSourceKey(list.SourceKey);
    }

    /// <summary>An override value (CloudFormation-shaped) as a canonical value of <paramref name="type"/>.</summary>
    private SNode Mapped(SNode value, TypeShape? type, SNode path) =>
        WithOverrideKeys(_mapper.MapAny(value, type) ?? SNode.Unknown("AWS::NoValue, which removes the value", value.Location), Vocabularies.CopilotNames.OverrideKey(path.Scalar!));

    /// <summary>
    /// <paramref name="node"/> (built by the rule at <paramref name="key"/>) and what is under it keyed with the path
    /// that wrote it, in the rule's CloudFormation names: the override is what sets the value, so it is what a fix changes.
    /// </summary>
    private static SNode WithOverrideKeys(SNode node, string key)
    {
        node.SetSourceKey(key);
        foreach (var child in node.Children)
        {
            WithOverrideKeys(child, child.Index >= 0
                ? key + "[" + child.Index.ToString(CultureInfo.InvariantCulture) + "]"
                : key + "." + (child.SourceName ?? child.Name));
        }

        return node;
    }

    /// <summary>The nodes of a value (what mapping it copies).</summary>
    private static long Size(SNode? node)
    {
        if (node is null)
        {
            return 0;
        }

        long size = 1;
        foreach (var child in node.Children)
        {
            size += Size(child);
        }

        return size;
    }

    private static string Prefix(List<(string Name, string? Index)> segments, int count) =>
        string.Join(".", segments.Take(count).Select(s => s.Index is null ? s.Name : s.Name + "[" + s.Index + "]"));

    private void Report(SNode at, string message) =>
        _findings.Add(new LoaderFinding("ECS8002", message, at.Location, at.Path));
}
