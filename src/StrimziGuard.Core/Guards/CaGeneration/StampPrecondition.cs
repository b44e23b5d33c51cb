namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>
/// When may a pod (or the entry it is created from) be stamped as trusting CA key generation K? Only when the cluster CA cert Secret
/// demonstrably already holds the CA certificate of generation K, because a new pod trusts exactly what that Secret holds when it starts.
/// The one rule for the pod stamp and the StrimziPodSet planner alike.
///
/// A CA Strimzi generates: only the subject of the certificate in <c>ca.crt</c>, <c>CN=cluster-ca vK</c>. Since 0.47 the operator
/// writes the cert Secret and the key Secret concurrently, so the key Secret can show K (with the cert generation already bumped by an
/// earlier renewal a lagging pod never saw) while <c>ca.crt</c> is still the old certificate, or stay that way when the cert write fails.
/// A CA the user brings: its subject carries no generation, so only the cert generation above the pod's counts, which is exact as long
/// as the user follows the documented order (cert Secret first, README "Known limits").
/// When in doubt, do not stamp: a missed stamp costs one roll, a false stamp makes the operator skip a pod that does not trust the new CA.
/// </summary>
internal static class StampPrecondition
{
    /// <summary>The generation to stamp, or null with the reason it must not be stamped.</summary>
    public static (int? Stamp, string Reason) Evaluate(ClusterCaState? ca, Generation podKey, Generation podCert)
    {
        if (ca is null) return (null, "cluster CA key Secret not in view");
        if (!ca.KeyGeneration.IsNumber) return (null, $"ca-key-generation {ca.KeyGeneration} is not a number");
        var k = ca.KeyGeneration.Value;
        if (!podKey.Present) return (null, "no cluster-ca-key-generation annotation (the operator counts it as current)");
        if (!podKey.IsNumber) return (null, $"cluster-ca-key-generation {podKey} is not a number");
        if (podKey.Value >= k) return (null, $"already at {podKey.Value} (K={k})");

        if (ca.StrimziManaged)
        {
            if (ca.SubjectKeyGeneration == k) return (k, $"raise {podKey.Value} -> {k}: ca.crt subject names v{k}");
            var subject = ca.SubjectKeyGeneration is { } v ? $"names v{v}" : "is not a readable Strimzi cluster CA certificate";
            return (null, $"ca.crt {subject}, not v{k}: the cert Secret does not show the generation-{k} CA certificate yet");
        }
        if (ca.CertGeneration.IsNumber && podCert.IsNumber && ca.CertGeneration.Value > podCert.Value)
            return (k, $"raise {podKey.Value} -> {k}: user-managed CA, ca-cert-generation {ca.CertGeneration.Value} > pod's {podCert.Value}");
        return (null, $"user-managed CA: ca-cert-generation {ca.CertGeneration} is not above the pod's {podCert}, so the cert Secret does not show the generation-{k} CA certificate yet");
    }
}
