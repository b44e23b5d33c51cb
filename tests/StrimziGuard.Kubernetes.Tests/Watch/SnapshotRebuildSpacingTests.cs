using System.Diagnostics;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Models;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Tests.Watch;

/// <summary>
/// During a long burst of changes the snapshot is rebuilt after the debounce, but never sooner than a few rebuilds' time after the
/// last one: at 10,000 pods a rebuild takes tens of milliseconds, and rebuilding every debounce through the controllers' first pass
/// held the garbage of snapshots nobody read. Every change is still in the snapshot once the burst ends.
/// </summary>
public sealed class SnapshotRebuildSpacingTests
{
    [Fact]
    public async Task A_burst_of_changes_with_slow_rebuilds_rebuilds_at_most_once_per_few_rebuild_times_and_ends_with_every_change()
    {
        // Each rebuild reads the cache once and takes 40 ms; changes arrive every 5 ms for 1.2 s; the debounce is 5 ms.
        var cache = new SlowCache(TimeSpan.FromMilliseconds(40));
        var source = new SnapshotSource([cache], TimeSpan.FromMilliseconds(5));
        var rebuilds = 0;
        source.Updated += _ => Interlocked.Increment(ref rebuilds);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var run = source.RunAsync(stop.Token);
        await source.WaitForSyncAsync(stop.Token);
        var first = rebuilds;
        var started = Stopwatch.StartNew();

        var burst = Task.Run(async () =>
        {
            for (var i = 0; i < 240; i++)
            {
                cache.Add($"policy-{i}");
                await Task.Delay(5, stop.Token);
            }
        }, stop.Token);
        await burst;
        while (source.Current.NetworkPolicies.Count < 240) await Task.Delay(20, stop.Token);
        var elapsed = started.Elapsed;
        await stop.CancelAsync();
        await run;

        // Without the spacing: a rebuild every 45 ms or so (about 27 over a 1.2 s burst); with it, one per 200 ms at most (about 7). Judged
        // against the burst's own length: on a busy machine 5 ms delays stretch it, and the rebuilds with it.
        Assert.InRange(rebuilds - first, 1, (int)(elapsed / TimeSpan.FromMilliseconds(200)) + 3);
        Assert.Equal(240, source.Current.NetworkPolicies.Count);
    }

    private sealed class SlowCache(TimeSpan readTime) : IWatchCache
    {
        private readonly List<KubernetesObject> objects = [];

        public string Name => "networkpolicies";

        public bool HasSynced => true;

        public string? Status => null;

        public IReadOnlyCollection<KubernetesObject> Objects
        {
            get
            {
                Thread.Sleep(readTime);
                lock (objects) return [.. objects];
            }
        }

        public event Action<WatchEventType, KubernetesObject>? Changed;

        public void Add(string name)
        {
            var policy = new V1NetworkPolicy { ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy", Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kafka" } };
            lock (objects) objects.Add(policy);
            Changed?.Invoke(WatchEventType.Added, policy);
        }

        public Task RunAsync(CancellationToken ct) => Task.CompletedTask;

        public Task SyncOnceAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
