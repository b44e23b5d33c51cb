using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>The credentials were not accepted (expired token, wrong client certificate).</summary>
internal sealed class KubeUnauthorizedException(string message, V1Status? status = null) : KubeApiException(401, message, status);
