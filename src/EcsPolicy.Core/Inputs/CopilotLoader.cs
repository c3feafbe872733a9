using System.Globalization;
using EcsPolicy.Inputs.Copilot;
using EcsPolicy.Model;

namespace EcsPolicy.Inputs;

/// <summary>
/// AWS Copilot workload manifests (<c>copilot/&lt;name&gt;/manifest.yml</c>), recognised by content: a top-level
/// <c>name</c> and <c>type</c>. The workload types that run on ECS (Load Balanced Web Service, Backend Service,
/// Worker Service, Scheduled Job) become the task definition Copilot renders (see <see cref="TaskDefinitionBuilder"/>);
/// Request-Driven Web Service (App Runner) and Static Site are recognised and have nothing to check; any other type is
/// ECS8001. A manifest with <c>environments:</c> overrides becomes variants (<see cref="VariantGroup.ForEnvironments"/>):
/// the manifest as written, which every environment without overrides deploys, and one per environment with overrides,
/// each the base with the environment's overrides deep-merged over it (<see cref="ManifestMerge"/>), as many as the
/// file's budget affords (the others are reported as not checked, ECS0009). A service workload also
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

    /// <summary>
    /// Copilot manifests that are not workloads: an environment's (<c>copilot/environments/&lt;env&gt;/manifest.yml</c>, its
    /// VPC, certificates and observability). Recognised, so that they are not reported as an unknown workload type, and
    /// without a task definition to check.
    /// </summary>
    public static readonly IReadOnlyList<string> NonWorkloadTypes = ["Environment"];

    /// <summary>
    /// The steps one environment's variant costs whatever its size: a task definition and a service are built and
    /// every rule checks them, about a thousand steps' work for a small manifest (measured: 800 variants of a
    /// five-line manifest take about 0.15 s).
    /// </summary>
    public const long StepsPerEnvironment = 1_000;

    /// <summary>
    /// The steps one environment's variant costs per node of its manifest: the node is copied, built into the task
    /// definition (a variable is three nodes there) and walked by the rules (measured: a variant of a 40,000-node
    /// manifest takes about 0.12 s, some 3 microseconds a node).
    /// </summary>
    public const long StepsPerNode = 10;

    public IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.CopilotManifest];

    /// <summary>
    /// ECS0001 (a manifest that does not parse, or a key written twice), ECS8001 (a manifest Copilot rejects, see
    /// <see cref="ManifestValidator"/>) and ECS8002 (a <c>taskdef_overrides</c> rule Copilot refuses, see <see cref="TaskdefOverrides"/>).
    /// </summary>
    public IReadOnlyList<string> RaisesRules { get; } = ["ECS0001", "ECS8001", "ECS8002"];

    public bool Accepts(string path) => FormatDetector.NameFits(path, InputFormat.CopilotManifest);

    public LoadResult Load(string path, byte[] content, bool explicitlyGiven, LoadContext? context = null)
    {
        if (!FormatDetector.LooksLikeManifest(content))
        {
            return LoadResult.NotRecognized;
        }

        // A key written twice is read past with its last value and reported (ECS0001), as in the other formats: Copilot's
        // YAML reader refuses such a manifest, so it is an error, but the rest of the manifest is still checked.
        var root = YamlTreeReader.Parse(path, content, out var failure, out var defects);
        if (root is null)
        {
            return LoadResult.ParseError(failure!, context?.Budget);
        }

        var result = Load(path, content, root, explicitlyGiven, context);
        return result.Recognized ? result.WithReadDefects(defects, repeatedKeyRefused: true) : result;
    }

    private static LoadResult Load(string path, byte[] content, SNode root, bool explicitlyGiven, LoadContext? context)
    {
        // A document that parses into a CloudFormation template is never a manifest (FormatDetector's priority), even
        // with a top-level name and type.
        if (root.Kind != NodeKind.Object || FormatDetector.IsTemplate(root) || root.Get("name") is null || root.Get("type") is not { } type)
        {
            return LoadResult.NotRecognized;
        }

        if (type.Kind == NodeKind.String && NonWorkloadTypes.Contains(type.Scalar!))
        {
            return new LoadResult { Suppressions = YamlSuppressions.Find(path, content) };
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
                Findings = [new LoaderFinding("ECS8001", message, type.Location, "/type")],
                Suppressions = YamlSuppressions.Find(path, content),
            };
        }

        if (!EcsWorkloadTypes.Contains(type.Scalar!))
        {
            return new LoadResult { SkippedAs = type.Scalar };
        }

        var name = root.Get("name") is { Kind: NodeKind.String } n ? n.Scalar! : Path.GetFileName(Path.GetDirectoryName(path) ?? "") ?? "";
        var budget = context?.Budget ?? new Budget();
        var environmentsNode = root.Get(ManifestMerge.Environments);
        var environments = environmentsNode is { Kind: NodeKind.Object } envs
            ? envs.Children.Where(e => e.Name != null).ToList()
            : [];

        // Overrides that are not a mapping (nor empty) are not ones Copilot can read: reported, and not a variant.
        var loaderFindings = environments
            .Where(e => e.Kind is not (NodeKind.Object or NodeKind.Null))
            .Select(e => new LoaderFinding("ECS8001", "The overrides of environment '" + e.Name + "' are not a mapping, so Copilot cannot read the manifest. Write them as manifest keys under the environment's name, e.g. 'count: 2'.", e.Location, e.Path))
            .ToList();

        // An environment whose overrides change nothing deploys the manifest as written, which is checked once as
        // variant 0: it is not a variant of its own (thousands of empty entries would otherwise be thousands of copies).
        var readable = environments.Where(e => e.Kind is NodeKind.Object or NodeKind.Null).ToList();
        var overriding = readable.Where(e => !ManifestMerge.IsEmpty(e)).ToList();
        var manifests = new List<SNode> { root };
        manifests.AddRange(MergeWithin(budget, root, environmentsNode, overriding));

        // The manifest as written needs a main image when it is deployed without one: with no environment overrides,
        // in an environment without overrides, or when some environment's overrides give none either.
        var requireBaseImage = overriding.Count < readable.Count || overriding.Count == 0 || !manifests.Skip(1).All(ManifestValidator.HasImage);
        overriding = overriding.Take(manifests.Count - 1).ToList();
        var isService = type.Scalar != "Scheduled Job";
        var group = overriding.Count == 0 ? null : VariantGroup.ForEnvironments(overriding.Select(e => e.Name!).ToList());
        var tasks = new List<TaskDefinition>();
        var services = new List<Service>();
        var taskFindings = new List<(TaskDefinition, IReadOnlyList<LoaderFinding>)>();
        for (var i = 0; i < manifests.Count; i++)
        {
            var manifest = manifests[i];
            var findings = ManifestValidator.Validate(manifest, name, requireImage: i > 0 || requireBaseImage);
            var node = TaskdefOverrides.Apply(TaskDefinitionBuilder.Build(manifest, name, type), manifest.Get("taskdef_overrides"), findings, budget);
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

        if (context?.Budget is null)
        {
            // Called without a file's budget, the loader reports what it could not check itself.
            loaderFindings.AddRange(budget.Gaps.Select(g => new LoaderFinding(Engine.Linter.NotCheckedId, Engine.Linter.NotCheckedMessage(g.Reason), g.Location, "")));
        }

        return new LoadResult
        {
            Vocabulary = Vocabulary.Copilot,
            Tasks = tasks,
            Services = services,
            Findings = loaderFindings,
            TaskFindings = taskFindings,
            Suppressions = YamlSuppressions.Find(path, content),
        };
    }

    /// <summary>
    /// The manifest of each of <paramref name="environments"/> (the base with its overrides merged over it), in order,
    /// as many as <paramref name="budget"/> affords. Each one is a copy of the base and becomes a task definition and a
    /// service that every rule checks, so it costs <see cref="StepsPerEnvironment"/> and <see cref="StepsPerNode"/> for
    /// each of its nodes; the environments together may take at most half of the file's budget, leaving the rest to the
    /// manifest as written and the rules, and never spend it (so nothing else gives up because of them).
    /// The environments past that are recorded as not checked, at the <c>environments:</c> key, with their number.
    /// </summary>
    private static List<SNode> MergeWithin(Budget budget, SNode root, SNode? environmentsNode, List<SNode> environments)
    {
        var merged = new List<SNode>();
        if (environments.Count == 0)
        {
            return merged;
        }

        var baseSize = ManifestMerge.Size(root) - ManifestMerge.Size(environmentsNode);
        var stepCap = Math.Min(budget.StepLimit, budget.StepsTaken + (budget.StepLimit / 2));
        var sizeCap = Math.Min(budget.SizeLimit, budget.SizeTaken + (budget.SizeLimit / 2));
        foreach (var environment in environments)
        {
            // The merge copies the base and the overrides at most once each; a deep merge visits no node twice.
            var size = baseSize + ManifestMerge.Size(environment);
            var steps = StepsPerEnvironment + (size * StepsPerNode);
            if (budget.IsSpent || budget.StepsTaken + steps > stepCap || budget.SizeTaken + size > sizeCap)
            {
                var left = environments.Count - merged.Count;
                budget.NotChecked(
                    string.Format(
                        CultureInfo.InvariantCulture,
                        "the overrides of {0:N0} of the {1:N0} environments that have overrides (from '{2}' on) were not checked: each environment is a copy of the manifest that every rule checks, and these would take more than half of the work one file may take",
                        left,
                        environments.Count,
                        environment.Name),
                    environmentsNode!.NameLocation);
                break;
            }

            budget.Step(environment.NameLocation, "merging the environments' overrides", steps);
            budget.Build(environment.NameLocation, "merging the environments' overrides", size);
            merged.Add(ManifestMerge.Merge(root, environment));
        }

        return merged;
    }
}
