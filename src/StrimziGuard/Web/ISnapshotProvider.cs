using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Web;

/// <summary>
/// Where admission decisions get the cluster state. Offline (<c>--dev</c>, <c>demo</c>, <c>--cluster-state</c>) it is a file snapshot;
/// in a cluster the watch caches provide it (StrimziGuard.Kubernetes' SnapshotSource, wired in <see cref="Commands.ServeCommand"/>).
/// </summary>
internal interface ISnapshotProvider
{
    /// <summary>The latest complete snapshot; read on every request, so it must be a field read, never I/O or a lock.</summary>
    ClusterSnapshot Current { get; }

    /// <summary>Null when the snapshot is synced and fresh enough to decide on; otherwise why not, for <c>/readyz</c>.</summary>
    string? NotReadyReason { get; }

    /// <summary>
    /// Null when the snapshot follows the cluster; otherwise why it may be stale (watches failing). Decisions still use the last
    /// snapshot: this is a warning in <c>/readyz</c> and the <c>strimzi_guard_snapshot_stale</c> gauge, never a refusal.
    /// </summary>
    string? StaleReason => null;
}
