using System.Text.Json;
using EcsPolicy.Rules.Secrets;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Secrets;

/// <summary>
/// Values of a million characters built to make the secret detectors' and ARN checks' regular expressions backtrack
/// ("-a-a-a...=", a long run of scheme characters before "://", "${${${...", "regionregion...!"): the checks judge them
/// as they judge short ones, and quote at most the start of a long part in their messages.
/// </summary>
public class LongValueTests
{
    private const int Length = 1_000_000;

    /// <summary>A task definition with one container whose one environment variable is on line 4 (its value's quote at column 3).</summary>
    private static string Environment(string name, string value) =>
        "{\"family\": \"f\", \"containerDefinitions\": [{\"name\": \"app\", \"image\": \"nginx:1.27\", \"memory\": 512,\n"
        + "\"environment\": [{\"name\": " + JsonSerializer.Serialize(name) + ",\n\"value\":\n"
        + "  " + JsonSerializer.Serialize(value) + "}]}]}";

    private static string Secret(string valueFrom) =>
        "{\"family\": \"f\", \"executionRoleArn\": \"arn:aws:iam::123456789012:role/x\", \"containerDefinitions\": [{\"name\": \"app\", \"image\": \"nginx:1.27\", \"memory\": 512,\n"
        + "\"secrets\": [{\"name\": \"S\", \"valueFrom\":\n"
        + "  " + JsonSerializer.Serialize(valueFrom) + "}]}]}";

    [Fact]
    public void A_million_characters_of_dashes_and_letters_before_an_equals_sign_are_no_setting()
    {
        var result = Lint.File(Environment("SOME_VAR", string.Concat(Enumerable.Repeat("-a", Length / 2)) + "="));

        Assert.True(result.CheckedCompletely, string.Join("\n", result.NotChecked));
        Assert.Empty(result.Findings.Only("ECS3001"));
    }

    [Fact]
    public void A_password_setting_after_a_million_characters_is_found_at_its_value()
    {
        var prefix = string.Concat(Enumerable.Repeat("-a", Length / 2)) + "-password=";

        var finding = Assert.Single(Lint.Text(Environment("SOME_VAR", prefix + "hunter2xyz")).Only("ECS3001"));

        // Column 3 is the opening quote: the value's characters start at column 4.
        Assert.Equal((4, 4 + prefix.Length, 4, 4 + prefix.Length + "hunter2xyz".Length), (finding.Location.StartLine, finding.Location.StartColumn, finding.Location.EndLine, finding.Location.EndColumn));
        Assert.Contains("(detector: connection-string)", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2xyz", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_password_after_a_million_scheme_characters_is_found_at_its_value()
    {
        var prefix = new string('a', Length) + "://app:";

        var finding = Assert.Single(Lint.Text(Environment("SOME_VAR", prefix + "s3cr3t-pass@db:5432/app")).Only("ECS3001"));

        Assert.Equal((4, 4 + prefix.Length), (finding.Location.StartLine, finding.Location.StartColumn));
        Assert.Contains("(detector: url-password)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_million_characters_of_template_openings_are_a_template_only_when_closed()
    {
        var open = string.Concat(Enumerable.Repeat("${", Length / 2));

        // Never closed: no template, so the secret-sounding name judges the value.
        var plain = Assert.Single(Lint.Text(Environment("DB_PASSWORD", open)).Only("ECS3001"));
        Assert.Contains("its name says it holds a password (detector: name)", plain.Message, StringComparison.Ordinal);

        // Closed once at the end: a template, filled in later.
        Assert.Empty(Lint.Text(Environment("DB_PASSWORD", open + "}")).Only("ECS3001"));
        Assert.Empty(Lint.Text(Environment("DB_PASSWORD", string.Concat(Enumerable.Repeat("{{", Length / 2)) + "}}")).Only("ECS3001"));
    }

    [Theory]
    [InlineData("arn:aws:ssm:{0}!:123456789012:parameter/x", "region", "has a bad Region: '{1}…' is not a Region code such as us-east-1")]
    [InlineData("arn:aws:ssm:us-east-1:{0}!:parameter/x", "account", "has a bad account ID: the account ID '{1}…' is not 12 digits")]
    [InlineData("arn:{0}!:ssm:us-east-1:123456789012:parameter/x", "partition", "has a bad partition: '{1}…' is not an AWS partition")]
    public void A_million_character_ARN_part_that_repeats_a_placeholder_word_is_judged_and_quoted_cut(string arn, string word, string problem)
    {
        var part = string.Concat(Enumerable.Repeat(word, Length / word.Length));

        var finding = Assert.Single(Lint.Text(Secret(string.Format(arn, part))).Only("ECS3002"));

        Assert.Contains(string.Format(problem, part, part.Substring(0, 64)), finding.Message, StringComparison.Ordinal);
        Assert.InRange(finding.Message.Length, 1, 600);
    }

    /// <summary>The rewritten setting and URL patterns find what they found before, at the same characters.</summary>
    [Theory]
    [InlineData("Server=db;Database=app;Password=hunter2xyz;", "connection-string", "hunter2xyz")]
    [InlineData("jdbc:mysql://db/app?user=app&password=hunter2xyz", "connection-string", "hunter2xyz")]
    [InlineData("-Ddb.password=hunter2xyz -Xmx1g", "connection-string", "hunter2xyz")]
    [InlineData("--api-key = hunter2xyz", "connection-string", "hunter2xyz")]
    [InlineData("x;db.client_secret=hunter2xyz", "connection-string", "hunter2xyz")]
    [InlineData("postgres://app:hunter2xyz@db:5432/app", "url-password", "hunter2xyz")]
    [InlineData("see https://app:hunter2xyz@db/x", "url-password", "hunter2xyz")]
    [InlineData("1+x://u:hunter2xyz@h", "url-password", "hunter2xyz")]
    public void Settings_and_url_passwords_are_found_at_the_same_characters(string value, string detector, string secret)
    {
        var hit = SecretDetectors.Detect(null, value);

        Assert.NotNull(hit);
        Assert.Equal(detector, hit.Detector);
        Assert.Equal((value.IndexOf(secret, StringComparison.Ordinal), value.IndexOf(secret, StringComparison.Ordinal) + secret.Length), (hit.Start, hit.End));
    }

    [Theory]
    [InlineData("xpassword=hunter2xyz")]
    [InlineData("a:password=hunter2xyz")]
    [InlineData("password=true")]
    [InlineData("token=${TOKEN}")]
    [InlineData("1://u:hunter2xyz@h")]
    [InlineData("https://app@db/x")]
    public void Look_alikes_are_still_no_secret(string value) => Assert.Null(SecretDetectors.Detect(null, value));
}
