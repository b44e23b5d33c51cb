using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>Write against a stale resourceVersion (409, reason Conflict): re-read and re-plan.</summary>
internal sealed class KubeConflictException(string message, V1Status? status = null) : KubeApiException(409, message, status);
