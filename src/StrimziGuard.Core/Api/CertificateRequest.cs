namespace StrimziGuard.Core.Api;

/// <summary>A cert-manager <c>CertificateRequest</c> (<c>cert-manager.io/v1</c>).</summary>
internal sealed class CertificateRequest : KubernetesObject
{
    public CertificateSpec? Spec { get; set; }
}
