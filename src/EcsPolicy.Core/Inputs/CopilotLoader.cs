using System.Text;
using System.Text.RegularExpressions;
using EcsPolicy.Inputs.Copilot;
using EcsPolicy.Model;
using EcsPolicy.Rules;

namespace EcsPolicy.Inputs;

/// <summary>
/// AWS Copilot workload manifests (<c>copilot/&lt;name&gt;/manifest.yml</c>), recognised by content: a top-level
/// <c>name</c> and <c>type</c>. The workload types that run on ECS (Load Balanced Web Service, Backend Service,
/// Worker Service, Scheduled Job) become the task definition Copilot renders (see <see cref="TaskDefinitionBuilder"/>);
/// Request-Driven Web Service (App Runner) and Static Site are recognised and have nothing to check; any other type is
/// ECS8001. A manifest with <c>environments:</c> overrides becomes variants (<see cref="VariantGroup.ForEnvironments"/>):
/// the manifest as written, which every environment without overrides deploys, and one per environment, each the
/// base with the environment's overrides deep-merged over it (<see cref="ManifestMerge"/>). A service workload also
/// has the ECS service Copilot renders (<see cref="ServiceBuilder"/>), checked with its task definition. A finding of some
/// variants only names the environments, and points at the override when the override gave the value.
/// Each variant's <c>taskdef_overrides</c> are applied to its task definition (<see cref="TaskdefOverrides"/>, ECS8002)
/// and its manifest gets the checks Copilot makes itself (<see cref="ManifestValidator"/>, ECS8001); those findings are
/// the variant's, merged like the rules' findings. Comments <c># ecs-policy: ignore ECSxxxx -- reason</c> suppress
/// findings on their line or the next (<see cref="YamlSuppressions"/>).
/// </summary>
public sealed class CopilotLoader : IInputLoader
{
    /// <summary>The workload types that run on ECS and so have a task definition.</summary>
    public static readonly IReadOnlyList<string> EcsWorkloadTypes = ["Load Balanced Web Service", "Backend Service", "Worker Service", "Scheduled Job"];

    /// <summary>The workload types that do not run on ECS (App Runner, S3 and CloudFront).</summary>
    public static readonly IReadOnlyList<string> OtherWorkloadTypes = ["Request-Driven Web Service", "Static Site"];

    private static readonly Regex TypeLine = new(@"^type:[ \t]*['""]?[A-Za-z]", RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex NameLine = new(@"^name:", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    public bool Accepts(string path) =>
        path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A cheap look at the text, before parsing: top-level <c>name:</c> and <c>type:</c> lines.</summary>
    public static bool LooksLikeManifest(byte[] content)
    {
        var bytes = TextInput.ToUtf8(content, out var offset, out var length);
        // A file with old Mac (CR-only) line endings is still YAML; '^' only follows '\n'.
        var text = Encoding.UTF8.GetString(bytes, offset, length).Replace('\r', '\n');
        return TypeLine.IsMatch(text) && NameLine.IsMatch(text);
    }

    public LoadResult Load(string path, byte[] content, bool explicitlyGiven, LoadContext? context = null)
    {
        if (!LooksLikeManifest(content))
        {
            return LoadResult.NotRecognized;
        }

        var root = YamlTreeReader.Parse(path, content, out var failure);
        if (root is null)
        {
            return LoadResult.ParseError(failure!, context?.Budget);
        }

        if (root.Kind != NodeKind.Object || CloudFormationLoader.IsTemplate(root) || root.Get("name") is null || root.Get("type") is not { } type)
        {
            return LoadResult.NotRecognized;
        }

        if (type.Kind != NodeKind.String || !(EcsWorkloadTypes.Contains(type.Scalar!) || OtherWorkloadTypes.Contains(type.Scalar!)))
        {
            // During a directory walk, any YAML file with a name and a type is not taken for a manifest with a bad type:
            // only one named like Copilot's (manifest.yml) or one the user named.
            if (!explicitlyGiven && !Path.GetFileNameWithoutExtension(path).Equals("manifest", StringComparison.OrdinalIgnoreCase))
            {
                return LoadResult.NotRecognized;
            }

            var message = "The workload type " + (type.IsScalar ? "'" + type.Scalar + "'" : "given") + " is not one Copilot knows: use "
                + string.Join(", ", EcsWorkloadTypes.Concat(OtherWorkloadTypes.Take(1)).Select(t => "'" + t + "'")) + " or '" + OtherWorkloadTypes[1] + "'.";
            return new LoadResult
            {
                Findings = [new Finding("ECS8001", Severity.Error, message, type.Location, "/type")],
                Suppressions = YamlSuppressions.Find(path, content),
            };
        }

        if (!EcsWorkloadTypes.Contains(type.Scalar!))
        {
            return new LoadResult { SkippedAs = type.Scalar };
        }

        var name = root.Get("name") is { Kind: NodeKind.String } n ? n.Scalar! : Path.GetFileName(Path.GetDirectoryName(path) ?? "") ?? "";
        var environments = root.Get("environments") is { Kind: NodeKind.Object } envs
            ? envs.Children.Where(e => e.Name != null).ToList()
            : [];

        // Overrides that are not a mapping (nor empty) are not ones Copilot can read: reported, and not a variant.
        var loaderFindings = environments
            .Where(e => e.Kind is not (NodeKind.Object or NodeKind.Null))
            .Select(e => new Finding("ECS8001", Severity.Error, "The overrides of environment '" + e.Name + "' are not a mapping, so Copilot cannot read the manifest. Write them as manifest keys under the environment's name, e.g. 'count: 2'.", e.Location, e.Path))
            .ToList();
        environments = environments.Where(e => e.Kind is NodeKind.Object or NodeKind.Null).ToList();
        var isService = type.Scalar != "Scheduled Job";
        var group = environments.Count == 0 ? null : VariantGroup.ForEnvironments(environments.Select(e => e.Name!).ToList());
        var tasks = new List<TaskDefinition>();
        var services = new List<Service>();
        var taskFindings = new List<(TaskDefinition, IReadOnlyList<Finding>)>();
        var manifests = new List<SNode> { root };
        manifests.AddRange(environments.Select(e => ManifestMerge.Merge(root, e)));
        for (var i = 0; i < manifests.Count; i++)
        {
            var manifest = manifests[i];
            var findings = ManifestValidator.Validate(manifest, name, requireImage: i > 0 || manifests.Count == 1 || !manifests.Skip(1).All(ManifestValidator.HasImage));
            var node = TaskdefOverrides.Apply(TaskDefinitionBuilder.Build(manifest, name, type), manifest.Get("taskdef_overrides"), findings);
            var task = group is null
                ? TaskDefinition.Create(node, SourceFormat.Copilot, name)
                : TaskDefinition.CreateVariant(node, SourceFormat.Copilot, name, group, i);
            tasks.Add(task);
            taskFindings.Add((task, findings));
            if (isService)
            {
                var service = ServiceBuilder.Build(manifest, name, type);
                services.Add(group is null
                    ? Service.Create(service, SourceFormat.Copilot, name, task)
                    : Service.CreateVariant(service, SourceFormat.Copilot, name, task, group, i));
            }
        }

        return new LoadResult
        {
            Tasks = tasks,
            Services = services,
            Findings = loaderFindings,
            TaskFindings = taskFindings,
            Suppressions = YamlSuppressions.Find(path, content),
        };
    }
}
