using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// The caches the guards read (architecture §2): Strimzi pods, StrimziPodSets, Kafkas, KafkaNodePools, KafkaUsers, KafkaBridges, NetworkPolicies,
/// Namespaces, CA Secrets (keys as metadata only) and, when installed, cert-manager Certificates, with the snapshot built from them.
/// </summary>
public sealed class ClusterCaches
{
    private ClusterCaches(IReadOnlyList<IWatchCache> all, TimeSpan debounce)
    {
        All = all;
        Snapshots = new SnapshotSource(all, debounce);
    }

    public IReadOnlyList<IWatchCache> All { get; }

    public SnapshotSource Snapshots { get; }

    public static ClusterCaches Create(IKubeApiClient client, ClusterCacheOptions? options = null, ILoggerFactory? loggers = null)
    {
        var o = options ?? new ClusterCacheOptions();
        var log = loggers?.CreateLogger("StrimziGuard.Kubernetes.Watch");
        var strimziFallback = KubeResources.StrimziVersions.Where(v => v != o.StrimziVersion).ToArray();
        var caches = new List<IWatchCache>
        {
            new WatchCache<V1Namespace>(client, new WatchCacheOptions(KubeResources.Namespaces) { WatchTimeout = o.WatchTimeout, RetryBaseDelay = o.RetryBaseDelay }, log),
        };
        foreach (var ns in Scope(o.Namespaces))
        {
            WatchCacheOptions Opt(ApiResource r) => new(r) { Namespace = ns, WatchTimeout = o.WatchTimeout, RetryBaseDelay = o.RetryBaseDelay };
            WatchCacheOptions Strimzi(ApiResource r) => Opt(r.WithVersion(o.StrimziVersion)) with { FallbackVersions = strimziFallback };
            caches.Add(new WatchCache<V1Pod>(client, Opt(KubeResources.Pods) with { LabelSelector = o.PodLabelSelector }, log));
            // A StrimziPodSet carries a whole pod per entry (about 45 KB of JSON for 10 entries): 25 a page keeps a page near 1 MB.
            caches.Add(new WatchCache<StrimziPodSet>(client, Strimzi(KubeResources.StrimziPodSets) with { PageSize = 25 }, log));
            caches.Add(new WatchCache<Kafka>(client, Strimzi(KubeResources.Kafkas), log));
            caches.Add(new WatchCache<KafkaNodePool>(client, Strimzi(KubeResources.KafkaNodePools), log));
            caches.Add(new WatchCache<KafkaUser>(client, Strimzi(KubeResources.KafkaUsers), log));
            caches.Add(new WatchCache<KafkaBridge>(client, Strimzi(KubeResources.KafkaBridges), log));
            caches.Add(new WatchCache<V1NetworkPolicy>(client, Opt(KubeResources.NetworkPolicies), log));
            caches.Add(new CaSecretCache(client, ns, logger: log, concurrency: o.CaCertReadConcurrency));
            if (o.IncludeCertManager) caches.Add(new WatchCache<Certificate>(client, Opt(KubeResources.Certificates) with { Optional = true }, log));
        }
        return new ClusterCaches(caches, o.SnapshotDebounce);
    }

    /// <summary>Null (one cluster-wide watch) for all namespaces, else each watched namespace once.</summary>
    private static IEnumerable<string?> Scope(IReadOnlyList<string>? namespaces) =>
        namespaces is null || namespaces.Count == 0 || namespaces.Contains(GuardOptions.AllNamespaces) ? [null] : namespaces.Distinct(StringComparer.Ordinal).Select(n => (string?)n);

    /// <summary>Runs every cache and the snapshot loop until <paramref name="ct"/> ends.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(All.Select(c => c.RunAsync(ct)).Append(Snapshots.RunAsync(ct)));

    /// <summary>One list of everything and a snapshot of it, with no watch left running (<c>reconcile --once</c>).</summary>
    public async Task<ClusterSnapshot> LoadOnceAsync(CancellationToken ct)
    {
        await Task.WhenAll(All.Select(c => c.SyncOnceAsync(ct))).ConfigureAwait(false);
        return Snapshots.Rebuild();
    }

    /// <summary>
    /// Caches whose list and watch have failed for longer than <paramref name="after"/>, with how long: their objects are the last good
    /// state. Admission keeps deciding on it (refusing would block the cluster on an API hiccup); this only feeds readiness and metrics.
    /// </summary>
    public IReadOnlyList<string> Stale(TimeSpan after)
    {
        var now = DateTimeOffset.UtcNow;
        return All.Where(c => c.FailingSince is { } since && now - since > after)
            .Select(c => $"{c.Name} failing for {(now - c.FailingSince!.Value).TotalSeconds:F0} s")
            .ToArray();
    }

    /// <summary>Notes on caches that are not normal (for example "cert-manager not installed"), for logs and <c>/readyz</c> detail.</summary>
    public IReadOnlyList<string> StatusNotes => All.Select(c => c.Status).OfType<string>().ToArray();
}
