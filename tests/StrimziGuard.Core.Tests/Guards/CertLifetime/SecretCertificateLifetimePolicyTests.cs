using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CertLifetime;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CertLifetime;

public sealed class SecretCertificateLifetimePolicyTests
{
    private static readonly TimeSpan SevenDays = TimeSpan.FromDays(7);
    private readonly SecretCertificateLifetimePolicy policy = new();

    private static JsonObject Secret(string name, JsonObject data, bool strimziLabelled = true, string field = "data")
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "kafka" };
        if (strimziLabelled) meta["labels"] = new JsonObject { ["strimzi.io/cluster"] = "my-cluster", ["strimzi.io/kind"] = "Kafka" };
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque", ["metadata"] = meta, [field] = data };
    }

    private static JsonObject Data(string key, string pem) => new() { [key] = TestCertificates.Base64(pem) };

    private PolicyVerdict Decide(JsonObject secret, ClusterSnapshot? snapshot = null, GuardOptions? options = null) =>
        policy.Decide(Requests.Create(secret), snapshot ?? ClusterSnapshot.Empty, options ?? GuardOptions.Default);

    [Fact]
    public void Certificate_of_exactly_seven_days_passes() =>
        Assert.Empty(Decide(Secret("s", Data("tls.crt", TestCertificates.PemOfLifetime(SevenDays)))).Violations);

    [Fact]
    public void Certificate_of_seven_days_and_one_second_is_denied()
    {
        var v = Assert.Single(Decide(Secret("s", Data("tls.crt", TestCertificates.PemOfLifetime(SevenDays + TimeSpan.FromSeconds(1), "CN=broker")))).Violations);
        Assert.Equal("[cert-lifetime] data.tls.crt: the certificate (CN=broker) lives 7 days 1s, over the 7-day limit; reissue it with a lifetime of 7 days or less", v.Message);
    }

    [Fact]
    public void Every_certificate_of_a_chain_is_checked_and_each_long_one_named()
    {
        var ca = TestCertificates.Create(TimeSpan.FromDays(30), "CN=ca", isCa: true);
        var leaf = TestCertificates.Create(TimeSpan.FromDays(1), "CN=leaf", issuer: ca);
        var old = TestCertificates.Create(TimeSpan.FromDays(90), "CN=old");
        var verdict = Decide(Secret("s", Data("ca.crt", TestCertificates.Pem(leaf, ca, old))));
        Assert.Equal(["certificate 2 of 3 (CN=ca) lives 30 days, over the 7-day limit", "certificate 3 of 3 (CN=old) lives 90 days, over the 7-day limit"],
            verdict.Violations.Select(v => v.Finding));
    }

    [Fact]
    public void Expired_certificate_that_was_short_lived_passes()
    {
        var expired = TestCertificates.Create(TimeSpan.FromDays(1), notBefore: new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Empty(Decide(Secret("s", Data("tls.crt", TestCertificates.Pem(expired)))).Violations);
    }

    [Fact]
    public void Broken_base64_is_a_violation_not_an_exception()
    {
        var v = Assert.Single(Decide(Secret("s", new JsonObject { ["tls.crt"] = "not*base64" })).Violations);
        Assert.Equal("data.tls.crt: is not valid base64", $"{v.Path}: {v.Finding}");
    }

    [Fact]
    public void Text_without_any_PEM_block_is_a_violation()
    {
        var v = Assert.Single(Decide(Secret("s", Data("ca.crt", "PLACEHOLDER"))).Violations);
        Assert.StartsWith("holds no PEM certificate", v.Finding);
    }

    [Fact]
    public void Truncated_PEM_block_is_a_violation()
    {
        var pem = TestCertificates.PemOfLifetime(SevenDays);
        var v = Assert.Single(Decide(Secret("s", Data("tls.crt", pem[..(pem.Length / 2)]))).Violations);
        Assert.Contains("is not a complete PEM block", v.Finding);
    }

    [Fact]
    public void PEM_block_with_garbage_DER_is_a_violation()
    {
        var garbage = "-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----\n";
        var v = Assert.Single(Decide(Secret("s", Data("tls.crt", garbage))).Violations);
        Assert.Equal("the certificate is not a readable X.509 certificate", v.Finding);
    }

    [Fact]
    public void Private_key_where_a_certificate_belongs_is_named_without_echoing_the_key()
    {
        var key = TestCertificates.PrivateKeyPem();
        var v = Assert.Single(Decide(Secret("s", Data("tls.crt", key))).Violations);
        Assert.Equal("the certificate is a PRIVATE KEY block where a CERTIFICATE belongs", v.Finding);
        var body = key.Split('\n')[1];
        Assert.DoesNotContain(body, v.Message);
    }

    [Fact]
    public void StringData_in_a_manifest_is_checked_as_plain_PEM()
    {
        var secret = Secret("s", new JsonObject { ["tls.crt"] = TestCertificates.PemOfLifetime(TimeSpan.FromDays(30)) }, field: "stringData");
        Assert.Equal("stringData.tls.crt", Assert.Single(Decide(secret).Violations).Path.ToString());
    }

    [Fact]
    public void Secret_outside_the_scope_is_not_judged()
    {
        var verdict = Decide(Secret("unrelated", Data("tls.crt", TestCertificates.PemOfLifetime(TimeSpan.FromDays(365))), strimziLabelled: false));
        Assert.False(verdict.Applies);
    }

    [Fact]
    public void The_data_of_a_Secret_outside_the_scope_is_never_read()
    {
        // Data the model cannot hold would stop the policy wherever it read it; outside the scope it reads the metadata alone.
        var odd = new JsonObject { ["tls.crt"] = new JsonArray(1, 2) };

        Assert.False(Decide(Secret("unrelated", odd, strimziLabelled: false)).Applies);
        Assert.IsType<InvalidOperationException>(Record.Exception(() => Decide(Secret("s", odd))));
    }

    [Fact]
    public void Listener_certificate_Secret_named_by_a_Kafka_CR_is_judged_under_the_key_it_names()
    {
        var kafka = KafkaCaValidityPolicyTests.Kafka();
        kafka["spec"]!["kafka"]!["listeners"] = JsonNode.Parse("""
            [{"name": "external", "port": 9094, "type": "route", "tls": true,
              "configuration": {"brokerCertChainAndKey": {"secretName": "listener-cert", "certificate": "my.crt", "key": "my.key"}}}]
            """);
        var snapshot = ClusterSnapshot.From([KubeJson.Read<Kafka>(kafka)]);
        var secret = Secret("listener-cert", Data("my.crt", TestCertificates.PemOfLifetime(TimeSpan.FromDays(30))), strimziLabelled: false);
        Assert.Equal("data.my.crt", Assert.Single(Decide(secret, snapshot).Violations).Path.ToString());
    }

    [Fact]
    public void Secret_matching_the_configured_selector_is_judged()
    {
        var options = GuardOptions.Default with
        {
            CertLifetime = new CertLifetimeOptions { SecretSelector = new V1LabelSelector { MatchLabels = new() { ["tls.example.com/short-lived"] = "true" } } },
        };
        var secret = Secret("app-tls", Data("tls.crt", TestCertificates.PemOfLifetime(TimeSpan.FromDays(30))), strimziLabelled: false);
        secret["metadata"]!["labels"] = new JsonObject { ["tls.example.com/short-lived"] = "true" };
        Assert.Single(Decide(secret, options: options).Violations);
    }

    [Fact]
    public void Strimzi_CA_key_Secret_without_certificate_keys_passes()
    {
        var verdict = Decide(Fixtures.Load("secret-my-cluster-cluster-ca.steady"));
        Assert.Empty(verdict.Violations);
        Assert.Equal("no certificate keys", verdict.Summary);
    }

    [Fact]
    public void Violation_fingerprint_follows_the_certificate_not_its_position()
    {
        var cert = TestCertificates.PemOfLifetime(TimeSpan.FromDays(30));
        var a = Assert.Single(Decide(Secret("s", Data("tls.crt", cert))).Violations);
        var b = Assert.Single(Decide(Secret("s", Data("tls.crt", TestCertificates.PemOfLifetime(SevenDays) + cert))).Violations);
        Assert.Equal(a.Fingerprint, b.Fingerprint);
    }
}
