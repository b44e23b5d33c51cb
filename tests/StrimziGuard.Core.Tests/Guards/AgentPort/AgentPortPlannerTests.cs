using System.Text.Json.Nodes;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Manifests;
using static StrimziGuard.Core.Tests.Guards.AgentPort.AgentPortFixtures;

namespace StrimziGuard.Core.Tests.Guards.AgentPort;

public sealed class AgentPortPlannerTests
{
    private static readonly GuardOptions Options = GuardOptions.Default;

    private static AgentPortPlan Plan(ClusterSnapshot snapshot, GuardOptions? options = null) =>
        AgentPortPlanner.Plan(Ns, Cluster, snapshot, options ?? Options);

    [Fact]
    public void Unisolated_pods_get_the_operator_rule_and_a_pass_through_for_everything_else()
    {
        var plan = Plan(Snapshot());
        var write = Assert.Single(plan.Writes);
        Assert.Equal((AgentPortWriteKind.Create, "my-cluster-kafka-agent-guard"), (write.Kind, write.Name));
        var expected = YamlDocuments.Parse("""
            podSelector:
              matchLabels: {strimzi.io/cluster: my-cluster, strimzi.io/kind: Kafka, strimzi.io/name: my-cluster-kafka}
            policyTypes: [Ingress]
            ingress:
              - ports: [{protocol: TCP, port: 8443}]
                from:
                  - podSelector: {matchLabels: {strimzi.io/kind: cluster-operator}}
                    namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: strimzi}}
              - ports:
                  - {protocol: TCP, port: 1, endPort: 8442}
                  - {protocol: TCP, port: 8444, endPort: 65535}
                  - {protocol: UDP}
            """).Single();
        var actual = KubeJson.ToNode(write.Policy.Spec);
        Assert.True(JsonNode.DeepEquals(expected, actual), actual.ToJsonString());
    }

    [Fact]
    public void The_guard_policy_is_owned_by_the_Kafka_CR_without_blocking_its_deletion_and_labelled_as_ours()
    {
        var policy = Assert.Single(Plan(Snapshot()).Desired);
        var owner = Assert.Single(policy.Metadata.OwnerReferences!);
        Assert.Equal(("kafka.strimzi.io/v1beta2", "Kafka", "my-cluster", "9d6e2f4a-3b1c-4d8e-a7f2-6c5b4a3d2e01", false, false),
            (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller, owner.BlockOwnerDeletion));
        Assert.Equal("strimzi-guard", policy.Metadata.Labels!["app.kubernetes.io/managed-by"]);
        Assert.Equal(("kafka", "my-cluster-kafka-agent-guard"), (policy.Namespace, policy.Name));
    }

    [Fact]
    public void Pods_isolated_by_another_policy_get_only_the_8443_rule()
    {
        var policy = Assert.Single(Plan(Snapshot(StrimziPolicy("namespace-labels"))).Desired);
        var rule = Assert.Single(policy.Spec!.Ingress!);
        Assert.Equal(8443, rule.Ports!.Single().Port!.Number);
    }

    [Fact]
    public void SCTP_joins_the_pass_through_when_configured()
    {
        var options = Options with { AgentPort = new AgentPortOptions { Sctp = true } };
        var policy = Assert.Single(Plan(Snapshot(), options).Desired);
        Assert.Contains(policy.Spec!.Ingress![1].Ports!, p => p.Protocol == "SCTP" && p.Port is null);
    }

    [Fact]
    public void A_second_plan_against_the_applied_result_writes_nothing()
    {
        var applied = AgentPortServer.Apply(Snapshot(), Plan(Snapshot()));
        var again = Plan(applied);
        Assert.True(again.InSync, string.Join("; ", again.Writes));
    }

    [Fact]
    public void A_policy_added_later_removes_the_pass_through_by_patch()
    {
        var applied = AgentPortServer.Apply(Snapshot(), Plan(Snapshot()));
        var isolated = applied.With([StrimziPolicy("namespace-labels")]);
        var write = Assert.Single(Plan(isolated).Writes);
        Assert.Equal(AgentPortWriteKind.Patch, write.Kind);
        Assert.Equal(JsonPatchOperation.Test("/metadata/resourceVersion", applied.NetworkPolicies.Get(Ns, write.Name)!.Metadata.ResourceVersion).ToString(), write.Patch[0].ToString());
        var patched = AgentPortServer.Apply(isolated, Plan(isolated));
        Assert.Single(patched.NetworkPolicies.Get(Ns, "my-cluster-kafka-agent-guard")!.Spec!.Ingress!);
        Assert.True(Plan(patched).InSync);
    }

