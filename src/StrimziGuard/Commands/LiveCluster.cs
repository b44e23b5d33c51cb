using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using StrimziGuard.Core.Admission;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Config;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Kubernetes.Leader;
using StrimziGuard.Kubernetes.ServingCertificates;
using StrimziGuard.Kubernetes.Watch;
using StrimziGuard.Web;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>serve</c> against a real cluster, with one API client and one identity for the process. Every replica runs the watch caches that feed
/// the admission snapshot and watches the serving Secret; the replica holding the Lease <see cref="LeaseName"/> runs every leader task
/// (the serving-certificate rotation and the controllers) in one <see cref="LeaderRuntime"/>. Admission never calls the API.
/// Everything it starts stops in <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    public const string LeaseName = "strimzi-guard-leader";

    private readonly KubeApiClient client;
    private readonly ILoggerFactory loggers;
    private readonly ILoggerFactory? ownLoggers;
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> running = [];
    private readonly DeferredLeaderTask controllers = new("controllers");
    private IReadOnlyList<IController> active = [];
    private ClusterCaches? caches;
    private bool leading;

    private LiveCluster(KubeApiClient client, ILoggerFactory? loggers, bool rotateServingCertificate)
    {
        this.client = client;
        this.loggers = loggers ?? (ownLoggers = StandardErrorLoggers());
        // Read once, for the Lease and the serving certificate alike: the pod name and namespace (downward API) in a cluster; elsewhere
        // the host plus a random suffix, so two local runs never share an identity.
        Identity = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Guid.NewGuid():N}";
        var ns = Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "strimzi-guard";
        var leaderLogger = this.loggers.CreateLogger("StrimziGuard.Leader");
        var elector = new LeaderElector(client, new LeaderElectionOptions(ns, LeaseName, Identity), logger: leaderLogger);
        List<ILeaderTask> tasks = [controllers];
        if (rotateServingCertificate)
        {
            var options = new ServingCertOptions { Namespace = ns };
            var logger = this.loggers.CreateLogger("StrimziGuard.ServingCertificate");
            ServingSecret = new ServingSecretSource(client, options, logger);
            tasks.Insert(0, new ServingCertRotator(client, options, logger: logger));
        }
        Leader = new LeaderRuntime(elector, tasks, leaderLogger);
    }

    /// <summary>The process's one API client: caches, the Lease, the controllers and the serving certificate share it.</summary>
    public IKubeApiClient Client => client;

    public string Identity { get; }

    public LeaderRuntime Leader { get; }

    /// <summary>The serving Secret as read through the API on every replica; null when this process does not rotate its certificate.</summary>
    public ServingSecretSource? ServingSecret { get; }

    public ISnapshotProvider Snapshots => new LiveSnapshotProvider(() => Volatile.Read(ref caches));

    /// <summary>
    /// Reads the credentials (kubeconfig, or in-cluster); a bad or missing configuration is a usage error. Nothing runs yet.
    /// <paramref name="rotateServingCertificate"/>: serve's own certificate is issued and renewed by the leader (off for tests of the rest).
    /// </summary>
    public static LiveCluster Connect(string? kubeconfig, string? context, bool rotateServingCertificate = false, ILoggerFactory? loggers = null)
    {
        try
        {
            return new LiveCluster(KubeClientFactory.Create(kubeconfig, context), loggers, rotateServingCertificate);
        }
        catch (KubeConfigException e)
        {
            throw new UsageException($"serve: {e.Message}; or use --dev or --cluster-state to run without a cluster");
        }
    }

    /// <summary>Hands work admission asked for to the controller it names (today the ca-generation controller's trust-roll signal).</summary>
    public void OnTrigger(ReconcileTrigger trigger)
    {
        foreach (var controller in Volatile.Read(ref active))
        {
            if (controller.Accept(trigger)) return;
        }
    }

    /// <summary>
    /// Starts watching the serving Secret and leading: before the web host exists, because on a fresh install the leader issues the
    /// certificate the host starts with. The controllers wait, within each term, until <see cref="Start(WebhookServer)"/> supplies them.
    /// </summary>
    public void Start()
    {
        if (leading) return;
        leading = true;
        if (ServingSecret is not null) running.Add(ServingSecret.RunAsync(stop.Token));
        running.Add(Leader.RunAsync(stop.Token));
    }

    /// <summary>
    /// Starts the watches (every replica) and gives the leader its controllers, which read options from the server's live configuration
    /// and export their gauges on the server's meter.
    /// </summary>
    public void Start(WebhookServer server)
    {
        Start();
        // The caches watch the namespaces of the configuration at start-up; a changed watchNamespaces comes with changed RBAC and webhook
        // selectors (kubectl apply -k) and takes effect with a restart of the pods (README, "Configure").
        var started = ClusterCaches.Create(client, new ClusterCacheOptions { Namespaces = server.Config.Current.WatchNamespaces }, loggers);
        Volatile.Write(ref caches, started);
        running.Add(started.RunAsync(stop.Token));
        CaGenerationMetrics.Register(server.Metrics.Meter, () => started.Snapshots.Current);
        var guard = GuardControllers.Create(() => server.Config.Current, loggers, server.Metrics.Meter);
        Volatile.Write(ref active, guard);
        controllers.Supply(new ControllerManager(client, started.Snapshots, guard, logger: loggers.CreateLogger("StrimziGuard.Controllers")));
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
            // Stopping; the elector releases the Lease when it can, and the next leader resumes from cluster state.
        }
        foreach (var controller in active) (controller as IDisposable)?.Dispose();
        client.Dispose();
        ownLoggers?.Dispose();
        stop.Dispose();
    }

    /// <summary>JSON lines on stderr, as the web host logs: stdout carries only audit lines.</summary>
    private static ILoggerFactory StandardErrorLoggers() => LoggerFactory.Create(b =>
    {
        b.AddJsonConsole(o => o.UseUtcTimestamp = true).AddFilter((_, level) => level >= LogLevel.Information);
        b.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
