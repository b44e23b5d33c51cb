using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Policies.CaGeneration;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Policies.CaGeneration;

public sealed class PodStampPolicyTests
{
    private const string ReplicaSetController = "system:serviceaccount:kube-system:replicaset-controller";
    private readonly PodStampPolicy policy = new();

    /// <summary>Key replacement in progress: the cert Secret is at 4 with the v1 certificate, the key Secret at 1 (scenario 1).</summary>
    private static readonly ClusterSnapshot KeyReplacement = RotationState.Snapshot(RotationState.CertSecret(4, 1), RotationState.KeySecret(1));

    private PolicyVerdict Decide(JsonObject pod, ClusterSnapshot snapshot, string user = Requests.Operator) =>
        policy.Decide(Requests.Create(pod, user), snapshot, GuardOptions.Default);

    private static string Patch(PolicyVerdict v) => JsonPatchOperation.ToJson(v.Patch).ToJsonString();

    [Fact]
    public void Pod_created_by_operator_during_key_replacement_gets_current_key_generation()
    {
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), KeyReplacement);
        Assert.Equal("""[{"op":"replace","path":"/metadata/annotations/strimzi.io~1cluster-ca-key-generation","value":"1"}]""", Patch(verdict));
        Assert.Equal("raise 0 -> 1: ca.crt subject names v1", verdict.Summary);
    }

    [Fact]
    public void Cert_generation_ahead_of_the_pods_is_enough_evidence_for_a_CA_the_user_brings()
    {
        var userCa = RotationState.Snapshot(RotationState.CertSecret(4, subjectKeyGeneration: null), RotationState.KeySecret(1));
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), userCa);
        Assert.Single(verdict.Patch);
        Assert.Contains("ca-cert-generation 4 > pod's 3", verdict.Summary);
    }

    [Fact]
    public void Pod_is_not_stamped_while_the_cert_Secret_does_not_show_the_new_certificate()
    {
        var certNotYetWritten = RotationState.Snapshot(RotationState.CertSecret(3, 0), RotationState.KeySecret(1));
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), certNotYetWritten);
        Assert.Empty(verdict.Patch);
        Assert.StartsWith("not stamped: cert Secret does not show the generation-1 CA certificate yet", verdict.Summary);
    }

    [Fact]
    public void Pod_already_at_the_key_generation_is_left_alone() =>
        Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-0", cc: 3, ck: 1), KeyReplacement).Patch);

    [Fact]
    public void Pod_above_the_key_generation_is_never_lowered() =>
        Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-0", cc: 3, ck: 2), KeyReplacement).Patch);

    [Fact]
    public void Pod_without_the_annotation_is_not_stamped_because_the_operator_counts_it_as_current() =>
        Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-0", cc: 3, ck: null), KeyReplacement).Patch);

    [Fact]
    public void Pod_with_a_non_numeric_key_generation_is_not_stamped()
    {
        var pod = RotationState.Pod("my-cluster-broker-0", cc: 3, ck: 0);
        pod["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "zero";
        Assert.Empty(Decide(pod, KeyReplacement).Patch);
    }

    [Fact]
    public void Nothing_is_stamped_when_the_CA_key_Secret_is_not_in_view()
    {
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), RotationState.Snapshot(RotationState.CertSecret(4, 1)));
        Assert.Empty(verdict.Patch);
        Assert.Equal("not stamped: cluster CA key Secret not in view", verdict.Summary);
    }

    [Fact]
    public void Cert_renewal_with_the_same_key_stamps_nothing()
    {
        var renewal = RotationState.Snapshot(RotationState.CertSecret(4, 0), RotationState.KeySecret(0));
        Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), renewal).Patch);
    }

    [Fact]
    public void Entity_Operator_pod_made_by_the_ReplicaSet_controller_is_stamped_too()
    {
        var pod = RotationState.Pod("my-cluster-entity-operator-6d8f-x2x", cc: 3, ck: 0);
        pod["metadata"]!["labels"]!["strimzi.io/name"] = "my-cluster-entity-operator";
        Assert.Single(Decide(pod, KeyReplacement, ReplicaSetController).Patch);
    }

    [Fact]
    public void Pod_created_by_anyone_else_is_not_stamped() =>
        Assert.False(Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), KeyReplacement, Requests.User).Applies);

    [Fact]
    public void Pod_of_another_kind_is_not_stamped()
    {
        var pod = RotationState.Pod("x", cc: 3, ck: 0);
        pod["metadata"]!["labels"]!["strimzi.io/kind"] = "KafkaConnect";
        Assert.False(Decide(pod, KeyReplacement).Applies);
    }

    [Fact]
    public void Stamp_changes_only_the_key_generation_and_keeps_every_other_field()
    {
        var pod = RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0);
        var verdict = Decide(pod, KeyReplacement);
        var patched = JsonPatch.Apply(pod, verdict.Patch)!;
        pod["metadata"]!["annotations"]!["strimzi.io/cluster-ca-key-generation"] = "1";
        Assert.True(JsonNode.DeepEquals(pod, patched));
    }

    [Fact]
    public void Stamp_uses_the_namespace_of_the_request_when_the_pod_leaves_it_out()
    {
        var pod = RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0);
        pod["metadata"]!.AsObject().Remove("namespace");
        var request = Requests.Create(pod, Requests.Operator);
        request.Namespace = "kafka";
        Assert.Single(policy.Decide(request, KeyReplacement, GuardOptions.Default).Patch);
    }
}
