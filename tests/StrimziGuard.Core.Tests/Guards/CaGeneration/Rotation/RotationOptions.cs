namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>How one run is set up: with or without the guard, and which races the model plays out.</summary>
internal sealed record RotationOptions
{
    public bool Guard { get; init; }

    /// <summary>The PodSet controller recreates a pod from the entry as it was before the last StrimziPodSet write (strimzi-facts, scenario 14).</summary>
    public bool StaleCache { get; init; }

    /// <summary>The guard plans from the StrimziPodSet as it was before the last write; its patch's test ops must then fail (scenario 15).</summary>
    public bool GuardStaleCache { get; init; }

    public string ApiVersion { get; init; } = "core.strimzi.io/v1beta2";

    /// <summary>Entries and pods with the 1.x annotations (configuration-hash, resource-revision) instead of the 0.45 hashes.</summary>
    public bool Layout1x { get; init; }

    /// <summary>0.47+: which of the two CA Secret writes of a key replacement lands first.</summary>
    public SecretWriteOrder SecretWrites { get; init; } = SecretWriteOrder.KeyFirst;

    /// <summary>0.47+: the first cert Secret write of a key replacement fails while the key Secret write succeeds; the reconciliation fails.</summary>
    public bool CertWriteFails { get; init; }

    /// <summary>The Kafka CR the guard sees says <c>generateCertificateAuthority: false</c> although the operator generates the CA: a
    /// sensitivity check that the model catches the false stamp the cert-generation evidence gives in the 0.47 window.</summary>
    public bool KafkaClaimsUserManagedCa { get; init; }

    /// <summary>How many settle rounds the guard stays down after a crash; its webhooks fail open meanwhile (failurePolicy Ignore).</summary>
    public int GuardDownRounds { get; init; } = 2;
}
