using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Guards.CertLifetime;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CertLifetime;

public sealed class KafkaCaValidityPolicyTests
{
    private readonly KafkaCaValidityPolicy policy = new();

    internal static JsonObject Kafka(string clusterCa = "", string clientsCa = "", string apiVersion = "kafka.strimzi.io/v1beta2", string name = "my-cluster")
    {
        var spec = new JsonObject { ["kafka"] = new JsonObject { ["version"] = "3.9.0" } };
        if (clusterCa.Length > 0) spec["clusterCa"] = JsonNode.Parse(clusterCa);
        if (clientsCa.Length > 0) spec["clientsCa"] = JsonNode.Parse(clientsCa);
        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = "Kafka",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "kafka" },
            ["spec"] = spec,
        };
    }

    private const string Compliant = """{"validityDays": 7, "renewalDays": 2}""";

    private PolicyVerdict Decide(JsonObject kafka, GuardOptions? options = null) =>
        policy.Decide(Requests.Create(kafka), ClusterSnapshot.Empty, options ?? GuardOptions.Default);

    [Fact]
    public void Kafka_with_seven_day_CAs_renewed_two_days_ahead_passes()
    {
        var verdict = Decide(Kafka(Compliant, Compliant));
        Assert.Empty(verdict.Violations);
        Assert.Equal("clusterCa 7d renew 2d; clientsCa 7d renew 2d", verdict.Summary);
    }

    [Fact]
    public void Kafka_fixture_with_seven_day_CAs_passes()
    {
        Assert.Empty(Decide(Fixtures.Load("kafka-my-cluster.kraft-node-pools.ca-7d")).Violations);
    }

    [Fact]
    public void Kafka_without_CA_settings_is_denied_for_Strimzis_365_day_default_on_both_CAs()
    {
        var verdict = Decide(Fixtures.Load("kafka-my-cluster.ca-defaults-365d"));
        Assert.Equal(
        [
            "[cert-lifetime] spec.clusterCa.validityDays: 365 (Strimzi default when unset) exceeds the 7-day limit; set spec.clusterCa.validityDays to 7 or less and renewalDays below it",
            "[cert-lifetime] spec.clientsCa.validityDays: 365 (Strimzi default when unset) exceeds the 7-day limit; set spec.clientsCa.validityDays to 7 or less and renewalDays below it",
        ], verdict.Violations.Select(v => v.Message));
    }

    [Fact]
    public void Validity_of_zero_means_the_Strimzi_default_as_unset_does()
    {
        var verdict = Decide(Kafka("""{"validityDays": 0, "renewalDays": 2}""", Compliant));
        Assert.Contains("365 (Strimzi default when unset)", Assert.Single(verdict.Violations).Finding);
    }

    [Fact]
    public void Validity_of_eight_days_is_denied()
    {
        var v = Assert.Single(Decide(Kafka("""{"validityDays": 8, "renewalDays": 2}""", Compliant)).Violations);
        Assert.Equal("spec.clusterCa.validityDays", v.Path.ToString());
        Assert.Equal("8 exceeds the 7-day limit", v.Finding);
    }

    [Fact]
    public void Validity_of_seven_days_with_default_renewal_is_denied_because_it_renews_on_every_reconciliation()
    {
        var violations = Decide(Fixtures.Load("kafka-my-cluster.ca-7d-renewal-default")).Violations;
        Assert.Equal(["spec.clusterCa.renewalDays", "spec.clientsCa.renewalDays"], violations.Select(v => v.Path.ToString()));
        Assert.StartsWith("30 (Strimzi default when unset) is not below validityDays 7", violations[0].Finding);
        Assert.Equal("set spec.clusterCa.renewalDays below 7, e.g. 2", violations[0].Fix);
    }

    [Fact]
    public void Renewal_equal_to_validity_is_denied()
    {
        var v = Assert.Single(Decide(Kafka("""{"validityDays": 5, "renewalDays": 5}""", Compliant)).Violations);
        Assert.StartsWith("5 is not below validityDays 5", v.Finding);
    }

    [Fact]
    public void Validity_of_one_day_cannot_have_a_renewal_below_it_and_says_to_raise_validity()
    {
        var v = Assert.Single(Decide(Kafka("""{"validityDays": 1, "renewalDays": 1}""", Compliant)).Violations);
        Assert.Equal("renewalDays is at least 1, so raise spec.clusterCa.validityDays to 2 or more", v.Fix);
    }

    [Theory]
    [InlineData("kafka.strimzi.io/v1beta2")]
    [InlineData("kafka.strimzi.io/v1")]
    public void Both_served_API_versions_are_judged_alike(string apiVersion)
    {
        Assert.Equal(2, Decide(Kafka(apiVersion: apiVersion)).Violations.Count);
        Assert.Contains(policy.Metadata.Rules, r => r.Versions.Contains(apiVersion.Split('/')[1]));
    }

    [Fact]
    public void A_larger_configured_limit_allows_the_larger_validity()
    {
        var options = GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { MaxLifetime = TimeSpan.FromDays(30) } };
        Assert.Empty(Decide(Kafka("""{"validityDays": 30, "renewalDays": 7}""", Compliant), options).Violations);
    }

    [Fact]
    public void A_limit_under_a_day_explains_that_whole_days_cannot_meet_it()
    {
        var options = GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { MaxLifetime = TimeSpan.FromHours(12) } };
        var v = Decide(Kafka(Compliant, Compliant), options).Violations[0];
        Assert.Equal("7 exceeds the 12h0m0s limit", v.Finding);
        Assert.Contains("raise the guard's maxLifetime to 24h or more", v.Fix);
    }

    [Fact]
    public void User_managed_CA_is_judged_by_the_certificate_in_its_Secret()
    {
        var secret = Fixtures.Load("secret-my-cluster-cluster-ca-cert.steady");
        secret["data"] = new JsonObject { ["ca.crt"] = TestCertificates.Base64(TestCertificates.PemOfLifetime(TimeSpan.FromDays(365), "CN=my own CA")) };
        var snapshot = ClusterSnapshot.From([Core.Api.KubeJson.Read<Core.Api.V1Secret>(secret)]);
        var kafka = Kafka("""{"generateCertificateAuthority": false, "validityDays": 7, "renewalDays": 2}""", Compliant);

        var v = Assert.Single(policy.Decide(Requests.Create(kafka), snapshot, GuardOptions.Default).Violations);

        Assert.Equal("spec.clusterCa.generateCertificateAuthority", v.Path.ToString());
        Assert.Equal("false, and Secret my-cluster-cluster-ca-cert data.ca.crt: the certificate (CN=my own CA) lives 365 days, over the 7-day limit", v.Finding);
    }

    [Fact]
    public void User_managed_CA_with_a_short_certificate_passes()
    {
        var secret = Fixtures.Load("secret-my-cluster-cluster-ca-cert.steady");
        secret["data"] = new JsonObject { ["ca.crt"] = TestCertificates.Base64(TestCertificates.PemOfLifetime(TimeSpan.FromDays(7))) };
        var snapshot = ClusterSnapshot.From([Core.Api.KubeJson.Read<Core.Api.V1Secret>(secret)]);
        var kafka = Kafka("""{"generateCertificateAuthority": false, "validityDays": 7, "renewalDays": 2}""", Compliant);
        Assert.Empty(policy.Decide(Requests.Create(kafka), snapshot, GuardOptions.Default).Violations);
    }
}
