using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>The object or the resource (or its CRD) does not exist.</summary>
internal sealed class KubeNotFoundException(string message, V1Status? status = null) : KubeApiException(404, message, status);
