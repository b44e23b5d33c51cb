using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// A KafkaBridge (Strimzi 1.0+) serving HTTPS with a certificate from a Secret it names in <c>spec.http.tls.certificateAndKey</c>: when that
/// Secret is in view and its certificate lives longer than the limit, the bridge is refused too, so pointing a new bridge at an old
/// long-lived Secret does not pass because the Secret was written before anything named it. The Secret itself is judged by
/// <c>cert-lifetime.secret</c> whenever it is written. A Secret out of view is not guessed at.
/// </summary>
internal sealed class KafkaBridgeCertificatePolicy : IAdmissionPolicy
{
    public PolicyMetadata Metadata { get; } = new("cert-lifetime.kafka-bridge", GuardIds.CertLifetime, WebhookKind.Validating, [StrimziResources.KafkaBridges])
    {
        Ratchets = true,
        Judges = "`KafkaBridge`, CREATE/UPDATE",
        Rule = "A bridge whose `spec.http.tls.certificateAndKey` names a Secret in view holding a certificate longer-lived "
            + "than the limit is refused, as the Secret itself is (`cert-lifetime.secret`). The live webhook watches only "
            + "Strimzi's CA Secrets, so there the bridge's Secret is judged when it is written; offline (`check`, `review` "
            + "with cluster state) both are.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        var bridge = request.SubjectAs<KafkaBridge>();
        if (bridge.HttpCertificate is not { SecretName: { Length: > 0 } secretName } source) return PolicyVerdict.NotApplicable;
        var ns = bridge.Namespace ?? request.Namespace;
        if (snapshot.Secrets.Get(ns, secretName) is not { } secret) return PolicyVerdict.Pass($"Secret {secretName} not in view");

        var key = source.Certificate ?? "tls.crt";
        var at = FieldPath.Of("spec.http.tls.certificateAndKey");
        var violations = SecretCertificates.Check(secret, [key], options.CertLifetime.MaxLifetime)
            .Select(v => v with
            {
                Path = at.Field("secretName"),
                Finding = $"{secretName}, and in that Secret {v.Path}: {v.Finding}",
                Fingerprint = v.Fingerprint,
            })
            .ToList();
        var summary = $"checked Secret {secretName} {key}";
        return violations.Count == 0 ? PolicyVerdict.Pass(summary) : PolicyVerdict.Fail(violations, summary);
    }
}
