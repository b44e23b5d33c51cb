using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// A Kafka CR's cluster and clients CA certificates, and every certificate Strimzi signs with them, live <c>validityDays</c>
/// (unset: 365). They must fit the limit, renew before they expire, and, for a CA the user brings, its certificate must fit too.
/// </summary>
internal sealed class KafkaCaValidityPolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("cert-lifetime.kafka-ca", GuardIds.CertLifetime, WebhookKind.Validating, [StrimziResources.Kafkas])
    {
        Ratchets = true,
        Judges = "`Kafka` (`kafka.strimzi.io` v1beta2, v1), CREATE/UPDATE",
        Rule = "`spec.clusterCa` and `spec.clientsCa`: effective `validityDays` (unset or 0 = Strimzi's 365) within the limit; "
            + "effective `renewalDays` (unset or 0 = 30) below `validityDays`, or Strimzi renews the CA, and rolls the "
            + "cluster, on every reconciliation. With `generateCertificateAuthority: false` the CA certificate in "
            + "`<cluster>-cluster-ca-cert` / `<cluster>-clients-ca-cert` must fit too. `validityDays` also sets the lifetime "
            + "of every certificate Strimzi signs with that CA.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        // The spec's two CAs only: the whole Kafka CR was two thirds of a Kafka review's bytes, and only its CAs are judged here.
        var cas = request.SubjectMemberOrNullAs<KafkaCertificateAuthorities>("spec");
        var limit = options.CertLifetime.MaxLifetime;
        var maxDays = options.CertLifetime.MaxValidityDays;
        List<Violation>? violations = null;
        V1ObjectMeta? meta = null;
        Judge(ClusterCa, cas?.ClusterCa, "cluster-ca-cert");
        Judge(ClientsCa, cas?.ClientsCa, "clients-ca-cert");
        var summary = $"{CaValidityRules.Summary("clusterCa", cas?.ClusterCa?.ValidityDays, cas?.ClusterCa?.RenewalDays)}; "
            + CaValidityRules.Summary("clientsCa", cas?.ClientsCa?.ValidityDays, cas?.ClientsCa?.RenewalDays);
        return violations is null ? PolicyVerdict.Pass(summary) : PolicyVerdict.Fail(violations, summary);

        // One CA's violations; the list is made for the first, the metadata read for the first CA the user brings.
        void Judge(FieldPath at, CertificateAuthority? ca, string suffix)
        {
            foreach (var violation in CaValidityRules.Check(at, ca?.ValidityDays, ca?.RenewalDays, limit, maxDays)) (violations ??= []).Add(violation);
            if (ca?.GenerateCertificateAuthority != false) return;
            meta ??= request.SubjectMemberOrNullAs<V1ObjectMeta>("metadata");
            foreach (var violation in UserManagedCa(at, snapshot.Secrets.Get(meta?.NamespaceProperty, $"{meta?.Name ?? ""}-{suffix}"), limit)) (violations ??= []).Add(violation);
        }
    }

    private static readonly FieldPath ClusterCa = FieldPath.Of("spec").Field("clusterCa");

    private static readonly FieldPath ClientsCa = FieldPath.Of("spec").Field("clientsCa");

    /// <summary>A CA the user brings is judged by the certificates in its Secret; Strimzi reads them from <c>ca.crt</c> (strimzi-facts §1).</summary>
    private static IEnumerable<Violation> UserManagedCa(FieldPath at, V1Secret? secret, TimeSpan limit)
    {
        if (secret is null) yield break;
        foreach (var v in SecretCertificates.Check(secret, ["ca.crt"], limit))
        {
            yield return v with
            {
                Path = at.Field("generateCertificateAuthority"),
                Finding = $"false, and Secret {secret.Name} {v.Path}: {v.Finding}",
                Fingerprint = v.Fingerprint,
            };
        }
    }
}
