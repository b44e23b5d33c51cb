using System.Collections.Concurrent;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Clusters whose trust roll the admission path saw start (the operator deleted a pod behind on the CA key generation). Written when
/// <see cref="CaGenerationController"/> accepts the trigger of a decision (before the deletion lands, so before the snapshot update that
/// enqueues the cluster), read by its reconcile. Only an accelerator: the planner also reads
/// the roll from cluster state, so a trigger lost in a restart, or seen by a replica that is not the leader, loses nothing.
/// </summary>
internal sealed class RollSignals
{
    private readonly ConcurrentDictionary<string, bool> keys = new(StringComparer.Ordinal);

    public static string Key(string ns, string cluster) => $"{ns}/{cluster}";

    public void Signal(string ns, string cluster)
    {
        keys.TryAdd(Key(ns, cluster), true);
    }

    public bool IsSignalled(string key) => keys.ContainsKey(key);

    public IReadOnlyCollection<string> Keys => keys.Keys.ToArray();

    /// <summary>The rotation is done for this cluster (no entry left behind): forget it.</summary>
    public void Clear(string key) => keys.TryRemove(key, out _);
}
