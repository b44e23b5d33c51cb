using StrimziGuard.Core.Guards.CertLifetime;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CertLifetime;

public sealed class KafkaCaDefaultsPolicyTests
{
    private static readonly GuardOptions FillOn = GuardOptions.Default with { CertLifetime = new CertLifetimeOptions { FillDefaults = true } };
    private readonly KafkaCaDefaultsPolicy policy = new();

    [Fact]
    public void Defaulting_is_off_unless_configured()
    {
        Assert.False(policy.Decide(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), ClusterSnapshot.Empty, GuardOptions.Default).Applies);
    }

    [Fact]
    public void Unset_validity_and_renewal_are_filled_with_compliant_values_and_a_note()
    {
        var verdict = policy.Decide(Requests.Create(KafkaCaValidityPolicyTests.Kafka()), ClusterSnapshot.Empty, FillOn);
        Assert.Equal(
            """[{"op":"add","path":"/spec/clusterCa","value":{"validityDays":7,"renewalDays":2}},{"op":"add","path":"/spec/clientsCa","value":{"validityDays":7,"renewalDays":2}}]""",
            JsonPatchOperation.ToJson(verdict.Patch).ToJsonString());
        Assert.Contains("set spec.clusterCa.validityDays to 7 (unset means 365)", verdict.Notes);
    }

    [Fact]
    public void Values_the_user_set_are_never_changed_and_unknown_fields_survive()
    {
        var kafka = KafkaCaValidityPolicyTests.Kafka("""{"validityDays": 60, "certificateExpirationPolicy": "replace-key", "futureField": {"x": 1}}""", """{"validityDays": 7, "renewalDays": 2}""");
        var verdict = policy.Decide(Requests.Create(kafka), ClusterSnapshot.Empty, FillOn);
        Assert.Empty(verdict.Patch);
    }

    [Fact]
    public void Only_renewal_is_filled_when_validity_is_set()
    {
        var kafka = KafkaCaValidityPolicyTests.Kafka("""{"validityDays": 7}""", """{"validityDays": 7, "renewalDays": 2}""");
        var verdict = policy.Decide(Requests.Create(kafka), ClusterSnapshot.Empty, FillOn);
        Assert.Equal("""[{"op":"add","path":"/spec/clusterCa/renewalDays","value":2}]""", JsonPatchOperation.ToJson(verdict.Patch).ToJsonString());
    }
}
