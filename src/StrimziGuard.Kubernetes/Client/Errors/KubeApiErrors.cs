using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using V1Status = k8s.Models.V1Status;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// Turns KubernetesClient's <see cref="HttpOperationException"/> (and watch ERROR events) into the typed exception for the answer, from
/// its <c>Status</c> body. 409 is split by <c>reason</c>, as client-go's <c>IsAlreadyExists</c>/<c>IsConflict</c> do.
/// </summary>
internal static class KubeApiErrors
{
    public static KubeApiException From(HttpOperationException e, string what)
    {
        var code = (int)(e.Response?.StatusCode ?? HttpStatusCode.InternalServerError);
        var body = e.Response?.Content ?? "";
        V1Status? status = null;
        try
        {
            status = body.TrimStart().StartsWith('{') ? KubernetesJson.Deserialize<V1Status>(body) : null;
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; the status code still says what happened.
        }
        status ??= new V1Status { Status = "Failure", Code = code, Message = body.Length > 200 ? body[..200] : body };
        return From(code, status, what, RetryAfter(e.Response?.Headers));
    }

    public static KubeApiException From(int code, V1Status? status, string what, TimeSpan? retryAfter = null)
    {
        var message = $"{what}: {code} {status?.Reason ?? "error"}: {status?.Message ?? "(no Status body)"}";
        return code switch
        {
            404 => new KubeNotFoundException(message, status),
            409 when status?.Reason == "AlreadyExists" => new KubeAlreadyExistsException(message, status),
            409 => new KubeConflictException(message, status),
            410 => new KubeGoneException(message, status),
            401 => new KubeUnauthorizedException(message + "; check the token, exec plugin or client certificate in the kubeconfig", status),
            403 => new KubeForbiddenException(message + "; grant this verb and resource to the service account (RBAC)", status),
            422 => new KubeInvalidException(message, status),
            429 => new KubeTooManyRequestsException(message, retryAfter ?? Seconds(status?.Details?.RetryAfterSeconds), status),
            >= 500 => new KubeServerErrorException(code, message, status),
            _ => new KubeApiException(code, message, status),
        };
    }

    private static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null || !headers.TryGetValue("Retry-After", out var values)) return null;
        var value = values.FirstOrDefault();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : null;
    }

    private static TimeSpan? Seconds(int? s) => s is { } v ? TimeSpan.FromSeconds(v) : null;
}
