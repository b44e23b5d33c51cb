namespace StrimziGuard.Core.Policies.CaGeneration;

/// <summary>
/// When may a pod (or the entry it is created from) be stamped as trusting CA key generation K? Only when the cluster CA cert Secret
/// demonstrably already holds the CA certificate of generation K, because a new pod trusts exactly what that Secret holds when it starts.
/// Two signals, either suffices: the Secret's cert generation is above the pod's (a key replacement bumps both, and the operator writes
/// the cert Secret before the key Secret), or the current <c>ca.crt</c> subject names generation K (operator-generated CAs).
/// When in doubt, do not stamp: a missed stamp costs one roll, a false stamp makes the operator skip a pod that does not trust the new CA.
/// </summary>
public static class StampPrecondition
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

        var certAhead = ca.CertGeneration.IsNumber && podCert.IsNumber && ca.CertGeneration.Value > podCert.Value;
        var subjectNamesK = ca.SubjectKeyGeneration == k;
        if (certAhead || subjectNamesK)
        {
            var evidence = subjectNamesK ? $"ca.crt subject names v{k}" : $"ca-cert-generation {ca.CertGeneration.Value} > pod's {podCert.Value}";
            return (k, $"raise {podKey.Value} -> {k}: {evidence}");
        }
        return (null, $"cert Secret does not show the generation-{k} CA certificate yet (ca-cert-generation {ca.CertGeneration}, pod's {podCert}, subject v{ca.SubjectKeyGeneration?.ToString() ?? "?"})");
    }
}
