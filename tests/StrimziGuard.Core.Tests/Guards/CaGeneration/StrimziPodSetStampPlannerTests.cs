using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

public sealed class StrimziPodSetStampPlannerTests
{
    private static V1Pod Live(string name, int cc, int ck) => KubeJson.Read<V1Pod>(RotationState.Pod(name, cc, ck));

    private static StrimziPodSet Brokers(string apiVersion = "core.strimzi.io/v1beta2", int ck1 = 0, int ck2 = 0) =>
        RotationState.PodSet("my-cluster-broker", apiVersion, ("my-cluster-broker-0", 3, 0), ("my-cluster-broker-1", 3, ck1), ("my-cluster-broker-2", 3, ck2));

    private static ClusterSnapshot Rotation(params KubernetesObject[] more) =>
        ClusterSnapshot.From([RotationState.CertSecret(4, 1), RotationState.KeySecret(1), .. more]);

    [Fact]
    public void Entries_behind_are_raised_to_the_key_generation_once_the_operator_rolled_a_pod()
    {
        var plan = StrimziPodSetStampPlanner.Plan(Rotation(Brokers()), "kafka", "my-cluster", rollObserved: true);
        var write = Assert.Single(plan.Writes);
        Assert.Equal(["my-cluster-broker-0", "my-cluster-broker-1", "my-cluster-broker-2"], write.Entries.Select(e => e.PodName));
        Assert.All(write.Entries, e => Assert.Equal((0, 1), (e.From, e.To)));
    }

    [Fact]
    public void Patch_tests_resource_version_pod_name_and_current_value_before_each_raise()
    {
        var write = Assert.Single(StrimziPodSetStampPlanner.Plan(Rotation(Brokers()), "kafka", "my-cluster", true).Writes);
        Assert.Equal(
            """[{"op":"test","path":"/metadata/resourceVersion","value":"1829911"},{"op":"test","path":"/spec/pods/0/metadata/name","value":"my-cluster-broker-0"},{"op":"test","path":"/spec/pods/0/metadata/annotations/strimzi.io~1cluster-ca-key-generation","value":"0"},{"op":"replace","path":"/spec/pods/0/metadata/annotations/strimzi.io~1cluster-ca-key-generation","value":"1"}]""",
            JsonPatchOperation.ToJson(write.Patch.Take(4)).ToJsonString());
        Assert.Equal(1 + (3 * 3), write.Patch.Count);
    }

    [Fact]
    public void Nothing_is_planned_before_the_trust_roll_is_seen_so_Strimzi_045_stamps_without_conflicts()
    {
        var all = new[] { Live("my-cluster-broker-0", 3, 0), Live("my-cluster-broker-1", 3, 0), Live("my-cluster-broker-2", 3, 0) };
        var plan = StrimziPodSetStampPlanner.Plan(Rotation([Brokers(), .. all]), "kafka", "my-cluster", rollObserved: false);
        Assert.Empty(plan.Writes);
        Assert.StartsWith("no trust roll seen yet", plan.Reason);
    }

    [Fact]
    public void A_live_pod_already_trusting_the_key_is_evidence_enough_after_a_guard_restart()
    {
        var plan = StrimziPodSetStampPlanner.Plan(Rotation(Brokers(), Live("my-cluster-broker-0", 3, 1)), "kafka", "my-cluster", rollObserved: false);
        Assert.Equal(3, Assert.Single(plan.Writes).Entries.Count);
    }

    [Fact]
    public void An_entry_whose_pod_is_gone_shows_the_roll_even_when_the_delete_was_seen_by_another_replica()
    {
        var plan = StrimziPodSetStampPlanner.Plan(Rotation(Brokers(), Live("my-cluster-broker-0", 3, 0), Live("my-cluster-broker-2", 3, 0)), "kafka", "my-cluster", rollObserved: false);
        Assert.Equal("pod my-cluster-broker-1 is being recreated", plan.Reason);
        Assert.Equal(3, Assert.Single(plan.Writes).Entries.Count);
    }

