using StrimziGuard.Core.Options;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Reliability;

/// <summary>
/// One guard replica as serve runs it against a cluster: its own watch caches, and a LeaderRuntime holding the shared Lease that runs
/// GuardControllers (a ControllerManager) in every term it leads. It presents its identity as bearer token, so the fake API server's request
/// log (a test double, not a cluster) tells its requests from another replica's and from the operator's.
/// </summary>
internal sealed class GuardReplica : IAsyncDisposable
{
    public const string LeaseNamespace = "strimzi-guard";
    public const string LeaseName = "strimzi-guard";

    private readonly CancellationTokenSource stop = new();
    private readonly KubeApiClient client;
    private Task running = Task.CompletedTask;
    private int stoppedLeadingAt = -1;

    public GuardReplica(FakeApiServer fake, string identity)
    {
        Identity = identity;
        var config = fake.KubeConfig(identity);
        var sent = new SentWrites(() => StoppedLeadingAt is not null);
        WritesSentAfterLoss = sent.AfterLoss;
        client = new KubeApiClient(config, new KubeClientOptions
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(20), RetryMaxDelay = TimeSpan.FromMilliseconds(200), RequestTimeout = TimeSpan.FromSeconds(5),
        }, logger: null, sent);
        Caches = ClusterCaches.Create(client, new ClusterCacheOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(20), SnapshotDebounce = TimeSpan.FromMilliseconds(10) });
        Elector = new LeaderElector(client, new LeaderElectionOptions(LeaseNamespace, LeaseName, identity)
        {
            LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromMilliseconds(100),
        });
        Elector.StoppedLeading += () => Interlocked.CompareExchange(ref stoppedLeadingAt, fake.Requests.Total, -1);
    }

    public string Identity { get; }

    public ClusterCaches Caches { get; }

    public LeaderElector Elector { get; }

    /// <summary>The request log's length when this replica saw it no longer leads: every later request of ours arrived after it knew.</summary>
    public int? StoppedLeadingAt => Volatile.Read(ref stoppedLeadingAt) is var at and >= 0 ? at : null;

    /// <summary>
    /// Writes (other than to the Lease) that left this replica, with a live token, after StoppedLeading was raised. The server's log
    /// records arrival, so it cannot tell a write sent after the loss from one already on the wire; the sending side can.
    /// </summary>
    public IReadOnlyCollection<string> WritesSentAfterLoss { get; }

    public void Start()
    {
        var manager = new ControllerManager(client, Caches.Snapshots, GuardControllers.Create(() => GuardOptions.Default),
            new ControllerManagerOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(500) });
        running = Task.WhenAll(Caches.RunAsync(stop.Token), new LeaderRuntime(Elector, [manager]).RunAsync(stop.Token));
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

/// <summary>Notes each write that leaves the replica with a live token once the replica knows it lost the Lease.</summary>
internal sealed class SentWrites(Func<bool> lost) : DelegatingHandler
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> afterLoss = new();

    public IReadOnlyCollection<string> AfterLoss => afterLoss;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var write = request.Method != HttpMethod.Get && !(request.RequestUri?.AbsolutePath.Contains("/leases", StringComparison.Ordinal) ?? false);
        if (write && lost() && !cancellationToken.IsCancellationRequested) afterLoss.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        return base.SendAsync(request, cancellationToken);
    }
}
