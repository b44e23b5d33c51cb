using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Models;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// Sends one call with authentication, a timeout, and retries where repeating is safe: reads on 5xx, network errors and timeouts,
/// any verb on 429 (the server did not process it). Error answers become typed exceptions from their Status body.
/// </summary>
internal sealed partial class KubeHttpTransport(HttpClient http, KubeConfig config, KubeClientOptions options, ILogger logger)
{
    /// <summary>
    /// Sends <paramref name="request"/> and hands the successful response to <paramref name="read"/> under the call's timeout source.
    /// When <paramref name="keepOpen"/> is set, <paramref name="read"/> takes ownership of the response and the timeout source (watch streams).
    /// </summary>
    public async Task<T> SendAsync<T>(KubeRequest request, Func<HttpResponseMessage, CancellationTokenSource, Task<T>> read, CancellationToken ct, bool keepOpen = false)
    {
        var reauthenticated = false;
        for (var attempt = 0; ; attempt++)
        {
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout);
            HttpResponseMessage? response = null;
            var owned = false;
            try
            {
                using var message = Build(request);
                response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    var result = await read(response, timeout).ConfigureAwait(false);
                    owned = keepOpen;
                    return result;
                }
                var error = await ErrorFrom(response, request, timeout.Token).ConfigureAwait(false);
                if (error is KubeUnauthorizedException && !reauthenticated && config.Token is { } token)
                {
                    // A rotated token file: read it again once before giving up.
                    token.Invalidate();
                    reauthenticated = true;
                    attempt--;
                    continue;
                }
                if (attempt >= options.MaxRetries || !Retryable(error, request)) throw error;
                var delay = error is KubeTooManyRequestsException { RetryAfter: { } after } ? Min(after, options.MaxRetryAfter) : Backoff(attempt);
                LogRetry(logger, request.What, error.StatusCode, attempt + 1, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (request.Idempotent && attempt < options.MaxRetries && !ct.IsCancellationRequested)
            {
                LogTransportRetry(logger, request.What, e.Message, attempt + 1);
                await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                if (!request.Idempotent || attempt >= options.MaxRetries)
                    throw new TimeoutException($"{request.What}: no answer from {config.Server} within {options.RequestTimeout.TotalSeconds:0.#} s");
                LogTransportRetry(logger, request.What, "timed out", attempt + 1);
            }
            finally
            {
                if (!owned)
                {
                    response?.Dispose();
                    timeout.Dispose();
                }
            }
        }
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync<T>(stream, KubeJson.Options, ct).ConfigureAwait(false)
            ?? throw new JsonException($"the API server answered null where a {typeof(T).Name} was expected");
    }

    private HttpRequestMessage Build(KubeRequest request)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(config.Server, request.PathAndQuery));
        message.Headers.Accept.ParseAdd(request.Accept ?? KubeRequest.Json);
        message.Headers.UserAgent.ParseAdd(options.UserAgent);
        if (config.Token?.GetToken() is { } token) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? KubeRequest.Json);
        }
        return message;
    }

    private static async Task<KubeApiException> ErrorFrom(HttpResponseMessage response, KubeRequest request, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        V1Status? status = null;
        try
        {
            status = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<V1Status>(body, KubeJson.Options) : null;
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; the status code still says what happened.
        }
        status ??= new V1Status { Status = "Failure", Code = (int)response.StatusCode, Message = body.Length > 200 ? body[..200] : body };
        return KubeApiErrors.From((int)response.StatusCode, status, request.What, RetryAfter(response.Headers.RetryAfter));
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private static bool Retryable(KubeApiException error, KubeRequest request) => error switch
    {
        KubeTooManyRequestsException => true,
        KubeServerErrorException => request.Idempotent,
        _ => false,
    };

    /// <summary>Exponential with "equal jitter": at least half the step, so retries spread out but never hammer.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = Min(options.RetryBaseDelay * Math.Pow(2, attempt), options.RetryMaxDelay);
        return step / 2 + step / 2 * Random.Shared.NextDouble();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} answered {StatusCode}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string what, int statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} failed ({Reason}); retry {Attempt}")]
    private static partial void LogTransportRetry(ILogger logger, string what, string reason, int attempt);
}
