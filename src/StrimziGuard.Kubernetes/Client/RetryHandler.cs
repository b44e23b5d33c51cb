using System.Net;
using Microsoft.Extensions.Logging;

namespace StrimziGuard.Kubernetes.Client;

/// <summary>
/// In KubernetesClient's HTTP pipeline: a timeout per attempt, and retries where repeating is safe. Reads (GET) are retried on 5xx,
/// network errors and timeouts; any verb on 429, which the server did not process, honouring its Retry-After (capped). A plain handler
/// rather than Polly or Microsoft.Extensions.Http.Resilience: these rules are ours and fit in it, without another dependency.
/// </summary>
internal sealed partial class RetryHandler(KubeClientOptions options, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var idempotent = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        var watch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, timeout.Token).ConfigureAwait(false);
                // A body is read under the same timeout, so a stalled answer is retried like a missing one; a watch streams on.
                if (!watch) response.Content = await BufferAsync(response.Content, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (idempotent && attempt < options.MaxRetries && !cancellationToken.IsCancellationRequested)
            {
                LogTransportRetry(logger, What(request), e.Message, attempt + 1);
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!idempotent || attempt >= options.MaxRetries)
                    throw new TimeoutException($"{What(request)}: no answer from {request.RequestUri?.Authority} within {options.RequestTimeout.TotalSeconds:0.#} s");
                LogTransportRetry(logger, What(request), "timed out", attempt + 1);
                continue;
            }
            var code = (int)response.StatusCode;
            if (attempt >= options.MaxRetries || !(code == (int)HttpStatusCode.TooManyRequests || (code >= 500 && idempotent))) return response;
            var delay = code == 429 && RetryAfter(response) is { } after ? Min(after, options.MaxRetryAfter) : Backoff(attempt);
            response.Dispose();
            LogRetry(logger, What(request), code, attempt + 1, delay);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The body read into a buffer of its own rather than by <c>LoadIntoBufferAsync</c>, whose buffers come from the shared array pool and
    /// stay there: the start-up lists left about 50 MB of 1 and 16 MiB arrays pooled for good at 10,000 pods. These are collected.
    /// </summary>
    private static async Task<HttpContent> BufferAsync(HttpContent content, CancellationToken ct)
    {
        var body = new MemoryStream();
        await using (var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false))
            await stream.CopyToAsync(body, ct).ConfigureAwait(false);
        var buffered = new ByteArrayContent(body.GetBuffer(), 0, (int)body.Length);
        foreach (var (name, values) in content.Headers) buffered.Headers.TryAddWithoutValidation(name, values);
        content.Dispose();
        return buffered;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    /// <summary>Exponential with "equal jitter": at least half the step, so retries spread out but never hammer.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = Min(options.RetryBaseDelay * Math.Pow(2, attempt), options.RetryMaxDelay);
        return step / 2 + step / 2 * Random.Shared.NextDouble();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string What(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} answered {StatusCode}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string what, int statusCode, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{What} failed ({Reason}); retry {Attempt}")]
    private static partial void LogTransportRetry(ILogger logger, string what, string reason, int attempt);
}
