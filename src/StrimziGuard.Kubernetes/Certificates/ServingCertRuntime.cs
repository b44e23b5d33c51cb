using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Leader;

namespace StrimziGuard.Kubernetes.Certificates;

/// <summary>
/// The self-rotating serving certificate in a running replica: every replica watches the serving Secret
/// (<see cref="ServingSecretSource"/>); whichever replica holds the Lease <c>strimzi-guard-serving-cert</c> also runs the
/// <see cref="ServingCertRotator"/>. A Lease of its own, not the controllers': certificates must keep rotating even while the
/// controllers are stuck or crash-looping, and the two jobs never need to be on one replica.
/// </summary>
public sealed class ServingCertRuntime : IAsyncDisposable
{
    public const string LeaseName = "strimzi-guard-serving-cert";

    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> running = [];
    private readonly LeaderElector elector;
    private readonly ServingCertRotator rotator;

    public ServingCertRuntime(IKubeApiClient client, string identity, ServingCertOptions? options = null, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        var o = options ?? new ServingCertOptions();
        SecretName = $"{o.Namespace}/{o.ServingSecretName}";
        var logger = loggers?.CreateLogger("StrimziGuard.ServingCertificate") ?? NullLogger.Instance;
        Source = new ServingSecretSource(client, o, logger);
        rotator = new ServingCertRotator(client, o, time, logger);
        elector = new LeaderElector(client, new LeaderElectionOptions(o.Namespace, LeaseName, identity), time, loggers?.CreateLogger("StrimziGuard.Leader"));
    }

    public ServingSecretSource Source { get; }

    /// <summary>namespace/name of the serving Secret, for messages.</summary>
    public string SecretName { get; }

    public bool IsRotating => elector.IsLeader;

    public void Start()
    {
        running.Add(Source.RunAsync(stop.Token));
        running.Add(elector.RunAsync(stop.Token));
        running.Add(RotateWhileLeadingAsync(stop.Token));
    }

    /// <summary>The first usable certificate from the Secret (the leader creates it on a fresh install), or null when <paramref name="timeout"/> passes.</summary>
    public async Task<IssuedCertificate?> WaitForCertificateAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (Source.Current is { } now) return now;
        var arrived = new TaskCompletionSource<IssuedCertificate>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUpdated(IssuedCertificate c) => arrived.TrySetResult(c);
        Source.Updated += OnUpdated;
        try
        {
            if (Source.Current is { } raced) return raced;
            return await arrived.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            Source.Updated -= OnUpdated;
        }
    }

    private async Task RotateWhileLeadingAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var leadership = await elector.WhenLeaderAsync(ct).ConfigureAwait(false);
                using var term = CancellationTokenSource.CreateLinkedTokenSource(ct, leadership);
                await rotator.RunAsync(term.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down.
        }
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
            // Stopping; the elector releases the Lease when it can, and the next leader resumes from the Secrets.
        }
        stop.Dispose();
    }
}