    [Fact]
    public void Planning_against_the_stamped_result_plans_nothing()
    {
        var stamped = Brokers(ck1: 1, ck2: 1);
        stamped.Spec!.Pods![0].Metadata.Annotations!["strimzi.io/cluster-ca-key-generation"] = "1";
        Assert.Empty(StrimziPodSetStampPlanner.Plan(Rotation(stamped), "kafka", "my-cluster", true).Writes);
    }

    [Fact]
    public void Entries_above_the_key_generation_are_never_lowered()
    {
        var write = Assert.Single(StrimziPodSetStampPlanner.Plan(Rotation(Brokers(ck1: 2)), "kafka", "my-cluster", true).Writes);
        Assert.DoesNotContain(write.Entries, e => e.PodName == "my-cluster-broker-1");
    }

    [Fact]
    public void Nothing_is_planned_while_the_cert_Secret_lacks_the_new_certificate()
    {
        var snapshot = ClusterSnapshot.From([RotationState.CertSecret(3, 0), RotationState.KeySecret(1), Brokers()]);
        var plan = StrimziPodSetStampPlanner.Plan(snapshot, "kafka", "my-cluster", true);
        Assert.Empty(plan.Writes);
        Assert.Equal(3, plan.Skipped.Count);
    }

    /// <summary>0.47+: the key Secret landed first, and entries lag on the cert generation (2) behind the cert Secret (3).</summary>
    [Fact]
    public void With_a_Strimzi_managed_CA_entries_behind_on_the_cert_generation_are_not_stamped_before_ca_crt_names_K()
    {
        var lagging = RotationState.PodSet("my-cluster-broker", "core.strimzi.io/v1beta2", ("my-cluster-broker-0", 2, 0), ("my-cluster-broker-1", 2, 0));
        var keyFirst = ClusterSnapshot.From([RotationState.Kafka(null), RotationState.CertSecret(3, 0), RotationState.KeySecret(1), lagging]);
        var plan = StrimziPodSetStampPlanner.Plan(keyFirst, "kafka", "my-cluster", rollObserved: true);
        Assert.Empty(plan.Writes);
        Assert.All(plan.Skipped, s => Assert.Contains("ca.crt names v0, not v1", s));
    }

    [Fact]
    public void With_a_user_managed_CA_the_planner_follows_the_cert_generation_like_the_pod_stamp()
    {
        var userCa = ClusterSnapshot.From([RotationState.Kafka(false), RotationState.CertSecret(4, null), RotationState.KeySecret(1), Brokers()]);
        Assert.Equal(3, Assert.Single(StrimziPodSetStampPlanner.Plan(userCa, "kafka", "my-cluster", true).Writes).Entries.Count);
        var keyBumpedFirst = ClusterSnapshot.From([RotationState.Kafka(false), RotationState.CertSecret(3, null), RotationState.KeySecret(1), Brokers()]);
        Assert.Empty(StrimziPodSetStampPlanner.Plan(keyBumpedFirst, "kafka", "my-cluster", true).Writes);
    }

    [Theory]
    [InlineData("core.strimzi.io/v1beta2")]
    [InlineData("core.strimzi.io/v1")]
    public void Every_pool_is_stamped_in_both_API_versions(string apiVersion)
    {
        var controllers = RotationState.PodSet("my-cluster-controller", apiVersion, ("my-cluster-controller-3", 3, 0));
        var plan = StrimziPodSetStampPlanner.Plan(Rotation(Brokers(apiVersion), controllers), "kafka", "my-cluster", true);
        Assert.Equal(["my-cluster-broker", "my-cluster-controller"], plan.Writes.Select(w => w.PodSet.Name));
    }

    [Fact]
    public void Pod_sets_of_other_clusters_and_components_are_left_alone()
    {
        var zookeeper = RotationState.PodSet("my-cluster-zookeeper", "core.strimzi.io/v1beta2", ("my-cluster-zookeeper-0", 3, 0));
        zookeeper.Metadata.Labels!["strimzi.io/name"] = "my-cluster-zookeeper";
        var other = RotationState.PodSet("other-broker", "core.strimzi.io/v1beta2", ("other-broker-0", 3, 0));
        other.Metadata.Labels!["strimzi.io/cluster"] = "other";
        Assert.Empty(StrimziPodSetStampPlanner.Plan(Rotation(zookeeper, other), "kafka", "my-cluster", true).Writes);
    }
}
