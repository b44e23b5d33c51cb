using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StrimziGuard.Web;

/// <summary>
/// The pause between SIGTERM and closing the listener. A terminating pod leaves the webhook Service's endpoints only after the endpoint
/// controller and then the API server's service routing have caught up, a few seconds in which reviews keep arriving; a listener closed
/// at once refuses them, and the API server applies the failure policy to unrelated applies. During the pause the server keeps
/// answering, reports not ready, and closes each connection after its response, so the caller's next request dials a pod that stays.
/// </summary>
internal sealed class ShutdownDrain(TimeSpan delay, ILogger logger) : IHostedLifecycleService
{
    /// <summary>Longer than any endpoint propagation we know of, and well inside the pod's termination grace period.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    private readonly Lock gate = new();
    private volatile bool draining;
    private Task? drained;

    /// <summary>Set from the moment shutdown begins, whether by signal or by <see cref="WebhookServer.StopAsync"/>.</summary>
    public bool Draining => draining;

    /// <summary>
    /// Runs before Kestrel stops, bounded by the host's shutdown timeout (the token). Once only: after a signal the host stops itself and
    /// then <see cref="WebhookServer.StopAsync"/> stops it again, and a second pause would only delay the exit.
    /// </summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        lock (gate) return drained ??= PauseAsync(cancellationToken);
    }

    private async Task PauseAsync(CancellationToken cancellationToken)
    {
        draining = true;
        if (delay <= TimeSpan.Zero) return;
        WebLog.DrainStarted(logger, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now.
        }
        WebLog.DrainEnded(logger);
    }

    /// <summary>During the pause, <c>Connection: close</c> on every response: keep-alive callers reconnect, and land elsewhere.</summary>
    public RequestDelegate Middleware(RequestDelegate next) => context =>
    {
        if (draining) context.Response.Headers.Connection = "close";
        return next(context);
    };

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
