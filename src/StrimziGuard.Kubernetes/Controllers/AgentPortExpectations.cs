using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// The guard's own writes that the snapshot does not show yet (client-go's controller "expectations"). Without this, a snapshot update
/// that arrives between a write and its watch event re-plans from the old state and repeats the write: a create meets AlreadyExists, a
/// patch fails its resourceVersion test, and each failure logs a warning and backs off. A key waits instead, until the snapshot shows
/// every object it wrote at a resourceVersion other than the one it planned from; the watch event of the write itself queues the key
/// again. Mechanics only: what to write is still decided by the planner alone.
/// </summary>
internal sealed class AgentPortExpectations(TimeProvider time)
{
    /// <summary>
    /// How long a key waits at most. A write the API server turned into a no-op keeps its resourceVersion and would otherwise be waited
    /// for forever; after this, the key is planned from whatever the snapshot shows (the next resync at the latest).
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Pending> pending = new(StringComparer.Ordinal);

    /// <summary>Records a successful write to <paramref name="ns"/>/<paramref name="name"/>, planned from <paramref name="plannedFrom"/> (null: absent).</summary>
    public void Wrote(string key, string ns, string name, string? plannedFrom)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(key, out var p)) pending[key] = p = new Pending([]);
            p.Writes[(ns, name)] = plannedFrom;
            p.Until = time.GetUtcNow() + Patience;
        }
    }

    /// <summary>True while <paramref name="snapshot"/> is older than a write made for <paramref name="key"/>; forgets writes it shows.</summary>
    public bool Waiting(string key, ClusterSnapshot snapshot)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(key, out var p)) return false;
            foreach (var ((ns, name), before) in p.Writes.ToArray())
            {
                if (snapshot.NetworkPolicies.Get(ns, name)?.Metadata.ResourceVersion != before) p.Writes.Remove((ns, name));
            }
            if (p.Writes.Count > 0 && time.GetUtcNow() < p.Until) return true;
            pending.Remove(key);
            return false;
        }
    }

    private sealed class Pending(Dictionary<(string Ns, string Name), string?> writes)
    {
        public Dictionary<(string Ns, string Name), string?> Writes { get; } = writes;

        public DateTimeOffset Until { get; set; }
    }
}
