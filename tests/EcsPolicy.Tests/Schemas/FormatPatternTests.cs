using System.Text.RegularExpressions;
using EcsPolicy.Shape;

namespace EcsPolicy.Tests.Schemas;

/// <summary>The patterns the schema uses for the shape's hand-written value checks say what the checks say.</summary>
public class FormatPatternTests
{
    public static TheoryData<string, string> Samples() => new()
    {
        { "resourceName", "web" },
        { "resourceName", "web_app-2" },
        { "resourceName", "" },
        { "resourceName", "web app" },
        { "resourceName", "web.app" },
        { "resourceName", new string('a', 255) },
        { "resourceName", new string('a', 256) },
        { "image", "public.ecr.aws/nginx/nginx:1.27" },
        { "image", "111122223333.dkr.ecr.eu-west-1.amazonaws.com/web@sha256:" + new string('a', 64) },
        { "image", "web@sha256:" + new string('A', 64) },
        { "image", "web@sha256:" + new string('a', 63) },
        { "image", "web@sha512:" + new string('a', 64) },
        { "image", "web@sha256:" + new string('g', 64) },
        { "image", "" },
        { "image", "   " },
        { "image", "nginx 1.27" },
        { "image", "nginx\t:1.27" },
        { "image", "nginx\u0085" },
        { "image", new string('a', 255) },
        { "image", new string('a', 256) },
        { "image", new string('a', 255) + "@sha256:" + new string('0', 64) },
        { "image", new string('a', 256) + "@sha256:" + new string('0', 64) },
        { "taskCpu", "256" },
        { "taskCpu", " 1024 " },
        { "taskCpu", "1 vCPU" },
        { "taskCpu", "0.5vcpu" },
        { "taskCpu", "2 VCPU" },
        { "taskCpu", "" },
        { "taskCpu", "1 core" },
        { "taskCpu", "256.5" },
        { "taskCpu", "-256" },
        { "taskCpu", "1.2.3 vCPU" },
        { "taskMemory", "512" },
        { "taskMemory", "2 GB" },
        { "taskMemory", "2gb" },
        { "taskMemory", "0.5 GB" },
        { "taskMemory", "1024 MiB" },
        { "taskMemory", "1 GiB" },
        { "taskMemory", "1024 MB" },
        { "taskMemory", "" },
        { "taskMemory", "2 TB" },
        { "taskMemory", "512.5" },
        { "taskMemory", "lots" },
        { "envFileArn", "arn:aws:s3:::bucket/app.env" },
        { "envFileArn", "arn:aws-us-gov:s3:::bucket/dir/app.ENV" },
        { "envFileArn", "arn:aws:s3:::bucket/app.txt" },
        { "envFileArn", "arn:aws:s3:::bucket" },
        { "envFileArn", "arn:aws:s3:::/app.env" },
        { "envFileArn", "arn:aws:s3:us-east-1::bucket/app.env" },
        { "envFileArn", "arn:azure:s3:::bucket/app.env" },
        { "envFileArn", "s3://bucket/app.env" },
        { "tagKey", "team" },
        { "tagKey", "aws:team" },
        { "tagKey", "AWS:team" },
        { "tagKey", "awsteam" },
        { "credentialSpec", "credentialspec:arn:aws:s3:::bucket/spec.json" },
        { "credentialSpec", "credentialspecdomainless:arn:aws:ssm:us-east-1:111122223333:parameter/spec" },
        { "credentialSpec", "arn:aws:s3:::bucket/spec.json" },
        { "credentialSpec", "CredentialSpec:x" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Pattern_accepts_exactly_what_the_check_accepts(string format, string value)
    {
        var schema = ShapeFormats.Schema(format);
        Assert.NotNull(schema);
        var accepted = ShapeFormats.Check(format, value) is null;
        Assert.Equal(accepted, Regex.IsMatch(value, schema.Value.Pattern));
    }

    [Theory]
    [InlineData("taskCpu", "0.3 vCPU")]
    [InlineData("taskMemory", "0.3 GB")]
    public void Pattern_is_more_lenient_only_for_sizes_that_are_not_whole_units(string format, string value)
    {
        Assert.NotNull(ShapeFormats.Check(format, value));
        Assert.Matches(ShapeFormats.Schema(format)!.Value.Pattern, value);
    }

    [Fact]
    public void Every_format_has_a_pattern()
    {
        Assert.NotEmpty(ShapeFormats.Known);
        foreach (var format in ShapeFormats.Known)
        {
            Assert.NotNull(ShapeFormats.Schema(format));
            Assert.Contains(Samples(), row => (string)row[0] == format);
        }
    }
}
