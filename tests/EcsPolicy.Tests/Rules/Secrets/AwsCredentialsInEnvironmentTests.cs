using static EcsPolicy.Tests.Rules.Secrets.SecretsTestKit;

namespace EcsPolicy.Tests.Rules.Secrets;

public class AwsCredentialsInEnvironmentTests
{
    private const string Id = "ECS3006";

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2VjEFAKE")]
    [InlineData("aws_access_key_id", "{aws_access_key_id}")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "${AWS_SECRET_ACCESS_KEY}")]
    public void Reports_aws_credentials_at_the_variable_name(string name, string value)
    {
        var text = EnvTask((name, value));
        var f = SingleAtMarker(text.Replace("{ \"name\": ", "{ \"name\": [|"), Id);
        Assert.StartsWith("Container 'app' passes AWS credentials in plain environment variable '" + name + "'", f.Message);
        Assert.Contains("taskRoleArn", f.Message);
        Assert.DoesNotContain(value, f.Message);
        Assert.Equal("/containerDefinitions/0/environment/0/name", f.Path);
    }

    [Fact]
    public void Engine_auth_data_points_to_repository_credentials()
    {
        var f = Assert.Single(SecretsTestKit.Findings(EnvTask(("ECS_ENGINE_AUTH_DATA", "{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\"}}")), Id));
        Assert.Contains("repositoryCredentials", f.Message);
    }

    [Theory]
    [InlineData("AWS_SESSION_TOKEN", "")]
    [InlineData("AWS_REGION", "us-east-1")]
    [InlineData("AWS_ACCESS_KEY_ID_FILE", "/run/secrets/key")]
    [InlineData("AWS_PROFILE", "default")]
    public void Stays_silent_on_empty_values_and_other_aws_variables(string name, string value) =>
        Silent(EnvTask((name, value)), Id);
}
