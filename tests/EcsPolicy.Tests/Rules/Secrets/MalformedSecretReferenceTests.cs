using static EcsPolicy.Tests.Rules.Secrets.SecretsTestKit;

namespace EcsPolicy.Tests.Rules.Secrets;

public class MalformedSecretReferenceTests
{
    private const string Id = "ECS3002";

    /// <summary>Every valueFrom example of the Developer Guide (facts §3.8), and other well-formed references.</summary>
    [Theory]
    [InlineData("arn:aws:ssm:region:aws_account_id:parameter/parameter_name")]
    [InlineData("/ecs/logconfig/splunkcred")]
    [InlineData("arn:aws:secretsmanager:region:aws_account_id:secret:secret_name-AbCdEf")]
    [InlineData("arn:aws:secretsmanager:region:aws_account_id:secret:appauthexample-AbCdEf:username1::")]
    [InlineData("arn:aws:secretsmanager:region:aws_account_id:secret:appauthexample-AbCdEf::AWSPREVIOUS:")]
    [InlineData("arn:aws:secretsmanager:region:aws_account_id:secret:appauthexample-AbCdEf:::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE")]
    [InlineData("arn:aws:secretsmanager:region:aws_account_id:secret:appauthexample-AbCdEf:username1:AWSPREVIOUS:")]
    [InlineData("arn:aws:secretsmanager:region:aws_account_id:secret:appauthexample-AbCdEf:username1::9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE")]
    [InlineData("db-password")]
    [InlineData("/prod/orders/db_password.v2")]
    [InlineData("arn:aws:ssm:us-east-1:111122223333:parameter/prod/orders/db")]
    [InlineData("arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/x")]
    [InlineData("arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:prod/db-AbCdEf")]
    [InlineData("arn:aws-iso-b:secretsmanager:us-isob-east-1:111122223333:secret:prod/db-AbCdEf")]
    [InlineData("arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${SecretId}")]
    [InlineData("$SECRET_TEST_AWS")]
    public void Accepts_well_formed_references(string valueFrom)
    {
        Silent(SecretTask(valueFrom), Id);
        Silent(LogTask(valueFrom), Id);
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password:AWSCURRENT:[|9d4cb84b-ad69-40c0-a0ab-cead3EXAMPLE", "gives both a version stage and a version ID")]
    [InlineData("arn:[|aws-gov:ssm:us-east-1:111122223333:parameter/x", "bad partition: 'aws-gov' is not an AWS partition")]
    [InlineData("arn:aws:ssm:us-east-1:[|11112222333:parameter/x", "the account ID has 11 digits, not 12")]
    [InlineData("arn:aws:ssm:us-east-1:111122223333:paramete[|r", "names no parameter")]
    [InlineData("arn:aws:ssm:us-east-1:111122223333:paramete[|r/", "names no parameter")]
    [InlineData("arn:aws:ssm:region:aws_account_id:parameter[|:/parameter_name", "has ':' after 'parameter'")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:password:AWSCURRENT:[|:extra", "too many ':' parts")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf[|:password", "incomplete suffix")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf:::[|not-a-version-id", "version ID that is not 32 to 64")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret[|:", "names no secret")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:[|parameter:db", "resource type 'parameter'")]
    [InlineData("arn:aws:[|s3:::bucket/secret.txt", "ARN for service 's3'")]
    [InlineData("arn:aws:ssm:[|US-EAST-1:111122223333:parameter/x", "'US-EAST-1' is not a Region code")]
    [InlineData("arn:aws:ssm:[|:111122223333:parameter/x", "the Region is empty")]
    [InlineData("[|arn:aws:ssm:us-east-1", "not a complete ARN")]
    [InlineData("db[| password", "' ' is not allowed")]
    [InlineData("[|prod/orders/db", "does not start with '/'")]
    [InlineData("my-secret[|:username::", "neither an ARN nor an SSM parameter name")]
    public void Reports_malformed_references_at_the_faulty_part(string marked, string reason)
    {
        var f = SingleAtMarker(SecretTask(marked), Id);
        Assert.StartsWith("Container 'app' secret 'DB_PASSWORD': valueFrom ", f.Message);
        Assert.Contains(reason, f.Message);
        Assert.Equal("/containerDefinitions/0/secrets/0/valueFrom", f.Path);
    }

    [Fact]
    public void Checks_log_secret_options()
    {
        var f = SingleAtMarker(LogTask("arn:aws:ssm:us-east-1:111122223333:parameter[|:/ecs/splunk"), Id);
        Assert.StartsWith("Container 'app' log secretOptions 'splunk-token': valueFrom has ':' after 'parameter'", f.Message);
    }

    [Theory]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:registry/dockerhub-AbCdEf")]
    [InlineData("registry/dockerhub")]
    [InlineData("dockerhub+creds@team")]
    public void Repository_credentials_accept_a_secret_arn_or_name(string parameter) =>
        Silent(RegistryTask(parameter), Id);

    [Theory]
    [InlineData("arn:aws:[|ssm:us-east-1:111122223333:parameter/registry", "not a Secrets Manager secret")]
    [InlineData("arn:aws:secretsmanager:us-east-1:111122223333:secret:registry-AbCdEf[|:username::", "without :json-key:version-stage:version-id")]
    [InlineData("registry[|:creds", "neither a Secrets Manager ARN nor a secret name")]
    public void Repository_credentials_must_be_a_secrets_manager_secret(string marked, string reason)
    {
        var f = SingleAtMarker(RegistryTask(marked), Id);
        Assert.StartsWith("Container 'app' repositoryCredentials: credentialsParameter ", f.Message);
        Assert.Contains(reason, f.Message);
    }

    [Fact]
    public void Stays_silent_on_empty_and_unknown_references()
    {
        Silent(SecretTask(""), Id);
        Silent(SecretTask("x").Replace("\"valueFrom\": \"x\"", "\"valueFrom\": { \"Ref\": \"SecretArn\" }"), Id);
        Silent(RegistryTask(""), Id);
    }

    [Fact]
    public void Points_at_the_exact_column_across_escape_sequences()
    {
        // \u002d decodes to '-': the account part starts 5 columns further right in the file than in the value.
        SingleAtMarker(SecretTask("arn:aws:ssm:us\\u002deast-1:[|1111:parameter/x"), Id);
    }

    private static string LogTask(string valueFrom) =>
        "{\n  \"family\": \"app\",\n  \"executionRoleArn\": \"ecsTaskExecutionRole\",\n  \"containerDefinitions\": [{\n    \"name\": \"app\",\n    \"image\": \"public.ecr.aws/nginx/nginx:1.27\",\n"
        + "    \"logConfiguration\": {\n      \"logDriver\": \"splunk\",\n      \"options\": { \"splunk-url\": \"https://splunk.example.com:8088\" },\n"
        + "      \"secretOptions\": [{ \"name\": \"splunk-token\", \"valueFrom\": \"" + valueFrom + "\" }]\n    }\n  }]\n}";

    private static string RegistryTask(string parameter) =>
        "{\n  \"family\": \"app\",\n  \"executionRoleArn\": \"ecsTaskExecutionRole\",\n  \"containerDefinitions\": [{\n    \"name\": \"app\",\n    \"image\": \"registry.example.com/team/app:1.0\",\n"
        + "    \"repositoryCredentials\": { \"credentialsParameter\": \"" + parameter + "\" }\n  }]\n}";
}
