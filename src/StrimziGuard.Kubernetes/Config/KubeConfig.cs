using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>How to reach and authenticate to one API server, resolved from a kubeconfig context or the in-cluster service account.</summary>
public sealed class KubeConfig
{
    public required Uri Server { get; init; }

    /// <summary>CAs to trust for the server certificate; empty means the system trust store.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; init; } = [];

    /// <summary>Only when the kubeconfig asks for it (<c>insecure-skip-tls-verify: true</c>); never a default.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Overrides the host name checked against the server certificate (kubeconfig <c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; init; }

    public ITokenSource? Token { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The context's namespace (or the pod's own namespace in-cluster); null when none is set.</summary>
    public string? Namespace { get; init; }

    /// <summary>Where this came from, for messages: "kubeconfig ~/.kube/config, context kind-dev" or "in-cluster service account".</summary>
    public string Source { get; init; } = "";
}
