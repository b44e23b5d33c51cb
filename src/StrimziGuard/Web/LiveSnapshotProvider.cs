using StrimziGuard.Core;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Web;

/// <summary>
/// The watch caches' snapshot, for admission: a volatile field read per request, no API call. Not ready until the caches exist
/// (they start once the server's logging is up) and every one has synced.
/// </summary>
internal sealed class LiveSnapshotProvider(Func<ClusterCaches?> caches) : ISnapshotProvider
{
    public ClusterSnapshot Current => caches()?.Snapshots.Current ?? ClusterSnapshot.Empty;

    public string? NotReadyReason => caches() switch
    {
        null => "watch caches starting",
        { Snapshots.HasSynced: true } => null,
        var c => "watch caches not synced yet" + (c.StatusNotes is { Count: > 0 } n ? $" ({string.Join("; ", n)})" : ""),
    };
}
