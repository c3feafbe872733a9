using static EcsPolicy.Tests.Rules.Secrets.SecretsTestKit;

namespace EcsPolicy.Tests.Rules.Secrets;

public class PlaintextSecretInEnvironmentTests
{
    private const string Id = "ECS3001";

    [Theory]
    [InlineData("DB_PASSWORD", "changeme", "its name says it holds a password", "name")]
    [InlineData("dbPassword", "hunter2hunter2", "its name says it holds a password", "name")]
    [InlineData("ldapPwd", "hunter2hunter2", "its name says it holds a password", "name")]
    [InlineData("MYSQL_ROOT_PASSWORD", "my-secret-pw", "its name says it holds a password", "name")]
    [InlineData("SMTP_PASS", "Summer2024!", "its name says it holds a password", "name")]
    [InlineData("JWT_SECRET", "not-so-secret-at-all", "its name says it holds a secret", "name")]
    [InlineData("SECRET_KEY_BASE", "abc", "its name says it holds a secret", "name")]
    [InlineData("GITHUBTOKEN", "t0ken-value", "its name says it holds a token", "name")]
    [InlineData("STRIPE_API_KEY", "live-key-value", "its name says it holds an API key", "name")]
    [InlineData("TLS_PRIVATE_KEY", "key-material", "its name says it holds a private key", "name")]
    [InlineData("REGISTRY_CREDENTIALS", "user:pass", "its name says it holds credentials", "name")]
    [InlineData("ADMIN_PASSWORD", "8DViDtrAQ18GaUr/8jJIprOj", "its name says it holds a password", "name")]
    [InlineData("ADMIN_PASSWORD", "8DViDtrAQ18GaUrx8jJIprOj", "its name says it holds a password", "name")]
    [InlineData("DB_PASSWORD", "Prod/Orders/Db", "its name says it holds a password", "name")]
    public void Reports_secret_names_at_the_value(string name, string value, string reason, string detector)
    {
        var text = EnvTask((name, value));
        var f = SingleAtMarker(text.Replace("\"value\": ", "\"value\": [|"), Id);
        Assert.Equal("/containerDefinitions/0/environment/0/value", f.Path);
        Assert.Contains("Container 'app' sets environment variable '" + name + "' in plain text", f.Message);
        Assert.Contains(reason + " (detector: " + detector + ")", f.Message);
        Assert.Contains("'secrets'", f.Message);
        Assert.Contains("Secrets Manager", f.Message);
        Assert.DoesNotContain(value, f.Message);
    }

    [Theory]
    [InlineData("SMTP_USER", false)]
    [InlineData("SES_SMTP_USERNAME", false)]
    [InlineData("UPLOADER_KEY_ID", true)]
    [InlineData("SMTP_KEY", true)]
    public void An_access_key_id_alone_under_a_user_name_is_the_user_name_not_a_secret(string name, bool reported)
    {
        // SES gives its SMTP user name as an access key ID; the password is the secret half.
        var findings = SecretsTestKit.Findings(EnvTask((name, "AKIAQ3EGRMT5LHWN4QZB")), Id);
        Assert.Equal(reported ? 1 : 0, findings.Count);
    }

