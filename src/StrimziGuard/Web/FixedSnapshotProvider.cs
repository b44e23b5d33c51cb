using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Web;

/// <summary>A snapshot read once (from files, or built by a test or benchmark): always synced, never stale.</summary>
internal sealed class FixedSnapshotProvider(ClusterSnapshot snapshot) : ISnapshotProvider
{
    public ClusterSnapshot Current { get; } = snapshot;

    public string? NotReadyReason => null;
}
