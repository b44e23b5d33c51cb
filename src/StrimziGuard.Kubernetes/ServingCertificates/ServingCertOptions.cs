namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// Where the guard keeps its own serving certificate and how long it lives. The names match <c>manifests/base</c>: the Service
/// the webhook configurations call, the two Secrets the Role lets the guard update, the configurations it may patch.
/// </summary>
public sealed record ServingCertOptions
{
    public string Namespace { get; init; } = "strimzi-guard";

    public string ServiceName { get; init; } = "strimzi-guard";

    /// <summary>The CA (<c>tls.crt</c>, <c>tls.key</c>): only the leader signs with it; the API server never sees the key.</summary>
    public string CaSecretName { get; init; } = "strimzi-guard-ca";

    /// <summary>The leaf every replica serves (<c>tls.crt</c>, <c>tls.key</c>, and <c>ca.crt</c> = the CA bundle), as cert-manager writes it too.</summary>
    public string ServingSecretName { get; init; } = "strimzi-guard-serving-cert";

    /// <summary>Both the MutatingWebhookConfiguration and the ValidatingWebhookConfiguration carry this name.</summary>
    public string WebhookConfigurationName { get; init; } = "strimzi-guard";

    /// <summary>Seven days: the limit the guard enforces on everyone else applies to its own serving certificate.</summary>
    public TimeSpan LeafLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A year, like cert-manager's webhook CA: a CA change costs a caBundle overlap, a leaf change costs nothing.</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Renew at two thirds of the life (cert-manager's default), leaving a third for retries and alerts.</summary>
    public double RenewAtFraction { get; init; } = 2.0 / 3.0;

    /// <summary>How long a new caBundle is given to reach every API server instance before a leaf from a new CA is served.</summary>
    public TimeSpan BundlePropagation { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the leader looks again even when nothing is due: repairs a caBundle or Secret someone changed.</summary>
    public TimeSpan Resync { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The names the API server may use for the Service (the webhook configurations use the first form).</summary>
    public IReadOnlyList<string> DnsNames =>
    [
        $"{ServiceName}.{Namespace}.svc",
        $"{ServiceName}.{Namespace}.svc.cluster.local",
        $"{ServiceName}.{Namespace}",
        ServiceName,
    ];

    public DateTimeOffset RenewalTime(DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        notBefore + (notAfter - notBefore) * RenewAtFraction;
}
