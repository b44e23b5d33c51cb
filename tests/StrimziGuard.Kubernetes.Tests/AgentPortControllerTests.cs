using StrimziGuard.Core;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Admission;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.AgentPortWorld;

namespace StrimziGuard.Kubernetes.Tests;

/// <summary>
/// The agent-port controller, one full pass at a time (<c>reconcile --once</c>), against the fake API server (a test double that keeps the
/// API's semantics, not a cluster) through a real <see cref="KubeApiClient"/>. Stale snapshots are in <see cref="AgentPortStaleSnapshotTests"/>, the continuous loop in <see cref="AgentPortControllerLoopTests"/>.
/// </summary>
public sealed class AgentPortControllerTests : IAsyncLifetime
{
    private const string Resource = "networkpolicies.networking.k8s.io";

    private readonly AgentPortLogLines log = new();
    private FakeApiServer fake = null!;
    private KubeApiClient client = null!;
    private AgentPortController controller = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeApiServer.StartAsync();
        client = fake.CreateClient();
        controller = new AgentPortController(() => GuardOptions.Default, log);
    }

    public async Task DisposeAsync()
    {
        controller.Dispose();
        client.Dispose();
        await fake.DisposeAsync();
    }

    private Task<ReconcileReport> Pass() => ControllerRunner.RunOnceAsync(client, [controller], CancellationToken.None);

    private static string[] Lines(ReconcileReport report) => report.Writes.Select(w => $"{w.Verb} {w.Resource} {w.Namespace}/{w.Name}").ToArray();

    [Fact]
    public async Task From_nothing_it_creates_the_guard_policy_with_8443_for_the_operator_and_every_other_port_open()
    {
        SeedCluster(fake);

        var report = await Pass();

        Assert.True(report.Succeeded, string.Join("; ", report.Failures));
        Assert.Equal([$"create {Resource} kafka/{Primary}"], Lines(report));
        var policy = KubeJson.Read<V1NetworkPolicy>(Policy(fake, Primary)!);
        Assert.Equal(new Dictionary<string, string> { ["strimzi.io/cluster"] = Cluster, ["strimzi.io/kind"] = "Kafka", ["strimzi.io/name"] = "my-cluster-kafka" },
            policy.Spec!.PodSelector!.MatchLabels);
        var owner = Assert.Single(policy.Metadata.OwnerReferences!);
        Assert.Equal(("Kafka", Cluster, (string?)fake.Get("kafka.strimzi.io", "kafkas", Ns, Cluster)!["metadata"]!["uid"]), (owner.Kind, owner.Name, owner.Uid));

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
        Assert.Single(log.Messages(4001));
    }

    [Fact]
    public async Task A_second_pass_writes_nothing()
    {
        SeedCluster(fake);
        await Pass();
        fake.Requests.Clear();

        var second = await Pass();

        Assert.Empty(second.Writes);
        Assert.Empty(GuardWrites(fake));
        Assert.Equal(1, second.Keys);
    }

    [Fact]
    public async Task Another_policy_isolating_the_pods_later_removes_the_pass_through_rule_with_a_patch()
    {
        SeedCluster(fake);
        await Pass();
        fake.Seed(StrimziNetworkPolicy());

        var report = await Pass();
        var third = await Pass();

        Assert.Equal([$"patch {Resource} kafka/{Primary}"], Lines(report));
        Assert.StartsWith("[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\"", report.Writes[0].Detail, StringComparison.Ordinal);
        var rule = Assert.Single(Rules(fake, Primary));
        Assert.Equal(8443, (int?)rule!["ports"]![0]!["port"]);
        Assert.Empty(third.Writes);
        Assert.NotNull(Policy(fake, StrimziPolicy));
    }

    [Fact]
    public async Task The_pass_through_rule_comes_back_when_the_other_policy_goes()
    {
        SeedCluster(fake);
        fake.Seed(StrimziNetworkPolicy());
        await Pass();
        Assert.Single(Rules(fake, Primary));

        fake.Delete("networking.k8s.io", "networkpolicies", Ns, StrimziPolicy);
        var report = await Pass();

        Assert.Equal([$"patch {Resource} kafka/{Primary}"], Lines(report));
        Assert.Equal(2, Rules(fake, Primary).Count);
    }

    [Fact]
    public async Task When_another_policy_isolates_only_some_pods_the_rest_get_a_complement_policy_written_before_the_primary_closes()
    {
        SeedCluster(fake);
        await Pass();
        fake.Seed(UserPolicy("broker-0-only", new() { ["strimzi.io/pod-name"] = "my-cluster-broker-0" }));

        var report = await Pass();

        Assert.Equal([$"create {Resource} kafka/{Complement}", $"patch {Resource} kafka/{Primary}"], Lines(report));
        Assert.Single(Rules(fake, Primary));
        Assert.Equal(2, Rules(fake, Complement).Count);
        Assert.Equal(["my-cluster-broker-1"],
            Policy(fake, Complement)!["spec"]!["podSelector"]!["matchExpressions"]![0]!["values"]!.AsArray().Select(v => (string?)v));
        Assert.Empty((await Pass()).Writes);
    }

    [Fact]
    public async Task Deleting_the_Kafka_cluster_deletes_its_guard_policy_with_a_resource_version_precondition()
    {
        SeedCluster(fake);
        await Pass();
        var seen = (string?)Policy(fake, Primary)!["metadata"]!["resourceVersion"];
        fake.Delete("kafka.strimzi.io", "kafkas", Ns, Cluster);

        var report = await Pass();

        Assert.Equal([$"delete {Resource} kafka/{Primary}"], Lines(report));
        Assert.Null(Policy(fake, Primary));
        Assert.NotNull(seen);
        Assert.Equal(1, report.Keys);
        var next = await Pass();
        Assert.Equal(0, next.Keys);
        Assert.Empty(next.Writes);
    }

    [Fact]
    public async Task Options_are_read_on_every_pass_so_turning_the_guard_off_removes_its_policy()
    {
        SeedCluster(fake);
        var options = GuardOptions.Default;
        using var reloadable = new AgentPortController(() => options);
        await ControllerRunner.RunOnceAsync(client, [reloadable], CancellationToken.None);
        Assert.NotNull(Policy(fake, Primary));

        options = options with { AgentPort = options.AgentPort with { Mode = GuardMode.Off } };
        var report = await ControllerRunner.RunOnceAsync(client, [reloadable], CancellationToken.None);

        Assert.Equal([$"delete {Resource} kafka/{Primary}"], Lines(report));
    }

    [Fact]
    public async Task Reconcile_once_over_the_guard_controllers_reports_the_agent_port_writes()
    {
        SeedCluster(fake);
        var controllers = GuardControllers.Create(() => GuardOptions.Default);

        var report = await ControllerRunner.RunOnceAsync(client, controllers, CancellationToken.None);

        Assert.Contains(controllers, c => c.Name == "agent-port");
        Assert.Contains($"create {Resource} kafka/{Primary}", Lines(report));
        Assert.True(report.Succeeded, string.Join("; ", report.Failures));
        foreach (var c in controllers.OfType<IDisposable>()) c.Dispose();
    }
}
