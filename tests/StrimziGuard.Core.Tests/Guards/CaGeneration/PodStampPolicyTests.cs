using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

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
    public void On_random_pods_a_review_body_is_stamped_as_the_whole_pod_is()
    {
        // From a review's bytes the policy reads only the labels and annotations it decides on; from a tree, the whole metadata.
        var rng = new Random(43);
        ClusterSnapshot[] snapshots =
        [
            KeyReplacement,
            RotationState.Snapshot(RotationState.Kafka(false), RotationState.CertSecret(4, subjectKeyGeneration: null), RotationState.KeySecret(1)),
            RotationState.Snapshot(RotationState.CertSecret(3, 0), RotationState.KeySecret(0)),
        ];
        var patched = 0;
        for (var i = 0; i < 1000; i++)
        {
            var pod = RotationState.Pod("my-cluster-broker-1", cc: rng.Next(5) == 0 ? null : rng.Next(2, 6), ck: rng.Next(5) == 0 ? null : rng.Next(0, 3));
            var meta = pod["metadata"]!.AsObject();
            var annotations = meta["annotations"]!.AsObject();
            switch (rng.Next(8))
            {
                case 0: meta.Remove("annotations"); break;
                case 1: annotations.Clear(); break;
                case 2: annotations["strimzi.io/cluster-ca-key-generation"] = rng.Next(2) == 0 ? null : "one"; break;
                case 3: annotations["example.com/note"] = "caf\u00e9 \"quoted\""; break;
            }
            switch (rng.Next(8))
            {
                case 0: meta["labels"]!["strimzi.io/kind"] = "KafkaConnect"; break;
                case 1: meta["labels"]!.AsObject().Remove("strimzi.io/cluster"); break;
                case 2: meta.Remove("labels"); break;
                case 3: meta["labels"]!["example.com/team"] = "ünïcödé"; break;
            }
            var snapshot = snapshots[rng.Next(snapshots.Length)];
            var fromTree = policy.Decide(Requests.Create(pod, Requests.Operator), snapshot, GuardOptions.Default);
            var fromBody = policy.Decide(AdmissionReviewCodec.Read(ReviewBody(pod)).Review!.Request!, snapshot, GuardOptions.Default);
            Assert.True(Describe(fromTree) == Describe(fromBody), pod.ToJsonString());
            patched += fromTree.Patch.Count > 0 ? 1 : 0;
        }
        Assert.InRange(patched, 50, 900);
    }

    private static string Describe(PolicyVerdict v) => $"{v.Applies}|{v.Summary}|{Patch(v)}|{string.Join(";", v.Violations)}";

    private static byte[] ReviewBody(JsonObject pod) => System.Text.Encoding.UTF8.GetBytes(
        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\", "
        + "\"kind\": {\"group\": \"\", \"version\": \"v1\", \"kind\": \"Pod\"}, \"resource\": {\"group\": \"\", \"version\": \"v1\", \"resource\": \"pods\"}, "
        + $"\"namespace\": \"{(string?)pod["metadata"]!["namespace"]}\", \"userInfo\": {{\"username\": \"{Requests.Operator}\"}}, \"object\": {pod.ToJsonString()}}}}}");

    [Fact]
    public void Pod_created_by_operator_during_key_replacement_gets_current_key_generation()
    {
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), KeyReplacement);
        Assert.Equal("""[{"op":"replace","path":"/metadata/annotations/strimzi.io~1cluster-ca-key-generation","value":"1"}]""", Patch(verdict));
        Assert.Equal("raise 0 -> 1: ca.crt subject names v1", verdict.Summary);
    }

    /// <summary>
    /// Strimzi 0.47+ writes the two Secrets concurrently: the key Secret can show K while ca.crt is still the old certificate. A pod whose
    /// cert generation lags (2, from an interrupted renewal roll) sees the cert generation (3) above its own, which is no evidence at all.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(null)]
    public void A_Strimzi_managed_CA_is_judged_by_the_subject_alone_so_the_key_Secret_landing_first_stamps_nothing(bool? generateCa)
    {
        var keyFirst = RotationState.Snapshot(RotationState.Kafka(generateCa), RotationState.CertSecret(3, 0), RotationState.KeySecret(1));
        var verdict = Decide(RotationState.Pod("my-cluster-broker-2", cc: 2, ck: 0), keyFirst);
        Assert.Empty(verdict.Patch);
        Assert.Equal("not stamped: ca.crt names v0, not v1: the cert Secret does not show the generation-1 CA certificate yet", verdict.Summary);
    }

    [Fact]
    public void Without_the_Kafka_CR_in_view_the_CA_counts_as_Strimzi_managed_and_only_the_subject_counts()
    {
        var keyFirst = RotationState.Snapshot(RotationState.CertSecret(3, 0), RotationState.KeySecret(1));
        Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-2", cc: 2, ck: 0), keyFirst).Patch);
        var userCaUnknown = RotationState.Snapshot(RotationState.CertSecret(4, subjectKeyGeneration: null), RotationState.KeySecret(1));
        Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), userCaUnknown).Patch);
    }

    [Fact]
    public void A_cert_write_that_failed_after_the_key_write_succeeded_stamps_nothing_however_long_it_lasts()
    {
        var certFailed = RotationState.Snapshot(RotationState.Kafka(null), RotationState.CertSecret(3, 0), RotationState.KeySecret(1));
        foreach (var cc in new[] { 0, 2, 3 }) Assert.Empty(Decide(RotationState.Pod("my-cluster-broker-1", cc, ck: 0), certFailed).Patch);
    }

    [Fact]
    public void A_Strimzi_managed_CA_whose_ca_crt_names_K_stamps_whatever_the_cert_generations_say()
    {
        var certFirst = RotationState.Snapshot(RotationState.Kafka(true), RotationState.CertSecret(4, 1), RotationState.KeySecret(1));
        Assert.Single(Decide(RotationState.Pod("my-cluster-broker-1", cc: 4, ck: 0), certFirst).Patch);
    }

    [Fact]
    public void A_Strimzi_managed_CA_whose_ca_crt_is_unreadable_stamps_nothing()
    {
        var unreadable = RotationState.Snapshot(RotationState.Kafka(true), RotationState.CertSecret(4, subjectKeyGeneration: null), RotationState.KeySecret(1));
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), unreadable);
        Assert.Empty(verdict.Patch);
        Assert.StartsWith("not stamped: ca.crt is not a readable Strimzi cluster CA certificate, not v1", verdict.Summary);
    }

    /// <summary>The documented order for a CA the user brings: replace ca.crt and bump ca-cert-generation, then bump ca-key-generation.</summary>
    [Fact]
    public void A_user_managed_CA_is_judged_by_the_cert_generation_above_the_pods()
    {
        var userCa = RotationState.Snapshot(RotationState.Kafka(false), RotationState.CertSecret(4, subjectKeyGeneration: null), RotationState.KeySecret(1));
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), userCa);
        Assert.Single(verdict.Patch);
        Assert.Equal("raise 0 -> 1: user-managed CA, ca-cert-generation 4 > pod's 3", verdict.Summary);
    }

    [Fact]
    public void A_user_managed_CA_whose_cert_generation_is_not_above_the_pods_is_not_stamped_even_if_its_subject_reads_like_Strimzis()
    {
        // The key generation bumped before the cert Secret (against the documented order); a user's subject says nothing about generations.
        var keyFirst = RotationState.Snapshot(RotationState.Kafka(false), RotationState.CertSecret(3, 1), RotationState.KeySecret(1));
        var verdict = Decide(RotationState.Pod("my-cluster-broker-1", cc: 3, ck: 0), keyFirst);
        Assert.Empty(verdict.Patch);
        Assert.StartsWith("not stamped: user-managed CA: ca-cert-generation 3 is not above the pod's 3", verdict.Summary);
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
