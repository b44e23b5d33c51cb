using Microsoft.Extensions.Logging;
using StrimziGuard.Kubernetes.Config;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>The one place the CLI gets a client: from <c>--kubeconfig FILE</c>, <c>$KUBECONFIG</c>, the pod's service account or <c>~/.kube/config</c>.</summary>
public static class KubeClientFactory
{
    /// <exception cref="KubeConfigException">No usable configuration; the message says what to fix.</exception>
    public static KubeApiClient Create(string? kubeconfigPath = null, string? context = null, KubeClientOptions? options = null, ILoggerFactory? loggers = null) =>
        FromConnection(ClusterConnections.Resolve(kubeconfigPath, context), options, loggers);

    public static KubeApiClient FromConnection(ClusterConnection connection, KubeClientOptions? options = null, ILoggerFactory? loggers = null) =>
        new(connection, options, loggers?.CreateLogger("StrimziGuard.Kubernetes.Client"));
}
