using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>
/// One controller's queue and worker for one leadership term: every new snapshot (and every resync) is shown to the controller
/// (<see cref="IController.Observe"/>) and queues all its keys; de-duplication keeps that cheap.
/// </summary>
internal sealed class ControllerLoop(IController controller, IKubeApiClient client, SnapshotSource snapshots, ControllerManagerOptions options, ILogger logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        using var queue = new WorkQueue(options.RetryBaseDelay, options.RetryMaxDelay);
        void Observe(ClusterSnapshot snapshot, bool resync)
        {
            try
            {
                controller.Observe(snapshot, resync);
            }
            catch (Exception e)
            {
                ControllerLog.ObserveFailed(logger, controller.Name, e);
            }
        }

        void Enqueue(ClusterSnapshot snapshot)
        {
            try
            {
                foreach (var key in controller.Keys(snapshot)) queue.Add(key);
            }
            catch (Exception e)
            {
                ControllerLog.KeysFailed(logger, controller.Name, e);
            }
        }

        void OnUpdated(ClusterSnapshot snapshot)
        {
            Observe(snapshot, resync: false);
            Enqueue(snapshot);
        }

        void Resync()
        {
            var snapshot = snapshots.Current;
            Observe(snapshot, resync: true);
            Enqueue(snapshot);
        }

        snapshots.Updated += OnUpdated;
        using var timer = new PeriodicTimer(options.ResyncPeriod);
        var resyncing = ResyncAsync(timer, Resync, ct);
        try
        {
            Resync();
            while (!ct.IsCancellationRequested)
            {
                var key = await queue.TakeAsync(ct).ConfigureAwait(false);
                try
                {
                    await controller.ReconcileAsync(key, new ControllerContext(client, snapshots.Current), ct).ConfigureAwait(false);
                    queue.Forget(key);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // A write that fails in the moment the term ends (a 409, a 422 precondition, a cut connection) ends the loop like a
                    // cancellation: escaping would fault the manager, and no later term would run the controllers on this replica.
                    if (ct.IsCancellationRequested)
                    {
                        ControllerLog.ReconcileFailed(logger, controller.Name, key, TimeSpan.Zero, e);
                        break;
                    }
                    var delay = queue.AddRateLimited(key);
                    ControllerLog.ReconcileFailed(logger, controller.Name, key, delay, e);
                }
                finally
                {
                    queue.Done(key);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Leadership ended or shutting down.
        }
        finally
        {
            snapshots.Updated -= OnUpdated;
            await resyncing.ConfigureAwait(false);
        }
    }

    private static async Task ResyncAsync(PeriodicTimer timer, Action resync, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) resync();
        }
        catch (OperationCanceledException)
        {
            // Stopped with the loop.
        }
    }
}
