using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>An error answer of the API server, with its <c>Status</c> body when it sent one. Subclasses name the cases callers handle.</summary>
internal class KubeApiException(int statusCode, string message, V1Status? status = null, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;

    public V1Status? Status { get; } = status;

    public string? Reason => Status?.Reason;
}
