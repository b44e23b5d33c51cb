using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Web;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>serve</c> against a real cluster: watch caches feed the admission snapshot on every replica, and the controllers run only on the
/// replica that holds the Lease. Admission never calls the API; only the caches and the controllers do.
/// </summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    private readonly KubeApiClient client;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> running = [];

    private ClusterCaches? caches;

    private LiveCluster(KubeApiClient client) => this.client = client;

    /// <summary>The process's one API client and identity: caches, leader election, controllers and the serving certificate share it.</summary>
    public IKubeApiClient Client => client;

    public RollSignals Rolls { get; } = new();

    public ISnapshotProvider Snapshots => new LiveSnapshotProvider(() => Volatile.Read(ref caches));

    /// <summary>Reads the credentials (kubeconfig, or in-cluster); a bad or missing configuration is a usage error. Nothing runs yet.</summary>
    public static LiveCluster Connect(string? kubeconfig, string? context)
    {
        try
        {
            return new LiveCluster(KubeClientFactory.Create(kubeconfig, context));
        }
        catch (KubeConfigException e)
        {
            throw new UsageException($"serve: {e.Message}; or use --dev or --cluster-state to run without a cluster");
        }
    }

    /// <summary>Queues the work admission asked for; today that is the ca-generation controller's trust-roll signal.</summary>
    public void OnTrigger(ReconcileTrigger trigger)
    {
        if (trigger.Controller == PodRollTriggerPolicy.Controller) Rolls.Signal(trigger.Namespace, trigger.Name);
    }

    /// <summary>
    /// Starts the watches (every replica), leader election and, while leading, every controller, reading options from the server's live
    /// configuration and exporting their gauges on the server's meter.
    /// </summary>
    public void Start(WebhookServer server, ILoggerFactory loggers)
    {
        // The caches watch the namespaces of the configuration at start-up; a changed watchNamespaces comes with changed RBAC and webhook
        // selectors (kubectl apply -k) and takes effect with a restart of the pods (README, "Configure").
        var started = ClusterCaches.Create(client, new ClusterCacheOptions { Namespaces = server.Config.Current.WatchNamespaces }, loggers);
        Volatile.Write(ref caches, started);
        running.Add(started.RunAsync(stop.Token));
        CaGenerationMetrics.Register(server.Metrics.Meter, () => started.Snapshots.Current);

        // The pod name (downward API) in a cluster; elsewhere the host plus a random suffix, so two local runs never share an identity.
        var identity = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";
        var lease = new LeaderElectionOptions(Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "strimzi-guard", "strimzi-guard-leader", identity);
        var elector = new LeaderElector(client, lease, logger: loggers.CreateLogger("StrimziGuard.Leader"));
        var controllers = GuardControllers.Create(() => server.Config.Current, loggers, server.Metrics.Meter, Rolls);
        var manager = new ControllerManager(client, started.Snapshots, controllers, logger: loggers.CreateLogger("StrimziGuard.Controllers"));
        running.Add(elector.RunAsync(stop.Token));
        running.Add(manager.RunAsync(elector, stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopping; the Lease is released by the elector when it can be.
        }
        client.Dispose();
        stop.Dispose();
    }
}
