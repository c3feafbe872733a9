using EcsPolicy.Inputs.CloudFormation;
using EcsPolicy.Model;
using EcsPolicy.Shape;

namespace EcsPolicy.Inputs;

/// <summary>
/// CloudFormation templates, JSON or YAML (short-form tags included). Recognised by content: an
/// <c>AWSTemplateFormatVersion</c>, or <c>Resources</c> with typed entries. Each <c>AWS::ECS::TaskDefinition</c>,
/// <c>AWS::ECS::Service</c> and <c>AWS::ECS::Cluster</c> becomes a model object named by its logical ID; a service
/// that refers to a task definition of the same template (<c>Ref</c> or <c>Fn::GetAtt</c>) is checked with it.
/// </summary>
public sealed class CloudFormationLoader : IInputLoader
{
    public const string TaskDefinitionType = "AWS::ECS::TaskDefinition";
    public const string ServiceType = "AWS::ECS::Service";
    public const string ClusterType = "AWS::ECS::Cluster";
    public const string TargetGroupType = "AWS::ElasticLoadBalancingV2::TargetGroup";

    /// <summary>The target group properties the rules read, CloudFormation spelling to ELBv2 API name.</summary>
    private static readonly Dictionary<string, string> TargetGroupMembers = new(StringComparer.Ordinal)
    {
        ["HealthCheckPort"] = "healthCheckPort",
        ["Port"] = "port",
        ["Protocol"] = "protocol",
        ["TargetType"] = "targetType",
    };

