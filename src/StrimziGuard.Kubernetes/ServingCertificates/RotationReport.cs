namespace StrimziGuard.Kubernetes.ServingCertificates;

/// <summary>What one rotation pass did, and when the next one is due.</summary>
public sealed record RotationReport(DateTimeOffset NextCheck)
{
    /// <summary>A webhook configuration carries cert-manager's inject-ca-from annotation: the guard wrote nothing.</summary>
    public bool HandsOff { get; init; }

    public bool CaCreated { get; init; }

    public bool LeafIssued { get; init; }

    /// <summary>Webhook configurations whose caBundle was patched.</summary>
    public int BundlesPatched { get; init; }

    /// <summary>CA certificates in the bundle now, newest first.</summary>
    public int BundleSize { get; init; }
}
