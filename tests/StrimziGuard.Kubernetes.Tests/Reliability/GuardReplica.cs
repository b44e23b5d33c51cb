using StrimziGuard.Core;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// One guard replica as serve runs it against a cluster: its own watch caches, a LeaderElector on the shared Lease, and a
/// ControllerManager running GuardControllers while it leads. It presents its identity as bearer token, so the fake API server's request
/// log (a test double, not a cluster) tells its requests from another replica's and from the operator's.
/// </summary>
internal sealed class GuardReplica : IAsyncDisposable
{
    public const string LeaseNamespace = "strimzi-guard";
    public const string LeaseName = "strimzi-guard";

    private readonly CancellationTokenSource stop = new();
    private readonly KubeApiClient client;
    private Task running = Task.CompletedTask;

    public GuardReplica(FakeApiServer fake, string identity)
    {
        Identity = identity;
        client = new KubeApiClient(fake.KubeConfig(identity), new KubeClientOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200), RequestTimeout = TimeSpan.FromSeconds(5),
        });
        Caches = ClusterCaches.Create(client, new ClusterCacheOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), SnapshotDebounce = TimeSpan.FromMilliseconds(10) });
        Elector = new LeaderElector(client, new LeaderElectionOptions(LeaseNamespace, LeaseName, identity)
        {
            LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(100),
        });
        Elector.StoppedLeading += () => StoppedLeadingAt ??= fake.Requests.Total;
    }

    public string Identity { get; }

    public ClusterCaches Caches { get; }

    public LeaderElector Elector { get; }

    /// <summary>The request log's length when this replica saw it no longer leads: every later request of ours arrived after it knew.</summary>
    public int? StoppedLeadingAt { get; private set; }

    public void Start()
    {
        var manager = new ControllerManager(client, Caches.Snapshots, GuardControllers.Create(() => GuardOptions.Default),
            new ControllerManagerOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(500) });
        running = Task.WhenAll(Caches.RunAsync(stop.Token), Elector.RunAsync(stop.Token), manager.RunAsync(Elector, stop.Token));
    }

    /// <summary>A crash as far as the cluster can tell: everything stops; the Lease is released like a SIGTERM'd pod does.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
        client.Dispose();
    }
}