    [Theory]
    [InlineData("CONFIG_A", "AKIAIOSFODNN7EXAMPLE", "", "aws-access-key-id")]
    [InlineData("CONFIG_B", "prefix ASIAY34FZKBOKMUTVV7A suffix", "prefix ", "aws-access-key-id")]
    [InlineData("TLS_KEY_PEM", "-----BEGIN RSA PRIVATE KEY-----\nMIIEfake\n-----END RSA PRIVATE KEY-----", "", "private-key")]
    [InlineData("GH", "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R", "", "github-token")]
    [InlineData("SLACK_BOT", "xoxb-000000000000-0000000000000-FAKEfakeFAKEfake", "", "slack-token")]
    [InlineData("CHAT", "xoxb-FAKEfake00", "", "slack-token")] // the shortest value any detector matches: 15 characters
    [InlineData("HOOK", "https://hooks.slack.com/services/T00000000/B00000000/FAKEFAKEFAKEFAKEFAKE", "", "slack-webhook")]
    [InlineData("SESSION", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlLWZha2U", "", "jwt")]
    [InlineData("DATABASE_URL", "postgres://orders:Pa55-w0rd-fake@db.internal:5432/orders", "postgres://orders:", "url-password")]
    [InlineData("REDIS_URL", "redis://:s3cr3t-fake@cache:6379/0", "redis://:", "url-password")]
    [InlineData("SQL_CONN", "Server=db;Uid=sa;Pwd=Fake-Pa55word;Encrypt=true", "Server=db;Uid=sa;Pwd=", "connection-string")]
    [InlineData("JAVA_OPTS", "-Xmx512m -Dspring.datasource.password=Fake-Pa55 -Dx=y", "-Xmx512m -Dspring.datasource.password=", "connection-string")]
    [InlineData("BLOB", "Zq8xVn3LrT6pWm2KjH9sDf4GbY7cNa1EuXo5", "", "high-entropy")]
    [InlineData("HTTP_PROXY", "http://proxy-user:Pr0xy-Fake@proxy:3128", "http://proxy-user:", "url-password")]
    [InlineData("KAFKA_JAAS", "PlainLoginModule required username=\"u\" password=\"Fake-Pw1\";", "PlainLoginModule required username=\"u\" password=", "connection-string")]
    public void Reports_secret_values_at_the_secret_part(string name, string value, string before, string detector)
    {
        // A detector that matches part of the value points at that part; the whole-value detectors point at the string.
        // JSON-escaping the prefix gives its width in the file (the private key's \n is two characters there).
        var text = EnvTask((name, value));
        var at = text.IndexOf(SecretsTestKit.Json(value), StringComparison.Ordinal);
        var offset = detector == "high-entropy" ? 0 : SecretsTestKit.Json(before).Length - 1;
        var f = SingleAtMarker(text.Insert(at + offset, "[|"), Id);
        Assert.Contains("(detector: " + detector + ")", f.Message);
        Assert.Contains("'" + name + "'", f.Message);
    }

    [Theory]
    [InlineData("DB_PASSWORD_FILE", "/run/secrets/db")]
    [InlineData("TOKEN_URL", "https://auth.example.com/oauth/token")]
    [InlineData("SECRET_NAME", "prod/orders/db")]
    [InlineData("SECRET_ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf")]
    [InlineData("API_KEY_ID", "key-1234")]
    [InlineData("TOKEN_TTL", "3600")]
    [InlineData("PASSWORD_MIN_LENGTH", "12")]
    [InlineData("TOKEN_TYPE", "Bearer")]
    [InlineData("ENABLE_TOKEN_AUTH", "true")]
    [InlineData("USE_SECRETS", "no")]
    [InlineData("MAX_TOKENS", "4096")]
    [InlineData("DB_PASSWORD", "")]
    [InlineData("DB_PASSWORD", "   ")]
    [InlineData("DB_PASSWORD", "${DB_PASSWORD}")]
    [InlineData("DB_PASSWORD", "{{ db_password }}")]
    [InlineData("DB_PASSWORD", "$DB_PASSWORD")]
    [InlineData("DB_PASSWORD", "<password>")]
    [InlineData("DB_PASSWORD", "********")]
    [InlineData("API_KEY", "your-api-key-here")]
    [InlineData("API_KEY", "REPLACE_ME")]
    [InlineData("CLIENT_SECRET", "/ssm/prod/client-secret")]
    [InlineData("DATABASE_URL", "postgres://orders@db.internal:5432/orders")]
    [InlineData("DATABASE_URL", "postgres://orders:${DB_PASSWORD}@db.internal:5432/orders")]
    [InlineData("SQL_CONN", "Server=db;Database=orders;Trusted_Connection=true;")]
    [InlineData("GIT_COMMIT", "9fceb02d0ae598e95dc970b74767f19372d61af8")]
    [InlineData("REQUEST_ID", "3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    [InlineData("APP_NAME", "MyVeryLongApplicationNameForTheOrdersService2024")]
    [InlineData("PWD", "/app")]
    [InlineData("TOKENIZER", "bert-base-uncased")]
    [InlineData("JAVA_OPTS", "-Xmx512m -Dtoken.cache=true")]
    [InlineData("PASSWORD_RESET_TEMPLATE", "reset.html")]
    [InlineData("CSRF_TOKEN_HEADER", "X-CSRF-Token")]
    [InlineData("COGNITO_CLIENT_ID", "1example23456789abcdefghij")]
    [InlineData("SENTRY_DSN", "https://abc123@o0.ingest.sentry.io/1")]
    [InlineData("PAYPAL_CLIENT_ID", "AZDxjDScFpQtjWTOUtWKbyN_bDt4OgqaF4eYXlewfBP4-8aqX3PiV8e1GWU6liB2CUXlkA59kJXE7M6R")]
    [InlineData("STRIPE_PUBLISHABLE_KEY", "Xq8VnH3LrT6pWm2KjH9sDf4GbY7cNa1EuXo5Rt")]
    [InlineData("RECAPTCHA_SITE_KEY", "6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI")]
    [InlineData("OPENAI_API_KEY", "sk-proj-your-openai-key-here")]
    [InlineData("SLACK_TOKEN", "xoxp-your-slack-token-here")]
    [InlineData("SMTP_PASSWORD", "your_smtp_password_here")]
    [InlineData("CHAT", "xoxb-replace-with-your-bot-token")]
    [InlineData("DB_PASSWORD", "my_example_password")]
    [InlineData("DB_PASSWORD", "prod/orders/db-password")]
    public void Stays_silent_on_values_that_are_not_secrets(string name, string value) =>
        Silent(EnvTask((name, value)), Id);

    [Theory]
    [InlineData("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")]
    [InlineData("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("aws_session_token", "FwoGZXIvYXdzEFAKEFAKEFAKE1234567890abcdefGHIJ")]
    [InlineData("ECS_ENGINE_AUTH_DATA", "{\"https://index.docker.io/v1/\":{\"auth\":\"ZmFrZTpmYWtl\"}}")]
    public void Leaves_the_aws_credential_variables_to_ECS3006(string name, string value)
    {
        var text = EnvTask((name, value));
        Silent(text, Id);
        Assert.Single(SecretsTestKit.Findings(text, "ECS3006"));
    }

    [Fact]
    public void Reports_each_variable_once_and_names_the_container()
    {
        var text = EnvTask(("DB_PASSWORD", "AKIAIOSFODNN7EXAMPLE"), ("OK", "fine"), ("API_TOKEN", "plain-token-value"));
        var hits = SecretsTestKit.Findings(text, Id);
        Assert.Equal(2, hits.Count);
        Assert.Contains("detector: aws-access-key-id", hits[0].Message);
        Assert.Contains("'API_TOKEN'", hits[1].Message);
        Assert.All(hits, f => Assert.Contains("Container 'app'", f.Message));
    }

    [Fact]
    public void Stays_silent_when_the_value_is_not_statically_known()
    {
        var text = EnvTask(("DB_PASSWORD", "x")).Replace("\"value\": \"x\"", "\"value\": { \"Ref\": \"DbPassword\" }");
        Silent(text, Id);
    }
}
