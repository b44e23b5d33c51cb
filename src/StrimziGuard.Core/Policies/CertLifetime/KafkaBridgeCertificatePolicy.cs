using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Core.Policies.CertLifetime;

/// <summary>
/// A KafkaBridge (Strimzi 1.0+) serving HTTPS with a certificate from a Secret it names in <c>spec.http.tls.certificateAndKey</c>: when that
/// Secret is in view and its certificate lives longer than the limit, the bridge is refused too, so pointing a new bridge at an old
/// long-lived Secret does not pass because the Secret was written before anything named it. The Secret itself is judged by
/// <c>cert-lifetime.secret</c> whenever it is written. A Secret out of view is not guessed at.
/// </summary>
public sealed class KafkaBridgeCertificatePolicy : IAdmissionPolicy
{
    public string Id => "cert-lifetime.kafka-bridge";

    public string Guard => Guards.CertLifetime;

    public WebhookKind Kind => WebhookKind.Validating;

    public bool Ratchets => true;

    public IReadOnlyList<ResourceRule> Rules { get; } = [StrimziResources.KafkaBridges];

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
