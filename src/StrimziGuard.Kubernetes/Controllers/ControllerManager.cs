using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// Runs the controllers only while this replica leads (architecture §2): they start when the Lease is won, once the snapshot has
/// synced, and their token is cancelled the moment leadership is lost. Without an elector they run until shutdown (single replica, tests).
/// </summary>
public sealed class ControllerManager(IKubeApiClient client, SnapshotSource snapshots, IReadOnlyList<IController> controllers, ControllerManagerOptions? options = null, ILogger? logger = null)
{
    private readonly ControllerManagerOptions options = options ?? new ControllerManagerOptions();
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    public async Task RunAsync(LeaderElector? elector, CancellationToken ct)
    {
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
    }

    private async Task RunTermAsync(CancellationToken ct)
    {
        try
        {
            await snapshots.WaitForSyncAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        ControllerLog.Started(logger, controllers.Count);
        await Task.WhenAll(controllers.Select(c => new ControllerLoop(c, client, snapshots, options, logger).RunAsync(ct))).ConfigureAwait(false);
        ControllerLog.Stopped(logger);
    }
}
