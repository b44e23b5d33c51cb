using StrimziGuard.Core.Api;
using StrimziGuard.Core.Network;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.AgentPort;

/// <summary>A pod, real or expected, that serves the Kafka Agent for a cluster.</summary>
internal sealed record KafkaAgentTarget(string Cluster, PodEndpoint Pod)
{
    /// <summary>The cluster name of a Kafka pod still to come whose cluster a policy does not name.</summary>
    public const string AnyCluster = "*";

    /// <summary>
    /// Strimzi labels a policy may select Kafka node pods by besides the three of <see cref="KafkaAgent.PodLabels"/> (strimzi-facts §5): when
    /// a policy names one, the pod to come is taken to carry that value, as some pod of some pool will.
    /// </summary>
    private static readonly string[] PoolLabels =
        ["strimzi.io/pool-name", "strimzi.io/broker-role", "strimzi.io/controller-role", "strimzi.io/pod-name", "strimzi.io/controller-name"];

    /// <summary>
    /// The Kafka node pods in the namespace, and for each Kafka CR there the pod Strimzi would create (its three selector labels and the
    /// agent port), so a policy written before the cluster's pods exist is judged too.
    /// </summary>
    public static IReadOnlyList<KafkaAgentTarget> In(string ns, ClusterSnapshot snapshot) =>
        snapshot.Derived((typeof(KafkaAgentTarget), ns), s => Find(ns, s));

    /// <summary>
    /// The Kafka node pod <paramref name="policy"/> would select if a Kafka cluster came to its namespace: a GitOps repository applies its
    /// NetworkPolicies before (or without) the Kafka CR, and a policy that opens 8443 then opens it the moment the pods start. The pod
    /// carries the labels Strimzi gives every Kafka node (strimzi-facts §5) for the cluster the selector names, or for any cluster when it
    /// names none; pool labels take the value the selector asks for. Null when a cluster of that name is already in view.
    /// </summary>
    public static KafkaAgentTarget? Expected(string ns, V1NetworkPolicy policy, IReadOnlyList<KafkaAgentTarget> known)
    {
        var selector = policy.Spec?.PodSelector;
        var cluster = Wanted(selector, KafkaAgent.ClusterLabel)
            ?? (Wanted(selector, KafkaAgent.NameLabel) is { } name && name.EndsWith("-kafka", StringComparison.Ordinal) ? name[..^"-kafka".Length] : null)
            ?? AnyCluster;
        // Any cluster: only where none is in view yet (the ones in view are judged on their own pods and CRs).
        if (cluster == AnyCluster ? known.Count > 0 : known.Any(t => t.Cluster == cluster)) return null;
        var labels = KafkaAgent.PodLabels(cluster);
        labels["strimzi.io/component-type"] = "kafka";
        foreach (var key in PoolLabels)
        {
            if (Wanted(selector, key) is { } value) labels[key] = value;
        }
        return new KafkaAgentTarget(cluster, new PodEndpoint(ns, labels, KafkaAgent.CanonicalPorts));
    }

    /// <summary>The value a selector requires for <paramref name="key"/> (matchLabels, or the first value of an In expression).</summary>
    private static string? Wanted(V1LabelSelector? selector, string key) =>
        selector?.MatchLabels?.GetValueOrDefault(key)
        ?? selector?.MatchExpressions?.FirstOrDefault(e => e.Key == key && e.Operator == "In" && e.Values is { Count: > 0 })?.Values![0];

    private static IReadOnlyList<KafkaAgentTarget> Find(string ns, ClusterSnapshot snapshot)
    {
        var targets = new List<KafkaAgentTarget>();
        foreach (var pod in snapshot.Pods.InNamespace(ns))
        {
            if (KafkaAgent.ClusterOf(pod.Metadata.Labels) is { } cluster) targets.Add(new(cluster, PodEndpoint.From(pod)));
        }
        foreach (var kafka in snapshot.Kafkas.InNamespace(ns))
        {
            targets.Add(new(kafka.Name, new PodEndpoint(ns, KafkaAgent.PodLabels(kafka.Name), KafkaAgent.CanonicalPorts)));
        }
        return targets;
    }
}
