using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

public sealed class GenerationValuesPolicyTests
{
    private static readonly ClusterSnapshot KeyAtOne = RotationState.Snapshot(RotationState.CertSecret(4, 1), RotationState.KeySecret(1));
    private readonly GenerationValuesPolicy policy = new();

    [Fact]
    public void Pod_claiming_a_key_generation_above_the_Secrets_is_denied()
    {
        var verdict = policy.Decide(Requests.Create(RotationState.Pod("my-cluster-broker-0", 3, 2)), KeyAtOne, GuardOptions.Default);
        var v = Assert.Single(verdict.Violations);
        Assert.Equal("[ca-generation] metadata.annotations[strimzi.io/cluster-ca-key-generation]: \"2\" claims trust in CA key generation 2, but Secret my-cluster-cluster-ca is at 1; leave the stamp to the cluster operator and Strimzi Guard; set it to 1 or less", v.Message);
    }

    [Fact]
    public void Pod_at_or_below_the_key_generation_passes()
    {
        Assert.Empty(policy.Decide(Requests.Create(RotationState.Pod("p", 3, 1)), KeyAtOne, GuardOptions.Default).Violations);
        Assert.Empty(policy.Decide(Requests.Create(RotationState.Pod("p", 3, 0)), KeyAtOne, GuardOptions.Default).Violations);
    }

    [Theory]
    [InlineData("strimzi.io/cluster-ca-key-generation", "one")]
    [InlineData("strimzi.io/cluster-ca-cert-generation", "3.0")]
    [InlineData("strimzi.io/clients-ca-cert-generation", "99999999999")]
    public void Non_numeric_generation_is_denied_because_the_operators_parser_throws(string annotation, string value)
    {
        var pod = RotationState.Pod("p", 3, 1);
        pod["metadata"]!["annotations"]![annotation] = value;
        var v = Assert.Single(policy.Decide(Requests.Create(pod), KeyAtOne, GuardOptions.Default).Violations);
        Assert.Equal($"metadata.annotations[{annotation}]", v.Path.ToString());
        Assert.Contains("is not a whole number", v.Finding);
    }

    [Theory]
    [InlineData("+1")]
    [InlineData("007")]
    public void Values_Integer_parseInt_accepts_pass(string value)
    {
        var pod = RotationState.Pod("p", 3, 1);
        pod["metadata"]!["annotations"]!["strimzi.io/cluster-ca-cert-generation"] = value;
        Assert.Empty(policy.Decide(Requests.Create(pod), KeyAtOne, GuardOptions.Default).Violations);
    }

    [Theory]
    [InlineData("core.strimzi.io/v1beta2")]
    [InlineData("core.strimzi.io/v1")]
    public void StrimziPodSet_entry_above_the_key_generation_is_denied_with_its_index(string apiVersion)
    {
        var sps = RotationState.PodSet("my-cluster-broker", apiVersion, ("my-cluster-broker-0", 3, 1), ("my-cluster-broker-1", 3, 5));
        var v = Assert.Single(policy.Decide(Requests.Create(sps), KeyAtOne, GuardOptions.Default).Violations);
        Assert.Equal("spec.pods[1].metadata.annotations[strimzi.io/cluster-ca-key-generation]", v.Path.ToString());
    }

    [Fact]
    public void Operator_write_of_a_high_value_is_warned_not_denied()
    {
        var decision = new AdmissionDispatcher(PolicyCatalog.Default)
            .Review(Requests.Create(RotationState.Pod("p", 3, 2), Requests.Operator), KeyAtOne, GuardOptions.Default, new WebhookPath(WebhookKind.Validating, GuardIds.CaGeneration));
        Assert.True(decision.Allowed);
        Assert.StartsWith("warned-operator:", decision.AuditAnnotations["ca-generation.values"]);
    }

    [Fact]
    public void Template_copied_by_the_ReplicaSet_controller_is_warned_about_not_refused()
    {
        var verdict = policy.Decide(Requests.Create(RotationState.Pod("eo", 3, 2), "system:serviceaccount:kube-system:replicaset-controller"), KeyAtOne, GuardOptions.Default);
        Assert.Empty(verdict.Violations);
        Assert.Contains("copied from a template", Assert.Single(verdict.Notes));
    }

    [Fact]
    public void Above_K_cannot_be_judged_without_the_key_Secret_but_non_numeric_still_is()
    {
        var pod = RotationState.Pod("p", 3, 9);
        Assert.Empty(policy.Decide(Requests.Create(pod), ClusterSnapshot.Empty, GuardOptions.Default).Violations);
        pod["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "x";
        Assert.Single(policy.Decide(Requests.Create(pod), ClusterSnapshot.Empty, GuardOptions.Default).Violations);
    }
}
