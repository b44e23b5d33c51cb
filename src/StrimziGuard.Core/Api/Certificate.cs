namespace StrimziGuard.Core.Api;

/// <summary>A cert-manager <c>Certificate</c> (<c>cert-manager.io/v1</c>).</summary>
public sealed class Certificate : KubernetesObject
{
    public CertificateSpec? Spec { get; set; }
}
