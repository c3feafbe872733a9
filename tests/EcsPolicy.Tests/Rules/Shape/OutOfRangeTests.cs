using static EcsPolicy.Tests.Rules.Shape.ShapeTestData;

namespace EcsPolicy.Tests.Rules.Shape;

public class OutOfRangeTests
{
    private const string Digest64 = "0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca212069";

    [Fact]
    public void Family_pattern()
    {
        var f = Single(Task().Replace("\"family\": \"web\"", "\"family\": \"my web\""), "ECS0006");
        Assert.Equal("'family' contains a space; use 1 to 255 letters, numbers, underscores and hyphens.", f.Message);
        At(f, 2, 13);
    }

    [Fact]
    public void Family_length()
    {
        var f = Single(Task().Replace("\"family\": \"web\"", "\"family\": \"" + new string('a', 256) + "\""), "ECS0006");
        Assert.Equal("'family' is 256 characters long; use 1 to 255 letters, numbers, underscores and hyphens.", f.Message);
    }

    [Fact]
    public void Container_and_volume_names()
    {
        var json = Task(task: "\"volumes\": [{ \"name\": \"data/1\" }]").Replace("\"name\": \"web\"", "\"name\": \"web.1\"");
        var all = ShapeFindings(json).OrderBy(f => f.Location.StartLine).ToList();
        Assert.Equal(2, all.Count);
        Assert.Equal("'name' in volume 'data/1' contains '/'; use 1 to 255 letters, numbers, underscores and hyphens.", all[0].Message);
        Assert.Equal("'name' in container 'web.1' contains '.'; use 1 to 255 letters, numbers, underscores and hyphens.", all[1].Message);
    }

    [Fact]
    public void Image_digest_must_have_64_hex_characters()
    {
        var f = Single(Task().Replace("nginx:1.27", $"nginx@sha256:{Digest64[1..]}"), "ECS0006");
        Assert.Equal("'image' in container 'web' has a sha256 digest of 63 characters; pin the image as repository@sha256: followed by exactly 64 hex characters (0-9, a-f).", f.Message);
        At(f, 6, 16);
        Clean(Task().Replace("nginx:1.27", "nginx@sha256:" + Digest64));
    }

    [Fact]
    public void Image_digest_algorithm_and_characters()
    {
        Assert.Contains("uses the digest algorithm 'sha512'", Single(Task().Replace("nginx:1.27", "nginx@sha512:" + Digest64), "ECS0006").Message);
        Assert.Contains("contains 'g'", Single(Task().Replace("nginx:1.27", $"nginx@sha256:g{Digest64[1..]}"), "ECS0006").Message);
    }

    [Fact]
    public void Image_length_counts_only_the_part_before_the_digest()
    {
        var longName = "registry.example.com/" + new string('r', 234);
        Clean(Task().Replace("public.ecr.aws/nginx/nginx:1.27", longName + "@sha256:" + Digest64));
        var f = Single(Task().Replace("public.ecr.aws/nginx/nginx:1.27", longName + "x:1"), "ECS0006");
        Assert.Equal("'image' in container 'web' is 258 characters long; an image reference may have at most 255.", f.Message);
    }

    [Theory]
    [InlineData("\"containerPort\": 0", "'portMappings[0].containerPort' in container 'web' is 0; use a value from 1 to 65535.")]
    [InlineData("\"containerPort\": 65536", "'portMappings[0].containerPort' in container 'web' is 65536; use a value from 1 to 65535.")]
    [InlineData("\"containerPort\": 80, \"hostPort\": 65536", "'portMappings[0].hostPort' in container 'web' is 65536; use a value from 0 to 65535.")]
    [InlineData("\"containerPort\": 80, \"hostPort\": -1", "'portMappings[0].hostPort' in container 'web' is -1; use a value from 0 to 65535.")]
    [InlineData("\"containerPort\": 80, \"name\": \"Web-HTTP\"", "'portMappings[0].name' in container 'web' has characters or a form that is not allowed; use up to 64 lowercase letters, numbers, underscores and hyphens, not starting with a hyphen.")]
    public void Port_mappings(string mapping, string expected)
    {
        var f = Single(Task(container: "\"portMappings\": [{ " + mapping + " }]"), "ECS0006");
        Assert.Equal(expected, f.Message);
    }

    [Fact]
    public void Port_limits_themselves_are_accepted()
    {
        Clean(Task(container: "\"portMappings\": [{ \"containerPort\": 1, \"hostPort\": 0 }, { \"containerPort\": 65535, \"hostPort\": 65535, \"name\": \"web_1-a\" }]"));
    }

