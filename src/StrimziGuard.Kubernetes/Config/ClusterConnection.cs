using k8s;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>
/// How to reach one API server: KubernetesClient's configuration (server, trust, client certificate, token or exec plugin, proxy),
/// plus the token file we re-read after a 401 when the credential is one, and where it all came from for messages.
/// </summary>
public sealed record ClusterConnection(KubernetesClientConfiguration Configuration, string Source, TokenFile? TokenFile = null)
{
    public string Server => Configuration.Host;

    /// <summary>The context's namespace (or the pod's own in-cluster); null when none is set.</summary>
    public string? Namespace => Configuration.Namespace;
}
