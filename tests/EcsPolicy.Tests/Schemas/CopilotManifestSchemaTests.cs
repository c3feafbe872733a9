using System.Globalization;
using System.Text;
using System.Text.Json;
using EcsPolicy.Inputs;
using EcsPolicy.Inputs.Copilot;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Schemas;

/// <summary>
/// schemas/copilot-manifest.schema.json on manifests read as the Copilot loader reads them (the YAML as ecs-policy
/// parses it, as JSON): a manifest Copilot accepts passes, and where ecs-policy reports Copilot's own checks (ECS8001,
/// ECS8002) on a single field, the schema reports that field.
/// </summary>
public class CopilotManifestSchemaTests
{
    private const string File = "copilot/api/manifest.yml";

    /// <summary>Every field the loader reads, with values Copilot accepts, and fields it does not read.</summary>
    private const string Full = """
        # The manifest for the "api" service.
        name: api
        type: Load Balanced Web Service
        http:
          path: '/'
          healthcheck: /health
        image:
          build: api/Dockerfile
          port: 8080
          healthcheck:
            command: ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]
            interval: 10s
            retries: 2
            timeout: 5s
            start_period: 1m30s
          depends_on:
            nginx: start
          labels:
            team: payments
        cpu: 512
        memory: 1024
        platform: linux/ARM64
        count:
          range: 1-10
          cpu_percentage: 70
        exec: true
        entrypoint: "/bin/sh -c"
        command: ["run", "--port", "8080"]
        variables:
          LOG_LEVEL: info
          PORT: 8080
          DB_HOST:
            from_cfn: db-host
        secrets:
          DB_PASSWORD: /copilot/app/test/secrets/db_password
          API_KEY:
            secretsmanager: app/api-key
        env_file: api.env
        logging:
          destination:
            Name: cloudwatch
            region: us-west-2
          enableMetadata: true
          configFilePath: /fluent-bit/extra.conf
        sidecars:
          nginx:
            port: 80/tcp
            image: public.ecr.aws/nginx/nginx:1.27
            essential: true
            variables:
              NGINX_PORT: "80"
            mount_points:
              - source_volume: data
                path: /var/data
                read_only: true
        storage:
          ephemeral: 50
          readonly_fs: true
          volumes:
            data:
              path: /var/data
              read_only: false
              efs: true
            shared:
              path: /shared
              efs:
                id: fs-12345678
                root_dir: /exports
                auth:
                  iam: true
        network:
          vpc:
            placement: private
          connect: true
        deployment:
          rolling: recreate
        taskdef_overrides:
          - path: ContainerDefinitions[0].Ulimits[-]
            value:
              Name: nofile
              SoftLimit: 65536
              HardLimit: 65536
        environments:
          prod:
            count: 3
            memory: 2048
            platform:
              osfamily: linux
              architecture: x86_64
        """;

    private const string Head = """
        name: api
        type: Backend Service
        image:
          location: public.ecr.aws/nginx/nginx:1.27

        """;

    [Fact]
    public async Task A_manifest_Copilot_accepts_passes()
    {
        var result = Lint.File(Full, File);
        Assert.Empty(result.NotChecked);
        Assert.DoesNotContain(result.Findings, f => f.RuleId is "ECS8001" or "ECS8002" or "ECS0001");
        var errors = await Validate(Full);
        Assert.True(errors.Count == 0, SchemaFiles.Describe(errors));
    }

