using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>The server rejected the body (422 Invalid), including a failed JSON Patch `test` operation.</summary>
internal sealed class KubeInvalidException(string message, V1Status? status = null) : KubeApiException(422, message, status);
