using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>Create of an object whose name is taken (409, reason AlreadyExists).</summary>
internal sealed class KubeAlreadyExistsException(string message, V1Status? status = null) : KubeApiException(409, message, status);
