using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StrimziGuard.Testing;
using StrimziGuard.Tests.Web;

namespace StrimziGuard.Tests.Security;

/// <summary>
/// No secret value is ever logged: Secrets holding real PEMs (certificates, private keys, a private key where a certificate belongs,
/// broken key material) go through the real server, and neither the answers nor the audit lines nor the server's logs contain any
/// stretch of their key material.
/// </summary>
public sealed class SecretLoggingTests
{
    [Fact]
    public async Task Audit_lines_logs_and_answers_hold_no_key_material_from_a_Secret_under_review()
    {
        using var rsa = RSA.Create(2048);
        var keys = new[] { TestCertificates.PrivateKeyPem(), rsa.ExportRSAPrivateKeyPem(), rsa.ExportPkcs8PrivateKeyPem() };
        var certificate = TestCertificates.PemOfLifetime(TimeSpan.FromDays(30), "CN=broker");
        var secrets = new[]
        {
            Data(("tls.crt", certificate), ("tls.key", keys[0])),
            Data(("ca.crt", keys[1]), ("tls.key", keys[2])),
            Data(("tls.crt", certificate + keys[0]), ("ca.crt", keys[2][..200])),
            Data(("tls.crt", keys[1].Replace("PRIVATE KEY", "CERTIFICATE", StringComparison.Ordinal))),
        };
        await using var server = await TestServer.StartAsync();
        var answers = new List<string>();
        foreach (var (data, i) in secrets.Select((d, i) => (d, i)))
        {
            foreach (var operation in new[] { "CREATE", "UPDATE" })
            {
                using var response = await server.PostAsync("/validate/cert-lifetime", Review(data, i, operation));
                answers.Add(await response.Content.ReadAsStringAsync());
            }
        }
        await server.Server.StopAsync();

        var everything = string.Join("\n", answers.Concat(server.Audit.Lines).Concat(server.Logs.GetSnapshot().Select(e => e.Message)));
        Assert.Contains("is a PRIVATE KEY block where a CERTIFICATE belongs", everything);
        Assert.Equal(secrets.Length * 2, server.Audit.Lines.Count);
        foreach (var key in keys)
        {
            var base64 = string.Concat(key.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
            // Any 24-character stretch of the key's base64, and of the base64 of its PEM as the Secret stores it.
            foreach (var material in new[] { base64, Convert.ToBase64String(Encoding.UTF8.GetBytes(key)) })
            {
                for (var at = 0; at + 24 <= material.Length; at += 12)
                    Assert.False(everything.Contains(material.Substring(at, 24), StringComparison.Ordinal), $"key material at {at} appears in answers, audit or logs");
            }
        }
    }

    private static JsonObject Data(params (string Key, string Pem)[] entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(TestCertificates.Base64(e.Pem)))));

    private static byte[] Review(JsonObject data, int i, string operation)
    {
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = $"s{i}", ["namespace"] = "kafka", ["labels"] = new JsonObject { ["strimzi.io/cluster"] = "my-cluster" } },
            ["data"] = data.DeepClone(),
        };
        var request = new JsonObject
        {
            ["uid"] = $"00000000-0000-4000-8000-0000000000{i:D2}",
            ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Secret" },
            ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "secrets" },
            ["name"] = $"s{i}", ["namespace"] = "kafka", ["operation"] = operation,
            ["userInfo"] = new JsonObject { ["username"] = "jane@example.com" },
            ["object"] = secret,
            ["oldObject"] = operation == "UPDATE" ? secret.DeepClone() : null,
        };
        var review = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
        return Encoding.UTF8.GetBytes(review.ToJsonString());
    }
}
