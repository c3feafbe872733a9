using System.Text;
using EcsPolicy.Inputs;
using EcsPolicy.Model;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Inputs;

public class TaskDefinitionJsonLoaderTests
{
    private static LoadResult Load(string json, bool explicitlyGiven = true) =>
        new TaskDefinitionJsonLoader().Load("t.json", Encoding.UTF8.GetBytes(json), explicitlyGiven);

    [Fact]
    public void Register_input_is_recognised()
    {
        var task = Assert.Single(Load("""{"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx"}]}""").Tasks);
        Assert.Equal(SourceFormat.TaskDefinitionJson, task.Format);
        Assert.Equal("web", task.DisplayName);
        Assert.Equal("app", task.ContainerDefinitions[0].Name.Value);
        Assert.True(task.ContainerDefinitions[0].Essential.IsDefault);
        Assert.True(task.ContainerDefinitions[0].Essential.Value);
    }

    [Fact]
    public void Describe_output_is_unwrapped_with_its_tags()
    {
        var task = Assert.Single(Load("""
            {"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:3", "family": "web",
              "revision": 3, "status": "ACTIVE", "containerDefinitions": [{"name": "app", "image": "nginx"}]},
             "tags": [{"key": "team", "value": "core"}]}
            """).Tasks);
        Assert.Equal("web", task.Family.Value);
        Assert.Equal(3, task.Revision.Value);
        Assert.Equal("team", task.Tags[0].Key.Value);
    }

    [Fact]
    public void Bare_container_definition_array_has_unknown_task_level_fields()
    {
        var task = Assert.Single(Load("""[{"name": "app", "image": "nginx", "memory": 512}]""").Tasks);
        Assert.Equal(SourceFormat.ContainerDefinitionsJson, task.Format);
        Assert.True(task.Family.IsUnknown);
        Assert.True(task.Memory.IsUnknown);
        Assert.True(task.CompatibilitiesUnknown);
        Assert.Equal("/containerDefinitions/0/memory", task.ContainerDefinitions[0].Memory.Node!.Path);
    }

    [Theory]
    [InlineData("""{"name": "my-package", "version": "1.0.0"}""")]
    [InlineData("""{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}""")]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""[]""")]
    public void Other_json_is_not_recognised(string json) => Assert.False(Load(json).Recognized);

    [Fact]
    public void Broken_json_found_by_a_walk_is_reported_only_when_it_looks_like_a_task_definition()
    {
        Assert.False(Load("{ \"compilerOptions\": { ", explicitlyGiven: false).Recognized);
        var result = Load("{ \"containerDefinitions\": [ ", explicitlyGiven: false);
        Assert.True(result.Recognized);
        Assert.Equal("ECS0001", Assert.Single(result.Findings).RuleId);
    }

    [Fact]
    public void Network_mode_defaults_to_bridge_except_on_windows()
    {
        var linux = Assert.Single(Load("""{"family": "a", "containerDefinitions": []}""").Tasks);
        Assert.True(linux.NetworkModeOrDefault.IsDefault);
        Assert.Equal("bridge", linux.NetworkModeOrDefault.Value);
        var windows = Assert.Single(Load("""{"family": "a", "runtimePlatform": {"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}, "containerDefinitions": []}""").Tasks);
        Assert.True(windows.NetworkModeOrDefault.IsAbsent);
    }

    [Theory]
    [InlineData("1024", "vcpu", 1024L)]
    [InlineData("1 vCPU", "vcpu", 1024L)]
    [InlineData(".25 vCPU", "vcpu", 256L)]
    [InlineData("16     vCpU", "vcpu", 16384L)]
    [InlineData("2GB", "gb", 2048L)]
    [InlineData("0.5 GB", "gb", 512L)]
    public void Cpu_and_memory_unit_forms_are_parsed(string text, string unit, long expected)
    {
        Assert.True(TaskDefinition.TryParseUnits(text, unit, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1024 MiB", "gb")]
    [InlineData("1.5", "vcpu")]
    [InlineData("", "gb")]
    [InlineData("0.1 vCPU", "vcpu")]
    public void Other_unit_forms_are_not_guessed(string text, string unit) => Assert.False(TaskDefinition.TryParseUnits(text, unit, out _));

    [Fact]
    public void A_file_that_is_not_a_task_definition_gives_no_findings()
    {
        var result = Lint.File("""{"name": "my-package", "version": "1.0.0"}""", "package.json");
        Assert.False(result.Recognized);
        Assert.Empty(result.Findings);
    }
}
