using System.Text;
using System.Text.RegularExpressions;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Certificates;

namespace StrimziGuard.Core.Policies.CaGeneration;

/// <summary>
/// What the two cluster CA Secrets of one Kafka cluster say right now: K (the key generation), the cert generation, and which key
/// generation the current <c>ca.crt</c> names in its subject (<c>CN=cluster-ca vK, O=io.strimzi</c>; strimzi-facts §1, <c>nextCaSubject</c>).
/// </summary>
public sealed partial record ClusterCaState(string Namespace, string Cluster, Generation KeyGeneration, Generation CertGeneration, int? SubjectKeyGeneration)
{
    public static string CertSecretName(string cluster) => $"{cluster}-cluster-ca-cert";

    public static string KeySecretName(string cluster) => $"{cluster}-cluster-ca";

    /// <summary>The state as the snapshot shows it, or null when the key Secret is not in view (nothing can be stamped then).
    /// Computed once per snapshot: parsing the certificate is the expensive part of a stamp decision.</summary>
    public static ClusterCaState? From(ClusterSnapshot snapshot, string? ns, string cluster) =>
        snapshot.Derived((typeof(ClusterCaState), ns ?? "", cluster), s => Compute(s, ns, cluster));

    private static ClusterCaState? Compute(ClusterSnapshot snapshot, string? ns, string cluster)
    {
        var key = snapshot.Secrets.Get(ns, KeySecretName(cluster));
        if (key is null) return null;
        var cert = snapshot.Secrets.Get(ns, CertSecretName(cluster));
        // A missing key-generation annotation counts as 0 (Ca.INIT_GENERATION), as the operator reads it.
        var k = CaAnnotations.Read(key.Metadata.Annotations, CaAnnotations.CaKeyGeneration);
        var keyGeneration = k.Present ? k : Generation.Of(0);
        var certGeneration = cert is null ? Generation.Absent : CaAnnotations.Read(cert.Metadata.Annotations, CaAnnotations.CaCertGeneration);
        return new ClusterCaState(ns ?? "", cluster, keyGeneration, certGeneration, cert is null ? null : SubjectVersion(cert));
    }

    /// <summary>The <c>vN</c> in the subject of the current <c>ca.crt</c>, for a CA the operator generated; null when unreadable or user-made.</summary>
    private static int? SubjectVersion(V1Secret cert)
    {
        if (cert.Data?.TryGetValue("ca.crt", out var encoded) != true) return null;
        var bytes = new byte[encoded!.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var written)) return null;
        var first = PemCertificates.Read(Encoding.UTF8.GetString(bytes, 0, written)).FirstOrDefault();
        if (first is not { IsCertificate: true }) return null;
        var match = OperatorSubject().Match(first.Subject);
        return match.Success && int.TryParse(match.Groups[1].Value, out var v) ? v : null;
    }

    [GeneratedRegex(@"(?:^|,\s*)CN=cluster-ca v(\d{1,9})(?:,|$)")]
    private static partial Regex OperatorSubject();
}
