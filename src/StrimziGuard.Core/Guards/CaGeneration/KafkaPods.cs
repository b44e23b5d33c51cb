using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// Which pods count: <c>strimzi.io/kind: Kafka</c> with <c>strimzi.io/cluster</c>. That is the selector of the operator's
/// <c>verifyClusterCaFullyTrustedAndUsed</c>, so it covers Kafka nodes and the Entity Operator, Cruise Control and Kafka Exporter pods (strimzi-facts §2-§3).
/// </summary>
public static class KafkaPods
{
    public static string? ClusterOf(KubernetesObject obj) =>
        obj.Metadata.Label("strimzi.io/kind") == "Kafka" && obj.Metadata.Label("strimzi.io/cluster") is { Length: > 0 } cluster ? cluster : null;

    /// <summary>The StrimziPodSets the operator stamps: Kafka node pools only (<c>strimzi.io/name: &lt;cluster&gt;-kafka</c>), never ZooKeeper's.</summary>
    public static bool IsKafkaPodSet(StrimziPodSet sps, string cluster) =>
        ClusterOf(sps) == cluster && sps.Metadata.Label("strimzi.io/name") == $"{cluster}-kafka";
}
