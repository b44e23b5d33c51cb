using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StrimziGuard.Kubernetes.Leader;

/// <summary>
/// The leader's work in one place (architecture §2): one Lease, held by one <see cref="LeaderElector"/>, and per leadership term one run of
/// every <see cref="ILeaderTask"/>, all on the term's token. The elector cancels that token the moment the term ends (another holder seen,
/// no renewal within RenewDeadline, shutdown), which is before the Lease can expire for another replica, so every task stops together;
/// the next term starts only once every task of the previous one has returned. Without an elector (one replica, tests) the one term lasts
/// until shutdown.
/// </summary>
public sealed class LeaderRuntime(LeaderElector? elector, IReadOnlyList<ILeaderTask> tasks, ILogger? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>How long a task that threw waits before it is started again within the same term.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(5);

    public LeaderElector? Elector => elector;

    public IReadOnlyList<ILeaderTask> Tasks => tasks;

    /// <summary>Holds the Lease (when there is an elector) and runs the terms until <paramref name="ct"/> is cancelled (shutdown).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var electing = elector?.RunAsync(ct) ?? Task.CompletedTask;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var leadership = elector is null ? CancellationToken.None : await elector.WhenLeaderAsync(ct).ConfigureAwait(false);
                using var term = CancellationTokenSource.CreateLinkedTokenSource(ct, leadership);
                await RunTermAsync(term.Token).ConfigureAwait(false);
                if (elector is null) return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            // The elector steps down (cancelling a term still running) and releases the Lease.
            await electing.ConfigureAwait(false);
        }
    }

    private async Task RunTermAsync(CancellationToken term)
    {
        if (term.IsCancellationRequested) return;
        LeaderLog.TermStarted(logger, string.Join(", ", tasks.Select(t => t.Name)));
        await Task.WhenAll(tasks.Select(t => RunTaskAsync(t, term))).ConfigureAwait(false);
        LeaderLog.TermEnded(logger);
    }

    /// <summary>One task for one term. A task that throws is logged and started again: one task's bug never stops the others.</summary>
    private async Task RunTaskAsync(ILeaderTask task, CancellationToken term)
    {
        while (!term.IsCancellationRequested)
        {
            try
            {
                await task.RunAsync(term).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (term.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (term.IsCancellationRequested) return;
                LeaderLog.TaskFailed(logger, task.Name, RestartDelay, e);
            }
            try
            {
                await Task.Delay(RestartDelay, term).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