    public IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.CloudFormationJson, InputFormat.CloudFormationYaml];

    /// <summary>ECS0001 (a template that does not parse, or a defect read past) and ECS0010 (template placeholders).</summary>
    public IReadOnlyList<string> RaisesRules { get; } = ["ECS0001", "ECS0010"];

    public bool Accepts(string path) => FormatDetector.NameFits(path, InputFormat.CloudFormationJson) || FormatDetector.NameFits(path, InputFormat.CloudFormationYaml);

    public LoadResult Load(string path, byte[] content, bool explicitlyGiven, LoadContext? context = null)
    {
        // Which files reach this loader is the FormatDetector's decision (a manifest without a template's words never
        // does); this is the loader's own look at its format, for a caller that asks it directly.
        var looksLikeTemplate = FormatDetector.LooksLikeTemplate(content);
        if (!looksLikeTemplate && !explicitlyGiven)
        {
            return LoadResult.NotRecognized;
        }

        var json = FormatDetector.IsJson(path, content);
        if (!looksLikeTemplate && json)
        {
            // JSON without the words of a template parses to something that is not one: the task-definition loader's,
            // parse errors included. Not parsing it here halves the work on every task definition named explicitly.
            return LoadResult.NotRecognized;
        }

        IReadOnlyList<ParseFailure> defects;
        var root = json ? JsonTreeReader.Parse(path, content, out var failure, out defects) : YamlTreeReader.Parse(path, content, out failure, out defects);
        IReadOnlyList<SNode> templated = [];
        if (root is null && !failure!.IsLimit && TemplateText.Mask(content, json, out var places) is { } masked)
        {
            // Not a template as written, but maybe the source of one (Mustache or Go template tags where values go): read
            // with its tags masked, their values unknown. Still unreadable: the first error as written.
            var maskedRoot = json ? JsonTreeReader.Parse(path, masked, out _, out var maskedDefects) : YamlTreeReader.Parse(path, masked, out _, out maskedDefects);
            if (maskedRoot != null)
            {
                // A key repeated across template sections ({{#a}} X: 1 {{/a}} {{^a}} X: 2 {{/a}}) is one key once rendered: its
                // mapping is unknown (a section is in it), and a repeat there is not reported; elsewhere it is.
                root = TemplateText.Unknown(maskedRoot, places, out templated, out var regions);
                defects = maskedDefects.Where(d => !(d.IsRepeatedKey && regions.Any(r => Within(d.Location, r)))).ToList();
            }
        }

        if (root is null)
        {
            // A JSON file that is not a template is the task-definition loader's to report.
            return looksLikeTemplate || (explicitlyGiven && !json) ? LoadResult.ParseError(failure!, context?.Budget) : LoadResult.NotRecognized;
        }

        if (!FormatDetector.IsTemplate(root))
        {
            return LoadResult.NotRecognized;
        }

        var result = Map(root, context?.ConstructPaths, context?.Budget).WithReadDefects(defects).WithTemplated(templated);
        result = result with { Vocabulary = json ? Vocabulary.CloudFormationJson : Vocabulary.CloudFormationYaml };
        return json ? result : result.WithSuppressions(YamlSuppressions.Find(path, content));
    }

    private static bool Within(SourceLocation inner, SourceLocation outer) =>
        (inner.StartLine > outer.StartLine || (inner.StartLine == outer.StartLine && inner.StartColumn >= outer.StartColumn))
        && (inner.StartLine < outer.EndLine || (inner.StartLine == outer.EndLine && inner.StartColumn <= outer.EndColumn));

    /// <summary>The most conditions a resource's variants are built for; with more, every <c>Fn::If</c> stays unknown.</summary>
    public const int MaxVariantConditions = 3;

    /// <summary>
    /// Builds the model objects of a template. A resource whose properties use <c>Fn::If</c> on up to
    /// <see cref="MaxVariantConditions"/> conditions, or that has its own <c>Condition</c>, becomes one model object per
    /// combination of values of those conditions that can happen (see <see cref="VariantGroup"/>): combinations no
    /// parameter values give are left out (<see cref="ConditionSpace"/>), and so are those where the resource's own
    /// Condition is false, since CloudFormation does not create it there (a resource whose Condition is never true is not
    /// checked at all). A service has variants over its own conditions and the task definition's together (up to
    /// <see cref="MaxGroupConditions"/>), each paired with the task definition variant of the same condition values, or
    /// with none where the task definition does not exist; past that, the service's variants (over its own conditions)
    /// are paired with the first task definition variant that agrees on the conditions they share. Resolving intrinsic
    /// functions and evaluating conditions takes from <paramref name="budget"/> (the file's; a new one when null), which
    /// records what could not be resolved.
    /// </summary>
    public static LoadResult Map(SNode template, IReadOnlyDictionary<string, string>? constructPaths = null, Budget? budget = null)
    {
        var resolver = new IntrinsicResolver(template, budget);
        var tasks = new List<TaskDefinition>();
        var tasksById = new Dictionary<string, List<TaskDefinition>>(StringComparer.Ordinal);
        var services = new List<Service>();
        var clusters = new List<Cluster>();
        var suppressions = new List<Suppression>();
        if (template.Get("Resources") is not { Kind: NodeKind.Object } resources)
        {
            return new LoadResult();
        }

        AddSuppressions(suppressions, template.Get("Metadata"), null);
        var targetGroupsById = new Dictionary<string, TargetGroup?>(StringComparer.Ordinal);

        foreach (var resource in resources.Children)
        {
            if (TypeOf(resource) != TaskDefinitionType)
            {
                continue;
            }

            var origin = OriginOf(resource, constructPaths);
            var variants = new List<TaskDefinition>();
            var (group, built) = Variants(resource, resolver, IfConditions(resource.Get("Properties")), null);
            if (built is { Count: 0 })
            {
                // Its Condition is false whatever the parameters are: CloudFormation never creates it.
                continue;
            }

            if (group is null)
            {
                if (MapTask(resource, resolver) is { } node)
                {
                    variants.Add(TaskDefinition.Create(node, SourceFormat.CloudFormation, resource.Name!, origin));
                }
            }
            else
            {
                foreach (var i in built!)
                {
                    if (MapTask(resource, resolver.Under(group.Assignment(i))) is { } node)
                    {
                        variants.Add(TaskDefinition.CreateVariant(node, SourceFormat.CloudFormation, resource.Name!, group, i, origin));
                    }
                }
            }

            if (variants.Count > 0)
            {
                tasks.AddRange(variants);
                tasksById[resource.Name!] = variants;
                AddSuppressions(suppressions, resource.Get("Metadata"), variants.Select(v => v.Node));
            }
        }

        foreach (var resource in resources.Children)
        {
            var type = TypeOf(resource);
            if (type == ServiceType)
            {
                var built = MapService(resource, resolver, tasksById, resources, targetGroupsById, constructPaths);
                services.AddRange(built);
                AddSuppressions(suppressions, resource.Get("Metadata"), built.Select(s => s.Node));
            }
            else if (type == ClusterType && MayExist(resource, resolver) && PropertiesOf(resource, resolver) is { } clusterProperties)
            {
                var node = new PropertyMapper(resolver).MapObject(clusterProperties, ShapeDescription.Services.Structure("Cluster")!);
                clusters.Add(Cluster.Create(node, SourceFormat.CloudFormation, resource.Name!, OriginOf(resource, constructPaths)));
                AddSuppressions(suppressions, resource.Get("Metadata"), [node]);
            }
        }

        return new LoadResult { Tasks = tasks, Services = services, Clusters = clusters, Suppressions = suppressions };
    }

    private static SNode? MapTask(SNode resource, IntrinsicResolver resolver) =>
        PropertiesOf(resource, resolver) is { } properties
            ? WithGeneratedFamily(new PropertyMapper(resolver).MapObject(properties, ShapeDescription.Default.Root))
            : null;

    private static List<Service> MapService(
        SNode resource,
        IntrinsicResolver resolver,
        Dictionary<string, List<TaskDefinition>> tasksById,
        SNode resources,
        Dictionary<string, TargetGroup?> targetGroupsById,
        IReadOnlyDictionary<string, string>? constructPaths)
    {
        var raw = resource.Get("Properties");
        var referenced = raw?.Kind == NodeKind.Object ? ReferencedResource(raw.Get("TaskDefinition")) : null;
        var taskVariants = referenced != null && tasksById.TryGetValue(referenced, out var found) ? found : null;
        var taskGroup = taskVariants?[0].VariantGroup;
        var (group, built) = Variants(resource, resolver, IfConditions(raw), taskGroup?.Conditions);
        var result = new List<Service>();
        if (built is { Count: 0 })
        {
            // Its Condition is false whatever the parameters are: CloudFormation never creates it.
            return result;
        }

        if (group is null)
        {
            if (PropertiesOf(resource, resolver) is { } properties)
            {
                var node = new PropertyMapper(resolver).MapObject(properties, ShapeDescription.Services.Root);
                var targetGroups = TargetGroupsOf(properties, node, resources, resolver, targetGroupsById, null);
                result.Add(Service.Create(node, SourceFormat.CloudFormation, resource.Name!, taskVariants?[0], targetGroups, OriginOf(resource, constructPaths)));
            }

            return result;
        }

        foreach (var i in built!)
        {
            var assignment = group.Assignment(i);
            var variantResolver = resolver.Under(assignment);
            if (PropertiesOf(resource, variantResolver) is { } properties)
            {
                var node = new PropertyMapper(variantResolver).MapObject(properties, ShapeDescription.Services.Root);
                var task = TaskVariantFor(taskVariants, assignment);
                var targetGroups = TargetGroupsOf(properties, node, resources, variantResolver, targetGroupsById, (group, i));
                result.Add(Service.CreateVariant(node, SourceFormat.CloudFormation, resource.Name!, task, group, i, targetGroups, OriginOf(resource, constructPaths)));
            }
        }

        return result;
    }

    /// <summary>
    /// The most conditions one resource's variants are built over: its own <c>Condition</c>, the conditions of its
    /// <c>Fn::If</c> calls (at most <see cref="MaxVariantConditions"/>) and, for a service, those of the task definition
    /// it runs. Past it, a service has variants over its own conditions only.
    /// </summary>
    public const int MaxGroupConditions = MaxVariantConditions + 2;

    /// <summary>The conditions of the <c>Fn::If</c> calls in a resource's properties; none when there are too many (their values stay unknown).</summary>
    private static IReadOnlyList<string> IfConditions(SNode? properties)
    {
        var conditions = IntrinsicResolver.ConditionsIn(properties);
        return conditions.Count > MaxVariantConditions ? [] : conditions;
    }

    /// <summary>The resource's own <c>Condition</c>: it is created only when that condition is true.</summary>
    private static string? OwnCondition(SNode resource) =>
        resource.Kind == NodeKind.Object && resource.Get("Condition") is { Kind: NodeKind.String, Scalar: { Length: > 0 } name } ? name : null;

    /// <summary>Whether some parameter values create the resource (it has no Condition, or its Condition can be true).</summary>
    private static bool MayExist(SNode resource, IntrinsicResolver resolver) =>
        OwnCondition(resource) is not { } own || resolver.PossibleVariants([own], resource.NameLocation) is not { } possible || possible.Contains(0);

    /// <summary>
    /// The variants to build of a resource: one per combination of values of its own <c>Condition</c> (first), its
    /// <c>Fn::If</c> conditions <paramref name="ifs"/> and <paramref name="more"/> (a service's task definition's, when
    /// they fit), leaving out the combinations no parameter values give and those where its own Condition is false. A
    /// null group with null variants: one object without variants (no conditions, or too many variants for the budget).
    /// An empty list of variants: the resource is never created.
    /// </summary>
    private static (VariantGroup? Group, List<int>? Built) Variants(SNode resource, IntrinsicResolver resolver, IReadOnlyList<string> ifs, IReadOnlyList<string>? more)
    {
        var own = OwnCondition(resource);
        var conditions = new List<string>();
        if (own != null)
        {
            conditions.Add(own);
        }

        conditions.AddRange(ifs.Where(c => !conditions.Contains(c)));
        if (more != null)
        {
            var combined = conditions.Concat(more).Distinct().ToList();
            if (combined.Count <= MaxGroupConditions)
            {
                conditions = combined;
            }
        }

        if (conditions.Count == 0)
        {
            return (null, null);
        }

        var possible = resolver.PossibleVariants(conditions, resource.NameLocation);
        var ownFalse = 1 << (conditions.Count - 1);
        var built = Enumerable.Range(0, 1 << conditions.Count)
            .Where(v => (possible is null || possible.Contains(v)) && (own is null || (v & ownFalse) == 0))
            .ToList();
        if (built.Count == 0)
        {
            return (null, built);
        }

        return resolver.ReserveVariants(resource, built.Count, conditions) ? (new VariantGroup(conditions, built), built) : (null, null);
    }

    /// <summary>
    /// The variant of the task definition a service variant runs: the one of the same condition values; none when the
    /// task definition does not exist with those values (its own Condition is false). When the service's variants do
    /// not cover all the task definition's conditions, the first variant that agrees on those they share.
    /// </summary>
    private static TaskDefinition? TaskVariantFor(List<TaskDefinition>? taskVariants, IReadOnlyDictionary<string, bool> assignment)
    {
        if (taskVariants is null || taskVariants[0].VariantGroup is not { } taskGroup)
        {
            return taskVariants?[0];
        }

        if (taskGroup.Conditions.All(assignment.ContainsKey))
        {
            var index = taskGroup.VariantOf(assignment);
            return !taskGroup.IsPossible(index) ? null
                : taskVariants.Find(t => t.VariantIndex == index) ?? taskVariants[0];
        }

        return taskVariants.Find(t => taskGroup.Assignment(t.VariantIndex).All(a => !assignment.TryGetValue(a.Key, out var v) || v == a.Value)) ?? taskVariants[0];
    }

    /// <summary>
    /// The suppressions in a <c>Metadata</c> value: <c>ecs-policy: {ignore: [ECS6007, {id: ECS6007, reason: "..."}]}</c>
    /// (a single ID is accepted in place of the list). <paramref name="scope"/> is null for the template's own metadata.
    /// </summary>
    private static void AddSuppressions(List<Suppression> suppressions, SNode? metadata, IEnumerable<SNode>? scope)
    {
        if (metadata?.Get("ecs-policy") is not { Kind: NodeKind.Object } settings || settings.Get("ignore") is not { } ignore)
        {
            return;
        }

        var roots = scope?.ToList();
        foreach (var entry in ignore.Kind == NodeKind.Array ? (IReadOnlyList<SNode>)ignore.Children : [ignore])
        {
            var id = entry.Kind == NodeKind.String ? entry : entry.Get("id");
            if (id is not { Kind: NodeKind.String } || string.IsNullOrWhiteSpace(id.Scalar))
            {
                continue;
            }

            var reason = entry.Get("reason") is { IsScalar: true } r ? r.Scalar : null;
            suppressions.Add(new Suppression(id.Scalar!.Trim(), roots, reason, id.Location));
        }
    }

    /// <summary>
    /// The target groups of the template that the service's load balancer entries name (<c>TargetGroupArn: !Ref TG</c>),
    /// keyed by the entry's node in the service's canonical tree; null when there are none.
    /// </summary>
    private static Dictionary<SNode, TargetGroup>? TargetGroupsOf(
        SNode rawProperties,
        SNode service,
        SNode resources,
        IntrinsicResolver resolver,
        Dictionary<string, TargetGroup?> cache,
        (VariantGroup Group, int Variant)? variant)
    {
        if (rawProperties.Get("LoadBalancers") is not { } rawList
            || resolver.Resolve(rawList) is not { Kind: NodeKind.Array } rawEntries
            || service.Get("loadBalancers") is not { Kind: NodeKind.Array } entries)
        {
            return null;
        }

        // The mapper keeps the location of each entry, so the canonical entry is the one at the same place (indexed:
        // a template may list thousands of entries).
        var entriesAt = new Dictionary<SourceLocation, SNode>();
        foreach (var e in entries.Children)
        {
            if (!entriesAt.ContainsKey(e.Location))
            {
                entriesAt[e.Location] = e;
            }
        }

        Dictionary<SNode, TargetGroup>? result = null;
        foreach (var rawItem in rawEntries.Children)
        {
            if (resolver.Resolve(rawItem) is not { Kind: NodeKind.Object } rawEntry
                || ReferencedResource(rawEntry.Get("TargetGroupArn")) is not { } id
                || !entriesAt.TryGetValue(rawEntry.Location, out var entry))
            {
                continue;
            }

            if (!cache.TryGetValue(id, out var group))
            {
                group = resources.Get(id) is { } tg && TypeOf(tg) == TargetGroupType && PropertiesOf(tg, resolver) is { } tgProperties
                    ? TargetGroup.Create(MapTargetGroup(tgProperties, resolver), id)
                    : null;
                cache[id] = group;
            }

            if (group != null && TargetGroupMayExist(resources.Get(id)!, resolver, variant))
            {
                result ??= [];
                result[entry] = group;
            }
        }

        return result;
    }

    /// <summary>
    /// Whether a target group may exist along with the service (variant): it has no Condition, or its Condition can be
    /// true with the variant's condition values.
    /// </summary>
    private static bool TargetGroupMayExist(SNode targetGroup, IntrinsicResolver resolver, (VariantGroup Group, int Variant)? variant)
    {
        if (OwnCondition(targetGroup) is not { } own)
        {
            return true;
        }

        if (variant is null)
        {
            return MayExist(targetGroup, resolver);
        }

        var (group, index) = variant.Value;
        var assignment = group.Assignment(index);
        if (assignment.TryGetValue(own, out var value))
        {
            return value;
        }

        // The service's conditions and the target group's together: the variant with the target group's true.
        var conditions = group.Conditions.Append(own).ToList();
        return resolver.PossibleVariants(conditions, targetGroup.NameLocation) is not { } possible || possible.Contains(index << 1);
    }

    private static SNode MapTargetGroup(SNode properties, IntrinsicResolver resolver)
    {
        var members = new List<(string, string?, SourceLocation, SNode)>();
        foreach (var child in properties.Children)
        {
            if (TargetGroupMembers.TryGetValue(child.Name!, out var member) && resolver.Resolve(child) is { } value)
            {
                members.Add((member, child.Name, child.NameLocation, value));
            }
        }

        return SNode.Object(properties.Location, members);
    }

    /// <summary>The metadata key under which the AWS CDK records the construct path of the resource it synthesized.</summary>
    public const string CdkPathKey = "aws:cdk:path";

    private static readonly string[] DefaultChildIds = ["/Resource", "/Default"];

    /// <summary>
    /// <c>construct MyStack/Api/TaskDef</c> for a resource with <c>Metadata: {"aws:cdk:path": "MyStack/Api/TaskDef/Resource"}</c>:
    /// the path of the construct a CDK user wrote. The final <c>Resource</c> or <c>Default</c> (the IDs CDK gives the
    /// CloudFormation resource inside a higher-level construct) is left out. Null without such metadata.
    /// </summary>
    internal static string? OriginOf(SNode resource, IReadOnlyDictionary<string, string>? constructPaths = null)
    {
        string? written = null;
        if (resource.Kind == NodeKind.Object && resource.Get("Metadata")?.Get(CdkPathKey) is { Kind: NodeKind.String } pathNode)
        {
            written = pathNode.Scalar;
        }
        else if (resource.Name != null && constructPaths != null && constructPaths.TryGetValue(resource.Name, out var fromManifest))
        {
            written = fromManifest;
        }

        if (written is null)
        {
            return null;
        }

        var path = written.Trim().Trim('/');
        foreach (var suffix in DefaultChildIds)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal) && path.Length > suffix.Length)
            {
                path = path.Substring(0, path.Length - suffix.Length);
                break;
            }
        }

        return path.Length == 0 ? null : "construct " + path;
    }

    private static string? TypeOf(SNode resource) =>
        resource.Kind == NodeKind.Object && resource.Get("Type") is { Kind: NodeKind.String } type ? type.Scalar : null;

    /// <summary>The resource's properties as an object; an empty one when there are none, null when they are not statically an object.</summary>
    private static SNode? PropertiesOf(SNode resource, IntrinsicResolver resolver)
    {
        var properties = resource.Get("Properties");
        if (properties is null || properties.Kind == NodeKind.Null)
        {
            return SNode.Object(resource.Location, []);
        }

        var resolved = resolver.Resolve(properties);
        return resolved is { Kind: NodeKind.Object } ? resolved : null;
    }

    /// <summary>
    /// CloudFormation names the family itself when the template does not: the family is then present but not known
    /// (so the shape rules do not ask for it).
    /// </summary>
    private static SNode WithGeneratedFamily(SNode node)
    {
        if (node.Get("family") != null)
        {
            return node;
        }

        var members = node.Children.Select(c => (c.Name!, c.SourceName, c.NameLocation, c)).ToList();
        members.Add(("family", null, node.Location, SNode.Unknown("the family name CloudFormation generates when Family is not set", node.Location)));
        return SNode.Object(node.Location, members);
    }

    /// <summary>The logical ID in <c>Ref: X</c>, <c>Fn::GetAtt: [X, ...]</c> or <c>Fn::GetAtt: X.attr</c>, or null.</summary>
    private static string? ReferencedResource(SNode? value)
    {
        if (value is null || !IntrinsicResolver.IsIntrinsic(value, out var function, out var argument))
        {
            return null;
        }

        return function switch
        {
            "Ref" when argument.Kind == NodeKind.String => argument.Scalar,
            "Fn::GetAtt" when argument.Kind == NodeKind.Array && argument.Children.Count > 0 && argument.Children[0].Kind == NodeKind.String => argument.Children[0].Scalar,
            "Fn::GetAtt" when argument.Kind == NodeKind.String && argument.Scalar!.IndexOf('.') > 0 => argument.Scalar.Substring(0, argument.Scalar.IndexOf('.')),
            _ => null,
        };
    }
}
