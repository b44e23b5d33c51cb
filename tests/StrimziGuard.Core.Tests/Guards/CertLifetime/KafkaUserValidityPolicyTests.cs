using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CertLifetime;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CertLifetime;

public sealed class KafkaUserValidityPolicyTests
{
    private readonly KafkaUserValidityPolicy policy = new();

    private static JsonObject User(string authentication) => new()
    {
        ["apiVersion"] = "kafka.strimzi.io/v1",
        ["kind"] = "KafkaUser",
        ["metadata"] = new JsonObject { ["name"] = "app", ["namespace"] = "kafka", ["labels"] = new JsonObject { ["strimzi.io/cluster"] = "my-cluster" } },
        ["spec"] = new JsonObject { ["authentication"] = JsonNode.Parse(authentication) },
    };

    [Fact]
    public void TLS_user_with_seven_day_certificate_passes()
    {
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls", "validityDays": 7, "renewalDays": 2}""")), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.True(verdict.Applies);
        Assert.Empty(verdict.Violations);
    }

    [Fact]
    public void TLS_user_with_thirty_day_certificate_is_denied()
    {
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls", "validityDays": 30, "renewalDays": 5}""")), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.Equal("[cert-lifetime] spec.authentication.validityDays: 30 exceeds the 7-day limit; set spec.authentication.validityDays to 7 or less and renewalDays below it",
            Assert.Single(verdict.Violations).Message);
    }

    [Fact]
    public void TLS_user_renewing_at_its_validity_is_denied()
    {
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls", "validityDays": 7, "renewalDays": 7}""")), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.Equal("spec.authentication.renewalDays", Assert.Single(verdict.Violations).Path.ToString());
    }

    [Fact]
    public void SCRAM_user_has_no_certificate_and_is_not_judged()
    {
        var verdict = policy.Decide(Requests.Create(User("""{"type": "scram-sha-512"}""")), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.False(verdict.Applies);
    }

    [Fact]
    public void TLS_user_without_validity_inherits_the_clients_CA_validity_of_its_Kafka_cluster()
    {
        var kafka = KubeJson.Read<Kafka>(KafkaCaValidityPolicyTests.Kafka());
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls"}""")), ClusterSnapshot.From([kafka]), GuardOptions.Default);
        var v = Assert.Single(verdict.Violations);
        Assert.Equal("unset, so the certificate inherits 365 days from the clients CA of Kafka my-cluster (spec.clientsCa.validityDays unset: Strimzi's default), over the 7-day limit", v.Finding);
    }

    [Fact]
    public void TLS_user_renewing_at_its_validity_is_told_its_certificate_is_reissued_not_that_the_cluster_rolls()
    {
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls", "validityDays": 7, "renewalDays": 7}""")), ClusterSnapshot.Empty, GuardOptions.Default);
        var v = Assert.Single(verdict.Violations);
        Assert.Equal("7 is not below validityDays 7, so the User Operator would issue a new user certificate (and Secret) on every reconciliation", v.Finding);
        Assert.DoesNotContain("roll", v.Message);
    }

    [Fact]
    public void TLS_user_with_only_renewalDays_is_judged_against_the_validity_it_inherits_from_its_clients_CA_named_with_its_value()
    {
        var kafka = KubeJson.Read<Kafka>(KafkaCaValidityPolicyTests.Kafka(clientsCa: """{"validityDays": 10, "renewalDays": 2}"""));
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls", "renewalDays": 2}""")), ClusterSnapshot.From([kafka]), GuardOptions.Default);
        var v = Assert.Single(verdict.Violations);
        Assert.Equal("spec.authentication.validityDays", v.Path.ToString());
        Assert.Equal("unset, so the certificate inherits 10 days from the clients CA of Kafka my-cluster (spec.clientsCa.validityDays), over the 7-day limit", v.Finding);
        Assert.DoesNotContain("Strimzi default", v.Message);
    }

    [Fact]
    public void TLS_user_without_validity_passes_when_its_cluster_issues_short_certificates()
    {
        var kafka = KubeJson.Read<Kafka>(KafkaCaValidityPolicyTests.Kafka(clientsCa: """{"validityDays": 7, "renewalDays": 2}"""));
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls"}""")), ClusterSnapshot.From([kafka]), GuardOptions.Default);
        Assert.Empty(verdict.Violations);
    }

    [Fact]
    public void TLS_user_without_validity_passes_when_its_cluster_is_not_in_view()
    {
        var verdict = policy.Decide(Requests.Create(User("""{"type": "tls"}""")), ClusterSnapshot.Empty, GuardOptions.Default);
        Assert.Empty(verdict.Violations);
    }
}
