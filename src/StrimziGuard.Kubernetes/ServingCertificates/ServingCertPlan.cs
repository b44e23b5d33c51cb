using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>
/// The writes of one rotation pass, in the order they must land: the caBundle patches, then the serving Secret
/// (<see cref="Leaf"/>); and when to look again.
/// </summary>
internal sealed record ServingCertPlan(IReadOnlyList<X509Certificate2> Bundle, IReadOnlyList<CaBundleWrite> BundleWrites, LeafAction Leaf, DateTimeOffset NextCheck)
{
    /// <summary>Why the leaf must be replaced (also when <see cref="LeafAction.WaitForBundle"/> holds it back); null when it is fine.</summary>
    public string? LeafReason { get; init; }

    /// <summary>The leaf in the serving Secret now, when it is usable.</summary>
    public IssuedCertificate? CurrentLeaf { get; init; }

    /// <summary>The bundle as the serving Secret's <c>ca.crt</c> holds it.</summary>
    public string BundlePem => CaBundle.ToPem(Bundle);
}
