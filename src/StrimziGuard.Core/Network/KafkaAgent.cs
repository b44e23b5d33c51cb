using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Network;

/// <summary>The Kafka Agent's port and the labels that identify a cluster's Kafka node pods (strimzi-facts §5, §6).</summary>
internal static class KafkaAgent
{
    /// <summary><c>KafkaCluster.KAFKA_AGENT_PORT</c>: every Kafka node serves the agent here (strimzi-facts §6).</summary>
    public const int Port = 8443;

    /// <summary>The container port's name on every Kafka node (strimzi-facts §6).</summary>
    public const string PortName = "tcp-kafkaagent";

    public const string ClusterLabel = "strimzi.io/cluster";
    public const string KindLabel = "strimzi.io/kind";
    public const string NameLabel = "strimzi.io/name";

    /// <summary>Unique per pod and stable across recreation by the StrimziPodSet controller (strimzi-facts §5).</summary>
    public const string PodNameLabel = "strimzi.io/pod-name";

    /// <summary>
    /// The three labels Strimzi's own Kafka NetworkPolicy selects on (strimzi-facts §6). <c>strimzi.io/kind: Kafka</c> alone is not enough:
    /// the Entity Operator, Cruise Control and Kafka Exporter pods carry it too, with another <c>strimzi.io/name</c>.
    /// </summary>
    public static Dictionary<string, string> PodLabels(string cluster) => new()
    {
        [ClusterLabel] = cluster,
        [KindLabel] = "Kafka",
        [NameLabel] = $"{cluster}-kafka",
    };

    /// <summary>The container ports a Kafka node is known to have, for judging a policy before its pods exist.</summary>
    public static IReadOnlyList<V1ContainerPort> CanonicalPorts { get; } =
        [new V1ContainerPort { Name = PortName, ContainerPort = Port, Protocol = PortMatch.Tcp }];

    /// <summary>The cluster a Kafka node pod belongs to, or null for any other pod.</summary>
    public static string? ClusterOf(IReadOnlyDictionary<string, string>? labels) =>
        labels is not null
        && labels.TryGetValue(ClusterLabel, out var cluster)
        && labels.TryGetValue(KindLabel, out var kind) && kind == "Kafka"
        && labels.TryGetValue(NameLabel, out var name) && name == $"{cluster}-kafka"
            ? cluster
            : null;
}
