using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.Controllers.AgentPortWorld;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>
/// The agent-port controller, one full pass at a time (<c>reconcile --once</c>), against the fake API server (a test double that keeps the
/// API's semantics, not a cluster) through a real <see cref="KubeApiClient"/>. Stale snapshots are in <see cref="AgentPortStaleSnapshotTests"/>, the continuous loop in <see cref="AgentPortControllerLoopTests"/>.
/// </summary>
public sealed class AgentPortControllerTests : AgentPortPassFixture
{
    private static string[] Lines(ReconcileReport report) => report.Writes.Select(w => $"{w.Verb} {w.Resource} {w.Namespace}/{w.Name}").ToArray();

    [Fact]
    public async Task From_nothing_it_creates_the_guard_policy_with_8443_for_the_operator_and_every_other_port_open()
    {
        SeedCluster(Fake);

        var report = await Pass();

        Assert.True(report.Succeeded, string.Join("; ", report.Failures));
        Assert.Equal([$"create {Resource} kafka/{Primary}"], Lines(report));
        var policy = KubeJson.Read<V1NetworkPolicy>(Policy(Fake, Primary)!);
        Assert.Equal(new Dictionary<string, string> { ["strimzi.io/cluster"] = Cluster, ["strimzi.io/kind"] = "Kafka", ["strimzi.io/name"] = "my-cluster-kafka" },
            policy.Spec!.PodSelector!.MatchLabels);
        var owner = Assert.Single(policy.Metadata.OwnerReferences!);
        Assert.Equal(("Kafka", Cluster, (string?)Fake.Get("kafka.strimzi.io", "kafkas", Ns, Cluster)!["metadata"]!["uid"]), (owner.Kind, owner.Name, owner.Uid));

        Assert.Equal(2, policy.Spec.Ingress!.Count);
        var agent = policy.Spec.Ingress[0];
        Assert.Equal(8443, Assert.Single(agent.Ports!).Port!.Number);
        var peer = Assert.Single(agent.From!);
        Assert.Equal("cluster-operator", peer.PodSelector!.MatchLabels!["strimzi.io/kind"]);
        Assert.Equal("strimzi", peer.NamespaceSelector!.MatchLabels!["kubernetes.io/metadata.name"]);

        var passThrough = policy.Spec.Ingress[1];
        Assert.Null(passThrough.From);
        Assert.Equal(["TCP 1-8442", "TCP 8444-65535", "UDP all"],
            passThrough.Ports!.Select(p => $"{p.Protocol} {(p.Port is null ? "all" : $"{p.Port.Number}-{p.EndPort}")}"));
        Assert.Single(Log.Messages(4001));
    }

    [Fact]
    public async Task A_second_pass_writes_nothing()
    {
        SeedCluster(Fake);
        await Pass();
        Fake.Requests.Clear();

        var second = await Pass();

        Assert.Empty(second.Writes);
        Assert.Empty(GuardWrites(Fake));
        Assert.Equal(1, second.Keys);
    }

    [Fact]
    public async Task Another_policy_isolating_the_pods_later_removes_the_pass_through_rule_with_a_patch()
    {
        SeedCluster(Fake);
        await Pass();
        Fake.Seed(StrimziNetworkPolicy());

        var report = await Pass();
        var third = await Pass();

        Assert.Equal([$"patch {Resource} kafka/{Primary}"], Lines(report));
        Assert.StartsWith("[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\"", report.Writes[0].Detail, StringComparison.Ordinal);
        var rule = Assert.Single(Rules(Fake, Primary));
        Assert.Equal(8443, (int?)rule!["ports"]![0]!["port"]);
        Assert.Empty(third.Writes);
        Assert.NotNull(Policy(Fake, StrimziPolicy));
    }

    [Fact]
    public async Task The_pass_through_rule_comes_back_when_the_other_policy_goes()
    {
        SeedCluster(Fake);
        Fake.Seed(StrimziNetworkPolicy());
        await Pass();
        Assert.Single(Rules(Fake, Primary));

        Fake.Delete("networking.k8s.io", "networkpolicies", Ns, StrimziPolicy);
        var report = await Pass();

        Assert.Equal([$"patch {Resource} kafka/{Primary}"], Lines(report));
        Assert.Equal(2, Rules(Fake, Primary).Count);
    }