    private static string Tags(int count) =>
        "\"tags\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i => "{ \"key\": \"k" + i + "\", \"value\": \"v\" }")) + "]";

    [Fact]
    public void At_most_50_tags()
    {
        Clean(Task(task: Tags(50)));
        var f = Single(Task(task: Tags(51)), "ECS0006");
        Assert.Equal("'tags' has 51 entries; at most 50 are allowed. Remove 1.", f.Message);
        At(f, 3, 11);
    }

    [Theory]
    [InlineData("aws:createdBy")]
    [InlineData("AWS:Name")]
    [InlineData("Aws:team")]
    public void Aws_tag_prefix_is_reserved_in_any_case(string key)
    {
        var f = Single(Task(task: "\"tags\": [{ \"key\": \"" + key + "\", \"value\": \"x\" }]"), "ECS0006");
        Assert.Equal($"'tags[0].key' starts with '{key[..4]}'; the aws: prefix (in any case) is reserved for AWS, use another prefix.", f.Message);
        At(f, 3, 21);
    }

    [Fact]
    public void Tag_key_and_value_limits()
    {
        Assert.Equal(
            "'tags[0].key' is 129 characters long; at most 128 are allowed.",
            Single(Task(task: "\"tags\": [{ \"key\": \"" + new string('k', 129) + "\", \"value\": \"x\" }]"), "ECS0006").Message);
        Assert.Equal(
            "'tags[0].value' is 257 characters long; at most 256 are allowed.",
            Single(Task(task: "\"tags\": [{ \"key\": \"k\", \"value\": \"" + new string('v', 257) + "\" }]"), "ECS0006").Message);
        Assert.Equal(
            "'tags[0].key' has characters or a form that is not allowed; use letters, numbers, spaces and _ . : / = + - @.",
            Single(Task(task: "\"tags\": [{ \"key\": \"team#1\", \"value\": \"x\" }]"), "ECS0006").Message);
        Assert.Equal(
            "'tags[0].key' is empty; it needs at least 1 character.",
            Single(Task(task: "\"tags\": [{ \"key\": \"\", \"value\": \"x\" }]"), "ECS0006").Message);
        Clean(Task(task: "\"tags\": [{ \"key\": \"Team Name\", \"value\": \"\" }, { \"key\": \"équipe:nom/x=y+z@a_b-c.d\", \"value\": \"Données 1\" }]"));
    }

    [Fact]
    public void Duplicate_tag_keys()
    {
        var f = Single(Task(task: "\"tags\": [{ \"key\": \"team\", \"value\": \"a\" }, { \"key\": \"team\", \"value\": \"b\" }]"), "ECS0006");
        Assert.Equal("'tags[1].key' repeats the key 'team' of an earlier entry; each key may appear only once.", f.Message);
        At(f, 3, 54);
    }

    private static string EnvFiles(int count) =>
        "\"environmentFiles\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i => "{ \"value\": \"arn:aws:s3:::bucket/f" + i + ".env\", \"type\": \"s3\" }")) + "]";

    [Fact]
    public void At_most_10_environment_files()
    {
        Clean(Task(container: EnvFiles(10)));
        var f = Single(Task(container: EnvFiles(11)), "ECS0006");
        Assert.Equal("'environmentFiles' in container 'web' has 11 entries; at most 10 are allowed. Remove 1.", f.Message);
        At(f, 7, 27);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket/app.txt", "does not end in .env")]
    [InlineData("s3://bucket/app.env", "is not an S3 object ARN")]
    [InlineData("arn:aws:s3:us-east-1:123456789012:bucket/app.env", "is not an S3 object ARN")]
    [InlineData("arn:aws:s3:::bucket", "names a bucket but no object")]
    public void Environment_file_must_be_an_s3_object_arn_ending_in_env(string value, string problem)
    {
        var f = Single(Task(container: "\"environmentFiles\": [{ \"value\": \"" + value + "\", \"type\": \"s3\" }]"), "ECS0006");
        Assert.StartsWith("'environmentFiles[0].value' in container 'web' " + problem, f.Message);
        Clean(Task(container: "\"environmentFiles\": [{ \"value\": \"arn:aws-cn:s3:::bucket/dir/app.env\", \"type\": \"s3\" }]"));
    }

    [Theory]
    [InlineData("1024")]
    [InlineData("1 vCPU")]
    [InlineData("0.5 vcpu")]
    [InlineData("2VCPU")]
    public void Task_cpu_forms_are_accepted(string cpu) => Clean(Task(task: "\"cpu\": \"" + cpu + "\""));

    [Theory]
    [InlineData("2048")]
    [InlineData("2 GB")]
    [InlineData("1gb")]
    [InlineData("1024 MiB")]
    [InlineData("1 GiB")]
    public void Task_memory_forms_are_accepted_including_unconfirmed_units(string memory) => Clean(Task(task: "\"memory\": \"" + memory + "\""));

    [Fact]
    public void Task_cpu_and_memory_in_other_forms()
    {
        Assert.Equal(
            "'cpu' is not a valid amount; write CPU units such as \"1024\" or vCPUs such as \"1 vCPU\".",
            Single(Task(task: "\"cpu\": \"2 cores\""), "ECS0006").Message);
        Assert.Equal(
            "'memory' is not a valid amount; write MiB such as \"2048\" or GB such as \"2 GB\".",
            Single(Task(task: "\"memory\": \"512m\""), "ECS0006").Message);
    }

    [Fact]
    public void Other_documented_limits()
    {
        Assert.Contains("is 101; use a value from 0 to 100", Single(Task(container: "\"linuxParameters\": { \"swappiness\": 101 }"), "ECS0006").Message);
        Assert.Contains("is 30; use a value from 60 to 1800", Single(Task(container: "\"restartPolicy\": { \"enabled\": true, \"restartAttemptPeriod\": 30 }"), "ECS0006").Message);
        Assert.Contains("has 2 entries; at most 1 are allowed", Single(Task(container: "\"credentialSpecs\": [\"credentialspec:arn:aws:s3:::b/a.json\", \"credentialspec:arn:aws:s3:::b/b.json\"]"), "ECS0006").Message);
        Assert.Contains("must start with 'credentialspec:'", Single(Task(container: "\"credentialSpecs\": [\"arn:aws:s3:::b/a.json\"]"), "ECS0006").Message);
    }

    [Fact]
    public void Shell_placeholders_are_not_checked_as_values()
    {
        Clean(Task(task: "\"networkMode\": \"${NETWORK_MODE}\"").Replace("\"family\": \"web\"", "\"family\": \"$FAMILY\""));
    }
}
