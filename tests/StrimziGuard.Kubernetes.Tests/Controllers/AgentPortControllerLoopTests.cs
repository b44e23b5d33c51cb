using System.Text.Json.Nodes;
using StrimziGuard.Core.Guards.AgentPort;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Patching;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;
using Xunit.Abstractions;
using static StrimziGuard.Kubernetes.Tests.Controllers.AgentPortWorld;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>
/// The agent-port controller in the running loop (watch caches, snapshots, work queue, retries) against the fake API server (a test
/// double). The operator and a user write through clients of their own that present a token, so the request log tells their writes from
/// the guard's.
/// </summary>
public sealed class AgentPortControllerLoopTests(ITestOutputHelper output) : FakeApiServerTest
{
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(60));
    private KubeApiClient operatorClient = null!;
    private KubeApiClient user = null!;
    private ObservedController observed = null!;
    private Task running = Task.CompletedTask;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        operatorClient = new KubeApiClient(Fake.KubeConfig(OperatorToken));
        user = new KubeApiClient(Fake.KubeConfig("some-user"));
    }

    public override async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        observed?.Dispose();
        stop.Dispose();
        operatorClient.Dispose();
        user.Dispose();
        await base.DisposeAsync();
    }

    private void Start()
    {
        observed = new ObservedController(new AgentPortController(() => GuardOptions.Default));
        var caches = ClusterCaches.Create(Client);
        var manager = new ControllerManager(Client, caches.Snapshots, [observed], new ControllerManagerOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10) });
        running = Task.WhenAll(caches.RunAsync(stop.Token), manager.RunAsync(stop.Token));
    }

    private static string? Version(JsonObject? obj) => (string?)obj?["metadata"]?["resourceVersion"];

    /// <summary>Until a reconcile of the cluster has finished on a snapshot holding Strimzi's policy at <paramref name="version"/>.</summary>
    private Task ReconciledAfter(string? version, string what) =>
        Wait.Until(() => observed.SeenVersions.Contains(version ?? ""), what);

    /// <summary>Until a reconcile has finished on a snapshot where the guard's policies are live as they are now and the plan is empty.</summary>
    private Task Converged(string what) => Wait.Until(() =>
        observed.Last is { } s
        && AgentPortPlanner.Plan(Ns, Cluster, s, GuardOptions.Default).InSync
        && Version(Policy(Fake, Primary)) is { } rv && s.NetworkPolicies.Get(Ns, Primary)?.Metadata.ResourceVersion == rv, what);

    [Fact]
    public async Task The_operator_re_applying_its_own_network_policy_causes_no_write_by_the_guard()
    {
        SeedCluster(Fake);
        Start();
        await Converged("the guard policy is created");
        Assert.Equal(2, Rules(Fake, Primary).Count);

        var created = await operatorClient.CreateAsync(KubeResources.NetworkPolicies, StrimziNetworkPolicy(), stop.Token);
        await ReconciledAfter(created.Metadata.ResourceVersion, "the guard saw Strimzi's policy");
        await Converged("the guard dropped its pass-through rule");
        Assert.Single(Rules(Fake, Primary));
        Assert.Equal(["create 201", "patch 200"], GuardWrites(Fake).Select(r => $"{r.Verb} {r.StatusCode}"));

        Fake.Requests.Clear();
        var reconcilesBefore = observed.Reconciles;
        const int rounds = 5;
        for (var i = 0; i < rounds; i++)
        {
            // Someone edits Strimzi's policy (drops the 9093 listener rule) ...
            var edited = await user.PatchAsync<Core.Api.V1NetworkPolicy>(KubeResources.NetworkPolicies, Ns, StrimziPolicy,
                KubePatch.Json([JsonPatchOperation.Remove("/spec/ingress/4")], Version(Policy(Fake, StrimziPolicy))), stop.Token);
            await ReconciledAfter(edited.Metadata.ResourceVersion, $"round {i}: the guard saw the edit");

            // ... and the operator's next reconciliation puts it back with a JSON patch against the live object, as NetworkPolicyOperator does.
            var rule = JsonNode.Parse("""{"ports":[{"port":9093,"protocol":"TCP"}]}""");
            var restored = await operatorClient.PatchAsync<Core.Api.V1NetworkPolicy>(KubeResources.NetworkPolicies, Ns, StrimziPolicy,
                KubePatch.Json([JsonPatchOperation.Add("/spec/ingress/4", rule)], edited.Metadata.ResourceVersion), stop.Token);
            await ReconciledAfter(restored.Metadata.ResourceVersion, $"round {i}: the guard saw the operator's re-apply");

            // A re-apply with nothing to change still bumps the resourceVersion in the test double.
            var spec = Policy(Fake, StrimziPolicy)!["spec"]!["ingress"]!.DeepClone();
            var same = await operatorClient.PatchAsync<Core.Api.V1NetworkPolicy>(KubeResources.NetworkPolicies, Ns, StrimziPolicy,
                KubePatch.Json([JsonPatchOperation.Replace("/spec/ingress", spec)], restored.Metadata.ResourceVersion), stop.Token);
            await ReconciledAfter(same.Metadata.ResourceVersion, $"round {i}: the guard saw the no-op re-apply");
        }
        await Converged("the guard is still in sync");

        var counts = Fake.Requests.CountsByVerbAndResource();
        output.WriteLine($"after convergence, {rounds} rounds: {observed.Reconciles - reconcilesBefore} reconciles; requests: "
            + string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
        Assert.Empty(GuardWrites(Fake));
        Assert.Equal(3 * rounds, Fake.Requests.Count("patch", "networkpolicies"));
        Assert.True(observed.Reconciles - reconcilesBefore >= 3 * rounds, "the guard re-planned after every write of the others");
        Assert.Single(Rules(Fake, Primary));
        Assert.Equal(5, Rules(Fake, StrimziPolicy).Count);
    }

    [Fact]
    public async Task A_409_on_the_guard_write_converges_on_retry()
    {
        SeedCluster(Fake);
        Fake.Faults.Fail(409, times: 1, when: r => r.Verb == "create" && r.Resource == "networkpolicies");
        Start();

        await Converged("the guard policy is created after the conflict");

        Assert.Equal([409, 201], GuardWrites(Fake).Select(r => r.StatusCode));
        Assert.Equal(2, Rules(Fake, Primary).Count);
    }

    [Fact]
    public async Task Deleting_the_Kafka_cluster_while_running_deletes_the_guard_policy()
    {
        SeedCluster(Fake);
        Start();
        await Converged("the guard policy is created");

        await operatorClient.DeleteAsync(KubeResources.Kafkas, Ns, Cluster, ct: stop.Token);
        await Wait.Until(() => Policy(Fake, Primary) is null, "the guard policy is deleted");

        // A later pass from a snapshot that still holds the policy may try again and get 404, which counts as done.
        Assert.Equal(["create", "delete"], GuardWrites(Fake).Where(r => r.StatusCode < 300).Select(r => r.Verb));
    }

    /// <summary>Passes everything through and remembers, per finished reconcile, the snapshot and the resourceVersion of Strimzi's policy in it.</summary>
    private sealed class ObservedController(AgentPortController inner) : IController, IDisposable
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> seen = new();
        private int reconciles;
        private ClusterSnapshot? last;

        public string Name => inner.Name;

        public ICollection<string> SeenVersions => seen.Keys;

        public int Reconciles => Volatile.Read(ref reconciles);

        public ClusterSnapshot? Last => Volatile.Read(ref last);

        public IEnumerable<string> Keys(ClusterSnapshot snapshot) => inner.Keys(snapshot);

        public async Task ReconcileAsync(string key, ControllerContext context, CancellationToken ct)
        {
            await inner.ReconcileAsync(key, context, ct);
            seen[context.Snapshot.NetworkPolicies.Get(Ns, StrimziPolicy)?.Metadata.ResourceVersion ?? ""] = true;
            Interlocked.Increment(ref reconciles);
            Volatile.Write(ref last, context.Snapshot);
        }

        public void Dispose() => inner.Dispose();
    }
}
