using StrimziGuard.Core.Api;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// What the two cluster CA Secrets of one Kafka cluster say right now: K (the key generation), the cert generation, which key
/// generation the current <c>ca.crt</c> names in its subject (<see cref="CaCertificateSubject"/>), and whether Strimzi generates the CA.
/// </summary>
/// <param name="StrimziManaged">
/// False only when the Kafka CR is in view and says <c>spec.clusterCa.generateCertificateAuthority: false</c>. A CA the operator
/// generates is written by it, so the subject is the evidence; with the Kafka CR out of view the guard assumes so, the stricter branch.
/// </param>
internal sealed record ClusterCaState(string Namespace, string Cluster, Generation KeyGeneration, Generation CertGeneration, int? SubjectKeyGeneration, bool StrimziManaged)
{
    public static string CertSecretName(string cluster) => $"{cluster}-cluster-ca-cert";

    public static string KeySecretName(string cluster) => $"{cluster}-cluster-ca";

    /// <summary>The state as the snapshot shows it, or null when the key Secret is not in view (nothing can be stamped then).
    /// Computed once per snapshot: parsing the certificate is the expensive part of a stamp decision.</summary>
    public static ClusterCaState? From(ClusterSnapshot snapshot, string? ns, string cluster) =>
        snapshot.Derived((typeof(ClusterCaState), ns ?? "", cluster), (ns, cluster), static (s, at) => Compute(s, at.ns, at.cluster));

    private static ClusterCaState? Compute(ClusterSnapshot snapshot, string? ns, string cluster)
    {
        var key = snapshot.Secrets.Get(ns, KeySecretName(cluster));
        if (key is null) return null;
        var cert = snapshot.Secrets.Get(ns, CertSecretName(cluster));
        // A missing key-generation annotation counts as 0 (Ca.INIT_GENERATION), as the operator reads it.
        var k = CaAnnotations.Read(key.Metadata.Annotations, CaAnnotations.CaKeyGeneration);
        var keyGeneration = k.Present ? k : Generation.Of(0);
        var certGeneration = cert is null ? Generation.Absent : CaAnnotations.Read(cert.Metadata.Annotations, CaAnnotations.CaCertGeneration);
        var subject = cert?.Data?.GetValueOrDefault("ca.crt") is { } caCrt ? CaCertificateSubject.KeyGeneration(caCrt) : null;
        var strimziManaged = snapshot.Kafkas.Get(ns, cluster)?.Spec?.ClusterCa?.GenerateCertificateAuthority != false;
        return new ClusterCaState(ns ?? "", cluster, keyGeneration, certGeneration, subject, strimziManaged);
    }
}
