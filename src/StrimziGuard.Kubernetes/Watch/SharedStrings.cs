using System.Collections.Concurrent;

namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// One copy of each repeated string the caches hold (label keys and values, annotation keys, kinds, namespaces). Bounded: past
/// <see cref="Limit"/> distinct strings the pool starts afresh, so label values that churn (a Deployment's pod-template-hash) cannot grow it
/// without end; strings already shared stay shared, new ones are shared again from then on.
/// </summary>
internal static class SharedStrings
{
    /// <summary>Far above the distinct strings of 10,000 Strimzi pods (a few thousand: pod names repeat in labels, the rest are shared).</summary>
    public const int Limit = 100_000;

    private static ConcurrentDictionary<string, string> pool = new(StringComparer.Ordinal);

    public static string Share(string value)
    {
        var current = Volatile.Read(ref pool);
        if (current.TryGetValue(value, out var shared)) return shared;
        if (current.Count >= Limit) Interlocked.CompareExchange(ref pool, new ConcurrentDictionary<string, string>(StringComparer.Ordinal), current);
        return Volatile.Read(ref pool).GetOrAdd(value, value);
    }
}
