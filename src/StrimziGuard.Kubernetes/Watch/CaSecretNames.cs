namespace StrimziGuard.Kubernetes.Watch;

/// <summary>
/// Strimzi's CA Secrets (strimzi-facts §2): <c>&lt;c&gt;-cluster-ca-cert</c> and <c>&lt;c&gt;-clients-ca-cert</c> hold public certificates only;
/// <c>&lt;c&gt;-cluster-ca</c> and <c>&lt;c&gt;-clients-ca</c> hold the CA private keys. Only the first kind may ever be read in full.
/// </summary>
internal static class CaSecretNames
{
    /// <summary>The label Strimzi's CaReconciler puts on all four CA Secrets.</summary>
    public const string LabelSelector = "strimzi.io/component-type=certificate-authority";

    public static bool MayReadInFull(string name) => name.EndsWith("-cluster-ca-cert", StringComparison.Ordinal) || name.EndsWith("-clients-ca-cert", StringComparison.Ordinal);
}
