namespace StrimziGuard.Core.Api;

/// <summary>
/// The two fields of a Kafka CR's <c>spec</c> the CA policies read, <c>clusterCa</c> and <c>clientsCa</c>: read as a view of
/// <c>spec</c>, the rest of it (listeners, broker config, storage) is skipped instead of made into objects on every Kafka review.
/// </summary>
public sealed class KafkaCertificateAuthorities
{
    public CertificateAuthority? ClusterCa { get; set; }

    public CertificateAuthority? ClientsCa { get; set; }
}