    [Fact]
    public void The_operator_reapplying_its_own_policy_changes_nothing_in_our_plan()
    {
        var strimzi = AgentPortServer.Stored(StrimziPolicy("namespace-labels"));
        var applied = AgentPortServer.Apply(Snapshot(strimzi), Plan(Snapshot(strimzi)));
        var reapplied = applied.With([AgentPortServer.Stored(strimzi)]);
        Assert.NotEqual(strimzi.Metadata.ResourceVersion, reapplied.NetworkPolicies.Get(Ns, strimzi.Name)!.Metadata.ResourceVersion);
        Assert.True(Plan(reapplied).InSync);
    }

    [Fact]
    public void A_deleted_cluster_plans_the_deletion_of_its_guard_policy()
    {
        var applied = AgentPortServer.Apply(Snapshot(), Plan(Snapshot()));
        var gone = AgentPortServer.Without(applied, Kafka());
        var write = Assert.Single(Plan(gone).Writes);
        Assert.Equal((AgentPortWriteKind.Delete, "my-cluster-kafka-agent-guard"), (write.Kind, write.Name));
        Assert.NotNull(write.Policy.Metadata.Uid);
        Assert.Contains((Ns, Cluster), AgentPortPlanner.Clusters(gone));
        Assert.True(Plan(AgentPortServer.Apply(gone, Plan(gone))).InSync);
    }

    [Fact]
    public void Turning_the_guard_off_removes_its_policy()
    {
        var applied = AgentPortServer.Apply(Snapshot(), Plan(Snapshot()));
        var off = Options with { AgentPort = new AgentPortOptions { Mode = GuardMode.Off } };
        Assert.Equal(AgentPortWriteKind.Delete, Assert.Single(Plan(applied, off).Writes).Kind);
    }

    [Fact]
    public void Partly_isolated_pods_get_a_complement_policy_for_the_open_ones_written_first()
    {
        var snapshot = Snapshot(KafkaPod("my-cluster-controller-3", "controller"), Policy("brokers", "podSelector: {matchLabels: {strimzi.io/pool-name: broker}}\ningress: [{ports: [{port: 9092}]}]"));
        var plan = Plan(snapshot);
        Assert.Equal(["my-cluster-kafka-agent-guard-complement", "my-cluster-kafka-agent-guard"], plan.Writes.Select(w => w.Name));
        var complement = plan.Writes[0].Policy;
        Assert.Equal(["my-cluster-controller-3"], complement.Spec!.PodSelector!.MatchExpressions!.Single().Values!);
        Assert.Equal(2, complement.Spec.Ingress!.Count);
        Assert.Single(plan.Writes[1].Policy.Spec!.Ingress!);
    }

    [Fact]
    public void When_the_other_policy_goes_the_primary_opens_before_the_complement_is_deleted()
    {
        var brokers = Policy("brokers", "podSelector: {matchLabels: {strimzi.io/pool-name: broker}}");
        var mixed = Snapshot(KafkaPod("my-cluster-controller-3", "controller"), brokers);
        var applied = AgentPortServer.Apply(mixed, Plan(mixed));
        var open = AgentPortServer.Without(applied, brokers);
        var plan = Plan(open);
        Assert.Equal([(AgentPortWriteKind.Patch, "my-cluster-kafka-agent-guard"), (AgentPortWriteKind.Delete, "my-cluster-kafka-agent-guard-complement")],
            plan.Writes.Select(w => (w.Kind, w.Name)));
        Assert.True(Plan(AgentPortServer.Apply(open, plan)).InSync);
    }

    [Fact]
    public void A_live_policy_of_our_name_is_brought_to_the_desired_state_keeping_what_the_server_and_others_added()
    {
        var desired = Assert.Single(Plan(Snapshot()).Desired);
        var live = AgentPortServer.Stored(desired);
        live.Metadata.Labels!["team"] = "platform";
        live.Metadata.Annotations = new() { ["note"] = "kept" };
        Assert.Empty(AgentPortPatch.Diff(desired, live));
        live.Metadata.Labels.Remove("app.kubernetes.io/managed-by");
        live.Spec!.Ingress!.RemoveAt(1);
        var patch = AgentPortPatch.Diff(desired, live);
        Assert.Equal(["test /metadata/resourceVersion", "replace /spec/ingress", "add /metadata/labels/app.kubernetes.io~1managed-by"], patch.Select(p => $"{p.Op} {p.Path}"));
    }

    [Fact]
    public void A_Kafka_cluster_without_pods_is_planned_from_the_canonical_labels()
    {
        var snapshot = ClusterSnapshot.From([Kafka(), Policy("deny-all", "podSelector: {}")]);
        Assert.Single(Assert.Single(Plan(snapshot).Desired).Spec!.Ingress!);
        Assert.Equal(2, Assert.Single(Plan(ClusterSnapshot.From([Kafka()])).Desired).Spec!.Ingress!.Count);
    }
}
