using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>429: API priority and fairness (or a webhook) asked us to back off. The request was not processed, so any verb may retry.</summary>
internal sealed class KubeTooManyRequestsException(string message, TimeSpan? retryAfter, V1Status? status = null) : KubeApiException(429, message, status)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
