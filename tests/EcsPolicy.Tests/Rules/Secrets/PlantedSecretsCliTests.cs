using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcsPolicy.Cli;
using EcsPolicy.Tests.Support;

namespace EcsPolicy.Tests.Rules.Secrets;

/// <summary>
/// Plants secrets of every kind the detectors know in task definitions on disk, runs the CLI in every output format,
/// and checks that ECS3001 reports each variable while no output carries any value or any 8-character piece of one.
/// </summary>
public class PlantedSecretsCliTests
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    public static TheoryData<string> Formats() => ["text", "json", "sarif", "github"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_planted_secret_is_reported_and_no_output_leaks_it(string format)
    {
        var planted = Plant();
        Assert.True(planted.Count >= 30);
        Assert.Equal(planted.Count, planted.Select(p => p.Value).Distinct().Count());

        using var tree = new TempTree();
        var dir = Path.Combine(tree.Root, "taskdefs");
        foreach (var file in planted.GroupBy(p => p.File))
        {
            var containers = file.GroupBy(p => p.Container).Select(c =>
                "{ \"name\": \"" + c.Key + "\", \"image\": \"public.ecr.aws/docker/library/busybox:1.36\", \"memory\": 128, \"environment\": ["
                + string.Join(", ", c.Select(p => "{ \"name\": " + JsonSerializer.Serialize(p.Name) + ", \"value\": " + JsonSerializer.Serialize(p.Value) + " }"))
                + "] }");
            tree.Write(Path.Combine("taskdefs", file.Key), "{\n  \"family\": \"" + Path.GetFileNameWithoutExtension(file.Key) + "\",\n  \"containerDefinitions\": [\n    "
                + string.Join(",\n    ", containers) + "\n  ]\n}\n");
        }

        var outputs = new List<string>();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Program.Run(["check", dir, "--format", format], stdout, stderr);
        outputs.Add(stdout.ToString());
        outputs.Add(stderr.ToString());

        var outFile = Path.Combine(tree.Root, "report." + format);
        var stdout2 = new StringWriter();
        var stderr2 = new StringWriter();
        Program.Run(["check", dir, "--format", format, "--output", outFile], stdout2, stderr2);
        outputs.Add(stdout2.ToString());
        outputs.Add(stderr2.ToString());
        outputs.Add(File.ReadAllText(outFile));

        // ECS3001 names every planted variable, in both the standard output and the report file.
        foreach (var text in new[] { outputs[0], outputs[4] })
        {
            var reported = ReportedVariables(text, format);
            var missing = planted.Select(p => p.Name).Where(n => !reported.Contains(n)).ToList();
            Assert.True(missing.Count == 0, format + ": ECS3001 did not report " + string.Join(", ", missing) + "\n" + text);
        }

        // No value, and no 8-character piece of a value, in any output: raw, and with JSON strings decoded.
        var haystacks = outputs.Concat(outputs.SelectMany(DecodedStrings)).ToList();
        foreach (var (_, _, name, value) in planted)
        {
            for (var i = 0; i + 8 <= value.Length; i++)
            {
                var piece = value.Substring(i, 8);
                Assert.False(
                    haystacks.Any(h => h.Contains(piece, StringComparison.Ordinal)),
                    $"{format}: output contains '{piece}' from the value of {name}");
            }
        }
    }

    private static HashSet<string> ReportedVariables(string output, string format)
    {
        IEnumerable<string> messages = format switch
        {
            "json" => JsonDocument.Parse(output).RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("ruleId").GetString() == "ECS3001").Select(f => f.GetProperty("message").GetString()!),
            "sarif" => JsonDocument.Parse(output).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Where(r => r.GetProperty("ruleId").GetString() == "ECS3001").Select(r => r.GetProperty("message").GetProperty("text").GetString()!),
            _ => output.Split('\n').Where(l => l.Contains("ECS3001", StringComparison.Ordinal)),
        };
        return messages.Select(m => Regex.Match(m, "environment variable '([^']+)'").Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> DecodedStrings(string output)
    {
        var trimmed = output.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            return [];
        }

        var strings = new List<string>();
        Collect(JsonDocument.Parse(output).RootElement, strings);
        return strings;
    }

    private static void Collect(JsonElement e, List<string> into)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                into.Add(e.GetString()!);
                break;
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    into.Add(p.Name);
                    Collect(p.Value, into);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Collect(item, into);
                }

                break;
        }
    }

    /// <summary>37 fake but detectable secrets, random parts from a fixed seed, in 3 files and 6 containers.</summary>
    private static List<(string File, string Container, string Name, string Value)> Plant()
    {
        var random = new Random(20240917);
        string Pick(string alphabet, int n)
        {
            var sb = new StringBuilder(n);
            for (var i = 0; i < n; i++)
            {
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return sb.ToString();
        }

        // Random letters and digits with every class present, so the high-entropy detector has a fair input.
        string Mixed(int n)
        {
            string s;
            do
            {
                s = Pick(Upper + Lower + Digits, n);
            }
            while (s.Count(char.IsDigit) < 4 || !s.Any(char.IsUpper) || !s.Any(char.IsLower));

            return s;
        }

        var values = new List<(string Name, string Value)>();
        for (var i = 0; i < 6; i++)
        {
            values.Add(("CFG_UPLOAD_ID_" + i, (i % 2 == 0 ? "AKIA" : "ASIA") + Pick(Upper + Digits, 16)));
        }

        for (var i = 0; i < 4; i++)
        {
            values.Add(("CI_HELPER_" + i, "ghp_" + Mixed(36)));
        }

        for (var i = 0; i < 3; i++)
        {
            values.Add(("CHAT_BOT_" + i, "xoxb-" + Pick(Digits, 12) + "-" + Pick(Digits, 13) + "-" + Mixed(24)));
        }

        for (var i = 0; i < 3; i++)
        {
            values.Add(("SESSION_SEED_" + i, "eyJhbGciOiJIUzI1NiJ9.eyJ" + Mixed(30) + "." + Mixed(43)));
        }

        for (var i = 0; i < 4; i++)
        {
            values.Add(("BROKER_" + i, "amqps://w" + i + ":" + Mixed(18) + "@mq" + i + ".corp:5671/v" + i));
        }

        for (var i = 0; i < 3; i++)
        {
            values.Add(("SQL_" + i, "Host=h" + i + ";Uid=u;Pwd=" + Mixed(16) + ";Ssl=1"));
        }

        for (var i = 0; i < 3; i++)
        {
            values.Add(("SSH_MATERIAL_" + i, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Mixed(64) + "\n" + Mixed(64) + "\n-----END OPENSSH PRIVATE KEY-----"));
        }

        for (var i = 0; i < 4; i++)
        {
            values.Add(("OPAQUE_BLOB_" + i, Mixed(40)));
        }

        for (var i = 0; i < 4; i++)
        {
            values.Add(("SMTP_PASSWORD_" + i, Mixed(6) + "-" + Mixed(8)));
        }

        for (var i = 0; i < 2; i++)
        {
            values.Add(("BILLING_" + i, "sk_live_" + Mixed(24)));
        }

        values.Add(("MAPS", "AIza" + Mixed(35)));

        return values.Select((v, i) => ("planted-" + (i % 3) + ".json", "c" + (i % 6), v.Name, v.Value)).ToList();
    }
}