    [Theory]
    [InlineData("type: Web Service", "/type")]
    [InlineData("platform: linux", "/platform")]
    [InlineData("platform: linux/arm7", "/platform")]
    [InlineData("platform:\n  osfamily: linux", "/platform/osfamily")]
    [InlineData("platform:\n  osfamily: windows_server_2016_core\n  architecture: x86_64", "/platform/osfamily")]
    [InlineData("env_file: api.txt", "/env_file")]
    [InlineData("storage:\n  ephemeral: 10", "/storage/ephemeral")]
    [InlineData("deployment:\n  rolling: blue-green", "/deployment/rolling")]
    [InlineData("sidecars:\n  proxy:\n    image: envoyproxy/envoy:v1.31.0\n    port: 9901/sctp", "/sidecars/proxy/port")]
    [InlineData("sidecars:\n  proxy:\n    port: 9901", "/sidecars/proxy")]
    [InlineData("sidecars:\n  proxy:\n    image: envoyproxy/envoy:v1.31.0\n    mount_points:\n      - path: /data", "/sidecars/proxy/mount_points/0")]
    [InlineData("sidecars:\n  proxy:\n    image: envoyproxy/envoy:v1.31.0\n    mount_points:\n      - source_volume: data\n        path: /my data", "/sidecars/proxy/mount_points/0/path")]
    [InlineData("storage:\n  volumes:\n    data:\n      efs: true", "/storage/volumes/data")]
    [InlineData("storage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        uid: 0\n        gid: 0", "/storage/volumes/data/efs/uid")]
    [InlineData("storage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        uid: 1000", "/storage/volumes/data/efs/uid")]
    [InlineData("storage:\n  volumes:\n    data:\n      path: /data\n      efs:\n        id: fs-1\n        root_dir: /my exports", "/storage/volumes/data/efs/root_dir")]
    [InlineData("taskdef_overrides:\n  - path: ContainerDefinitions[x].Ulimits\n    value: []", "/taskdef_overrides/0/path")]
    [InlineData("taskdef_overrides:\n  - value: 1", "/taskdef_overrides/0")]
    public async Task A_field_Copilot_refuses_fails_where_ecs_policy_reports_it(string tail, string path)
    {
        var manifest = tail.StartsWith("type:", StringComparison.Ordinal) ? Head.Replace("type: Backend Service", tail, StringComparison.Ordinal) : Head + tail + "\n";
        var finding = Assert.Single(Lint.File(manifest, File).Findings, f => f.RuleId is "ECS8001" or "ECS8002");
        Assert.Equal(path, finding.Path);

        var errors = await Validate(manifest);
        Assert.True(
            errors.Any(e => e.Pointer == path || (e.Keyword == "required" && (Parent(e.Pointer) == path || Parent(e.Pointer) == Parent(path)))),
            "no schema error at " + path + "; the schema reports:\n" + SchemaFiles.Describe(errors));
    }

    [Fact]
    public async Task Environment_overrides_are_checked_like_the_manifest()
    {
        var errors = await Validate(Head + "environments:\n  prod:\n    platform: linux/arm7\n    storage:\n      ephemeral: 500\n");
        Assert.Contains(errors, e => e.Pointer == "/environments/prod/platform");
        Assert.Contains(errors, e => e.Pointer == "/environments/prod/storage/ephemeral");
    }

    [Fact]
    public async Task Keys_Copilot_does_not_read_here_are_allowed_and_values_match_without_regard_to_case()
    {
        var errors = await Validate("""
            name: api
            type: Backend Service
            image:
              location: public.ecr.aws/nginx/nginx:1.27
              depends_on:
                init: SUCCESS
            http:
              path: /
            observability:
              tracing: awsxray
            platform: Linux/X86_64
            deployment:
              rolling: Recreate
            """);
        Assert.True(errors.Count == 0, SchemaFiles.Describe(errors));
    }

    [Fact]
    public void The_workload_types_are_the_loaders()
    {
        using var doc = JsonDocument.Parse(ManifestSchema.Generate());
        var types = doc.RootElement.GetProperty("definitions").GetProperty("workload").GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal([.. CopilotLoader.EcsWorkloadTypes, .. CopilotLoader.OtherWorkloadTypes], types);
    }

    private static async Task<List<(string Pointer, string Keyword)>> Validate(string yaml)
    {
        var schema = await SchemaFiles.Load(ManifestSchema.FileName);
        var root = YamlTreeReader.Parse(File, Encoding.UTF8.GetBytes(yaml), out var failure) ?? throw new InvalidOperationException(failure?.ToString());
        return SchemaFiles.Errors(schema, ToJson(root));
    }

    private static string Parent(string pointer) => pointer.Contains('/', StringComparison.Ordinal) ? pointer.Substring(0, pointer.LastIndexOf('/')) : "";

    /// <summary>The YAML as ecs-policy parsed it, as JSON: the types are the loader's (256 a number, "256" a string).</summary>
    private static string ToJson(SNode node) => node.Kind switch
    {
        NodeKind.Object => "{" + string.Join(",", node.Children.Select(c => JsonSerializer.Serialize(c.Name) + ":" + ToJson(c))) + "}",
        NodeKind.Array => "[" + string.Join(",", node.Children.Select(ToJson)) + "]",
        NodeKind.String => JsonSerializer.Serialize(node.Scalar),
        NodeKind.Number => double.Parse(node.Scalar!, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        NodeKind.Boolean => node.Scalar!.ToLowerInvariant(),
        _ => "null",
    };
}
