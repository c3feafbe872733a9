using System.Text;
using EcsPolicy.Engine;
using EcsPolicy.Fixes;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Fixes;

/// <summary>
/// <see cref="FixApplier"/> on fixes built from a loaded model (as the rules build them): the fixed file differs from the
/// original only in the edit, and the rule no longer fires; and each reason a file is left as it is.
/// </summary>
public class FixApplierTests
{
    internal static LoadResult Load(string file, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var format in FormatDetector.Candidates(file, bytes, explicitlyGiven: true))
        {
            var result = RuleRegistry.LoaderOf(format).Load(file, bytes, explicitlyGiven: true);
            if (result.Recognized)
            {
                return result;
            }
        }

        throw new InvalidOperationException("no loader reads " + file);
    }

    /// <summary>A finding of <paramref name="rule"/> with the fix <paramref name="edit"/>, at the edit's value or object.</summary>
    internal static Finding With(string rule, ModelEdit edit) =>
        new(rule, Severity.Warning, "message", (edit.Target.Node ?? edit.Target.Owner!).Location, "") { Fix = edit };

    internal static FixResult Apply(string file, string text, params Finding[] findings) =>
        FixApplier.Apply(file, Encoding.UTF8.GetBytes(text), findings);

    internal static string Text(FixResult result)
    {
        Assert.True(result.Content is not null, "not fixed: " + string.Join("; ", result.Refusals));
        return Encoding.UTF8.GetString(result.Content!);
    }

    /// <summary>Asserts that <paramref name="after"/> is <paramref name="before"/> with <paramref name="removed"/> replaced by <paramref name="inserted"/>, every other character kept.</summary>
    internal static void AssertOnlyChange(string before, string after, string removed, string inserted)
    {
        // The common prefix and suffix may eat into an edit that starts or ends like its surroundings (a new line after
        // another), so the check is that one place of the original, edited so, gives the new text; the middles are for
        // the message.
        var (middleBefore, middleAfter) = Middles(before, after);
        Assert.True(Undo(before, after, removed, inserted), $"changed '{middleBefore}' to '{middleAfter}', expected '{removed}' to '{inserted}'");
    }

    /// <summary>What differs between two texts: the part of each between their longest common prefix and suffix.</summary>
    internal static (string Before, string After) Middles(string before, string after)
    {
        var prefix = 0;
        while (prefix < before.Length && prefix < after.Length && before[prefix] == after[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < before.Length - prefix && suffix < after.Length - prefix && before[before.Length - 1 - suffix] == after[after.Length - 1 - suffix])
        {
            suffix++;
        }

        return (before.Substring(prefix, before.Length - prefix - suffix), after.Substring(prefix, after.Length - prefix - suffix));
    }

    // Whether exactly one place of `before` holding `removed` became `inserted` in `after`.
    private static bool Undo(string before, string after, string removed, string inserted)
    {
        for (var at = 0; at <= before.Length - removed.Length; at++)
        {
            if (string.CompareOrdinal(before, at, removed, 0, removed.Length) == 0
                && string.Concat(before.AsSpan(0, at), inserted, before.AsSpan(at + removed.Length)) == after)
            {
                return true;
            }
        }

        return false;
    }

    private const string TaskJson = """
        {
          "family": "web",
          "containerDefinitions": [
            {
              "name": "app",
              "image": "public.ecr.aws/nginx/nginx:1.27",
              "essential": true
            }
          ]
        }
        """;

    private static ContainerDefinition Container(LoadResult loaded, int index = 0) => loaded.Tasks[0].ContainerDefinitions[index];

    [Fact]
    public void A_missing_member_of_a_json_object_is_added_after_the_last_with_its_indentation()
    {
        var loaded = Load("task.json", TaskJson);
        Assert.NotEmpty(Lint.Text(TaskJson).Only("ECS6002"));
        var result = Apply("task.json", TaskJson, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")));

        var fixedText = Text(result);
        AssertOnlyChange(TaskJson, fixedText, "", ",\n      \"readonlyRootFilesystem\": true");
        Assert.Empty(Lint.Text(fixedText).Only("ECS6002"));
        var change = Assert.Single(result.Applied);
        Assert.Equal("task.json(8,7): ECS6002 readonlyRootFilesystem: (absent) -> true", change.ToString());
    }

    [Fact]
    public void A_written_json_value_is_replaced_where_it_is()
    {
        var text = TaskJson.Replace("\"essential\": true", "\"essential\": false");
        var loaded = Load("task.json", text);
        Assert.NotEmpty(Lint.Text(text).Only("ECS2001"));
        var result = Apply("task.json", text, With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "true")));

        var fixedText = Text(result);
        AssertOnlyChange(text, fixedText, "false", "true");
        Assert.Empty(Lint.Text(fixedText).Only("ECS2001"));
        Assert.Equal("task.json(7,20): ECS2001 essential: false -> true", Assert.Single(result.Applied).ToString());
    }

    [Fact]
    public void A_number_keeps_the_kind_it_is_written_as()
    {
        var text = "{\n  \"family\": \"web\",\n  \"requiresCompatibilities\": [\"FARGATE\"],\n  \"networkMode\": \"awsvpc\",\n  \"cpu\": \"256\",\n  \"memory\": 500,\n  \"containerDefinitions\": [{ \"name\": \"app\", \"image\": \"nginx:1.27\" }]\n}";
        var loaded = Load("task.json", text);
        var result = Apply("task.json", text, With("ECS1001", ModelEdit.Set(loaded.Tasks[0], "memory", "\"512\"")));
        AssertOnlyChange(text, Text(result), "500", "512");
    }

    [Fact]
    public void A_cloudformation_yaml_container_gets_the_property_in_its_spelling_and_comments_stay()
    {
        const string text = """
            # the web service
            Resources:
              TaskDef:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  Family: web   # keep this comment
                  ContainerDefinitions:
                    - Name: app
                      Image: public.ecr.aws/nginx/nginx:1.27   # pinned
                      Essential: true
              # another resource follows
              Log:
                Type: AWS::Logs::LogGroup
            """;
        var loaded = Load("template.yaml", text);
        Assert.NotEmpty(Lint.Text(text, "template.yaml").Only("ECS6002"));
        var result = Apply("template.yaml", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")));

        var fixedText = Text(result);
        AssertOnlyChange(text, fixedText, "", "          ReadonlyRootFilesystem: true\n");
        Assert.Empty(Lint.Text(fixedText, "template.yaml").Only("ECS6002"));
        Assert.Equal("template.yaml(11,11): ECS6002 ReadonlyRootFilesystem: (absent) -> true", Assert.Single(result.Applied).ToString());
    }

    [Fact]
    public void A_yaml_item_with_one_member_is_laid_out_under_its_first_key()
    {
        const string text = "Resources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Image: nginx:1.27";
        var loaded = Load("template.yaml", text);
        var result = Apply("template.yaml", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")));

        // The file has no final line break: the new line comes after a new one, and the file still ends without one.
        AssertOnlyChange(text, Text(result), "", "\n          ReadonlyRootFilesystem: true");
    }

    [Theory]
    [InlineData("bridge", "awsvpc")]
    [InlineData("'bridge'", "'awsvpc'")]
    [InlineData("\"bridge\"", "\"awsvpc\"")]
    public void A_yaml_string_keeps_its_quoting(string written, string expected)
    {
        var text = "Resources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: " + written + "  # mode\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n";
        var loaded = Load("template.yaml", text);
        var result = Apply("template.yaml", text, With("ECS1003", ModelEdit.Set(loaded.Tasks[0], "networkMode", "\"awsvpc\"")));
        AssertOnlyChange(text, Text(result), written, expected);
    }

    [Fact]
    public void A_yaml_number_stays_a_number_and_a_plain_string_that_would_read_as_another_type_is_quoted()
    {
        const string text = "Resources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Cpu: 256\n      Memory: 300\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n";
        var loaded = Load("template.yaml", text);
        AssertOnlyChange(text, Text(Apply("template.yaml", text, With("ECS1001", ModelEdit.Set(loaded.Tasks[0], "memory", "\"512\"")))), "300", "512");

        var plain = text.Replace("Memory: 300", "Memory: small");
        loaded = Load("template.yaml", plain);
        AssertOnlyChange(plain, Text(Apply("template.yaml", plain, With("ECS1001", ModelEdit.Set(loaded.Tasks[0], "memory", "\"512\"")))), "small", "\"512\"");
    }

    [Fact]
    public void A_cloudformation_json_container_gets_the_property_in_its_spelling()
    {
        const string text = """
            {
              "Resources": {
                "TaskDef": {
                  "Type": "AWS::ECS::TaskDefinition",
                  "Properties": {
                    "ContainerDefinitions": [
                      {
                        "Name": "app",
                        "Image": "public.ecr.aws/nginx/nginx:1.27"
                      }
                    ]
                  }
                }
              }
            }
            """;
        var loaded = Load("template.json", text);
        var result = Apply("template.json", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")));

        var fixedText = Text(result);
        AssertOnlyChange(text, fixedText, "", ",\n            \"ReadonlyRootFilesystem\": true");
        Assert.Empty(Lint.Text(fixedText, "template.json").Only("ECS6002"));
    }

    [Fact]
    public void A_copilot_manifest_value_is_replaced_where_the_manifest_writes_it()
    {
        const string text = "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\nstorage:\n  readonly_fs: false   # for now\n";
        var loaded = Load("copilot/api/manifest.yml", text);
        Assert.Equal(Vocabulary.Copilot, loaded.Vocabulary);
        var result = Apply("copilot/api/manifest.yml", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")));

        var fixedText = Text(result);
        AssertOnlyChange(text, fixedText, "false", "true");
        Assert.Empty(Lint.Text(fixedText, "copilot/api/manifest.yml").Only("ECS6002"));
    }

    [Fact]
    public void A_copilot_number_stays_bare()
    {
        const string text = "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\ncpu: 256\nmemory: 1536   # MiB\n";
        var loaded = Load("copilot/api/manifest.yml", text);
        var result = Apply("copilot/api/manifest.yml", text, With("ECS1001", ModelEdit.Set(loaded.Tasks[0], "memory", "\"2048\"")));
        AssertOnlyChange(text, Text(result), "1536", "2048");
    }

    [Fact]
    public void Line_breaks_and_the_byte_order_mark_are_kept()
    {
        var text = TaskJson.Replace("\n", "\r\n");
        var loaded = Load("task.json", text);
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var result = FixApplier.Apply("task.json", bytes, [With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true"))]);

        var content = Assert.IsType<byte[]>(result.Content, exactMatch: false);
        Assert.Equal(bytes.Take(3), content.Take(3));
        AssertOnlyChange(text, Encoding.UTF8.GetString(content, 3, content.Length - 3), "", ",\r\n      \"readonlyRootFilesystem\": true");
    }

    [Fact]
    public void Two_fixes_in_one_file_are_both_applied()
    {
        var text = TaskJson.Replace("\"essential\": true", "\"essential\": false");
        var loaded = Load("task.json", text);
        var result = Apply(
            "task.json",
            text,
            With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "true")),
            With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")));

        Assert.Equal(text.Replace("\"essential\": false", "\"essential\": true,\n      \"readonlyRootFilesystem\": true"), Text(result));
        Assert.Equal(2, result.Applied.Count);
    }

    // Refusals: the file is left as it is, with a reason at the place concerned.
    private static void AssertRefused(FixResult result, string reason)
    {
        Assert.Null(result.Content);
        Assert.Empty(result.Applied);
        Assert.Contains(result.Refusals, r => r.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unsafe_fix_is_only_shown_unless_asked_for()
    {
        var loaded = Load("task.json", TaskJson);
        var edit = new ModelEdit(PropRef.Of(Container(loaded), "readonlyRootFilesystem"), "true", safe: false);
        var shown = Apply("task.json", TaskJson, With("ECS6002", edit));
        Assert.Null(shown.Content);
        Assert.Empty(shown.Refusals);
        Assert.Equal(
            "task.json(4,5): not fixed: ECS6002: the fix (\"readonlyRootFilesystem\": true) may change what the task does, so it is only shown (--unsafe-fixes applies it)",
            Assert.Single(shown.Skipped).ToString());

        var applied = FixApplier.Apply("task.json", Encoding.UTF8.GetBytes(TaskJson), [With("ECS6002", edit)], unsafeFixes: true);
        AssertOnlyChange(TaskJson, Text(applied), "", ",\n      \"readonlyRootFilesystem\": true");
    }

    [Fact]
    public void An_unsafe_fix_does_not_stop_the_safe_fixes_of_other_rules()
    {
        var text = TaskJson.Replace("\"essential\": true", "\"essential\": false");
        var loaded = Load("task.json", text);
        var result = Apply(
            "task.json",
            text,
            With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "true")),
            With("ECS6002", new ModelEdit(PropRef.Of(Container(loaded), "readonlyRootFilesystem"), "true", safe: false)));
        AssertOnlyChange(text, Text(result), "false", "true");
        Assert.Single(result.Skipped);
    }

    [Fact]
    public void Two_fixes_of_one_place_are_not_applied()
    {
        var loaded = Load("task.json", TaskJson);
        AssertRefused(
            Apply("task.json", TaskJson, With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "false")), With("ECS9999", ModelEdit.Set(Container(loaded), "essential", "\"yes\""))),
            "two fixes (ECS2001 and ECS9999) edit the same place");
    }

    [Fact]
    public void A_flow_style_yaml_object_gets_no_member()
    {
        const string text = "Resources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - {Name: app, Image: nginx:1.27}\n";
        var loaded = Load("template.yaml", text);
        AssertRefused(Apply("template.yaml", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true"))), "written in flow style");
    }

    [Fact]
    public void A_json_object_on_one_line_gets_no_member()
    {
        const string text = "{\n  \"family\": \"web\",\n  \"containerDefinitions\": [\n    { \"name\": \"app\", \"image\": \"nginx:1.27\" }\n  ]\n}";
        var loaded = Load("task.json", text);
        AssertRefused(Apply("task.json", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true"))), "has members on one line");
    }

    [Fact]
    public void A_value_from_a_parameter_is_not_replaced()
    {
        const string text = "Parameters:\n  Mode:\n    Type: String\n    Default: bridge\nResources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      NetworkMode: !Ref Mode\n      ContainerDefinitions:\n        - Name: app\n          Image: nginx:1.27\n";
        var loaded = Load("template.yaml", text);
        Assert.Equal("bridge", loaded.Tasks[0].NetworkMode.Value);
        AssertRefused(Apply("template.yaml", text, With("ECS1003", ModelEdit.Set(loaded.Tasks[0], "networkMode", "\"awsvpc\""))), "is not written as a literal at its place");
    }

    [Fact]
    public void A_value_the_format_fills_in_is_not_replaced()
    {
        const string text = "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n";
        var loaded = Load("copilot/api/manifest.yml", text);
        var network = loaded.Tasks[0].Member("networkMode");
        Assert.NotNull(network);
        AssertRefused(Apply("copilot/api/manifest.yml", text, With("ECS1003", ModelEdit.Set(loaded.Tasks[0], "networkMode", "\"bridge\""))), "not written as a literal at its place");
    }

    [Fact]
    public void An_unknown_value_is_not_replaced()
    {
        var text = TaskJson.Replace("\"essential\": true", "\"essential\": \"{{ essential }}\"");
        var loaded = Load("task.json", text);
        AssertRefused(Apply("task.json", text, With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "true"))), "template placeholders");
    }

    [Fact]
    public void A_value_in_another_file_is_not_replaced()
    {
        var loaded = Load("task.json", TaskJson);
        var elsewhere = SNode.CreateScalar(NodeKind.Boolean, "false", new SourceLocation("other.json", 3, 5, 3, 10));
        var edit = new ModelEdit(new PropRef("ContainerDefinition", "essential", Container(loaded).Node, elsewhere), "true");
        var finding = new Finding("ECS2001", Severity.Error, "message", Container(loaded).Node.Location, "") { Fix = edit };
        AssertRefused(Apply("task.json", TaskJson, finding), "the value of essential is in another file (other.json)");
    }

    [Fact]
    public void A_rule_with_a_finding_without_a_fix_is_not_fixed()
    {
        var loaded = Load("task.json", TaskJson);
        var unfixed = new Finding("ECS6002", Severity.Note, "message", new SourceLocation("task.json", 2, 3, 2, 9), "");
        AssertRefused(
            Apply("task.json", TaskJson, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true")), unfixed),
            "ECS6002 has a finding here that gets no fix");
    }

    [Fact]
    public void A_copilot_manifest_gets_no_new_key()
    {
        const string text = "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\n";
        var loaded = Load("copilot/api/manifest.yml", text);
        AssertRefused(
            Apply("copilot/api/manifest.yml", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true"))),
            "--fix adds no keys to a Copilot manifest");
    }

    [Fact]
    public void A_value_shared_through_a_yaml_alias_is_not_replaced()
    {
        const string text = "Base: &base\n  Name: app\n  Image: nginx:1.27\n  Essential: false\nResources:\n  TaskDef:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - *base\n";
        var loaded = Load("template.yaml", text);
        AssertRefused(
            Apply("template.yaml", text, With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "true"))),
            "may be shared with other places through a YAML alias");
    }

    [Fact]
    public void A_copilot_manifest_with_aliases_is_not_edited()
    {
        // The value is written once, under the anchor, and every alias of it shares it.
        const string text = "name: api\ntype: Backend Service\nimage:\n  location: public.ecr.aws/nginx/nginx:1.27\nstorage: &storage\n  readonly_fs: false\nenvironments:\n  prod:\n    storage: *storage\n";
        var loaded = Load("copilot/api/manifest.yml", text);
        AssertRefused(
            Apply("copilot/api/manifest.yml", text, With("ECS6002", ModelEdit.Set(Container(loaded), "readonlyRootFilesystem", "true"))),
            "may be shared with other places through a YAML alias");
    }

    [Fact]
    public void A_fix_that_would_not_read_back_is_not_written()
    {
        var loaded = Load("task.json", TaskJson);
        AssertRefused(Apply("task.json", TaskJson, With("ECS2001", ModelEdit.Set(Container(loaded), "essential", "tru"))), "would not read back");
    }
}
