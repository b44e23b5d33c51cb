using System.Security.Cryptography.X509Certificates;

namespace StrimziGuard.Kubernetes.Config;

/// <summary>The pod's own service account: API host and port from the environment, token and CA from the projected volume.</summary>
public static class InClusterConfig
{
    public const string HostVariable = "KUBERNETES_SERVICE_HOST";

    public const string PortVariable = "KUBERNETES_SERVICE_PORT";

    /// <summary>Where the kubelet mounts the service-account token, CA and namespace.</summary>
    public const string DefaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static KubeConfig Load() => Load(Environment.GetEnvironmentVariable, DefaultDirectory);

    /// <summary>The same, with the environment and directory given (tests use a temporary directory).</summary>
    public static KubeConfig Load(Func<string, string?> environment, string directory, TimeSpan? tokenRefresh = null)
    {
        var host = environment(HostVariable);
        var port = environment(PortVariable);
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
            throw new KubeConfigException($"not running in a cluster: {HostVariable} and {PortVariable} must both be set (they are in every pod); outside a cluster pass --kubeconfig FILE");
        var tokenPath = Path.Combine(directory, "token");
        var caPath = Path.Combine(directory, "ca.crt");
        if (!File.Exists(tokenPath))
            throw new KubeConfigException($"in-cluster: service-account token {tokenPath} not found; set automountServiceAccountToken: true on the pod or its service account");
        if (!File.Exists(caPath))
            throw new KubeConfigException($"in-cluster: CA file {caPath} not found; the service-account volume is incomplete");
        var cas = new X509Certificate2Collection();
        cas.ImportFromPemFile(caPath);
        var nsPath = Path.Combine(directory, "namespace");
        // IPv6 service hosts need brackets in a URL.
        var hostPart = host.Contains(':') ? $"[{host}]" : host;
        return new KubeConfig
        {
            Server = new Uri($"https://{hostPart}:{port}"),
            CertificateAuthorities = cas,
            Token = new TokenFile(tokenPath, tokenRefresh),
            Namespace = File.Exists(nsPath) ? File.ReadAllText(nsPath).Trim() : null,
            Source = "in-cluster service account",
        };
    }
}
