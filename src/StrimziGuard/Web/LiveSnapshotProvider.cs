using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Web;

/// <summary>
/// The watch caches' snapshot, for admission: a volatile field read per request, no API call. Not ready until the caches exist
/// (they start once the server's logging is up) and every one has synced.
/// </summary>
/// <param name="staleAfter">How long a cache's watch may fail before the snapshot counts as stale; 30 s rides out a relist or a
/// short API server restart (watch retries back off to at most 30 s).</param>
internal sealed class LiveSnapshotProvider(Func<ClusterCaches?> caches, TimeSpan? staleAfter = null) : ISnapshotProvider
{
    private readonly TimeSpan staleAfter = staleAfter ?? TimeSpan.FromSeconds(30);

    public ClusterSnapshot Current => caches()?.Snapshots.Current ?? ClusterSnapshot.Empty;

    public string? NotReadyReason => caches() switch
    {
        null => "watch caches starting",
        { Snapshots.HasSynced: true } => null,
        var c => "watch caches not synced yet" + (c.StatusNotes is { Count: > 0 } n ? $" ({string.Join("; ", n)})" : ""),
    };

    public string? StaleReason => caches()?.Stale(staleAfter) is { Count: > 0 } stale
        ? $"watches failing, decisions use the last snapshot ({string.Join("; ", stale)})"
        : null;
}
