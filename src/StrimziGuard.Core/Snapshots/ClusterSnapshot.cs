using System.Collections.Concurrent;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Snapshots;

/// <summary>
/// A read-only view of the cluster state a decision may consult, taken from the watch caches (or from files, offline).
/// Built once and then only read, so the admission path takes no locks. Objects in it must not be modified.
/// </summary>
public sealed class ClusterSnapshot
{
    public static ClusterSnapshot Empty { get; } = new([]);

    private readonly ConcurrentDictionary<object, object?> derived = new();

    private ClusterSnapshot(IReadOnlyList<KubernetesObject> objects)
    {
        Objects = objects;
        Pods = new(objects.OfType<V1Pod>());
        Secrets = new(objects.OfType<V1Secret>());
        Namespaces = new(objects.OfType<V1Namespace>());
        NetworkPolicies = new(objects.OfType<V1NetworkPolicy>());
        Kafkas = new(objects.OfType<Kafka>());
        KafkaUsers = new(objects.OfType<KafkaUser>());
        KafkaNodePools = new(objects.OfType<KafkaNodePool>());
        KafkaBridges = new(objects.OfType<KafkaBridge>());
        StrimziPodSets = new(objects.OfType<StrimziPodSet>());
    }

    public IReadOnlyList<KubernetesObject> Objects { get; }

    public ObjectIndex<V1Pod> Pods { get; }

    public ObjectIndex<V1Secret> Secrets { get; }

    public ObjectIndex<V1Namespace> Namespaces { get; }

    public ObjectIndex<V1NetworkPolicy> NetworkPolicies { get; }

    public ObjectIndex<Kafka> Kafkas { get; }

    public ObjectIndex<KafkaUser> KafkaUsers { get; }

    public ObjectIndex<KafkaNodePool> KafkaNodePools { get; }

    public ObjectIndex<KafkaBridge> KafkaBridges { get; }

    public ObjectIndex<StrimziPodSet> StrimziPodSets { get; }

    /// <summary>
    /// A value computed from this snapshot once and then reused by every request that reads the same snapshot (for example a cluster's
    /// parsed CA state). Safe because the snapshot never changes; the key must name everything <paramref name="compute"/> depends on.
    /// </summary>
    public T Derived<T>(object key, Func<ClusterSnapshot, T> compute) => (T)derived.GetOrAdd(key, static (_, arg) => arg.compute(arg.self), (compute, self: this))!;

    /// <inheritdoc cref="Derived{T}(object, Func{ClusterSnapshot, T})"/>
    /// <param name="argument">What <paramref name="compute"/> needs besides the snapshot (and the key names), passed instead of captured.</param>
    public T Derived<TArgument, T>(object key, TArgument argument, Func<ClusterSnapshot, TArgument, T> compute) =>
        (T)derived.GetOrAdd(key, static (_, arg) => arg.compute(arg.self, arg.argument), (compute, self: this, argument))!;

    /// <summary>A snapshot of these objects; a later object with the same kind, namespace and name replaces an earlier one.</summary>
    public static ClusterSnapshot From(IEnumerable<KubernetesObject> objects)
    {
        var latest = new Dictionary<(Type, string?, string), KubernetesObject>();
        var order = new List<(Type, string?, string)>();
        foreach (var o in objects)
        {
            var key = (o.GetType(), o.Namespace, o.Name);
            if (!latest.ContainsKey(key)) order.Add(key);
            latest[key] = o;
        }
        return new ClusterSnapshot(order.Select(k => latest[k]).ToArray());
    }

    /// <summary>This snapshot with more objects added or replacing ones of the same identity.</summary>
    public ClusterSnapshot With(IEnumerable<KubernetesObject> objects) => From(Objects.Concat(objects));
}
