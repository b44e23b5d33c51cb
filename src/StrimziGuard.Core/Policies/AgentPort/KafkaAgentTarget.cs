using StrimziGuard.Core.Network;

namespace StrimziGuard.Core.Policies.AgentPort;

/// <summary>A pod, real or expected, that serves the Kafka Agent for a cluster.</summary>
internal sealed record KafkaAgentTarget(string Cluster, PodEndpoint Pod)
{
    /// <summary>
    /// The Kafka node pods in the namespace, and for each Kafka CR there the pod Strimzi would create (its three selector labels and the
    /// agent port), so a policy written before the cluster's pods exist is judged too.
    /// </summary>
    public static IReadOnlyList<KafkaAgentTarget> In(string ns, ClusterSnapshot snapshot) =>
        snapshot.Derived((typeof(KafkaAgentTarget), ns), s => Find(ns, s));

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
