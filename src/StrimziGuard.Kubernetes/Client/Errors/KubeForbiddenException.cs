using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>RBAC denies the call; the message names the verb and resource the service account lacks.</summary>
internal sealed class KubeForbiddenException(string message, V1Status? status = null) : KubeApiException(403, message, status);
