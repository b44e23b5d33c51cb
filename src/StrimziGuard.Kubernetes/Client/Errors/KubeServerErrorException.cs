using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>5xx from the API server (or a proxy in front of it). Retried only for reads, where repeating cannot write twice.</summary>
internal sealed class KubeServerErrorException(int statusCode, string message, V1Status? status = null) : KubeApiException(statusCode, message, status);
