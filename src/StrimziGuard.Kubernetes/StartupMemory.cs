using System.Runtime;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes;

/// <summary>What starting up leaves behind, handed back to the system once, before the first review.</summary>
public static class StartupMemory
{
    /// <summary>
    /// Reading the cluster state (the watch caches' first lists, or <c>--cluster-state</c> files) reads every object whole and keeps a
    /// trimmed copy (<see cref="CachedObjects"/>): what it leaves behind is scattered through the oldest generation and the large-object
    /// heap, which a collection seldom compacts, so the process would carry it as resident memory for good (at 10,000 pods about 60 MB of
    /// gen2 fragmentation and as much large-object heap). One aggressive, compacting collection once the state is loaded hands it back;
    /// it runs once, before readiness, never per request.
    /// </summary>
    public static void Release()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
