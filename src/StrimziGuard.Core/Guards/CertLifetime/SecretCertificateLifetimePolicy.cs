using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;

namespace StrimziGuard.Core.Guards.CertLifetime;

/// <summary>
/// Every PEM certificate in <c>tls.crt</c> and <c>ca.crt</c> of a Secret in scope must live no longer than the limit
/// (notAfter - notBefore; an expired certificate that was short-lived is fine). In scope: Strimzi-labelled Secrets, Secrets a Kafka CR
/// names as a listener certificate (the key it names), Secrets a KafkaBridge names for its HTTPS certificate (Strimzi 1.0+, likewise), and
/// Secrets matching the configured selector.
/// </summary>
internal sealed class SecretCertificateLifetimePolicy : IAdmissionPolicy
{
    private static readonly string[] CertificateKeys = ["tls.crt", "ca.crt"];

    public PolicyMetadata Metadata { get; } = new("cert-lifetime.secret", GuardIds.CertLifetime, WebhookKind.Validating, [StrimziResources.Secrets])
    {
        Ratchets = true,
        Judges = "`Secret`, CREATE/UPDATE",
        Rule = "Every PEM certificate in `tls.crt` and `ca.crt` lives (notAfter − notBefore) no longer than the limit. In "
            + "scope: Strimzi-labelled Secrets, Secrets a Kafka CR names as a listener certificate (`brokerCertChainAndKey`) "
            + "or a KafkaBridge names for its HTTPS certificate (`spec.http.tls.certificateAndKey`, Strimzi 1.0+), with the "
            + "key they name, and Secrets matching `certLifetime.secretSelector`. Broken base64, broken PEM, or a key where a "
            + "certificate belongs is a violation, never a crash.",
    };

    public PolicyVerdict Decide(AdmissionRequest request, ClusterSnapshot snapshot, GuardOptions options)
    {
        // In scope or not, from the metadata alone: most Secrets are not, and their data (certificates, keys, tokens) is most of their bytes.
        var meta = request.SubjectMemberOrNullAs<V1ObjectMeta>("metadata") ?? new V1ObjectMeta();
        var listenerKeys = ListenerCertificateKeys(meta.Name ?? "", meta.NamespaceProperty, snapshot);
        var labels = meta.Labels;
        var strimzi = labels is not null && (labels.ContainsKey("strimzi.io/cluster") || labels.ContainsKey("strimzi.io/kind"));
        var selected = options.CertLifetime.SecretSelector is { } selector && selector.Matches(labels);
        if (!strimzi && !selected && listenerKeys is null) return PolicyVerdict.NotApplicable;

        var secret = request.SubjectAs<V1Secret>();
        var keys = listenerKeys is null ? CertificateKeys : [.. CertificateKeys, .. listenerKeys];
        var violations = SecretCertificates.Check(secret, keys, options.CertLifetime.MaxLifetime).ToList();
        var present = keys.Where(k => secret.Data?.ContainsKey(k) == true || secret.StringData?.ContainsKey(k) == true).ToArray();
        var summary = present.Length == 0 ? "no certificate keys" : "checked " + string.Join(", ", present);
        return violations.Count == 0 ? PolicyVerdict.Pass(summary) : PolicyVerdict.Fail(violations, summary);
    }

    /// <summary>
    /// Keys named by <c>brokerCertChainAndKey</c> of any Kafka listener, or by <c>http.tls.certificateAndKey</c> of any KafkaBridge, in the
    /// Secret's namespace that points at it; null when none does. Loops, not a query: this runs for every Secret written in the namespaces watched.
    /// </summary>
    private static List<string>? ListenerCertificateKeys(string name, string? ns, ClusterSnapshot snapshot)
    {
        List<string>? keys = null;
        foreach (var kafka in snapshot.Kafkas.InNamespace(ns))
        {
            foreach (var listener in kafka.Spec?.Kafka?.Listeners ?? [])
                Add(ref keys, listener.Configuration?.BrokerCertChainAndKey, name);
        }
        foreach (var bridge in snapshot.KafkaBridges.InNamespace(ns)) Add(ref keys, bridge.HttpCertificate, name);
        return keys;
    }

    private static void Add(ref List<string>? keys, CertAndKeySecretSource? source, string name)
    {
        if (source?.SecretName == name) (keys ??= []).Add(source.Certificate ?? "tls.crt");
    }
}
