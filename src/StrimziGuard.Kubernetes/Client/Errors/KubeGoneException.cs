using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>The resourceVersion is older than the server keeps (410 Gone / Expired): relist.</summary>
internal sealed class KubeGoneException(string message, V1Status? status = null) : KubeApiException(410, message, status);
