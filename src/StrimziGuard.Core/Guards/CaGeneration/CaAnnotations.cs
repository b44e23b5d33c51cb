using System.Globalization;

namespace StrimziGuard.Core.Guards.CaGeneration;

/// <summary>The CA generation annotations and how Strimzi reads them (strimzi-facts §1-§2; <c>Ca.java</c>, <c>Annotations.intAnnotation</c>).</summary>
internal static class CaAnnotations
{
    /// <summary>On <c>&lt;cluster&gt;-cluster-ca-cert</c>: bumped on every CA cert renewal and key replacement.</summary>
    public const string CaCertGeneration = "strimzi.io/ca-cert-generation";

    /// <summary>On <c>&lt;cluster&gt;-cluster-ca</c>: bumped on every key replacement. This is K, the value a stamp may raise a pod to.</summary>
    public const string CaKeyGeneration = "strimzi.io/ca-key-generation";

    /// <summary>On pods and entries: the CA key generation whose certificate the pod trusts. The only annotation the guard writes.</summary>
    public const string ClusterCaKeyGeneration = "strimzi.io/cluster-ca-key-generation";

    /// <summary>On pods and entries: the cert generation of the CA that signed the certificate the pod presents. Never written by the guard.</summary>
    public const string ClusterCaCertGeneration = "strimzi.io/cluster-ca-cert-generation";

    public const string ClientsCaCertGeneration = "strimzi.io/clients-ca-cert-generation";

    /// <summary>Every generation annotation the operator parses on Kafka pods and entries; a non-numeric value fails its reconciliation.</summary>
    public static readonly string[] OnPods = [ClusterCaCertGeneration, ClusterCaKeyGeneration, ClientsCaCertGeneration];

    /// <summary>Java's <c>Integer.parseInt</c>: optional sign, decimal digits, 32-bit range. Anything else makes the operator throw.</summary>
    public static bool TryParse(string? value, out int generation) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out generation);

    /// <summary>A generation read from annotations: absent, a number, or a value the operator cannot parse.</summary>
    public static Generation Read(IReadOnlyDictionary<string, string>? annotations, string key)
    {
        if (annotations is null || !annotations.TryGetValue(key, out var raw)) return Generation.Absent;
        return TryParse(raw, out var n) ? Generation.Of(n) : Generation.Invalid(raw);
    }

    public static Generation Read(Dictionary<string, string>? annotations, string key) => Read((IReadOnlyDictionary<string, string>?)annotations, key);
}
