namespace StrimziGuard.Core.Tests.Guards.CaGeneration.Rotation;

/// <summary>Restart reasons as Strimzi publishes them (PascalCase of RestartReason; strimzi-facts §2), plus the two outside the operator.</summary>
internal static class Reasons
{
    public const string KeyReplaced = "ClusterCaCertKeyReplaced";
    public const string ClientsKeyReplaced = "ClientCaCertKeyReplaced";
    public const string OldRevision = "PodHasOldRevision";
    public const string CertRenewed = "CaCertRenewed";
    public const string CertRemoved = "CaCertRemoved";
    public const string OldGeneration = "CaCertHasOldGeneration";
    public const string CertificatesChanged = "KafkaCertificatesChanged";

    /// <summary>The Deployment controller replacing a pod after its reconciler changed the template.</summary>
    public const string TemplateChanged = "PodTemplateChanged";

    /// <summary>An eviction or node loss: not the operator's doing.</summary>
    public const string Evicted = "Evicted";
}
