using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>Turns an error answer into the typed exception for it. 409 is split by <c>reason</c>, as client-go's <c>IsAlreadyExists</c>/<c>IsConflict</c> do.</summary>
internal static class KubeApiErrors
{
    public static KubeApiException From(int code, V1Status? status, string what, TimeSpan? retryAfter = null)
    {
        var message = $"{what}: {code} {status?.Reason ?? "error"}: {status?.Message ?? "(no Status body)"}";
        return code switch
        {
            404 => new KubeNotFoundException(message, status),
            409 when status?.Reason == "AlreadyExists" => new KubeAlreadyExistsException(message, status),
            409 => new KubeConflictException(message, status),
            410 => new KubeGoneException(message, status),
            401 => new KubeUnauthorizedException(message + "; check the token or client certificate in the kubeconfig", status),
            403 => new KubeForbiddenException(message + "; grant this verb and resource to the service account (RBAC)", status),
            422 => new KubeInvalidException(message, status),
            429 => new KubeTooManyRequestsException(message, retryAfter ?? Seconds(status?.Details?.RetryAfterSeconds), status),
            >= 500 => new KubeServerErrorException(code, message, status),
            _ => new KubeApiException(code, message, status),
        };
    }

    private static TimeSpan? Seconds(int? s) => s is { } v ? TimeSpan.FromSeconds(v) : null;
}
