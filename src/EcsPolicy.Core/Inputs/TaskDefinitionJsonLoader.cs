using EcsPolicy.Model;

namespace EcsPolicy.Inputs;

/// <summary>
/// Raw ECS API JSON: <c>register-task-definition</c> input, <c>describe-task-definition</c> output (the
/// <c>taskDefinition</c> wrapper), bare arrays of container definitions, and <c>create-service</c> input.
/// Recognised by content, not by name.
/// </summary>
public sealed class TaskDefinitionJsonLoader : IInputLoader
{
    /// <summary>Task-level members that a bare container-definition array cannot know.</summary>
    private static readonly string[] TaskLevelMembers =
    [
        "family", "taskRoleArn", "executionRoleArn", "networkMode", "volumes", "placementConstraints", "requiresCompatibilities",
        "cpu", "memory", "pidMode", "ipcMode", "proxyConfiguration", "ephemeralStorage", "runtimePlatform", "tags",
    ];

    public IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.TaskDefinitionJson];

    /// <summary>ECS0001 (JSON that does not parse, or a defect read past) and ECS0010 (template placeholders).</summary>
    public IReadOnlyList<string> RaisesRules { get; } = ["ECS0001", "ECS0010"];

    public bool Accepts(string path) => FormatDetector.NameFits(path, InputFormat.TaskDefinitionJson);

    public LoadResult Load(string path, byte[] content, bool explicitlyGiven, LoadContext? context = null)
    {
        var root = JsonTreeReader.Parse(path, content, out var failure, out var defects);
        if (root is null && !failure!.IsLimit && TemplateText.Mask(content, json: true, out _) is { } masked)
        {
            // Not JSON as written, but maybe a template whose bare placeholders (<MEMORY>, {{ cpu }}) a deploy step fills
            // in: read with them masked as placeholder strings, which are unknown below. Still not JSON: the first error.
            var maskedRoot = JsonTreeReader.Parse(path, masked, out _, out var maskedDefects);
            if (maskedRoot != null)
            {
                (root, defects) = (maskedRoot, maskedDefects);
            }
        }

        if (root is null)
        {
            return explicitlyGiven || FormatDetector.LooksLikeTaskDefinition(content) ? LoadResult.ParseError(failure!, context?.Budget) : LoadResult.NotRecognized;
        }

        // Task definitions in repositories are often templates a deploy step fills in: their placeholders are unknown.
        root = TemplatePlaceholders.Unknown(root, out var templated);
        var task = Recognize(root);
        if (task != null)
        {
            return new LoadResult { Tasks = [task] }.WithReadDefects(defects).WithTemplated(templated);
        }

        var service = RecognizeService(root);
        return service is null ? LoadResult.NotRecognized : new LoadResult { Services = [service] }.WithReadDefects(defects).WithTemplated(templated);
    }

    /// <summary>Builds the model for a parsed JSON document, or returns null when it is not a task definition.</summary>
    public static TaskDefinition? Recognize(SNode root)
    {
        if (root.Kind == NodeKind.Object)
        {
            if (root.Get("taskDefinition") is { Kind: NodeKind.Object } inner)
            {
                // describe-task-definition output: the definition, with the response's tags beside it.
                var members = inner.Children.Select(Member).ToList();
                if (root.Get("tags") is { } tags && inner.Get("tags") is null)
                {
                    members.Add(Member(tags));
                }

                var merged = SNode.Object(inner.Location, members);
                return TaskDefinition.Create(merged, SourceFormat.TaskDefinitionJson, NameOf(merged));
            }

            if (root.Get("containerDefinitions") != null || (root.Get("family") != null && root.Get("taskDefinitionArn") == null && root.Get("Resources") == null))
            {
                return TaskDefinition.Create(root, SourceFormat.TaskDefinitionJson, NameOf(root));
            }

            return null;
        }

        if (root.Kind == NodeKind.Array && root.Children.Count > 0
            && root.Children.All(c => c.Kind == NodeKind.Object)
            && root.Children.Any(c => c.Get("name") != null || c.Get("image") != null))
        {
            // A bare container-definition list: the task-level fields exist but are not known here.
            var members = new List<(string, string?, SourceLocation, SNode)> { ("containerDefinitions", null, root.Location, root) };
            foreach (var name in TaskLevelMembers)
            {
                members.Add((name, null, root.Location, SNode.Unknown("not part of a bare container-definition list", root.Location)));
            }

            var synthetic = SNode.Object(root.Location, members);
            return TaskDefinition.Create(synthetic, SourceFormat.ContainerDefinitionsJson, "container definitions");
        }

        return null;
    }

    /// <summary><c>aws ecs create-service --cli-input-json</c> input: a service name and a task definition reference.</summary>
    public static Service? RecognizeService(SNode root) =>
        root.Kind == NodeKind.Object && root.Get("serviceName") is { Kind: NodeKind.String } name && root.Get("taskDefinition") is { Kind: NodeKind.String }
            ? Service.Create(root, SourceFormat.TaskDefinitionJson, name.Scalar!)
            : null;

    private static (string, string?, SourceLocation, SNode) Member(SNode n) => (n.Name!, n.SourceName, n.NameLocation, n);

    private static string NameOf(SNode node) => node.Get("family") is { Kind: NodeKind.String } f ? f.Scalar! : "task definition";
}
