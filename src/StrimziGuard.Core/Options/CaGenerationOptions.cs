namespace StrimziGuard.Core.Options;

/// <summary>Settings of the ca-generation guard (architecture §1, guard 1).</summary>
public sealed record CaGenerationOptions : GuardSettings
{
    /// <summary>
    /// Kubernetes controllers that create Kafka-labelled pods by copying a template the operator wrote: the ReplicaSet controller makes the
    /// Entity Operator, Cruise Control and Kafka Exporter pods (strimzi-facts §8). Their pod creates are stamped like the operator's, and a
    /// bad value they copy is warned about, never denied: refusing them would stop those pods from being recreated.
    /// </summary>
    public IReadOnlyList<string> TemplateCopiers { get; init; } = ["system:serviceaccount:kube-system:replicaset-controller"];
}
