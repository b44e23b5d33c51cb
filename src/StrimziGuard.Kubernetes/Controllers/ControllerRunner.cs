using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Watch;

namespace StrimziGuard.Kubernetes.Controllers;

/// <summary><c>reconcile --once</c>: one full pass of every controller over every key, against a live API server, reporting the writes made.</summary>
public static class ControllerRunner
{
    /// <summary>Lists the cluster state once (as the caches would see it), then runs the pass. With no controllers it reads nothing and reports no writes.</summary>
    public static async Task<ReconcileReport> RunOnceAsync(IKubeApiClient client, IReadOnlyList<IController> controllers, CancellationToken ct, ClusterCacheOptions? cacheOptions = null)
    {
        if (controllers.Count == 0) return new ReconcileReport([], [], 0);
        var snapshot = await ClusterCaches.Create(client, cacheOptions).LoadOnceAsync(ct).ConfigureAwait(false);
        return await RunOnceAsync(client, controllers, snapshot, ct).ConfigureAwait(false);
    }

    /// <summary>One pass over a given snapshot. A failing key is recorded and the pass goes on.</summary>
    public static async Task<ReconcileReport> RunOnceAsync(IKubeApiClient client, IReadOnlyList<IController> controllers, ClusterSnapshot snapshot, CancellationToken ct)
    {
        var recording = new RecordingKubeApiClient(client);
        var context = new ControllerContext(recording, snapshot);
        var failures = new List<ReconcileFailure>();
        var keys = 0;
        foreach (var controller in controllers)
        {
            controller.Observe(snapshot, resync: true);
            foreach (var key in controller.Keys(snapshot).Distinct())
            {
                keys++;
                try
                {
                    await controller.ReconcileAsync(key, context, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    failures.Add(new ReconcileFailure(controller.Name, key, e.Message));
                }
            }
        }
        return new ReconcileReport(recording.Writes, failures, keys);
    }
}
