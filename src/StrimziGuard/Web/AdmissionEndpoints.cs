using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Web;

/// <summary>
/// The only code that turns HTTP into admission reviews and back. Bad input gets a status and a one-line reason inside an
/// AdmissionReview (413 over 7 MiB, 400 for a missing or non-JSON content type, an unreadable body or a non-v1 review); the uid is
/// echoed whenever the body had one; an unexpected exception becomes an errored review for that uid, never a stack trace.
/// Every answer carries a Content-Length, is counted in the metrics and gets one audit line.
/// </summary>
internal sealed class AdmissionEndpoints(
    AdmissionDispatcher dispatcher, ISnapshotProvider snapshots, ConfigSource config, GuardMetrics metrics, AuditWriter audit,
    TimeSpan requestTimeout, ILogger logger, Action<ReconcileTrigger>? onTrigger = null)
{
    /// <summary>controller-runtime's cap: two objects of up to 3 MiB (etcd's limit is 1.5 MiB each, with headroom) plus 1 MiB of envelope.</summary>
    public const long MaxBodyBytes = 7 * 1024 * 1024;

    private static readonly FrozenSet<string> Kinds = KnownKinds.All.Select(k => k.Kind).ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Operations = new[] { "CREATE", "UPDATE", "DELETE", "CONNECT" }.ToFrozenSet(StringComparer.Ordinal);

    public RequestDelegate For(WebhookPath webhook)
    {
        var path = webhook.Path;
        return context => context.Request.IsHttps ? Handle(context, webhook, path) : NotFound(context);
    }

    private async Task Handle(HttpContext context, WebhookPath webhook, string path)
    {
        var start = Stopwatch.GetTimestamp();
        metrics.Started();
        var (operation, kind, decisionName) = ("unknown", "unknown", "invalid");
        string? uid = null;
        try
        {
            var (status, error) = CheckHeaders(context.Request);
            if (status != 0)
            {
                await Reject(context, path, status, error!, null, start);
                return;
            }
            var (body, length, tooLarge) = await ReadBody(context);
            if (tooLarge)
            {
                await Reject(context, path, StatusCodes.Status413PayloadTooLarge, TooLarge, null, start);
                return;
            }
            try
            {
                // Read in place: the review's objects are the pooled body itself, so both stay ours until the answer and the audit
                // line are written; the parse is disposed before the body goes back to the pool.
                using var read = AdmissionReviewCodec.ReadInPlace(body.AsMemory(0, length));
                uid = read.Uid;
                if (read.Review?.Request is not { } request)
                {
                    await Reject(context, path, StatusCodes.Status400BadRequest, read.Error ?? "unreadable AdmissionReview", uid, start);
                    return;
                }
                operation = Operations.TryGetValue(request.Operation, out var op) ? op : "other";
                kind = request.Kind is { } k && Kinds.TryGetValue(k.Kind, out var known) ? known : "other";

                var decision = dispatcher.Review(request, snapshots.Current, config.Current, webhook);
                decisionName = Name(decision.Outcome);
                // Before answering: the API server persists the delete only after our answer, so the controller sees the signal first.
                for (var t = 0; t < decision.Triggers.Count; t++) onTrigger?.Invoke(decision.Triggers[t]);
                await Respond(context, StatusCodes.Status200OK, AdmissionReviewCodec.WriteToThreadBuffer(request.Uid, decision));
                audit.Write(new AuditEntry(path, request, request.Uid, decision, decisionName, Stopwatch.GetElapsedTime(start).TotalSeconds), AuditEntry.Properties);
                // Indexed: a foreach over the interface boxed an enumerator for every review.
                for (var i = 0; i < decision.Findings.Count; i++)
                {
                    var f = decision.Findings[i];
                    if (f.Outcome == FindingOutcome.Errored) WebLog.PolicyErrored(logger, request.Uid, path, f.PolicyId, f.Reason);
                    if (f.Outcome != FindingOutcome.Allowed) metrics.Finding(f.PolicyId, f.Outcome.Name());
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // Kestrel's own limits: a body over the cap sent chunked (413), or one that arrives too slowly (408).
            var reason = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge : $"the request body could not be read: {e.Message}";
            await Reject(context, path, e.StatusCode, reason, uid, start);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            decisionName = "aborted"; // the caller hung up; there is no one to answer
        }
        catch (OperationCanceledException) when (!context.Response.HasStarted)
        {
            await Reject(context, path, StatusCodes.Status408RequestTimeout, $"the request body did not arrive within {requestTimeout.TotalSeconds:0.#} s", uid, start);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            decisionName = "errored";
            WebLog.AdmissionFailed(logger, uid ?? "", path, e);
            if (!context.Response.HasStarted)
            {
                var decision = Decision.Error(500, $"internal error in the guard's webhook server (request {uid ?? "without uid"}); the guard logged it");
                await Respond(context, StatusCodes.Status200OK, AdmissionReviewCodec.WriteToThreadBuffer(uid ?? "", decision));
                audit.Write(new AuditEntry(path, null, uid, decision, decisionName, Stopwatch.GetElapsedTime(start).TotalSeconds), AuditEntry.Properties);
            }
        }
        finally
        {
            metrics.Finished(path, operation, kind, decisionName, start);
        }
    }

    private static readonly string TooLarge = $"the request body is larger than {MaxBodyBytes / (1024 * 1024)} MiB";

    private static (int Status, string? Error) CheckHeaders(HttpRequest request)
    {
        if (request.ContentType is not { Length: > 0 } type)
            return (StatusCodes.Status400BadRequest, "Content-Type is missing; send application/json");
        var media = type.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0) media = media[..semicolon];
        if (!media.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return (StatusCodes.Status400BadRequest, $"Content-Type is '{type}'; only application/json is accepted");
        if (request.ContentLength > MaxBodyBytes) return (StatusCodes.Status413PayloadTooLarge, TooLarge);
        return (0, null);
    }

    /// <summary>The whole body in a pooled array. The deadline only arms when the body has not already arrived with the headers.</summary>
    private async ValueTask<(byte[] Body, int Length, bool TooLarge)> ReadBody(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        CancellationTokenSource? deadline = null;
        CancellationTokenRegistration aborted = default;
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var result))
                {
                    if (deadline is null)
                    {
                        deadline = RentDeadline();
                        aborted = context.RequestAborted.UnsafeRegister(static d => ((CancellationTokenSource)d!).Cancel(), deadline);
                    }
                    result = await reader.ReadAsync(deadline.Token);
                }
                var buffer = result.Buffer;
                if (buffer.Length > MaxBodyBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    return ([], 0, true);
                }
                if (result.IsCompleted)
                {
                    // Length is read before AdvanceTo: afterwards the sequence's segments go back to Kestrel's pool and it means nothing.
                    var length = (int)buffer.Length;
                    var body = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                    buffer.CopyTo(body);
                    reader.AdvanceTo(buffer.End);
                    return (body, length, false);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            if (deadline is not null)
            {
                // Unregistered first (waiting for a cancel under way), so nothing cancels the source once it is back in the pool.
                aborted.Dispose();
                ReturnDeadline(deadline);
            }
        }
    }

    /// <summary>
    /// Deadlines for bodies that come in more than one read (a pod's 6 KB does), reused: a source linked to the request's abort and
    /// armed per request made four objects (the source, its timer, the link's registration) for most pod reviews.
    /// </summary>
    private readonly ConcurrentQueue<CancellationTokenSource> deadlines = new();

    private CancellationTokenSource RentDeadline()
    {
        if (!deadlines.TryDequeue(out var deadline)) deadline = new CancellationTokenSource();
        deadline.CancelAfter(requestTimeout);
        return deadline;
    }

    /// <summary>A source that never fired goes back to the pool (TryReset also stops its timer); a cancelled one is done with.</summary>
    private void ReturnDeadline(CancellationTokenSource deadline)
    {
        if (deadlines.Count < 256 && deadline.TryReset()) deadlines.Enqueue(deadline);
        else deadline.Dispose();
    }

    private async Task Reject(HttpContext context, string path, int status, string reason, string? uid, long start)
    {
        var decision = Decision.Error(status, reason);
        await Respond(context, status, AdmissionReviewCodec.WriteToThreadBuffer(uid ?? "", decision));
        audit.Write(new AuditEntry(path, null, uid, decision, "invalid", Stopwatch.GetElapsedTime(start).TotalSeconds), AuditEntry.Properties);
    }

    /// <summary>The answer copied into the response before anything is awaited (it may lie in the thread's buffer).</summary>
    private static ValueTask<FlushResult> Respond(HttpContext context, int status, ReadOnlySpan<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        response.BodyWriter.Write(body);
        return response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static string Name(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Allowed => "allowed",
        DecisionOutcome.Patched => "patched",
        DecisionOutcome.Denied => "denied",
        _ => "errored",
    };
}
