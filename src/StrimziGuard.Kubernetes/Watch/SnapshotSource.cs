using System.Diagnostics;
using System.Threading.Channels;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// Hands the admission path an immutable <see cref="ClusterSnapshot"/> without locks: after changes settle for <c>debounce</c> (longer
/// while rebuilds are slow, see <see cref="RebuildSpacing"/>), one background loop rebuilds the snapshot from the caches and swaps a
/// reference. Readers only do a volatile read of that reference.
/// </summary>
public sealed class SnapshotSource
{
    private readonly IReadOnlyList<IWatchCache> caches;
    private readonly TimeSpan debounce;
    private readonly Channel<bool> dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The wait between rebuilds is at least this many times the last rebuild's duration.</summary>
    private const int RebuildSpacing = 4;

    private ClusterSnapshot current = ClusterSnapshot.Empty;
    private long generation;

    public SnapshotSource(IReadOnlyList<IWatchCache> caches, TimeSpan? debounce = null)
    {
        this.caches = caches;
        this.debounce = debounce ?? TimeSpan.FromMilliseconds(50);
        foreach (var cache in caches) cache.Changed += (_, _) => dirty.Writer.TryWrite(true);
    }

    /// <summary>Raised after each swap, on the rebuild loop.</summary>
    public event Action<ClusterSnapshot>? Updated;

    /// <summary>The latest snapshot; <see cref="ClusterSnapshot.Empty"/> until every cache has synced. Lock-free.</summary>
    public ClusterSnapshot Current => Volatile.Read(ref current);

    /// <summary>Incremented on every swap, so callers can tell snapshots apart cheaply.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool HasSynced => synced.Task.IsCompleted;

    public IReadOnlyList<IWatchCache> Caches => caches;

    public Task WaitForSyncAsync(CancellationToken ct) => synced.Task.WaitAsync(ct);

    /// <summary>Waits for every cache's first list, publishes the first snapshot, then rebuilds after each burst of changes.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            // Empty lists raise no change, so the first sync is observed by polling the caches' flags.
            while (!caches.All(c => c.HasSynced)) await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
            Rebuild();
            StartupMemory.Release();
            synced.TrySetResult();
            var lastRebuild = TimeSpan.Zero;
            while (await dirty.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                // A long burst of changes (the controllers' first pass writes a NetworkPolicy for each of 1,000 clusters) would rebuild
                // the whole snapshot every debounce; waiting at least a few rebuilds' time bounds that work to a fifth of a core, and the
                // garbage of snapshots nobody read with it. A small cluster rebuilds in well under a millisecond and still waits the debounce.
                await Task.Delay(Max(debounce, lastRebuild * RebuildSpacing), ct).ConfigureAwait(false);
                dirty.Reader.TryRead(out _);
                var start = Stopwatch.GetTimestamp();
                Rebuild();
                lastRebuild = Stopwatch.GetElapsedTime(start);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping is not an error.
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Builds a snapshot from the caches now and publishes it. Each cache contributes one consistent version of its store.</summary>
    public ClusterSnapshot Rebuild()
    {
        var snapshot = ClusterSnapshot.From(caches.SelectMany(c => c.Objects));
        Volatile.Write(ref current, snapshot);
        Interlocked.Increment(ref generation);
        Updated?.Invoke(snapshot);
        return snapshot;
    }
}
