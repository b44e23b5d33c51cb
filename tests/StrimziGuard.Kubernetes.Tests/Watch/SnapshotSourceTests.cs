using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;
using static StrimziGuard.Kubernetes.Tests.TestObjects;

namespace StrimziGuard.Kubernetes.Tests.Watch;

public sealed class SnapshotSourceTests : FakeApiServerTest
{

    [Fact]
    public async Task Snapshot_taken_during_a_burst_of_watch_events_is_internally_consistent()
    {
        var caches = ClusterCaches.Create(Client, new ClusterCacheOptions { SnapshotDebounce = TimeSpan.FromMilliseconds(1) });
        var running = caches.RunAsync(Stop.Token);
        await caches.Snapshots.WaitForSyncAsync(Stop.Token);
        const int Pods = 300;

        // Pods are created in order and each pod carries its own index twice; any snapshot must hold a prefix of that order,
        // each pod once, each pod whole (both labels from the same write).
        var burst = Task.Run(async () =>
        {
            for (var i = 0; i < Pods; i++)
                await Client.CreateAsync(KubeResources.Pods, Pod($"p{i:000}", labels: new() { ["strimzi.io/kind"] = "Kafka", ["step"] = i.ToString() }));
        });
        var taken = new List<ClusterSnapshot>();
        while (!burst.IsCompleted || caches.Snapshots.Current.Pods.Count < Pods)
        {
            var current = caches.Snapshots.Current;
            if (taken.Count == 0 || !ReferenceEquals(taken[^1], current)) taken.Add(current);
            await Task.Yield();
            if (Stop.IsCancellationRequested) Assert.Fail("the snapshot never caught up");
        }

        Assert.True(taken.Select(s => s.Pods.Count).Distinct().Count() > 2, "snapshots were taken mid-burst");
        foreach (var snapshot in taken)
        {
            var names = snapshot.Pods.All.Select(p => p.Name).Order().ToArray();
            Assert.Equal(Enumerable.Range(0, names.Length).Select(i => $"p{i:000}"), names);
            Assert.All(snapshot.Pods.All, p => Assert.Equal(p.Name[1..].TrimStart('0').PadLeft(1, '0'), p.Metadata.Label("step")));
        }
        await Stop.CancelAsync();
        await running;
    }

    [Fact]
    public async Task Reading_snapshots_makes_no_api_call()
    {
        Fake.Seed(Pod("p"), Namespace("kafka"));
        var caches = ClusterCaches.Create(Client);
        var running = caches.RunAsync(Stop.Token);
        await caches.Snapshots.WaitForSyncAsync(Stop.Token);
        // Each cache opens its watch right after its list, so watches may still be arriving here: they keep the caches current
        // and are not calls made by reading; every other request is.
        var before = NotWatches();

        for (var i = 0; i < 10_000; i++) Assert.NotNull(caches.Snapshots.Current.Pods.Get("kafka", "p"));

        Assert.Equal(before, NotWatches());
        await Stop.CancelAsync();
        await running;
    }

    private int NotWatches() => Fake.Requests.Total - Fake.Requests.Count("watch");

    [Fact]
    public async Task A_change_reaches_the_snapshot_after_the_debounce()
    {
        var caches = ClusterCaches.Create(Client, new ClusterCacheOptions { SnapshotDebounce = TimeSpan.FromMilliseconds(20) });
        var running = caches.RunAsync(Stop.Token);
        await caches.Snapshots.WaitForSyncAsync(Stop.Token);
        var generation = caches.Snapshots.Generation;

        Fake.Seed(Namespace("strimzi"));

        await Wait.Until(() => caches.Snapshots.Current.Namespaces.Get(null, "strimzi") is not null, "the namespace is in the snapshot");
        Assert.True(caches.Snapshots.Generation > generation);
        await Stop.CancelAsync();
        await running;
    }
}