    [Fact]
    public async Task When_another_policy_isolates_only_some_pods_the_rest_get_a_complement_policy_written_before_the_primary_closes()
    {
        SeedCluster(Fake);
        await Pass();
        Fake.Seed(UserPolicy("broker-0-only", new() { ["strimzi.io/pod-name"] = "my-cluster-broker-0" }));

        var report = await Pass();

        Assert.Equal([$"create {Resource} kafka/{Complement}", $"patch {Resource} kafka/{Primary}"], Lines(report));
        Assert.Single(Rules(Fake, Primary));
        Assert.Equal(2, Rules(Fake, Complement).Count);
        Assert.Equal(["my-cluster-broker-1"],
            Policy(Fake, Complement)!["spec"]!["podSelector"]!["matchExpressions"]![0]!["values"]!.AsArray().Select(v => (string?)v));
        Assert.Empty((await Pass()).Writes);
    }

    [Fact]
    public async Task Deleting_the_Kafka_cluster_deletes_its_guard_policy_with_a_resource_version_precondition()
    {
        SeedCluster(Fake);
        await Pass();
        var seen = (string?)Policy(Fake, Primary)!["metadata"]!["resourceVersion"];
        Fake.Delete("kafka.strimzi.io", "kafkas", Ns, Cluster);

        var report = await Pass();

        Assert.Equal([$"delete {Resource} kafka/{Primary}"], Lines(report));
        Assert.Null(Policy(Fake, Primary));
        Assert.NotNull(seen);
        Assert.Equal(1, report.Keys);
        var next = await Pass();
        Assert.Equal(0, next.Keys);
        Assert.Empty(next.Writes);
    }

    [Fact]
    public async Task Options_are_read_on_every_pass_and_Off_touches_nothing_not_even_the_audit()
    {
        SeedCluster(Fake);
        Fake.Seed(UserPolicy("allow-all", [], new V1NetworkPolicyIngressRule()));
        var options = GuardOptions.Default;
        using var gated = new GuardModeGate(new AgentPortController(() => options, Log), GuardIds.AgentPort, () => options);
        await ControllerRunner.RunOnceAsync(Client, [gated], CancellationToken.None);
        Assert.NotNull(Policy(Fake, Primary));
        var findings = Log.Messages(4003).Count;
        Fake.Requests.Clear();

        options = options with { AgentPort = options.AgentPort with { Mode = GuardMode.Off } };
        var report = await ControllerRunner.RunOnceAsync(Client, [gated], CancellationToken.None);

        Assert.Empty(report.Writes);
        Assert.Equal(0, report.Keys);
        Assert.Empty(GuardWrites(Fake));
        Assert.NotNull(Policy(Fake, Primary));
        Assert.Equal(findings, Log.Messages(4003).Count);
    }

    [Fact]
    public async Task Audit_mode_logs_and_counts_the_writes_it_would_make_and_makes_none()
    {
        SeedCluster(Fake);
        var options = GuardOptions.Default with { AgentPort = GuardOptions.Default.AgentPort with { Mode = GuardMode.Audit } };
        using var gated = new GuardModeGate(new AgentPortController(() => options, Log), GuardIds.AgentPort, () => options);

        var report = await ControllerRunner.RunOnceAsync(Client, [gated], CancellationToken.None);

        Assert.True(report.Succeeded, string.Join("; ", report.Failures));
        Assert.Empty(report.Writes);
        Assert.Empty(GuardWrites(Fake));
        Assert.Null(Policy(Fake, Primary));
        Assert.Contains(Log.Messages(4007), m => m.Contains($"would create NetworkPolicy {Primary}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_once_over_the_guard_controllers_reports_the_agent_port_writes()
    {
        SeedCluster(Fake);
        var controllers = GuardControllers.Create(() => GuardOptions.Default);

        var report = await ControllerRunner.RunOnceAsync(Client, controllers, CancellationToken.None);

        Assert.Contains(controllers, c => c.Name == "agent-port");
        Assert.Contains($"create {Resource} kafka/{Primary}", Lines(report));
        Assert.True(report.Succeeded, string.Join("; ", report.Failures));
        foreach (var c in controllers.OfType<IDisposable>()) c.Dispose();
    }
}
